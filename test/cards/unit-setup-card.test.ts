// The unit check-in setup cards and the owner-gone notice, rendered with real wording and the real catalogue,
// and checked by the official Adaptive Cards library.
import { describe, expect, it } from '@jest/globals';
import type { AdaptiveCard, CardAction } from '../../src/cards/card.js';
import {
  LIST_LIMIT,
  MATCH_LIMIT,
  NO_ONE,
  ownerGoneCard,
  unitChooserCard,
  unitSetupCard,
  type Choice,
  type UnitSetupView,
} from '../../src/cards/unit-setup-card.js';
import { loadCatalogue } from '../../src/reference-data.js';
import { text } from '../../src/text/index.js';
import { cardText, input, inputs, type Node } from '../support/cards.js';
import { cardProblems } from '../support/validate-card.js';

const t = text.unitSetup;
const catalogue = loadCatalogue();
const action = (title: string, verb: string, data: Record<string, unknown> = {}): CardAction => ({
  title,
  verb,
  data: { cardId: `card-${verb}`, ...data },
});

const choiceValues = (card: unknown, id: string) =>
  ((input(card, id)?.['choices'] as Choice[] | undefined) ?? []).map((choice) => choice.value);
const size = (card: AdaptiveCard) => Buffer.byteLength(JSON.stringify(card));

/** A GUID-shaped object id and a long name: the worst realistic case for card size. */
const guid = (i: number) => `${String(i).padStart(8, '0')}-5b8d-4e6f-9a0b-1c2d3e4f5a6b`;
const peopleOf = (count: number): Choice[] =>
  Array.from({ length: count }, (_, i) => ({
    title: `Oluwaseun Adeyemi-Fitzgerald ${String(i).padStart(3, '0')}`,
    value: guid(i),
  }));

const sam = { title: 'Sam Smith', value: 'aad-sam' };
const priya = { title: 'Priya Shah', value: 'aad-priya' };

function view(overrides: Partial<UnitSetupView> = {}): UnitSetupView {
  return {
    unitName: 'Ward 7',
    gone: [],
    principles: catalogue.principles.map((p) => ({ title: p.name, value: p.id })),
    chosen: ['p1', 'p3'],
    people: [priya, sam],
    owner: 'aad-priya',
    deputy: 'aad-sam',
    find: action(t.find, 'unitSetup.show', { unitId: 'ward-7', use: 'find' }),
    save: action(t.save, 'unitSetup.save', { unitId: 'ward-7' }),
    ...overrides,
  };
}

const chooser = (units: Choice[], query?: string) =>
  unitChooserCard(text, {
    units,
    ...(query ? { query } : {}),
    find: action(t.find, 'unitSetup.show', { use: 'find' }),
    show: action(t.show, 'unitSetup.show', { use: 'unit' }),
  });

const cards: [string, AdaptiveCard][] = [
  ['a unit', unitSetupCard(text, view())],
  [
    'a unit with a problem, a gone owner and another unit',
    unitSetupCard(
      text,
      view({
        problem: 'sameDeputy',
        gone: [{ role: 'owner', name: 'Alex Jones' }, { role: 'deputy' }],
        otherUnit: action(t.otherUnit, 'unitSetup.show'),
      }),
    ),
  ],
  ['a unit saved', unitSetupCard(text, view({ notice: 'Saved.' }))],
  [
    `a unit with ${LIST_LIMIT} people, listed whole`,
    unitSetupCard(text, view({ people: peopleOf(LIST_LIMIT) })),
  ],
  ['a unit with 300 people', unitSetupCard(text, view({ people: peopleOf(300), owner: guid(7) }))],
  [
    'a unit with 300 people, searched',
    unitSetupCard(text, view({ people: peopleOf(300), query: 'adeyemi' })),
  ],
  ['a unit with nobody yet', unitSetupCard(text, view({ people: [], owner: undefined, deputy: undefined }))],
  [
    'the list of units',
    chooser([
      { title: 'Ward 7', value: 'ward-7' },
      { title: 'Ward 8', value: 'ward-8' },
    ]),
  ],
  ['the list of 300 units, searched', chooser(peopleOf(300), 'fitzgerald 01')],
  [
    'owner gone',
    ownerGoneCard(text, {
      unitName: 'Ward 7',
      name: 'Sam Smith',
      role: 'owner',
      reason: 'left',
      why: 'manager',
      choose: action(text.ownerGone.button.owner, 'unitSetup.show', { unitId: 'ward-7' }),
    }),
  ],
];

describe('unit setup cards', () => {
  it.each(cards)('%s parses and validates cleanly as Adaptive Card 1.5, under 25 KB', (_name, card) => {
    expect(card.version).toBe('1.5');
    expect(cardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).not.toContain('${');
    expect(size(card)).toBeLessThan(25_000);
  });

  const forms = cards.filter(([name]) => name !== 'owner gone');
  it.each(forms)('%s gives every input a label', (_name, card) => {
    expect(inputs(card).length).toBeGreaterThan(0);
    for (const node of inputs(card)) expect(String(node['label'] ?? '')).not.toBe('');
  });

  it('asks every principle by name, ticks the current ones, and pre-fills the owner and deputy', () => {
    const card = unitSetupCard(text, view());
    expect(cardText(card)).toContain(t.title('Ward 7'));
    expect(input(card, 'principles')).toMatchObject({
      isMultiSelect: true,
      style: 'expanded',
      value: 'p1,p3',
    });
    expect(choiceValues(card, 'principles')).toEqual(['p1', 'p2', 'p3', 'p4', 'p5', 'p6']);
    for (const p of catalogue.principles) expect(cardText(card)).toContain(p.name);
    expect(input(card, 'owner')).toMatchObject({ style: 'filtered', value: 'aad-priya' });
    expect(input(card, 'deputy')).toMatchObject({ style: 'filtered', value: 'aad-sam' });
    expect(choiceValues(card, 'owner')).toEqual([NO_ONE, 'aad-priya', 'aad-sam']);
  });

  it('chooses "no one" for an owner who is not in the list, and says in words who has gone', () => {
    const card = unitSetupCard(
      text,
      view({ owner: 'aad-gone', gone: [{ role: 'owner', name: 'Alex Jones' }, { role: 'deputy' }] }),
    );
    expect(input(card, 'owner')?.['value']).toBe(NO_ONE);
    expect(cardText(card)).toContain(
      'Alex Jones, the owner, is no longer in this unit. Choose someone else.',
    );
    expect(cardText(card)).toContain('The deputy is no longer in this unit. Choose someone else.');
  });

  it('says a problem in words, not only by colour', () => {
    const card = unitSetupCard(text, view({ problem: 'notACandidate' }));
    expect(cardText(card)).toContain(t.problemHeading);
    expect(cardText(card)).toContain(t.problems.notACandidate);
    expect(cardText(unitSetupCard(text, view()))).not.toContain(t.problemHeading);
  });

  it(`lists up to ${LIST_LIMIT} people whole, and asks for a name beyond that`, () => {
    const whole = unitSetupCard(text, view({ people: peopleOf(LIST_LIMIT) }));
    expect(choiceValues(whole, 'owner')).toHaveLength(LIST_LIMIT + 1);
    expect(input(whole, 'find')).toBeUndefined();

    const many = unitSetupCard(text, view({ people: peopleOf(300), owner: guid(7) }));
    expect(input(many, 'find')).toMatchObject({ label: t.findLabel });
    expect(cardText(many)).toContain(t.manyPeople(300));
    // The owner already chosen stays choosable, and keeps their place.
    expect(choiceValues(many, 'owner')).toEqual([NO_ONE, guid(7)]);
    expect(input(many, 'owner')?.['value']).toBe(guid(7));
  });

  it('shows the first matches for a name, and says how many there are', () => {
    const card = unitSetupCard(text, view({ people: peopleOf(300), query: 'Fitzgerald 01' }));
    // Numbers with "01" in them: 001, 010 to 019, 101 and 201.
    expect(choiceValues(card, 'deputy')).toHaveLength(1 + 13);
    expect(cardText(card)).toContain(t.found(13, 13, 'Fitzgerald 01'));
    const broad = unitSetupCard(text, view({ people: peopleOf(300), query: 'adeyemi' }));
    expect(choiceValues(broad, 'deputy')).toHaveLength(1 + MATCH_LIMIT);
    expect(cardText(broad)).toContain(t.found(300, MATCH_LIMIT, 'adeyemi'));
    const none = unitSetupCard(text, view({ people: peopleOf(300), query: 'zzz' }));
    expect(cardText(none)).toContain(t.found(0, 0, 'zzz'));
  });

  it('lists units to choose from, with a Show button; none when there are none', () => {
    const card = chooser([{ title: 'Ward 7', value: 'ward-7' }]);
    expect(input(card, 'unit')).toMatchObject({ label: t.unitLabel, style: 'filtered' });
    expect((card['actions'] as Node[]).map((a) => a['title'])).toEqual([t.show]);
    const empty = unitChooserCard(text, {
      units: [],
      notice: t.noUnits,
      find: action(t.find, 'f'),
      show: action(t.show, 's'),
    });
    expect(inputs(empty)).toEqual([]);
    expect(empty['actions']).toEqual([]);
    expect(cardText(empty)).toContain(t.noUnits);
    const many = chooser(peopleOf(300));
    expect(input(many, 'find')).toMatchObject({ label: t.findUnitLabel });
    expect(input(many, 'unit')).toBeUndefined();
    expect(cardText(many)).toContain(t.manyUnits(300));
  });

  it('tells a manager who has gone and why they get it, with a button to choose again', () => {
    const choose = action(text.ownerGone.button.deputy, 'unitSetup.show', { unitId: 'ward-7' });
    const stopped = ownerGoneCard(text, {
      unitName: 'Ward 7',
      role: 'deputy',
      reason: 'stopped',
      why: 'lead',
      choose,
    });
    expect(cardText(stopped)).toContain('Someone has stopped their check-ins.');
    expect(cardText(stopped)).toContain(text.ownerGone.held('Ward 7', 'deputy'));
    expect(cardText(stopped)).toContain(text.ownerGone.why.lead('Ward 7'));
    expect(stopped['actions']).toEqual([{ type: 'Action.Execute', ...choose }]);
  });
});
