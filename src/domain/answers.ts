// What people submit on check-in cards: the staff pulse and the measure pages. Card inputs arrive loosely
// typed, so they are read here into values the store can trust, with problems the card can show per field.
import { z } from 'zod';
import { maturityLevels, PrincipleId, type Catalogue, type Measure } from './catalogue.js';

export const PulseChoice = z.enum(['yes', 'no', 'notApplicable']);
export type PulseChoice = z.infer<typeof PulseChoice>;

const COMMENT_MAX = 500;
// Bigger than any honest count a unit or organisation would enter in a period; anything above is a typo.
const NUMBER_MAX = 1_000_000;

/** One person's pulse for a cycle: every principle answered, plus an optional comment (≤ 500 chars). */
export const PulseAnswers = z.object({
  /** One answer for each principle the person's unit works on (all six unless its manager chose fewer). */
  choices: z.partialRecord(PrincipleId, PulseChoice),
  comment: z.string().min(1).max(COMMENT_MAX).optional(),
});
export type PulseAnswers = z.infer<typeof PulseAnswers>;

const wholeNumber = z.number().int().min(0).max(NUMBER_MAX);

export const MeasureValue = z.discriminatedUnion('scale', [
  z.object({ scale: z.literal('maturity'), level: z.enum(maturityLevels) }),
  z.object({ scale: z.literal('yesNo'), answer: z.enum(['yes', 'no', 'notApplicable']) }),
  z.object({ scale: z.literal('count'), count: wholeNumber }),
  z
    .object({ scale: z.literal('percent'), numerator: wholeNumber, denominator: wholeNumber })
    .refine((value) => value.numerator <= value.denominator, {
      message: 'numerator must not exceed denominator',
      path: ['numerator'],
    }),
]);
export type MeasureValue = z.infer<typeof MeasureValue>;

export type AnswerProblem = {
  field: string;
  problem:
    | 'required'
    | 'invalidChoice'
    | 'notAWholeNumber'
    | 'negative'
    | 'tooLarge'
    | 'numeratorOverDenominator'
    | 'unknownMeasure'
    | 'tooLong';
};
type Problem = AnswerProblem['problem'];

// Each input reads to a value or to the problem the card shows beside that input.
type Got<T> = { value: T } | { problem: Problem };

// Teams sends an untouched or cleared input as a missing key or an empty (or blank) string.
export const isBlank = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

export function readChoice<T extends string>(value: unknown, choices: readonly T[]): Got<T> {
  if (isBlank(value)) return { problem: 'required' };
  const choice = choices.find((option) => typeof value === 'string' && option === value.trim());
  return choice === undefined ? { problem: 'invalidChoice' } : { value: choice };
}

// Input.Number values come as numbers or strings depending on the client. Strings are matched strictly so
// that "1e3", "0x10" or "1,000" are refused rather than silently read as something the person did not type.
export function readWholeNumber(value: unknown): Got<number> {
  if (isBlank(value)) return { problem: 'required' };
  let number: number;
  if (typeof value === 'number') number = value;
  else if (typeof value === 'string' && /^[+-]?\d+(\.\d+)?$/.test(value.trim())) number = Number(value);
  else return { problem: 'notAWholeNumber' };
  if (!Number.isInteger(number)) return { problem: 'notAWholeNumber' };
  if (number < 0) return { problem: 'negative' };
  if (number > NUMBER_MAX) return { problem: 'tooLarge' };
  return { value: number + 0 }; // "-0" reads as -0; store a plain 0.
}

/** Pulse inputs: one per principle with the principle id as input id ('p1'…'p6') with values 'yes'|'no'|'notApplicable', and 'comment'. */
export function readPulse(
  inputs: Record<string, unknown>,
  principles: readonly PrincipleId[] = PrincipleId.options,
): { ok: true; answers: PulseAnswers } | { ok: false; problems: AnswerProblem[] } {
  const problems: AnswerProblem[] = [];
  const choices: Partial<Record<PrincipleId, PulseChoice>> = {};
  for (const principle of principles) {
    const read = readChoice(inputs[principle], PulseChoice.options);
    if ('value' in read) choices[principle] = read.value;
    else problems.push({ field: principle, problem: read.problem });
  }
  const raw = inputs['comment'];
  const comment = typeof raw === 'string' ? raw.trim() : '';
  if (comment.length > COMMENT_MAX) problems.push({ field: 'comment', problem: 'tooLong' });
  if (problems.length > 0) return { ok: false, problems };
  const answers: PulseAnswers = { choices };
  if (comment !== '') answers.comment = comment;
  return { ok: true, answers };
}

type Read = { value: MeasureValue } | { problems: AnswerProblem[] };

function readMeasure(measure: Measure, inputs: Record<string, unknown>): Read {
  const { id } = measure;
  const one = <T>(read: Got<T>, toValue: (value: T) => MeasureValue): Read =>
    'value' in read ? { value: toValue(read.value) } : { problems: [{ field: id, problem: read.problem }] };
  switch (measure.scale) {
    case 'maturity':
      return one(readChoice(inputs[id], maturityLevels), (level) => ({ scale: 'maturity', level }));
    case 'yesNo':
      return one(readChoice(inputs[id], PulseChoice.options), (answer) => ({ scale: 'yesNo', answer }));
    case 'count':
      return one(readWholeNumber(inputs[id]), (count) => ({ scale: 'count', count }));
    case 'percent':
      return readPercent(id, inputs);
  }
}

function readPercent(id: string, inputs: Record<string, unknown>): Read {
  const fields = { numerator: `${id}.numerator`, denominator: `${id}.denominator` };
  const numerator = readWholeNumber(inputs[fields.numerator]);
  const denominator = readWholeNumber(inputs[fields.denominator]);
  if (!('value' in numerator) || !('value' in denominator)) {
    const problems: AnswerProblem[] = [];
    if ('problem' in numerator) problems.push({ field: fields.numerator, problem: numerator.problem });
    if ('problem' in denominator) problems.push({ field: fields.denominator, problem: denominator.problem });
    return { problems };
  }
  // 0/0 is allowed: some periods have nothing to count (no letters sampled, no complaints closed).
  if (numerator.value > denominator.value) {
    return { problems: [{ field: fields.numerator, problem: 'numeratorOverDenominator' }] };
  }
  return { value: { scale: 'percent', numerator: numerator.value, denominator: denominator.value } };
}

/** The measure inputs of one card page: the measure id for maturity, yesNo and count; `${id}.numerator` and `${id}.denominator` for percent. Every listed measure is required; computed or unknown ids are refused. */
export function readMeasures(
  catalogue: Catalogue,
  measureIds: readonly string[],
  inputs: Record<string, unknown>,
): { ok: true; values: Record<string, MeasureValue> } | { ok: false; problems: AnswerProblem[] } {
  const problems: AnswerProblem[] = [];
  const values: Record<string, MeasureValue> = {};
  for (const id of measureIds) {
    const measure = catalogue.measures.find((candidate) => candidate.id === id);
    // A computed measure on a card would let someone overwrite what the action log says.
    if (!measure || measure.computed) {
      problems.push({ field: id, problem: 'unknownMeasure' });
      continue;
    }
    const read = readMeasure(measure, inputs);
    if ('value' in read) values[id] = read.value;
    else problems.push(...read.problems);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values };
}

/** Percent for display, whole number, undefined for 0/0. Roll-ups sum numerators and denominators first. */
export function percentOf(value: { numerator: number; denominator: number }): number | undefined {
  const { numerator, denominator } = value;
  if (denominator === 0) return undefined;
  const percent = Math.round((100 * numerator) / denominator);
  // Rounding must not claim "all" or "none" when that is not true: 199 of 200 shows 99, 1 of 300 shows 1.
  if (percent === 100 && numerator < denominator) return 99;
  if (percent === 0 && numerator > 0) return 1;
  return percent;
}
