// The patient input action cards (the form, its receipt, the delete question and "my actions"), rendered
// with real wording and checked by the official Adaptive Cards library.
import { describe, expect, it } from '@jest/globals';
import {
  actionFormCard,
  actionReceiptCard,
  actionsListCard,
  formValuesOf,
  type ActionFormView,
  type ActionReceiptView,
} from '../../src/cards/action-cards.js';
import type { AdaptiveCard, CardAction } from '../../src/cards/card.js';
import { ActionType, Depth, type Action } from '../../src/domain/actions.js';
import { loadCatalogue } from '../../src/reference-data.js';
import { text } from '../../src/text/index.js';
import { buttonTitles, cardText, type Card, elements, input, inputs, type Node } from '../support/cards.js';
import { cardProblems } from '../support/validate-card.js';

const t = text.actions;
const catalogue = loadCatalogue();
const principles = catalogue.principles.map((p) => ({ title: p.name, value: p.id }));
const save: CardAction = { title: t.save, verb: 'actions.save', data: { cardId: 'card-1' } };

/** The text shown just before an input: where a message about it goes. */
function before(card: AdaptiveCard, id: string): string | undefined {
  const all = elements(card).filter((node) => node['type'] === 'TextBlock' || node['id'] !== undefined);
  const at = all.findIndex((node) => node['id'] === id);
  return at > 0 ? (all[at - 1]!['text'] as string | undefined) : undefined;
}
const bytes = (card: unknown) => Buffer.byteLength(JSON.stringify(card), 'utf8');

function formView(overrides: Partial<ActionFormView> = {}): ActionFormView {
  return { mode: 'new', principles, units: [], values: { date: '2026-11-23' }, save, ...overrides };
}

const action: Action = {
  id: '2026-11-abc123',
  unitId: 'ward-7',
  owner: 'aad-priya',
  type: 'focus-group',
  title: 'Discharge leaflet focus group',
  date: '2026-03-14',
  principles: ['p2', 'p5'],
  participants: { patients: 12, carers: 1, public: 0 },
  depth: 'co-design',
  whatWeHeard: 'The leaflet used words people did not know.',
  whatWeDid: 'Rewrote it with the group and tested it in clinic.',
  followUpOn: '2026-06-01',
  shareable: true,
  noPatientConfirmed: true,
  version: 1,
  createdAt: '2026-11-23T10:00:00.000Z',
  updatedAt: '2026-11-23T10:00:00.000Z',
};

function receiptView(overrides: Partial<ActionReceiptView> = {}): ActionReceiptView {
  return {
    action,
    unitName: 'Ward 7',
    principleNames: ['Patients who are fully informed', 'Seeking patient input'],
    notice: t.saved,
    actions: [
      { title: t.addDetails, verb: 'actions.details', data: { cardId: 'c', actionId: action.id } },
      { title: t.edit, verb: 'actions.edit', data: { cardId: 'c', actionId: action.id } },
      { title: t.delete, verb: 'actions.delete', data: { cardId: 'c', actionId: action.id } },
    ],
    ...overrides,
  };
}

describe('the "log action" form', () => {
  const card = actionFormCard(text, formView());

  it('is a valid card with a label on every input and a message for every required one', () => {
    expect(cardProblems(card)).toEqual([]);
    for (const node of inputs(card)) {
      expect(typeof node['label']).toBe('string');
      expect((node['label'] as string).length).toBeGreaterThan(0);
      if (node['isRequired']) expect((node['errorMessage'] as string).length).toBeGreaterThan(0);
    }
  });

  it('asks the short questions, about ten of them, with no team choice for someone in one team', () => {
    expect(inputs(card).map((node) => node['id'])).toEqual([
      'type',
      'title',
      'date',
      'principles',
      'patients',
      'carers',
      'public',
      'depth',
      'whatWeHeard',
      'whatWeDid',
      'followUpOn',
      'shareable',
      'noPatient',
    ]);
    expect(buttonTitles(card as Card)).toEqual([t.save]);
    expect(cardText(card)).not.toContain(t.problemHeading);
  });

  it('lists every type and depth in words, and the six principles', () => {
    const type = input(card, 'type') as { choices: { title: string; value: string }[] };
    expect(type.choices.map((choice) => choice.value)).toEqual(ActionType.options);
    expect(type.choices.find((choice) => choice.value === 'codesign-workshop')?.title).toBe(
      'Co-design or co-production workshop',
    );
    const depth = input(card, 'depth') as { choices: { title: string; value: string }[] };
    expect(depth.choices.map((choice) => choice.value)).toEqual(Depth.options);
    expect(depth.choices.find((choice) => choice.value === 'co-design')?.title).toBe(
      'Co-design: patients and staff design it together',
    );
    const chosen = input(card, 'principles') as { isMultiSelect: boolean; choices: unknown[] };
    expect(chosen.isMultiSelect).toBe(true);
    expect(chosen.choices).toEqual(principles);
  });

  it('starts on the date given, with counts empty, sharing off and nothing confirmed', () => {
    expect(input(card, 'date')?.['value']).toBe('2026-11-23');
    for (const id of ['patients', 'carers', 'public']) {
      expect(input(card, id)?.['min']).toBe(0);
      expect(input(card, id)).not.toHaveProperty('value');
    }
    expect(input(card, 'shareable')?.['value']).toBe('false');
    expect(input(card, 'noPatient')).toMatchObject({
      value: 'false',
      isRequired: true,
      title: t.noPatientTitle,
    });
    expect(t.noPatientTitle).toContain('NHS or hospital numbers, dates of birth, addresses, postcodes');
    expect(input(card, 'confirmWarnings')).toBeUndefined();
    expect(input(card, 'whatWeHeard')).toMatchObject({ isMultiline: true, maxLength: 500 });
    expect(input(card, 'title')).toMatchObject({ maxLength: 80 });
    expect(cardText(card)).toContain(t.followUpHint);
    expect(cardText(card)).toContain('Summaries never name anyone');
  });

  it('asks which team, pre-selecting the one given, only when there are several', () => {
    const units = [
      { title: 'Ward 7', value: 'ward-7' },
      { title: 'Northshire Hospitals NHS Trust', value: 'org' },
    ];
    const several = actionFormCard(text, formView({ units, values: { unitId: 'org' } }));
    expect(input(several, 'unitId')).toMatchObject({ label: t.unitLabel, value: 'org', isRequired: true });
    expect(inputs(several)[0]?.['id']).toBe('unitId');
    const stale = actionFormCard(text, formView({ units, values: { unitId: 'gone' } }));
    expect(input(stale, 'unitId')?.['value']).toBe('');
    const one = actionFormCard(text, formView({ units: units.slice(0, 1) }));
    expect(input(one, 'unitId')).toBeUndefined();
  });

  it('comes back with a summary and a message by each box, keeping what was typed', () => {
    const back = actionFormCard(
      text,
      formView({
        values: { title: '', date: '2024-01-01', patients: -2, whatWeDid: 'We changed the signs' },
        problems: [
          { field: 'title', problem: 'required' },
          { field: 'date', problem: 'tooLongAgo' },
          { field: 'patients', problem: 'negative' },
          { field: 'noPatient', problem: 'notConfirmed' },
        ],
      }),
    );
    expect(cardProblems(back)).toEqual([]);
    const summary = cardText(back).split('\n');
    expect(summary[0]).toBe(t.problemHeading);
    expect(summary.slice(1, 5)).toEqual([
      'Enter a title',
      'The date must be within a year of today',
      'Enter 0 or more patients',
      t.problems['noPatient']!.default,
    ]);
    expect(before(back, 'title')).toBe('Enter a title');
    expect(before(back, 'date')).toBe('The date must be within a year of today');
    expect(before(back, 'noPatient')).toBe(t.problems['noPatient']!.default);
    expect(input(back, 'date')?.['value']).toBe('2024-01-01');
    expect(input(back, 'patients')?.['value']).toBe(-2);
    expect(input(back, 'whatWeDid')?.['value']).toBe('We changed the signs');
  });

  it('names the box and the kind of detail the guard found, and asks no confirmation for a block', () => {
    const back = actionFormCard(
      text,
      formView({
        values: { whatWeHeard: 'Call 943 476 5919' },
        findings: [{ field: 'whatWeHeard', blocked: ['nhsNumber', 'email'], warnings: [] }],
      }),
    );
    const message = before(back, 'whatWeHeard');
    expect(message).toBe(
      t.guardBlocked(
        'What we heard',
        `${text.checkins.guardRules.nhsNumber} and ${text.checkins.guardRules.email}`,
      ),
    );
    expect(message).toContain('The ‘What we heard’ box looks like it contains an NHS number');
    expect(message).toContain('this log must not identify any patient or carer');
    expect(cardText(back)).toContain(t.problemHeading);
    expect(input(back, 'confirmWarnings')).toBeUndefined();
    expect(input(back, 'whatWeHeard')?.['value']).toBe('Call 943 476 5919');
  });

  it('asks the person to check and confirm when the guard only warns', () => {
    const back = actionFormCard(
      text,
      formView({
        values: { title: 'Talk with Mrs Example' },
        findings: [{ field: 'title', blocked: [], warnings: ['titleAndName'] }],
      }),
    );
    expect(cardProblems(back)).toEqual([]);
    expect(before(back, 'title')).toBe(t.guardWarning('Title', text.checkins.guardRules.titleAndName));
    expect(input(back, 'confirmWarnings')).toMatchObject({
      title: 'I have checked: it does not identify a patient or carer',
      value: 'false',
      valueOn: 'true',
    });
    expect(typeof input(back, 'confirmWarnings')?.['label']).toBe('string');
  });

  it('is filled in with an action for editing, asking again for the no-patient check', () => {
    const edit = actionFormCard(text, formView({ mode: 'edit', values: formValuesOf(action) }));
    expect(cardProblems(edit)).toEqual([]);
    expect(cardText(edit)).toContain(t.editTitle);
    expect(cardText(edit)).not.toContain(t.intro);
    expect(Object.fromEntries(inputs(edit).map((node) => [node['id'], node['value']]))).toEqual({
      type: 'focus-group',
      title: 'Discharge leaflet focus group',
      date: '2026-03-14',
      principles: 'p2,p5',
      patients: 12,
      carers: 1,
      public: 0,
      depth: 'co-design',
      whatWeHeard: 'The leaflet used words people did not know.',
      whatWeDid: 'Rewrote it with the group and tested it in clinic.',
      followUpOn: '2026-06-01',
      shareable: 'true',
      noPatient: 'false',
    });
  });

  it('stays under 25 KB with every box at its longest, several teams, problems and guard messages', () => {
    const long = (n: number) => 'x'.repeat(n);
    const full = actionFormCard(
      text,
      formView({
        units: Array.from({ length: 5 }, (_, i) => ({ title: long(100), value: `unit-${i}` })),
        values: {
          type: 'other',
          title: long(80),
          date: '2026-11-23',
          principles: 'p1,p2,p3,p4,p5,p6',
          patients: 100_000,
          carers: 100_000,
          public: 100_000,
          depth: 'co-produce',
          whatWeHeard: long(500),
          whatWeDid: long(500),
          followUpOn: '2027-11-23',
          shareable: true,
          noPatient: true,
        },
        problems: [
          { field: 'followUpOn', problem: 'tooFarAhead' },
          { field: 'patients', problem: 'tooLarge' },
        ],
        findings: [
          { field: 'title', blocked: ['nhsNumber', 'email', 'phone', 'postcode', 'niNumber'], warnings: [] },
          { field: 'whatWeHeard', blocked: [], warnings: ['dateOfBirth', 'titleAndName', 'bedWithDate'] },
          { field: 'whatWeDid', blocked: ['email'], warnings: ['bedWithDate'] },
        ],
      }),
    );
    expect(cardProblems(full)).toEqual([]);
    expect(bytes(full)).toBeLessThan(25 * 1024);
  });
});

describe('the action receipt', () => {
  const card = actionReceiptCard(text, receiptView());

  it('says what was saved, in words', () => {
    expect(cardProblems(card)).toEqual([]);
    const words = cardText(card);
    for (const expected of [
      t.saved,
      'Discharge leaflet focus group',
      'Focus group or facilitated discussion',
      '14 March 2026',
      'Ward 7',
      'Patients who are fully informed, Seeking patient input',
      '12 patients, 1 carer, 0 members of the public',
      'Co-design: patients and staff design it together',
      'The leaflet used words people did not know.',
      'Rewrote it with the group and tested it in clinic.',
      '1 June 2026',
      t.shared,
    ])
      expect(words).toContain(expected);
    expect(words).not.toContain('2026-03-14');
    expect(words).not.toContain('co-design\n');
  });

  it('offers "Add details", Edit and Delete, and lists no details while there are none', () => {
    expect(buttonTitles(card as Card)).toEqual(['Add details', t.edit, t.delete]);
    expect(cardText(card)).not.toContain(t.detailFacts.heading);
  });

  it('says "None" and "Not shared" when there is no follow-up and sharing is off, and leaves out empty boxes', () => {
    const { whatWeHeard: _h, whatWeDid: _d, followUpOn: _f, ...plain } = action;
    const bare = actionReceiptCard(text, receiptView({ action: { ...plain, shareable: false } }));
    expect(cardProblems(bare)).toEqual([]);
    expect(cardText(bare)).toContain(t.notShared);
    expect(cardText(bare)).toContain(`${t.facts.followUp}\n${t.noFollowUp}`);
    expect(cardText(bare)).not.toContain(t.boxes['whatWeHeard']);
  });

  it('asks before deleting, with a destructive "Yes, delete" and "No, keep it"', () => {
    const ask = actionReceiptCard(
      text,
      receiptView({
        notice: undefined,
        confirmDelete: true,
        actions: [
          { title: t.deleteYes, verb: 'actions.deleteConfirm', data: { cardId: 'd' }, style: 'destructive' },
          { title: t.deleteNo, verb: 'actions.show', data: { cardId: 'd' } },
        ],
      }),
    );
    expect(cardProblems(ask)).toEqual([]);
    expect(cardText(ask).split('\n')[0]).toBe('Delete this action? This cannot be undone.');
    expect((ask['actions'] as Node[]).map((a) => [a['title'], a['style']])).toEqual([
      [t.deleteYes, 'destructive'],
      [t.deleteNo, 'default'],
    ]);
  });
});

describe('"my actions"', () => {
  const items = Array.from({ length: 5 }, (_, i) => ({
    action: { ...action, id: `2026-11-a${i}`, title: `Action number ${i + 1}` },
    edit: { title: t.edit, verb: 'actions.edit', data: { cardId: 'l', actionId: `2026-11-a${i}` } },
    delete: { title: t.delete, verb: 'actions.delete', data: { cardId: 'l', actionId: `2026-11-a${i}` } },
  }));
  const paging: CardAction[] = [
    { title: t.older, verb: 'actions.page', data: { cardId: 'l', before: '2026-11-a4' } },
    { title: t.newer, verb: 'actions.page', data: { cardId: 'l' } },
  ];

  it('lists five actions, each with its title, type and date and its own Edit and Delete', () => {
    const card = actionsListCard(text, { items, older: false, actions: paging });
    expect(cardProblems(card)).toEqual([]);
    const words = cardText(card);
    for (let i = 1; i <= 5; i++) expect(words).toContain(`Action number ${i}`);
    expect(words).toContain(t.itemDetail('Focus group or facilitated discussion', '14 March 2026'));
    const sets = elements(card).filter((node) => node['type'] === 'ActionSet');
    expect(sets).toHaveLength(5);
    expect(
      sets.map((set) => (set['actions'] as Node[]).map((a) => [a['title'], (a['data'] as Node)['actionId']])),
    ).toEqual(
      items.map((item) => [
        [t.edit, item.action.id],
        [t.delete, item.action.id],
      ]),
    );
    expect((sets[0]!['actions'] as Node[])[0]!['tooltip']).toBe('Edit: Action number 1');
    expect(buttonTitles(card as Card)).toEqual([t.older, t.newer]);
    expect(bytes(card)).toBeLessThan(25 * 1024);
  });

  it('says when there is nothing yet, and when there is nothing older', () => {
    const none = actionsListCard(text, { items: [], older: false, actions: [] });
    expect(cardProblems(none)).toEqual([]);
    expect(cardText(none)).toContain(t.none);
    const past = actionsListCard(text, { items: [], older: true, actions: [] });
    expect(cardText(past)).toContain(t.noMore);
  });
});
