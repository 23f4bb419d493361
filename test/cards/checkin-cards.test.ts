// The weekly check-in cards (the pulse, measures pages, their receipts and notices), rendered with real wording
// and the real catalogue, and checked by the official Adaptive Cards library.
import { describe, expect, it } from '@jest/globals';
import type { AdaptiveCard, CardAction } from '../../src/cards/card.js';
import {
  measureInputOf,
  measuresCard,
  measuresReceiptCard,
  type MeasuresView,
} from '../../src/cards/measures-cards.js';
import {
  checkinNoticeCard,
  pulseCard,
  pulseReceiptCard,
  type PulseReceiptView,
  type PulseView,
} from '../../src/cards/pulse-cards.js';
import type { Scale } from '../../src/domain/catalogue.js';
import { loadCatalogue } from '../../src/reference-data.js';
import { text } from '../../src/text/index.js';
import { buttonTitles, cardText, type Card, elements, input, inputs, type Node } from '../support/cards.js';
import { cardProblems } from '../support/validate-card.js';

const t = text.checkins;
const tz = 'Europe/London';
const catalogue = loadCatalogue();
const action = (title: string, verb: string): CardAction => ({
  title,
  verb,
  data: { cardId: `card-${verb}`, cycleId: '2026-W48' },
});

const actionsOf = (card: AdaptiveCard) => card['actions'] as Node[];

function pulseView(overrides: Partial<PulseView> = {}): PulseView {
  return {
    weekOf: '2026-11-23',
    closesAt: '2026-11-29T23:00:00Z',
    timeZone: tz,
    unitName: 'Ward 7',
    reason: 'scheduled',
    questions: catalogue.principles.map((p) => ({
      principle: p.id,
      principleName: p.name,
      question: p.pulseQuestion,
    })),
    submit: action(t.submit, 'pulse.submit'),
    away: action(t.pauseUntil, 'checkins.away'),
    stop: action(text.buttons.stop, 'checkins.stop'),
    ...overrides,
  };
}

function receiptView(overrides: Partial<PulseReceiptView> = {}): PulseReceiptView {
  return {
    weekOf: '2026-11-23',
    closesAt: '2026-11-29T23:00:00Z',
    timeZone: tz,
    unitName: 'Ward 7',
    answers: catalogue.principles.map((p, i) => ({
      principleName: p.name,
      question: p.pulseQuestion,
      choice: (['yes', 'no', 'notApplicable'] as const)[i % 3]!,
    })),
    comment: 'Used teach-back twice this week',
    change: action(t.change, 'pulse.change'),
    ...overrides,
  };
}

const asked = catalogue.measures.filter((measure) => !measure.computed);
const ofScale = (scale: Scale) => asked.find((measure) => measure.scale === scale)!;
const [maturity, yesNo, count, percent] = (['maturity', 'yesNo', 'count', 'percent'] as const).map(ofScale);

function measuresView(overrides: Partial<MeasuresView> = {}): MeasuresView {
  return {
    weekOf: '2026-11-23',
    timeZone: tz,
    unitName: 'Ward 7',
    principleName: 'Treating patients as equals',
    page: 2,
    pages: 6,
    reason: 'scheduled',
    measures: [
      measureInputOf(maturity!, '2026-11-03T10:00:00Z'),
      measureInputOf(yesNo!),
      { ...measureInputOf(count!), target: 5 },
      { ...measureInputOf(percent!, '2026-11-03T10:00:00Z'), target: 80 },
    ],
    values: {
      [maturity!.id]: 'inProgress',
      [yesNo!.id]: 'notApplicable',
      [count!.id]: '3',
      [`${percent!.id}.numerator`]: '12',
      [`${percent!.id}.denominator`]: '40',
    },
    submit: action(t.savePage, 'measures.submit'),
    pagesNav: [1, 3, 4].map((page) => action(t.pageButton(page), 'measures.page')),
    ...overrides,
  };
}

const fresh = pulseCard(text, pulseView());
const withProblems = pulseCard(
  text,
  pulseView({
    reason: 'requested',
    values: { choices: { p1: 'yes', p2: 'no', p4: 'maybe' }, comment: 'A good week' },
    problems: [
      { field: 'p3', problem: 'required' },
      { field: 'p4', problem: 'invalidChoice' },
    ],
  }),
);
const comment = 'Spoke to 943 476 5919 at jo@example.nhs.uk';
const blocked = pulseCard(
  text,
  pulseView({ values: { choices: {}, comment }, guard: { blocked: ['nhsNumber', 'email'], warnings: [] } }),
);
const warned = pulseCard(
  text,
  pulseView({
    values: { choices: {}, comment: 'Mrs Smith' },
    guard: { blocked: [], warnings: ['titleAndName'] },
  }),
);
const receipt = pulseReceiptCard(text, receiptView());
const closedReceipt = pulseReceiptCard(
  text,
  receiptView({ change: undefined, comment: undefined, notice: t.closedOn('29 November 2026') }),
);
const measures = measuresCard(text, measuresView());
const measureProblems = measuresCard(
  text,
  measuresView({
    reason: 'requested',
    values: { [count!.id]: '2.5', [`${percent!.id}.numerator`]: '50', [`${percent!.id}.denominator`]: '40' },
    problems: [
      { field: maturity!.id, problem: 'required' },
      { field: count!.id, problem: 'notAWholeNumber' },
      { field: `${percent!.id}.numerator`, problem: 'numeratorOverDenominator' },
    ],
  }),
);
const measuresReceipt = measuresReceiptCard(text, {
  unitName: 'Ward 7',
  principleName: 'Treating patients as equals',
  page: 2,
  pages: 6,
  timeZone: tz,
  answers: [
    { label: 'Maturity', value: { scale: 'maturity', level: 'embedded' } },
    { label: 'Yes or no', value: { scale: 'yesNo', answer: 'notApplicable' } },
    { label: 'Count', value: { scale: 'count', count: 1200 }, target: 5 },
    { label: 'Percent', value: { scale: 'percent', numerator: 12, denominator: 40 }, target: 80 },
    { label: 'Nothing', value: { scale: 'percent', numerator: 0, denominator: 0 } },
  ],
  change: action(t.change, 'measures.page'),
  next: action(t.nextPage, 'measures.page'),
});
const lastReceipt = measuresReceiptCard(text, {
  unitName: 'Ward 7',
  principleName: 'Joining services around patients',
  page: 6,
  pages: 6,
  timeZone: tz,
  answers: [{ label: 'Count', value: { scale: 'count', count: 0 } }],
  notice: t.closedOn('29 November 2026'),
});
const notice = checkinNoticeCard({ title: t.title, body: t.notExpected, actions: [action('Help', 'help')] });

// The largest real page of each principle, to keep every card well under Teams' size limit.
const fullPages = catalogue.principles.map((p): [string, AdaptiveCard] => [
  `measures page for ${p.id}, every measure`,
  measuresCard(
    text,
    measuresView({ measures: asked.filter((m) => m.principle === p.id).map((m) => measureInputOf(m)) }),
  ),
]);

const cards: [string, AdaptiveCard][] = [
  ['fresh pulse', fresh],
  ['pulse with values and problems', withProblems],
  ['pulse with a blocked comment', blocked],
  ['pulse with a comment to check', warned],
  ['pulse receipt', receipt],
  ['pulse receipt after close', closedReceipt],
  ['measures page', measures],
  ['measures page with problems', measureProblems],
  ['measures receipt', measuresReceipt],
  ['last measures receipt after close', lastReceipt],
  ['check-in notice', notice],
  ...fullPages,
];

describe('check-in cards', () => {
  it.each(cards)('%s validates as Adaptive Card 1.5, small, with a label on every input', (_name, card) => {
    expect(card.version).toBe('1.5');
    expect(cardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).not.toContain('${');
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(25_000);
    for (const node of inputs(card)) {
      expect(node['label']).toEqual(expect.stringMatching(/\S/));
      if (node['isRequired']) expect(node['errorMessage']).toEqual(expect.stringMatching(/\S/));
    }
  });
});

describe('the staff pulse', () => {
  it('says what it is, why it came, who sees answers and when it closes', () => {
    const words = cardText(fresh);
    expect(words).toContain('Your weekly check-in');
    expect(words).toContain('You get this because you are in Ward 7, which takes part in weekly check-ins.');
    expect(words).toContain('It takes about a minute. Managers see only totals, never your own answers.');
    expect(words).toContain('Answer all 6 questions');
    expect(words).toContain('Open until 29 November 2026');
    expect(cardText(pulseCard(text, pulseView({ reason: 'nudge' })))).toContain('A gentle reminder');
    expect(cardText(withProblems)).not.toContain('You get this because');
    expect(cardText(withProblems)).toContain(t.privacy);
  });

  it('asks six labelled questions, with the principle visible, never pre-filled and never required', () => {
    const choiceSets = inputs(fresh).filter((node) => node['type'] === 'Input.ChoiceSet');
    expect(choiceSets.map((node) => node['id'])).toEqual(['p1', 'p2', 'p3', 'p4', 'p5', 'p6']);
    for (const node of choiceSets) {
      expect(node).not.toHaveProperty('value');
      expect(node).not.toHaveProperty('isRequired');
      expect(node['style']).toBe('expanded');
      expect((node['choices'] as Node[]).map((choice) => [choice['title'], choice['value']])).toEqual([
        ['Yes', 'yes'],
        ['No', 'no'],
        ['Not applicable this week', 'notApplicable'],
      ]);
    }
    expect(choiceSets[2]!['label']).toBe(`3. ${catalogue.principles[2]!.pulseQuestion}`);
    expect(cardText(fresh)).toContain('Shared decision making and patient partnership');
    expect(input(fresh, 'comment')).toMatchObject({
      type: 'Input.Text',
      value: '',
      isMultiline: true,
      maxLength: 500,
      label: 'Anything to add? (optional)',
      placeholder: expect.stringContaining('identify a patient'),
    });
    expect(input(fresh, 'confirmNoPatient')).toBeUndefined();
    expect(elements(fresh).some((node) => node['style'] === 'attention')).toBe(false);
  });

  it('offers Submit, "I’m away" with a required date, and Stop without any inputs', () => {
    const [submit, away, stop] = actionsOf(fresh);
    expect(submit).toMatchObject({ type: 'Action.Execute', title: 'Submit', verb: 'pulse.submit' });
    expect(submit!['data']).toEqual({ cardId: 'card-pulse.submit', cycleId: '2026-W48' });
    expect(away).toMatchObject({ type: 'Action.ShowCard', title: 'I’m away' });
    expect(input(away, 'awayUntil')).toMatchObject({
      type: 'Input.Date',
      label: 'I’m away until',
      isRequired: true,
      errorMessage: expect.any(String),
    });
    expect(buttonTitles(away!['card'] as Card)).toEqual(['Pause my check-ins']);
    expect(stop).toMatchObject({ type: 'Action.Execute', title: 'Stop check-ins', associatedInputs: 'none' });
  });

  it('keeps what was sent and names each problem, in words and not only in colour', () => {
    expect(input(withProblems, 'p1')?.['value']).toBe('yes');
    expect(input(withProblems, 'p2')?.['value']).toBe('no');
    expect(input(withProblems, 'p4')).not.toHaveProperty('value');
    expect(input(withProblems, 'comment')?.['value']).toBe('A good week');
    const box = elements(withProblems).find((node) => node['style'] === 'attention');
    expect(cardText(box)).toContain('There is a problem');
    expect(cardText(box)).toContain('Answer question 3: Shared decision making and patient partnership');
    expect(cardText(box)).toContain('Choose one of the answers for question 4: Recognising inequalities');
  });

  it('refuses a comment with patient details, naming each one found and keeping the text to edit', () => {
    expect(cardText(blocked)).toContain(
      'Your comment looks like it contains an NHS number (or another 10-digit number) and an email address. ' +
        'Remove it and submit again. Never include anything that could identify a patient.',
    );
    expect(input(blocked, 'comment')?.['value']).toBe(comment);
    expect(input(blocked, 'confirmNoPatient')).toBeUndefined();
  });

  it('asks to check a comment that might identify someone, with a labelled confirmation', () => {
    expect(cardText(warned)).toContain('Your comment might contain a person’s name.');
    expect(input(warned, 'confirmNoPatient')).toMatchObject({
      type: 'Input.Toggle',
      label: t.confirmLabel,
      title: t.confirmTitle,
      valueOn: 'true',
    });
  });

  it('shows the week of a cycle as its calendar date in any time zone', () => {
    const card = pulseReceiptCard(text, receiptView({ timeZone: 'America/Los_Angeles' }));
    expect(cardText(card)).toContain('week of 23 November 2026');
  });
});

describe('the pulse receipt', () => {
  it('thanks, lists each answer in words, shows the comment and offers a change until close', () => {
    const words = cardText(receipt);
    expect(words).toContain('Thank you. Your check-in for the week of 23 November 2026 is saved.');
    const facts = elements(receipt).find((node) => node['type'] === 'FactSet')!['facts'];
    expect((facts as Node[]).slice(0, 3)).toEqual([
      { title: 'Treating patients as equals', value: 'Yes' },
      { title: 'Patients who are fully informed', value: 'No' },
      { title: 'Shared decision making and patient partnership', value: 'Not applicable' },
    ]);
    expect(words).toContain('Used teach-back twice this week');
    expect(words).toContain('You can change your answers until 29 November 2026.');
    expect(buttonTitles(receipt as Card)).toEqual(['Change my answers']);
  });

  it('after close says so and offers no change', () => {
    expect(cardText(closedReceipt)).toContain('This check-in closed on 29 November 2026.');
    expect(cardText(closedReceipt)).not.toContain('You can change');
    expect(cardText(closedReceipt)).not.toContain(t.yourComment);
    expect(actionsOf(closedReceipt)).toEqual([]);
  });

  it('a notice card shows its title, body and buttons', () => {
    expect(cardText(notice)).toContain(t.notExpected);
    expect(actionsOf(notice)).toEqual([
      {
        type: 'Action.Execute',
        title: 'Help',
        verb: 'help',
        data: { cardId: 'card-help', cycleId: '2026-W48' },
      },
    ]);
  });
});

describe('a measures page', () => {
  it('says whose measures these are, which page, why it came and that each page saves on its own', () => {
    const words = cardText(measures);
    expect(words).toContain('Measures for Ward 7');
    expect(words).toContain('Treating patients as equals (page 2 of 6)');
    expect(words).toContain('You get this because you answer these measures for Ward 7.');
    expect(words).toContain('Each page is saved on its own.');
    expect(words).toContain('Last answered on 3 November 2026');
    expect(words).toContain('Not answered before');
    expect(words).toContain('Target: at least 5');
    expect(words).toContain('Target: 80%');
    expect(words).toContain(`Evidence you might keep: ${maturity!.evidence}`);
    expect(words).toContain('Enter 0 and 0 if there was nothing to count this period.');
  });

  it('has a required, labelled input for each scale, pre-filled with the last answer', () => {
    expect(input(measures, maturity!.id)).toMatchObject({
      type: 'Input.ChoiceSet',
      style: 'expanded',
      isRequired: true,
      value: 'inProgress',
    });
    const levels = (input(measures, maturity!.id)!['choices'] as Node[]).map((choice) => choice['title']);
    expect(levels).toEqual([
      'Not started: nothing agreed',
      'Planning: owner and plan agreed, not yet in use',
      'In progress: in use in some teams or services, or not yet reliable',
      'Embedded: routine across the organisation, checked and sustained for at least 3 months',
    ]);
    expect(input(measures, yesNo!.id)).toMatchObject({ type: 'Input.ChoiceSet', value: 'notApplicable' });
    expect(cardText(input(measures, yesNo!.id))).toContain('Not applicable this period');
    expect(input(measures, count!.id)).toMatchObject({
      type: 'Input.Number',
      min: 0,
      value: 3,
      label: 'Number',
    });
    expect(input(measures, `${percent!.id}.numerator`)).toMatchObject({
      type: 'Input.Number',
      label: 'How many met it',
      value: 12,
      isRequired: true,
    });
    expect(input(measures, `${percent!.id}.denominator`)).toMatchObject({
      label: 'Out of how many',
      value: 40,
    });
  });

  it('saves the page, and moves between pages without checking or sending the inputs', () => {
    const [save, ...pages] = actionsOf(measures);
    expect(save).toMatchObject({ type: 'Action.Execute', title: 'Save this page', verb: 'measures.submit' });
    expect(pages.map((page) => [page['title'], page['associatedInputs']])).toEqual([
      ['Page 1', 'none'],
      ['Page 3', 'none'],
      ['Page 4', 'none'],
    ]);
  });

  it('leaves inputs empty when there is no last answer', () => {
    const card = measuresCard(text, measuresView({ values: {} }));
    for (const node of inputs(card).filter((node) => node['type'] === 'Input.Number'))
      expect(node).not.toHaveProperty('value');
  });

  it('keeps what was sent and names the measure in each problem', () => {
    expect(input(measureProblems, `${percent!.id}.numerator`)?.['value']).toBe(50);
    expect(input(measureProblems, `${percent!.id}.denominator`)?.['value']).toBe(40);
    expect(input(measureProblems, count!.id)?.['value']).toBe(2.5);
    const box = cardText(elements(measureProblems).find((node) => node['style'] === 'attention'));
    expect(box).toContain('There is a problem');
    expect(box).toContain(`Answer “${maturity!.label}”`);
    expect(box).toContain(`Enter a whole number for “${count!.label}”`);
    expect(box).toContain(
      `For “${percent!.label}”, “How many met it” must not be more than “Out of how many”`,
    );
    expect(cardText(measureProblems)).not.toContain('You get this because');
  });
});

describe('the measures receipt', () => {
  it('shows every kind of value in words, with its target, and offers change and next page', () => {
    const facts = elements(measuresReceipt).find((node) => node['type'] === 'FactSet')!['facts'];
    expect(facts).toEqual([
      { title: 'Maturity', value: 'Embedded' },
      { title: 'Yes or no', value: 'Not applicable' },
      { title: 'Count', value: '1,200. Target: at least 5' },
      { title: 'Percent', value: '12 of 40 (30%). Target: 80%' },
      { title: 'Nothing', value: '0 of 0 (nothing to count)' },
    ]);
    expect(cardText(measuresReceipt)).toContain('Treating patients as equals (page 2 of 6)');
    expect(buttonTitles(measuresReceipt as Card)).toEqual(['Change my answers', 'Next page']);
  });

  it('on the last page after close offers neither', () => {
    expect(cardText(lastReceipt)).toContain('This check-in closed on 29 November 2026.');
    expect(actionsOf(lastReceipt)).toEqual([]);
  });
});
