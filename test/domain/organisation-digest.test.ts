// The leads' organisation digest: every unit rolled up by the threshold rules, small units folded in and
// flagged, comparisons that place no suppressed unit, and nothing a small group could be worked out from.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { PrincipleId } from '../../src/domain/catalogue.js';
import type { DigestAction } from '../../src/domain/digest.js';
import {
  buildOrganisationDigest,
  type OrganisationDigestInput,
  type OrganisationUnit,
  type Tallies,
} from '../../src/domain/organisation-digest.js';
import { tallyPulses, type PulseLike } from '../../src/domain/suppression.js';

// Cycle 2026-W48 opens on Monday 23 November 2026.
const cycle = { id: '2026-W48', openingDay: '2026-11-23' };
const ORG = 'org';

/** `yes` people saying yes to p1 and `no` saying no. */
const answers = (yes: number, no = 0, principle: PrincipleId = 'p1') =>
  tallyPulses([
    ...Array.from({ length: yes }, (): PulseLike => ({ choices: { [principle]: 'yes' } })),
    ...Array.from({ length: no }, (): PulseLike => ({ choices: { [principle]: 'no' } })),
  ]);

const ward = (id: string, expected: number, parentId: string | undefined = ORG): OrganisationUnit => ({
  unitId: id,
  name: id.replace('w', 'Ward '),
  level: 'unit',
  ...(parentId ? { parentId } : {}),
  expected,
});
const organisation: OrganisationUnit = { unitId: ORG, name: 'Trust', level: 'organisation', expected: 0 };

function input(units: OrganisationUnit[], tallies: Tallies, rest: Partial<OrganisationDigestInput> = {}) {
  return { cycle, k: 5, units, tallies, history: [], measures: [], actions: [], ...rest };
}

const p1 = (digest: ReturnType<typeof buildOrganisationDigest>) =>
  digest.principles.find((tile) => tile.principle === 'p1')!;

describe('the organisation’s figure', () => {
  it.each([
    // [case, small units' answers, shown figure (yes of applied) or hidden, left out, units in it]
    ['leaves out small units that together hold fewer than k', [3, 1], [6, 8], true, 1],
    ['folds small units in once together they reach k', [3, 2], [9, 13], false, 3],
  ])('%s', (_case, [b, c], [yes, applied], leftOut, unitsIn) => {
    const digest = buildOrganisationDigest(
      input([organisation, ward('w1', 10), ward('w2', 4), ward('w3', 4)], {
        w1: answers(6, 2),
        w2: answers(b!),
        w3: answers(0, c!),
      }),
    );
    expect(p1(digest).pulse).toEqual({
      shown: true,
      yes,
      applied,
      percent: Math.round((100 * yes!) / applied!),
    });
    expect(p1(digest)).toMatchObject({ leftOut, unitsIn });
    // Units too small ever to reach k are counted, and said to be folded into the organisation.
    expect(digest.units).toEqual({ count: 3, tooSmall: 2 });
  });

  it('hides the figure when the whole organisation has fewer than k', () => {
    const digest = buildOrganisationDigest(
      input([ward('w1', 3), ward('w2', 3)], { w1: answers(2), w2: answers(2) }),
    );
    expect(p1(digest).pulse).toEqual({ shown: false, reason: 'tooFew' });
    expect(p1(digest)).toMatchObject({ leftOut: false, unitsIn: 0 });
  });

  it('keeps an organisation’s own people apart, so its own figure and the pool never give a small unit away', () => {
    // The organisation's own six are shown in its own digest. Pooling them with Ward 2's three would let
    // "organisation minus its own" show Ward 2's three answers.
    const own = { ...organisation, expected: 6 };
    const digest = buildOrganisationDigest(
      input([own, ward('w2', 3)], { [ORG]: answers(6), w2: answers(0, 3) }),
    );
    expect(p1(digest).pulse).toMatchObject({ shown: true, yes: 6, applied: 6 });
    expect(p1(digest).leftOut).toBe(true);
  });

  it('puts units with no organisation, or an organisation not in the digest, in the whole', () => {
    const digest = buildOrganisationDigest(
      input([ward('w1', 6, undefined), ward('w2', 6, 'elsewhere')], { w1: answers(5), w2: answers(0, 5) }),
    );
    expect(p1(digest).pulse).toMatchObject({ shown: true, yes: 5, applied: 10 });
    expect(p1(digest).unitsIn).toBe(2);
  });

  it('compares weeks only when both reach k, and reads a trend from the weeks before', () => {
    const units = [ward('w1', 10)];
    const week = (yes: number) => ({ w1: answers(yes, 10 - yes) });
    const steady = Array.from({ length: 11 }, () => week(5));
    const digest = buildOrganisationDigest(input(units, week(8), { history: [...steady, week(6)] }));
    expect(p1(digest).change).toEqual({ shown: true, points: 20 });
    expect(p1(digest).trend.trend).toBe('improving');
    const small = buildOrganisationDigest(input(units, week(8), { history: [{ w1: answers(2) }] }));
    expect(small.principles.find((t) => t.principle === 'p1')!.change).toEqual({
      shown: false,
      reason: 'tooFew',
    });
    const first = buildOrganisationDigest(input(units, week(8), { history: [undefined] }));
    expect(p1(first).change).toEqual({ shown: false, reason: 'noPrevious' });
  });
});

describe('the rest of the organisation digest', () => {
  let sequence = 0;
  const action = (overrides: Partial<DigestAction> = {}): DigestAction => ({
    id: `2026-11-a${++sequence}`,
    type: 'focus-group',
    depth: 'co-design',
    date: '2026-11-24',
    owner: 'aad-owner',
    participants: { patients: 3, carers: 0, public: 0 },
    shareable: false,
    title: 'Private title',
    ...overrides,
  });

  it('adds up the response rate over units, and counts actions across units with small counts hidden', () => {
    const digest = buildOrganisationDigest(
      input(
        [organisation, ward('w1', 10), ward('w2', 8)],
        { w1: answers(6, 1), w2: answers(2) },
        {
          actions: [action(), action({ type: 'survey', depth: 'inform' }), action({ date: '2026-05-01' })],
        },
      ),
    );
    expect(digest.responseRate).toEqual({ answered: 9, expected: 18, percent: 50 });
    expect(digest.actions).toMatchObject({
      count: 2,
      byDepth: { 'co-design': 1, inform: 1 },
      participants: 'fewerThan8',
    });
    expect(digest.actions.byType.every((entry) => entry.participants === 'fewerThan8')).toBe(true);
    // Overdue updates are a count: nobody across the units is named.
    expect(digest.loopOverdue).toBe(1);
    expect(JSON.stringify(digest)).not.toContain('aad-owner');
  });

  it('compares only units whose own figures are shown', () => {
    const units = [
      organisation,
      ...['w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7', 'w8'].map((id) => ward(id, 10)),
    ];
    const tallies: Tallies = {
      w1: answers(9, 1),
      w2: answers(8, 2),
      w3: answers(7, 3),
      w4: answers(4, 0), // suppressed: fewer than k
      w5: answers(3, 3),
      w6: answers(2, 4),
      w7: answers(1, 5),
      w8: answers(0, 2), // suppressed
    };
    const { comparison } = buildOrganisationDigest(input(units, tallies));
    const placed = (ranking: typeof comparison.responseRate) =>
      [...ranking.top, ...ranking.bottom].map((entry) => entry.unitId);
    expect(placed(comparison.principles.p1)).toEqual(['w1', 'w2', 'w3', 'w5', 'w6', 'w7']);
    expect(placed(comparison.responseRate)).not.toEqual(expect.arrayContaining(['w4']));
    expect(placed(comparison.responseRate)).not.toContain('w8');
    // The organisation unit, with no people of its own, is not a unit to compare.
    expect(comparison.responseRate.compared + comparison.responseRate.notCompared).toBe(8);
  });
});

describe('the organisation digest, whatever the units (property)', () => {
  const unitArb = fc.record({
    organisation: fc.nat(2),
    expected: fc.nat(12),
    yes: fc.nat(8),
    no: fc.nat(8),
  });
  const threshold = fc.integer({ min: 3, max: 10 });

  it('shows nothing that a group under k could be worked out from by subtraction', () => {
    fc.assert(
      fc.property(fc.array(unitArb, { maxLength: 25 }), fc.nat(6), threshold, (raw, ownPeople, k) => {
        const organisations = [0, 1, 2].map((n): OrganisationUnit => ({
          unitId: `org${n}`,
          name: `Org ${n}`,
          level: 'organisation',
          expected: 0,
        }));
        const units = raw.map((u, i) =>
          ward(`w${i}`, Math.max(u.expected, u.yes + u.no), `org${u.organisation}`),
        );
        const tallies: Tallies = {
          ...Object.fromEntries(raw.map((u, i) => [`w${i}`, answers(u.yes, u.no)])),
          org0: answers(ownPeople),
        };
        organisations[0] = { ...organisations[0]!, expected: ownPeople };
        const digest = buildOrganisationDigest(input([...organisations, ...units], tallies, { k }));
        const figure = p1(digest).pulse;
        // Every figure shown on its own: the units compared, and an organisation's own people (its own digest).
        const ownShown = [...units.map((u) => u.unitId), 'org0']
          .map((id) => tallies[id]!.choices.p1)
          .filter(({ yes, no }) => yes + no >= k);
        const shownApplied = ownShown.reduce((sum, { yes, no }) => sum + yes + no, 0);
        if (figure.shown) {
          const rest = figure.applied - shownApplied;
          expect(rest === 0 || rest >= k).toBe(true);
        }
        for (const ranking of [digest.comparison.responseRate, digest.comparison.principles.p1])
          for (const entry of [...ranking.top, ...ranking.bottom])
            expect(entry.denominator).toBeGreaterThanOrEqual(k);
      }),
    );
  });
});
