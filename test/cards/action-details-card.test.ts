// The cards that follow an action's receipt: "Add details", the follow-up question and its receipts, and
// "unit actions" for managers and leads, rendered with real wording and checked by the official Adaptive
// Cards library.
import { describe, expect, it } from '@jest/globals';
import {
  actionDetailsCard,
  actionFollowUpCard,
  actionReceiptCard,
  detailsCountIds,
  detailsInputIds,
  detailsValuesOf,
  followUpReceiptCard,
  unitActionsListCard,
  type DetailsFormView,
  type FollowUpView,
} from '../../src/cards/action-cards.js';
import type { AdaptiveCard, CardAction } from '../../src/cards/card.js';
import type { Action, ActionDetails } from '../../src/domain/actions.js';
import { text } from '../../src/text/index.js';
import { buttonTitles, cardText, elements, input, inputs, type Card, type Node } from '../support/cards.js';
import { cardProblems } from '../support/validate-card.js';

const t = text.actions;
const d = t.details;
const f = t.followUp;
const rules = text.checkins.guardRules;
const button = (title: string, verb: string): CardAction => ({ title, verb, data: { cardId: 'card-1' } });
const bytes = (card: unknown) => Buffer.byteLength(JSON.stringify(card), 'utf8');

/** The text shown just before an input: where a message about it goes. */
function before(card: AdaptiveCard, id: string): string | undefined {
  const all = elements(card).filter((node) => node['type'] === 'TextBlock' || node['id'] !== undefined);
  const at = all.findIndex((node) => node['id'] === id);
  return at > 0 ? (all[at - 1]!['text'] as string | undefined) : undefined;
}
const groupCounts = (card: AdaptiveCard) => elements(card).find((node) => node['id'] === 'groupCounts');

const action: Action = {
  id: '2026-11-abc123',
  unitId: 'ward-7',
  owner: 'aad-priya',
  type: 'focus-group',
  title: 'Discharge leaflet focus group',
  date: '2026-11-20',
  principles: ['p2', 'p5'],
  participants: { patients: 12, carers: 1, public: 0 },
  depth: 'co-design',
  shareable: false,
  noPatientConfirmed: true,
  version: 1,
  createdAt: '2026-11-23T10:00:00.000Z',
  updatedAt: '2026-11-23T10:00:00.000Z',
};

const details: ActionDetails = {
  tags: ['transition', 'discharge'],
  reach: {
    monitoring: 'selfReported',
    core20: 4,
    core20plus: 6,
    plus: { ethnicMinority: 3 },
    characteristics: { disability: 2 },
    preferNotToSay: 1,
  },
  adjustments: ['easyRead', 'stepFree'],
  payment: 'yes',
  change: { status: 'notPossible', reason: 'The budget for new signs was withdrawn' },
  feedback: { givenOn: '2026-11-30', method: 'email' },
  evidenceLink: 'https://nhs.sharepoint.com/sites/ward7/leaflet',
};

function detailsView(overrides: Partial<DetailsFormView> = {}): DetailsFormView {
  return {
    actionTitle: action.title,
    participants: 13,
    values: {},
    save: button(d.save, 'actions.detailsSave'),
    back: button(d.back, 'actions.show'),
    ...overrides,
  };
}

describe('the "Add details" card', () => {
  const card = actionDetailsCard(text, detailsView());

  it('is a valid card with a label on every input, in the order of the card’s input ids', () => {
    expect(cardProblems(card)).toEqual([]);
    for (const node of inputs(card)) {
      expect(typeof node['label']).toBe('string');
      expect((node['label'] as string).trim().length).toBeGreaterThan(0);
    }
    expect(inputs(card).map((node) => node['id'])).toEqual(detailsInputIds);
    expect(buttonTitles(card as Card)).toEqual([d.save, d.back]);
  });

  it('groups the inputs under short headings, with help where it is needed', () => {
    const headings = elements(card)
      .filter((node) => node['style'] === 'heading')
      .map((node) => node['text']);
    expect(headings).toEqual([
      d.title,
      'Tags',
      'Who took part',
      'Adjustments made',
      'Payment offered',
      'What changed',
      'Feedback to participants',
      'Evidence',
    ]);
    const words = cardText(card);
    expect(words).toContain('Add ‘transition’ for hand-offs between services');
    expect(words).toContain('Numbers only, never names');
    expect(words).toContain('About “Discharge leaflet focus group”');
    expect(words).toContain('SharePoint');
    expect(input(card, 'evidenceLink')).toMatchObject({ style: 'url', maxLength: 500 });
    expect(input(card, 'changeReason')).toMatchObject({ isMultiline: true, maxLength: 500 });
    expect(input(card, 'adjustments')).toMatchObject({ isMultiSelect: true });
    expect(input(card, 'feedbackGivenOn')?.['type']).toBe('Input.Date');
  });

  it('asks for counts only, never names: every count is a number of 0 or more', () => {
    for (const id of detailsCountIds) {
      expect(input(card, id)).toMatchObject({ type: 'Input.Number', min: 0 });
      expect(input(card, id)).not.toHaveProperty('value');
    }
    expect(
      inputs(card)
        .filter((node) => node['type'] === 'Input.Text')
        .map((node) => node['id']),
    ).toEqual(['tags', 'changeReason', 'evidenceLink']);
  });

  it('keeps the counts by group behind a button that shows or hides them', () => {
    expect(groupCounts(card)?.['isVisible']).toBe(false);
    const toggle = elements(card).find((node) => node['type'] === 'Action.ToggleVisibility');
    expect(toggle).toMatchObject({ title: d.groupsToggle, targetElements: ['groupCounts'] });
    expect(input(groupCounts(card), 'plus.coastal')?.['label']).toBe('Coastal communities');
    expect(input(groupCounts(card), 'characteristic.disability')?.['label']).toBe('Disability');
    expect(input(groupCounts(card), 'preferNotToSay')).toBeDefined();
    expect(input(groupCounts(card), 'core20')).toBeUndefined();
  });

  it('is filled in with the details already saved, the counts by group shown', () => {
    const filled = actionDetailsCard(text, detailsView({ values: detailsValuesOf(details) }));
    expect(cardProblems(filled)).toEqual([]);
    const values = Object.fromEntries(inputs(filled).map((node) => [node['id'], node['value']]));
    expect(values).toMatchObject({
      tags: 'transition, discharge',
      monitoring: 'selfReported',
      core20: 4,
      core20plus: 6,
      'plus.ethnicMinority': 3,
      'characteristic.disability': 2,
      preferNotToSay: 1,
      adjustments: 'easyRead,stepFree',
      payment: 'yes',
      changeStatus: 'notPossible',
      changeReason: 'The budget for new signs was withdrawn',
      feedbackGivenOn: '2026-11-30',
      feedbackMethod: 'email',
      evidenceLink: 'https://nhs.sharepoint.com/sites/ward7/leaflet',
    });
    expect(values['plus.coastal']).toBeUndefined();
    expect(groupCounts(filled)?.['isVisible']).toBe(true);
    expect(detailsValuesOf(undefined)).toEqual({});
  });

  it('comes back with a summary and a message by each box, keeping what was typed', () => {
    const back = actionDetailsCard(
      text,
      detailsView({
        values: { tags: 'Hand off!', 'characteristic.age': 20, changeStatus: 'notPossible' },
        problems: [
          { field: 'tags', problem: 'badTag' },
          { field: 'characteristic.age', problem: 'overParticipants' },
          { field: 'changeReason', problem: 'reasonNeeded' },
          { field: 'evidenceLink', problem: 'notHttps' },
        ],
      }),
    );
    expect(cardProblems(back)).toEqual([]);
    const lines = cardText(back).split('\n');
    expect(lines[0]).toBe(t.problemHeading);
    expect(lines.slice(1, 5)).toEqual([
      d.problems['tags']!.default,
      '‘Age’ must not be more than the 13 people who took part',
      'Say why a change was not possible',
      'Enter a link that starts with https://',
    ]);
    expect(before(back, 'tags')).toBe(d.problems['tags']!.default);
    expect(before(back, 'characteristic.age')).toBe(
      '‘Age’ must not be more than the 13 people who took part',
    );
    expect(before(back, 'changeReason')).toBe('Say why a change was not possible');
    expect(before(back, 'evidenceLink')).toBe('Enter a link that starts with https://');
    expect(input(back, 'tags')?.['value']).toBe('Hand off!');
    expect(input(back, 'characteristic.age')?.['value']).toBe(20);
    expect(input(back, 'changeStatus')?.['value']).toBe('notPossible');
    expect(groupCounts(back)?.['isVisible']).toBe(true);
  });

  it('says what is wrong with a count, by name, and with a link to somewhere not allowed', () => {
    const back = actionDetailsCard(
      text,
      detailsView({
        participants: 1,
        problems: [
          { field: 'core20', problem: 'notAWholeNumber' },
          { field: 'core20plus', problem: 'overParticipants' },
          { field: 'evidenceLink', problem: 'domainNotAllowed' },
        ],
      }),
    );
    expect(before(back, 'core20')).toBe('Enter ‘Core20’ as a whole number, like 12');
    expect(before(back, 'core20plus')).toBe(
      '‘Core20 or a PLUS group’ must not be more than the 1 person who took part',
    );
    expect(before(back, 'evidenceLink')).toContain('your organisation’s own storage');
    expect(groupCounts(back)?.['isVisible']).toBe(false);
  });

  it('names the box the guard stopped, and asks for a check only when it warned', () => {
    const blocked = actionDetailsCard(
      text,
      detailsView({
        values: { changeReason: 'Call 07700 900123' },
        findings: [{ field: 'changeReason', blocked: ['phone'], warnings: [] }],
      }),
    );
    expect(before(blocked, 'changeReason')).toBe(t.guardBlocked('Why not', rules.phone));
    expect(before(blocked, 'changeReason')).toContain(
      'The ‘Why not’ box looks like it contains a phone number',
    );
    expect(input(blocked, 'confirmWarnings')).toBeUndefined();
    expect(input(blocked, 'changeReason')?.['value']).toBe('Call 07700 900123');

    const warned = actionDetailsCard(
      text,
      detailsView({ findings: [{ field: 'changeReason', blocked: [], warnings: ['titleAndName'] }] }),
    );
    expect(cardProblems(warned)).toEqual([]);
    expect(before(warned, 'changeReason')).toBe(t.guardWarning('Why not', rules.titleAndName));
    expect(input(warned, 'confirmWarnings')).toMatchObject({
      value: 'false',
      valueOn: 'true',
      label: t.confirmLabel,
    });
  });

  it('stays under 25 KB with every box at its longest, every count filled in and a message by each', () => {
    const values = Object.fromEntries(detailsCountIds.map((id) => [id, 100_000]));
    const full = actionDetailsCard(
      text,
      detailsView({
        actionTitle: 'x'.repeat(80),
        participants: 300_000,
        values: {
          ...values,
          tags: 'x'.repeat(340),
          monitoring: 'estimated',
          adjustments: 'bsl,interpreter,easyRead,largePrint,hybrid,stepFree,eveningWeekend,careCover',
          payment: 'notApplicable',
          changeStatus: 'notPossible',
          changeReason: 'x'.repeat(500),
          feedbackGivenOn: '2026-11-30',
          feedbackMethod: 'panel',
          evidenceLink: `https://example.nhs.uk/${'x'.repeat(477)}`,
        },
        problems: [
          { field: 'tags', problem: 'badTag' },
          ...detailsCountIds.map((field) => ({ field, problem: 'overParticipants' as const })),
          { field: 'changeReason', problem: 'tooLong' },
          { field: 'feedbackGivenOn', problem: 'tooFarAhead' },
          { field: 'evidenceLink', problem: 'domainNotAllowed' },
        ],
        findings: [
          {
            field: 'changeReason',
            blocked: ['nhsNumber', 'email', 'phone', 'postcode', 'niNumber'],
            warnings: ['dateOfBirth', 'titleAndName', 'bedWithDate'],
          },
        ],
      }),
    );
    expect(cardProblems(full)).toEqual([]);
    expect(bytes(full)).toBeLessThan(25 * 1024);
  });
});

describe('the receipt, once details are added', () => {
  const receipt = actionReceiptCard(text, {
    action: { ...action, details },
    unitName: 'Ward 7',
    principleNames: ['Patients who are fully informed', 'Seeking patient input'],
    notice: d.saved,
    actions: [button(t.addDetails, 'actions.details'), button(t.edit, 'actions.edit')],
  });
  const facts = (card: AdaptiveCard) =>
    Object.fromEntries(
      elements(card)
        .filter((node) => node['type'] === 'FactSet')
        .flatMap((node) =>
          (node['facts'] as { title: string; value: string }[]).map((x) => [x.title, x.value]),
        ),
    );

  it('lists the details in words, and who took part as numbers', () => {
    expect(cardProblems(receipt)).toEqual([]);
    expect(facts(receipt)).toMatchObject({
      Tags: 'transition, discharge',
      Adjustments: 'Easy read, Step-free venue',
      'Payment offered': 'Yes',
      'What changed': 'A change was not possible',
      Feedback: 'Told on 30 November 2026 (email)',
      Evidence: 'https://nhs.sharepoint.com/sites/ward7/leaflet',
      'How we know': 'People told us (self-reported)',
      'From Core20 areas': '4',
      'From Core20 areas or a PLUS group': '6',
      'Ethnic minority communities': '3',
      Disability: '2',
      'Preferred not to say': '1',
    });
    const words = cardText(receipt);
    expect(words).toContain(`${t.whyNot}\nThe budget for new signs was withdrawn`);
    expect(words).toContain(d.saved);
    expect(words).not.toContain('selfReported');
    expect(buttonTitles(receipt as Card)).toEqual([t.addDetails, t.edit]);
  });

  it('shows no details heading while there are none', () => {
    const plain = actionReceiptCard(text, {
      action,
      unitName: 'Ward 7',
      principleNames: [],
      actions: [],
    });
    expect(cardProblems(plain)).toEqual([]);
    expect(cardText(plain)).not.toContain(t.detailFacts.heading);
    expect(cardText(plain)).not.toContain(t.detailFacts.reachHeading);
  });
});

describe('the follow-up question', () => {
  const view: FollowUpView = {
    actionTitle: action.title,
    date: action.date,
    told: button(f.told, 'actions.followUpTold'),
    later: button(f.later, 'actions.followUpLater'),
    notPossible: button(f.saveReason, 'actions.followUpNotPossible'),
  };
  const card = actionFollowUpCard(text, view);
  const actions = card['actions'] as Node[];

  it('asks whether participants were told, naming the action and its date, and says why it came', () => {
    expect(cardProblems(card)).toEqual([]);
    const words = cardText(card);
    expect(words.split('\n')[0]).toBe('Have you told participants what changed because of their input?');
    expect(words).toContain(`${f.action}\nDischarge leaflet focus group`);
    expect(words).toContain(`${f.date}\n20 November 2026`);
    expect(words).toContain(f.why);
  });

  it('offers "Feedback given today", "Remind me in 2 weeks" and "Not possible (why)" with a labelled box', () => {
    expect(actions.map((action) => [action['type'], action['title']])).toEqual([
      ['Action.Execute', 'Feedback given today'],
      ['Action.Execute', 'Remind me in 2 weeks'],
      ['Action.ShowCard', 'Not possible (why)'],
    ]);
    const shown = actions[2]!['card'];
    expect(input(shown, 'reason')).toMatchObject({
      label: f.reasonLabel,
      isMultiline: true,
      maxLength: 500,
      isRequired: true,
      errorMessage: f.reasonError,
    });
    expect((shown as Card).actions?.[0]).toMatchObject({ verb: 'actions.followUpNotPossible' });
    expect(inputs(card)).toHaveLength(1);
  });

  it('comes back with the reason box open, the reason kept and a message by it', () => {
    const back = actionFollowUpCard(text, { ...view, problem: 'required', reason: '' });
    expect(cardProblems(back)).toEqual([]);
    expect(before(back, 'reason')).toBe(f.problems['required']);
    expect((back['actions'] as Node[]).map((action) => action['type'])).toEqual([
      'Action.Execute',
      'Action.Execute',
    ]);
    const save = elements(back).find((node) => node['verb'] === 'actions.followUpNotPossible');
    expect(save?.['title']).toBe(f.saveReason);

    const guarded = actionFollowUpCard(text, {
      ...view,
      reason: 'Ring 07700 900123',
      findings: [{ field: 'feedbackNotPossible', blocked: ['phone'], warnings: [] }],
    });
    expect(before(guarded, 'reason')).toContain('The ‘Why not’ box looks like it contains a phone number');
    expect(input(guarded, 'reason')?.['value']).toBe('Ring 07700 900123');
    const warned = actionFollowUpCard(text, {
      ...view,
      findings: [{ field: 'feedbackNotPossible', blocked: [], warnings: ['titleAndName'] }],
    });
    expect(before(warned, 'reason')).toBe(f.guardWarning('Why not', rules.titleAndName));
  });

  it('answers each answer with a short receipt in words', () => {
    const on = (outcome: Parameters<typeof followUpReceiptCard>[1]['outcome']) =>
      followUpReceiptCard(text, { actionTitle: action.title, date: action.date, outcome, actions: [] });
    const told = on({ kind: 'told', on: '2026-11-30' });
    expect(cardProblems(told)).toEqual([]);
    expect(cardText(told)).toContain(
      'Thank you. We’ve noted that participants were told on 30 November 2026.',
    );
    expect(cardText(told)).toContain(action.title);
    expect(told['actions']).toEqual([]);
    expect(cardText(on({ kind: 'later', on: '2026-12-14' }))).toContain(
      'We’ll ask again on 14 December 2026.',
    );
    const reason = on({ kind: 'notPossible', reason: 'The survey was anonymous' });
    expect(cardText(reason)).toContain(`${f.notPossibleReceipt}\nThe survey was anonymous`);
    expect(inputs(reason)).toEqual([]);
  });

  it('says no answer is needed when the action has gone or the loop is closed', () => {
    const gone = followUpReceiptCard(text, {
      outcome: { kind: 'noAnswerNeeded', because: 'gone' },
      actions: [],
    });
    expect(cardProblems(gone)).toEqual([]);
    expect(cardText(gone)).toBe(`${f.title}\n${f.noAnswerNeeded.gone}`);
    expect(f.noAnswerNeeded.told).toMatch(/^No answer is needed/);
  });
});

describe('"unit actions"', () => {
  const people = [
    { patients: 12, carers: 1, public: 0 },
    { patients: 7, carers: 8, public: 100 },
    { patients: 0, carers: 0, public: 3 },
  ];
  const items = people.map((participants, i) => ({
    action: { ...action, id: `2026-11-u${i}`, title: `Action number ${i + 1}`, participants },
    unitName: i === 2 ? 'Ward 8' : 'Ward 7',
  }));
  const paging = [button(t.older, 'actions.unitPage')];
  const card = unitActionsListCard(text, { items, older: false, actions: paging });

  it('shows each action’s title, type, date, team and depth, with no Edit or Delete', () => {
    expect(cardProblems(card)).toEqual([]);
    const words = cardText(card);
    expect(words).toContain(t.unitList.title);
    expect(words).toContain(
      'Action number 1\nFocus group or facilitated discussion. 20 November 2026\nTeam: Ward 7',
    );
    expect(words).toContain('Team: Ward 8');
    expect(words).toContain('Depth: Co-design: patients and staff design it together');
    expect(elements(card).filter((node) => node['type'] === 'ActionSet')).toEqual([]);
    expect(buttonTitles(card as Card)).toEqual([t.older]);
    expect(bytes(card)).toBeLessThan(25 * 1024);
  });

  it('shows numbers from 1 to 7 as "fewer than 8", and none as 0, so nobody can be singled out', () => {
    const lines = cardText(card)
      .split('\n')
      .filter((line) => line.startsWith('People:'));
    expect(lines).toEqual([
      'People: 12 patients, fewer than 8 carers, 0 members of the public',
      'People: fewer than 8 patients, 8 carers, 100 members of the public',
      'People: 0 patients, 0 carers, fewer than 8 members of the public',
    ]);
    expect(cardText(card)).toContain('“fewer than 8”');
  });

  it('says when there are none yet, and when there are no older ones', () => {
    const none = unitActionsListCard(text, { items: [], older: false, actions: [] });
    expect(cardProblems(none)).toEqual([]);
    expect(cardText(none)).toContain(t.unitList.none);
    expect(cardText(unitActionsListCard(text, { items: [], older: true, actions: [] }))).toContain(
      t.unitList.noMore,
    );
  });
});
