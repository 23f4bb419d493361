// How units compare in the organisation digest: ranking by share, the few at each end, and no unit placed on a
// figure that rests on fewer than k people.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { PrincipleId } from '../../src/domain/catalogue.js';
import {
  byShare,
  compareUnits,
  rank,
  topAndBottom,
  type Candidate,
  type Ranking,
  type UnitTally,
} from '../../src/domain/comparison.js';
import type { PulseTally } from '../../src/domain/suppression.js';

const candidate = (name: string, numerator: number, denominator: number): Candidate => ({
  unitId: name.toLowerCase().replace(/ /g, '-'),
  name,
  numerator,
  denominator,
});

/** A unit where `respondents` answered and, on p1, `yes` said yes and `no` said no. */
function unit(name: string, expected: number, respondents: number, yes = 0, no = 0): UnitTally {
  const choices = Object.fromEntries(
    PrincipleId.options.map((id) => [id, { yes: 0, no: 0, notApplicable: 0 }]),
  ) as PulseTally['choices'];
  choices.p1 = { yes, no, notApplicable: respondents - yes - no };
  return { unitId: name.toLowerCase().replace(/ /g, '-'), name, expected, tally: { respondents, choices } };
}

const names = (ranked: readonly { name: string }[]) => ranked.map((entry) => entry.name);

describe('byShare', () => {
  it.each([
    ['a higher share first', candidate('A', 9, 10), candidate('B', 8, 10), -1],
    ['exact shares, not rounded percentages', candidate('A', 199, 200), candidate('B', 99, 100), -1],
    ['on the same share, more people first', candidate('A', 5, 10), candidate('B', 10, 20), 1],
    ['then by name', candidate('Ward 10', 1, 2), candidate('Ward 9', 1, 2), 1],
    ['the same unit', candidate('A', 1, 2), candidate('A', 1, 2), 0],
  ])('puts %s', (_case, a, b, sign) => {
    expect(Math.sign(byShare(a, b))).toBe(sign);
  });
});

describe('rank', () => {
  it.each([
    [
      'keeps only figures resting on at least k people',
      [candidate('A', 4, 4), candidate('B', 5, 5)],
      5,
      ['B'],
    ],
    ['leaves out figures of nobody', [candidate('A', 0, 0), candidate('B', 0, 5)], 5, ['B']],
    [
      'orders highest first',
      [candidate('Low', 1, 10), candidate('High', 9, 10), candidate('Middle', 5, 10)],
      5,
      ['High', 'Middle', 'Low'],
    ],
  ])('%s', (_case, candidates, k, expected) => {
    expect(names(rank(candidates, k))).toEqual(expected);
  });

  it('gives each its percentage as shown elsewhere', () => {
    expect(rank([candidate('A', 199, 200), candidate('B', 1, 300)], 5).map((r) => r.percent)).toEqual([
      99, 1,
    ]);
  });
});

describe('topAndBottom', () => {
  const letters = (n: number) => Array.from({ length: n }, (_, i) => String.fromCharCode(65 + i));
  it.each([
    [0, 3, [], []],
    [4, 3, ['A', 'B', 'C', 'D'], []],
    [6, 3, ['A', 'B', 'C', 'D', 'E', 'F'], []],
    [7, 3, ['A', 'B', 'C'], ['G', 'F', 'E']],
    [200, 3, ['A', 'B', 'C'], letters(200).slice(-3).reverse()],
    [5, 1, ['A'], ['E']],
    [5, 0, [], []],
  ])('of %p ranked, %p at each end', (n, few, top, bottom) => {
    expect(topAndBottom(letters(n), few)).toEqual({ top, bottom });
  });
});

describe('compareUnits', () => {
  const units = [
    unit('Ward 1', 10, 10, 9, 1),
    unit('Ward 2', 10, 8, 4, 4),
    unit('Ward 3', 10, 6, 6, 0),
    unit('Ward 4', 10, 5, 1, 4),
    unit('Ward 5', 20, 4, 4, 0), // too few answered: never placed
    unit('Ward 6', 10, 9, 2, 1), // enough answered, but p1 applied to only 3
    unit('Ward 7', 10, 7, 3, 4),
    unit('Ward 8', 12, 12, 6, 6),
    unit('Ward 9', 3, 3, 3, 0), // too small ever to reach k
  ];
  const { responseRate, principles } = compareUnits(units, 5);

  it('ranks response rates only where at least k answered', () => {
    expect(names(responseRate.top)).toEqual(['Ward 8', 'Ward 1', 'Ward 6']);
    expect(names(responseRate.bottom)).toEqual(['Ward 4', 'Ward 3', 'Ward 7']);
    expect(responseRate).toMatchObject({ compared: 7, notCompared: 2 });
    expect(responseRate.top[0]).toMatchObject({ numerator: 12, denominator: 12, percent: 100 });
  });

  it('ranks a principle only where at least k said yes or no', () => {
    // Six compared: no more than twice three, so all of them, highest first; 50% of 12 before 50% of 8.
    expect(names(principles.p1.top)).toEqual(['Ward 3', 'Ward 1', 'Ward 8', 'Ward 2', 'Ward 7', 'Ward 4']);
    expect(principles.p1.bottom).toEqual([]);
    expect(principles.p1).toMatchObject({ compared: 6, notCompared: 3 });
    expect(principles.p2).toEqual({ top: [], bottom: [], compared: 0, notCompared: units.length });
  });

  it('never places a unit under the threshold, not even as the lowest', () => {
    const all = [responseRate, ...Object.values(principles)].flatMap((r) => [...r.top, ...r.bottom]);
    for (const hidden of ['Ward 5', 'Ward 9']) expect(names(all)).not.toContain(hidden);
    expect(names(principles.p1.top.concat(principles.p1.bottom))).not.toContain('Ward 6');
  });

  it('uses the threshold in force, never below 3', () => {
    expect(compareUnits(units, 1).responseRate.compared).toBe(compareUnits(units, 3).responseRate.compared);
  });
});

describe('compareUnits, whatever the units (property)', () => {
  const tally = fc
    .record({ expected: fc.nat(30), yes: fc.nat(15), no: fc.nat(15), na: fc.nat(10), silent: fc.nat(5) })
    .map(({ expected, yes, no, na, silent }) => ({ expected, yes, no, respondents: yes + no + na + silent }));
  const unitsOf = fc
    .array(tally, { maxLength: 40 })
    .map((tallies) =>
      tallies.map((t, i) =>
        unit(`Unit ${i}`, Math.max(t.expected, t.respondents), t.respondents, t.yes, t.no),
      ),
    );
  const threshold = fc.integer({ min: 3, max: 25 });
  const few = fc.integer({ min: 1, max: 5 });

  it('ranks nothing that rests on fewer than k answers, and shows at most the few at each end', () => {
    fc.assert(
      fc.property(unitsOf, threshold, few, (units, k, n) => {
        const byId = new Map(units.map((u) => [u.unitId, u]));
        const { responseRate, principles } = compareUnits(units, k, n);
        const check = (ranking: Ranking, answers: (u: UnitTally) => number) => {
          const shown = [...ranking.top, ...ranking.bottom];
          for (const entry of shown) {
            expect(answers(byId.get(entry.unitId)!)).toBeGreaterThanOrEqual(k);
            expect(entry.denominator).toBeGreaterThanOrEqual(k);
          }
          expect(new Set(shown.map((entry) => entry.unitId)).size).toBe(shown.length);
          if (ranking.bottom.length > 0) {
            expect(ranking.top).toHaveLength(n);
            expect(ranking.bottom).toHaveLength(n);
          } else expect(ranking.top.length).toBeLessThanOrEqual(2 * n);
          expect(ranking.compared + ranking.notCompared).toBe(units.length);
        };
        check(responseRate, (u) => u.tally.respondents);
        for (const id of PrincipleId.options)
          check(principles[id], (u) => u.tally.choices[id].yes + u.tally.choices[id].no);
      }),
    );
  });
});
