// A measure owner's page of measures for one principle, and its receipt. Unlike the pulse, these are
// pre-filled with the last answer (WCAG 2.2 redundant entry) and every input on the page is required.
import { percentOf, type AnswerProblem, type MeasureValue } from '../domain/answers.js';
import { maturityLevels, type Measure, type Scale } from '../domain/catalogue.js';
import type { Text } from '../text/index.js';
import { expandCard, type AdaptiveCard, type CardAction } from './card.js';
import { formatLocalDate, type PulseReason } from './pulse-cards.js';

export type MeasureInputView = {
  id: string;
  label: string;
  description: string;
  scale: Scale;
  target?: number;
  /** UTC ISO. */
  lastAnsweredOn?: string;
  evidence: string;
};

/** What a measures card shows of a catalogue measure; `lastAnsweredOn` is UTC ISO. */
export function measureInputOf(measure: Measure, lastAnsweredOn?: string): MeasureInputView {
  return {
    id: measure.id,
    label: measure.label,
    description: measure.description,
    scale: measure.scale,
    evidence: measure.evidence,
    ...(measure.target !== undefined ? { target: measure.target } : {}),
    ...(lastAnsweredOn ? { lastAnsweredOn } : {}),
  };
}

export type MeasuresView = {
  weekOf: string;
  timeZone: string;
  unitName: string;
  principleName: string;
  page: number;
  pages: number;
  reason: PulseReason;
  measures: MeasureInputView[];
  /** Raw input values to show: pre-filled from the last answer, or kept after a problem. Keys are input ids. */
  values: Record<string, string>;
  /** `field` is the input id: 'p1-partner-seats', 'p1-partner-seats.numerator', … */
  problems?: AnswerProblem[];
  submit: CardAction;
  /** Buttons to other pages, so an owner can move around; may be empty. */
  pagesNav: CardAction[];
};

// One shape for both kinds, so that every binding in the template resolves whichever kind it is.
type Input = {
  kind: 'choice' | 'number';
  id: string;
  label: string;
  error: string;
  value: string | number;
  hasValue: boolean;
  choices: Choice[];
};
type Choice = { title: string; value: string };

const yesNoChoices = ['yes', 'no', 'notApplicable'] as const;

// Input.Number takes a number; anything else the person sent cannot be shown in it, so it is left empty.
function numberInput(id: string, label: string, error: string, raw: string | undefined): Input {
  const value = raw !== undefined && /^\s*-?\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : '';
  return { kind: 'number', id, label, error, value, hasValue: value !== '', choices: [] };
}

function inputsOf(text: Text, measure: MeasureInputView, values: Record<string, string>): Input[] {
  const t = text.checkins;
  const { id } = measure;
  const choice = (label: string, choices: Choice[]): Input => {
    const value = choices.find((option) => option.value === values[id])?.value ?? '';
    return { kind: 'choice', id, label, error: t.chooseError, value, hasValue: value !== '', choices };
  };
  switch (measure.scale) {
    case 'maturity':
      return [
        choice(
          t.maturityLabel,
          maturityLevels.map((level) => {
            const { name, definition } = t.maturityLevels[level];
            return { title: t.maturityChoice(name, definition), value: level };
          }),
        ),
      ];
    case 'yesNo':
      return [
        choice(
          t.yesNoLabel,
          yesNoChoices.map((value) => ({ title: t.periodChoices[value], value })),
        ),
      ];
    case 'count':
      return [numberInput(id, t.countLabel, t.numberError, values[id])];
    case 'percent':
      return [
        numberInput(`${id}.numerator`, t.numeratorLabel, t.numberError, values[`${id}.numerator`]),
        numberInput(`${id}.denominator`, t.denominatorLabel, t.numberError, values[`${id}.denominator`]),
      ];
  }
}

/** "Target: 80%" for a percentage, "Target: at least 5" for a count. */
function targetWords(text: Text, scale: Scale, target: number): string {
  if (scale === 'percent') return `${target}%`;
  if (scale === 'count') return text.checkins.targetAtLeast(target);
  return String(target);
}

/** Names the measure, and which of its two numbers when it is a percentage. */
function measureProblem(text: Text, measures: MeasureInputView[], problem: AnswerProblem): string {
  const t = text.checkins;
  const [id = '', part] = problem.field.split('.');
  const label = measures.find((measure) => measure.id === id)?.label ?? id;
  const partLabel =
    part === 'numerator' ? t.numeratorLabel : part === 'denominator' ? t.denominatorLabel : '';
  const what =
    partLabel && problem.problem !== 'numeratorOverDenominator'
      ? t.partRef(label, partLabel)
      : t.measureRef(label);
  return t.problems[problem.problem](what);
}

export function measuresCard(text: Text, view: MeasuresView): AdaptiveCard {
  const t = text.checkins;
  const problems = view.problems ?? [];
  const problemsOf = (id: string) =>
    problems
      .filter((problem) => problem.field === id || problem.field.startsWith(`${id}.`))
      .map((problem) => measureProblem(text, view.measures, problem))
      .join('. ');
  return expandCard('measures', {
    problemHeading: t.problemHeading,
    problems: problems.map((problem) => ({ message: measureProblem(text, view.measures, problem) })),
    title: t.measuresTitle(view.unitName),
    subtitle: t.measuresPage(view.principleName, view.page, view.pages),
    why: view.reason === 'requested' ? '' : t.measuresWhy[view.reason](view.unitName),
    week: `${t.measuresWeek(formatLocalDate(text, view.weekOf))} ${t.savedOnItsOwn}`,
    someoneElse: t.someoneElse,
    measures: view.measures.map((measure) => ({
      label: measure.label,
      description: measure.description,
      target: measure.target === undefined ? '' : t.target(targetWords(text, measure.scale, measure.target)),
      last: measure.lastAnsweredOn
        ? t.lastAnsweredOn(text.formatDate(measure.lastAnsweredOn, view.timeZone))
        : t.notAnsweredBefore,
      problem: problemsOf(measure.id),
      inputs: inputsOf(text, measure, view.values),
      hint: measure.scale === 'percent' ? t.zeroOfZero : '',
      evidence: measure.evidence ? t.evidence(measure.evidence) : '',
    })),
    submit: view.submit,
    pagesNav: view.pagesNav,
  });
}

export type MeasuresReceiptView = {
  unitName: string;
  principleName: string;
  page: number;
  pages: number;
  timeZone: string;
  answers: { label: string; value: MeasureValue; target?: number }[];
  /** Absent after the check-in closes. */
  change?: CardAction;
  /** Absent on the last page. */
  next?: CardAction;
  notice?: string;
};

/** A value in words: "Embedded", "Not applicable", "12", "12 of 40 (30%)", "0 of 0 (nothing to count)". */
export function measureValueWords(text: Text, value: MeasureValue): string {
  const t = text.checkins;
  const number = (n: number) => n.toLocaleString('en-GB');
  switch (value.scale) {
    case 'maturity':
      return t.maturityLevels[value.level].name;
    case 'yesNo':
      return t.answerWords[value.answer];
    case 'count':
      return number(value.count);
    case 'percent': {
      const percent = percentOf(value);
      return percent === undefined
        ? t.nothingToCount
        : t.percentValue(number(value.numerator), number(value.denominator), percent);
    }
  }
}

export function measuresReceiptCard(text: Text, view: MeasuresReceiptView): AdaptiveCard {
  const t = text.checkins;
  return expandCard('measures-receipt', {
    notice: view.notice ?? '',
    title: t.measuresTitle(view.unitName),
    subtitle: t.measuresPage(view.principleName, view.page, view.pages),
    saved: t.pageSaved,
    answers: view.answers.map((answer) => {
      const words = measureValueWords(text, answer.value);
      return {
        label: answer.label,
        value:
          answer.target === undefined
            ? words
            : t.withTarget(words, targetWords(text, answer.value.scale, answer.target)),
      };
    }),
    canChange: view.change ? t.canChangePage : '',
    actions: [...(view.change ? [view.change] : []), ...(view.next ? [view.next] : [])],
  });
}
