import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { PulseChoice } from '../../src/domain/answers.js';
import { PrincipleId } from '../../src/domain/catalogue.js';
import {
  anonymityMin,
  pulseChange,
  pulseResult,
  rollUpPulse,
  smallBreakdown,
  smallCount,
  tallyPulses,
  type PrincipleFigure,
  type PulseLike,
  type RolledFigure,
  type UnitPulseInput,
} from '../../src/domain/suppression.js';

/** `yes` people saying yes to p1, `no` saying no, `na` saying not applicable; every other principle unanswered. */
const people = (yes: number, no = 0, na = 0, principle: PrincipleId = 'p1'): PulseLike[] => [
  ...Array.from({ length: yes }, () => ({ choices: { [principle]: 'yes' as const } })),
  ...Array.from({ length: no }, () => ({ choices: { [principle]: 'no' as const } })),
  ...Array.from({ length: na }, () => ({ choices: { [principle]: 'notApplicable' as const } })),
];

describe('anonymityMin', () => {
  it.each([
    [undefined, 5],
    [5, 5],
    [3, 3],
    [2, 3],
    [0, 3],
    [-4, 3],
    [4.2, 5],
    [25, 25],
    [Number.NaN, 5],
  ])('k = %p is used as %p', (k, expected) => {
    expect(anonymityMin(k)).toBe(expected);
  });
});

describe('tallyPulses', () => {
  it('counts respondents and each principle’s choices, reading nothing else', () => {
    const pulses = [
      { choices: { p1: 'yes', p2: 'no' }, comment: 'not read' },
      { choices: { p1: 'notApplicable' } },
      { choices: {} },
    ] as PulseLike[];
    const tally = tallyPulses(pulses);
    expect(tally.respondents).toBe(3);
    expect(tally.choices.p1).toEqual({ yes: 1, no: 0, notApplicable: 1 });
    expect(tally.choices.p2).toEqual({ yes: 0, no: 1, notApplicable: 0 });
    expect(tally.choices.p6).toEqual({ yes: 0, no: 0, notApplicable: 0 });
    expect(JSON.stringify(tally)).not.toContain('not read');
  });
});

describe('pulseResult', () => {
  it.each<[string, PulseLike[], number | undefined, PrincipleFigure]>([
    ['4 of 4 yes, under the default k of 5', people(4), undefined, { shown: false, reason: 'tooFew' }],
    ['4 yes and 1 no at k = 5', people(4, 1), 5, { shown: true, yes: 4, applied: 5, percent: 80 }],
    ['3 yes and 2 no', people(3, 2), 5, { shown: true, yes: 3, applied: 5, percent: 60 }],
    ['nobody answered', [], 5, { shown: false, reason: 'tooFew' }],
    ['1 yes and 9 "not applicable"', people(1, 0, 9), 5, { shown: false, reason: 'tooFewApplied' }],
    [
      '4 yes, 1 no and 5 "not applicable"',
      people(4, 1, 5),
      5,
      { shown: true, yes: 4, applied: 5, percent: 80 },
    ],
    ['3 of 3 at k = 3', people(2, 1), 3, { shown: true, yes: 2, applied: 3, percent: 67 }],
    ['2 of 2 with k set to 2 (floor is 3)', people(2), 2, { shown: false, reason: 'tooFew' }],
    ['24 answers at k = 25', people(20, 4), 25, { shown: false, reason: 'tooFew' }],
    [
      '199 yes and 1 no: never rounds up to all',
      people(199, 1),
      5,
      { shown: true, yes: 199, applied: 200, percent: 99 },
    ],
    ['0 yes of 6', people(0, 6), 5, { shown: true, yes: 0, applied: 6, percent: 0 }],
  ])('%s', (_name, pulses, k, expected) => {
    expect(pulseResult(pulses, k).p1).toEqual(expected);
  });

  it('judges each principle on the people it applied to', () => {
    const pulses: PulseLike[] = Array.from({ length: 6 }, (_, i) => ({
      choices: { p1: 'yes', p2: i < 4 ? 'notApplicable' : 'no', p3: i < 1 ? 'no' : 'yes' },
    }));
    const result = pulseResult(pulses, 5);
    expect(result.p1).toEqual({ shown: true, yes: 6, applied: 6, percent: 100 });
    expect(result.p2).toEqual({ shown: false, reason: 'tooFewApplied' });
    expect(result.p3).toEqual({ shown: true, yes: 5, applied: 6, percent: 83 });
    expect(result.p4).toEqual({ shown: false, reason: 'tooFewApplied' });
  });

  it('takes counts as well as answers', () => {
    const tally = tallyPulses(people(7, 3));
    expect(pulseResult(tally, 5).p1).toEqual(pulseResult(people(7, 3), 5).p1);
  });
});

describe('pulseChange', () => {
  const shown = (percent: number): PrincipleFigure => ({ shown: true, yes: percent, applied: 100, percent });
  const hidden: PrincipleFigure = { shown: false, reason: 'tooFew' };
  it.each([
    [shown(70), shown(60), { shown: true, points: 10 }],
    [shown(50), shown(65), { shown: true, points: -15 }],
    [shown(50), shown(50), { shown: true, points: 0 }],
    [shown(70), hidden, { shown: false, reason: 'tooFew' }],
    [hidden, shown(70), { shown: false, reason: 'tooFew' }],
    [hidden, hidden, { shown: false, reason: 'tooFew' }],
    [shown(70), undefined, { shown: false, reason: 'noPrevious' }],
  ])('%p against %p', (current, previous, expected) => {
    expect(pulseChange(current, previous)).toEqual(expected);
  });
});

describe('rollUpPulse', () => {
  const unit = (
    unitId: string,
    parentId: string | undefined,
    answers: PulseLike[],
    expected = answers.length,
  ) => ({
    unitId,
    ...(parentId ? { parentId } : {}),
    answers,
    expected,
  });
  const p1 = (results: ReturnType<typeof rollUpPulse>, id: string) => results.get(id)!.principles.p1;

  it('leaves out small units that together hold fewer than k, and says so', () => {
    const results = rollUpPulse(
      [
        unit('org', undefined, []),
        unit('a', 'org', people(5, 1)),
        unit('b', 'org', people(2)),
        unit('c', 'org', people(1, 1)),
      ],
      5,
    );
    expect(p1(results, 'org')).toEqual({
      shown: true,
      yes: 5,
      applied: 6,
      percent: 83,
      includes: ['a'],
      leftOut: true,
    });
    expect(p1(results, 'a')).toMatchObject({ shown: true, leftOut: false });
    expect(p1(results, 'b')).toEqual({ shown: false, reason: 'tooFew' });
    expect(p1(results, 'c')).toEqual({ shown: false, reason: 'tooFew' });
  });

  it('includes small units once together they hold k, so the difference is at least k', () => {
    const results = rollUpPulse(
      [
        unit('org', undefined, []),
        unit('a', 'org', people(5, 1)),
        unit('b', 'org', people(2, 1)),
        unit('c', 'org', people(1, 1)),
      ],
      5,
    );
    const org = p1(results, 'org');
    expect(org).toMatchObject({ shown: true, yes: 8, applied: 11, percent: 73, leftOut: false });
    expect(org.shown && [...org.includes].sort()).toEqual(['a', 'b', 'c', 'org']);
    expect(p1(results, 'b')).toEqual({ shown: false, reason: 'tooFew', countedIn: 'org' });
  });

  it('passes small organisations up whole, to be pooled with others at the next level', () => {
    const results = rollUpPulse(
      [
        unit('place', undefined, []),
        unit('org1', 'place', []),
        unit('org2', 'place', []),
        unit('w1', 'org1', people(2)),
        unit('w2', 'org1', people(1, 1)),
        unit('w3', 'org2', people(1)),
      ],
      5,
    );
    expect(p1(results, 'org1')).toEqual({ shown: false, reason: 'tooFew', countedIn: 'place' });
    expect(p1(results, 'place')).toMatchObject({ shown: true, yes: 4, applied: 5, leftOut: false });
    expect(p1(results, 'w3')).toEqual({ shown: false, reason: 'tooFew', countedIn: 'place' });
  });

  it('pools a parent’s own answers with its small units', () => {
    const results = rollUpPulse([unit('org', undefined, people(2)), unit('a', 'org', people(6))], 5);
    expect(p1(results, 'org')).toMatchObject({ shown: true, applied: 6, includes: ['a'], leftOut: true });
    const more = rollUpPulse(
      [unit('org', undefined, people(3)), unit('a', 'org', people(6)), unit('b', 'org', people(2))],
      5,
    );
    expect(p1(more, 'org')).toMatchObject({ shown: true, applied: 11, leftOut: false });
  });

  it('decides each principle on its own, by the people it applied to', () => {
    const answers: PulseLike[] = Array.from({ length: 6 }, () => ({
      choices: { p1: 'yes', p2: 'notApplicable' },
    }));
    const results = rollUpPulse([unit('a', undefined, answers)], 5);
    expect(results.get('a')!.principles.p1.shown).toBe(true);
    expect(results.get('a')!.principles.p2).toEqual({ shown: false, reason: 'tooFewApplied' });
  });

  it('marks units too small ever to reach k on their own', () => {
    const results = rollUpPulse(
      [unit('org', undefined, [], 0), unit('a', 'org', people(2), 4), unit('b', 'org', people(1), 3)],
      5,
    );
    expect(results.get('a')!.tooSmall).toBe(true);
    expect(results.get('b')!.tooSmall).toBe(true);
    expect(results.get('org')!.tooSmall).toBe(false);
    expect(rollUpPulse([unit('a', undefined, people(2), 5)], 5).get('a')!.tooSmall).toBe(false);
  });

  it('treats a unit with a missing parent, or in a loop of parents, as a top-level unit', () => {
    const results = rollUpPulse(
      [
        unit('a', 'gone', people(5)),
        unit('x', 'y', people(3)),
        unit('y', 'x', people(3)),
        unit('z', 'x', people(3)),
      ],
      5,
    );
    expect(p1(results, 'a')).toMatchObject({ shown: true, applied: 5 });
    expect(p1(results, 'x')).toMatchObject({ shown: true, applied: 6 }); // x and z: the loop is cut
    expect(p1(results, 'y')).toEqual({ shown: false, reason: 'tooFew' });
  });
});

describe('smallCount', () => {
  it.each([
    [0, 0],
    [1, 'fewerThan8'],
    [5, 'fewerThan8'],
    [7, 'fewerThan8'],
    [8, 8],
    [250, 250],
  ])('%p people show as %p', (n, expected) => {
    expect(smallCount(n)).toBe(expected);
  });

  it.each([-1, 2.5, Number.NaN])('refuses %p', (n) => {
    expect(() => smallCount(n)).toThrow(/suppression/);
  });
});

describe('smallBreakdown', () => {
  it.each<[Record<string, number>, unknown]>([
    [{}, { total: 0, parts: {} }],
    [{ a: 3 }, { total: 'fewerThan8', parts: { a: 'fewerThan8' } }],
    [
      { a: 5, b: 4 },
      { total: 9, parts: { a: 'fewerThan8', b: 'fewerThan8' } },
    ],
    [
      { a: 10, b: 0 },
      { total: 10, parts: { a: 10, b: 0 } },
    ],
    [
      { a: 10, b: 3 },
      { total: 13, parts: { a: 'withheld', b: 'fewerThan8' } },
    ],
    [
      { a: 12, b: 10, c: 3 },
      { total: 25, parts: { a: 12, b: 'withheld', c: 'fewerThan8' } },
    ],
    [
      { a: 10, b: 5, c: 5 },
      { total: 20, parts: { a: 10, b: 'fewerThan8', c: 'fewerThan8' } },
    ],
  ])('%p', (parts, expected) => {
    expect(smallBreakdown(parts)).toEqual(expected);
  });
});

// ---- Properties ---------------------------------------------------------------------------------------
//
// For random forests of up to 10 units (any unit may be a parent), each with 0–10 people answering random
// choices (yes, no, not applicable, or the principle not asked), and k from 3 to 25, for every unit and
// principle, with the sizes worked out here from the answers themselves (not from what rollUpPulse counted):
// 1. A figure is shown exactly when the unit and everything below it hold at least k yes-or-no answers.
// 2. A shown figure's numbers are the sums of the answers of the units it says it includes (all of them in
//    the unit's subtree), it rests on at least k yes-or-no answers and at least k people.
// 3. A shown figure holds exactly the included answers of every shown unit below it (so subtracting one
//    shown figure from another removes exactly that unit's answers).
// 4. Differencing: a shown figure minus any set of shown figures of units below it that do not overlap
//    (its shown sub-units, or their sub-units, or a mix from different branches) leaves 0 or at least k
//    yes-or-no answers: no group under k is revealed by subtraction. The parent-minus-its-shown-children
//    difference is one case of these.
// 5. leftOut is true exactly when someone in the subtree answered the pulse but is not in the figure;
//    countedIn, on a hidden unit, names the nearest shown ancestor exactly when that figure holds its answers.
// 6. A unit whose subtree expects fewer than k people is tooSmall, and (answers never exceeding those
//    expected) is never shown.
// 7. Week on week: a change is shown exactly when both weeks' figures are shown, and equals the difference
//    of the two shown percentages. Each week's figure rests on at least k answers by (2). What no threshold
//    can stop (the same people answering the same way both weeks, bar one) is outside DOMAIN.md's rule.

const settings = { seed: 20260407, numRuns: 150 };
const choice = fc.constantFrom<PulseChoice | undefined>('yes', 'no', 'notApplicable', undefined);
const pulse = fc.tuple(...PrincipleId.options.map(() => choice)).map((choices): PulseLike => ({
  choices: Object.fromEntries(PrincipleId.options.flatMap((id, i) => (choices[i] ? [[id, choices[i]]] : []))),
}));
type Units = {
  id: string;
  parentId: string | undefined;
  week: PulseLike[];
  lastWeek: PulseLike[];
  expected: number;
}[];
const forest = fc
  .array(
    fc.record({
      parent: fc.nat(),
      week: fc.array(pulse, { maxLength: 10 }),
      lastWeek: fc.array(pulse, { maxLength: 10 }),
      extra: fc.nat(3),
    }),
    { minLength: 1, maxLength: 10 },
  )
  .map((units): Units =>
    units.map((raw, i) => {
      const parent = (raw.parent % (i + 1)) - 1; // -1: top level; otherwise an earlier unit
      const expected = Math.max(raw.week.length, raw.lastWeek.length) + raw.extra;
      return { id: `u${i}`, parentId: parent < 0 ? undefined : `u${parent}`, ...raw, expected };
    }),
  );
const k = fc.integer({ min: 3, max: 25 });

function model(units: Units, week: 'week' | 'lastWeek') {
  const ownOf = new Map(units.map((u) => [u.id, tallyPulses(u[week])]));
  const childrenOf = (id: string) => units.filter((u) => u.parentId === id).map((u) => u.id);
  const subtree = (id: string): string[] => [id, ...childrenOf(id).flatMap(subtree)];
  const applied = (ids: Iterable<string>, principle: PrincipleId) =>
    [...ids].reduce(
      (sum, id) => sum + ownOf.get(id)!.choices[principle].yes + ownOf.get(id)!.choices[principle].no,
      0,
    );
  const yes = (ids: Iterable<string>, principle: PrincipleId) =>
    [...ids].reduce((sum, id) => sum + ownOf.get(id)!.choices[principle].yes, 0);
  const people = (ids: Iterable<string>) => [...ids].reduce((sum, id) => sum + ownOf.get(id)!.respondents, 0);
  const inputs: UnitPulseInput[] = units.map((u) => ({
    unitId: u.id,
    ...(u.parentId ? { parentId: u.parentId } : {}),
    answers: u[week],
    expected: u.expected,
  }));
  return { childrenOf, subtree, applied, yes, people, inputs };
}

const includesOf = (figure: RolledFigure) => new Set(figure.shown ? figure.includes : []);

describe('threshold and differencing properties', () => {
  it('no shown figure, alone or less other shown figures below it, reveals fewer than k answers', () => {
    fc.assert(
      fc.property(forest, k, (units, k) => {
        const { childrenOf, subtree, applied, yes, people, inputs } = model(units, 'week');
        const results = rollUpPulse(inputs, k);
        for (const principle of PrincipleId.options) {
          const figure = (id: string) => results.get(id)!.principles[principle];
          for (const { id } of units) {
            const mine = figure(id);
            const below = subtree(id);
            // 1
            expect(mine.shown).toBe(applied(below, principle) >= k);
            // 6
            const expected = below.reduce(
              (sum, unitId) => sum + units.find((u) => u.id === unitId)!.expected,
              0,
            );
            expect(results.get(id)!.tooSmall).toBe(expected < k);
            if (expected < k) expect(mine.shown).toBe(false);
            if (!mine.shown) continue;
            // 2
            const includes = includesOf(mine);
            expect(includes.size).toBe(mine.includes.length);
            expect(mine.includes.every((unitId) => below.includes(unitId))).toBe(true);
            expect(mine.applied).toBe(applied(includes, principle));
            expect(mine.yes).toBe(yes(includes, principle));
            expect(mine.applied).toBeGreaterThanOrEqual(k);
            expect(people(includes)).toBeGreaterThanOrEqual(k);
            // 5
            expect(mine.leftOut).toBe(people(includes) < people(below));
            // 3 and 4: sizes left after taking away non-overlapping shown figures below, branch by branch.
            const left = (unitId: string): Set<number> => {
              const own = includes.has(unitId) ? applied([unitId], principle) : 0;
              let sums = new Set([own]);
              for (const child of childrenOf(unitId)) {
                const options = left(child);
                sums = new Set([...sums].flatMap((a) => [...options].map((b) => a + b)));
              }
              const here = figure(unitId);
              if (unitId !== id && here.shown) {
                const inHere = below.filter((u) => subtree(unitId).includes(u) && includes.has(u));
                expect(new Set(inHere)).toEqual(includesOf(here));
                sums.add(0);
              }
              return sums;
            };
            for (const remainder of left(id)) {
              expect(remainder === 0 || remainder >= k).toBe(true);
            }
          }
          // 5: countedIn on hidden units
          for (const { id } of units) {
            const mine = figure(id);
            if (mine.shown) continue;
            let at = units.find((u) => u.id === id)!.parentId;
            while (at !== undefined && !figure(at).shown) at = units.find((u) => u.id === at)!.parentId;
            const holds = at !== undefined && includesOf(figure(at)).has(id);
            expect(mine.countedIn).toBe(holds ? at : undefined);
          }
        }
      }),
      settings,
    );
  });

  it('shows a week-on-week change exactly when both weeks reach k', () => {
    fc.assert(
      fc.property(forest, k, (units, k) => {
        const now = rollUpPulse(model(units, 'week').inputs, k);
        const before = rollUpPulse(model(units, 'lastWeek').inputs, k);
        for (const { id } of units) {
          for (const principle of PrincipleId.options) {
            const current = now.get(id)!.principles[principle];
            const previous = before.get(id)!.principles[principle];
            const change = pulseChange(current, previous);
            expect(change.shown).toBe(current.shown && previous.shown);
            if (change.shown && current.shown && previous.shown) {
              expect(current.applied).toBeGreaterThanOrEqual(k);
              expect(previous.applied).toBeGreaterThanOrEqual(k);
              expect(change.points).toBe(current.percent - previous.percent);
            }
          }
        }
      }),
      settings,
    );
  });

  it('no small count of people can be worked out from a breakdown and its total', () => {
    const parts = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), fc.nat(30));
    fc.assert(
      fc.property(parts, (parts) => {
        const { total, parts: shown } = smallBreakdown(parts);
        const sum = Object.values(parts).reduce((a, b) => a + b, 0);
        expect(total).toBe(sum >= 1 && sum <= 7 ? 'fewerThan8' : sum);
        const numbers = Object.values(shown).filter((n): n is number => typeof n === 'number');
        for (const n of numbers) expect(n === 0 || n >= 8).toBe(true);
        if (typeof total === 'number') {
          const hidden = total - numbers.reduce((a, b) => a + b, 0);
          expect(hidden === 0 || hidden >= 8).toBe(true);
        }
        expect(Object.values(shown).filter((n) => n === 'withheld').length).toBeLessThanOrEqual(1);
        for (const [key, n] of Object.entries(parts)) {
          if (typeof shown[key] === 'number') expect(shown[key]).toBe(n);
        }
      }),
      { seed: 20260407, numRuns: 300 },
    );
  });
});
