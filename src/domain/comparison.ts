// How units compare in an organisation-wide digest (DOMAIN.md, "Weekly digest"): the top and bottom few by
// response rate and by the share saying "yes" on each principle, to stay small; the rest go in an export.
//
// Only a unit whose own figure is shown anyway is compared: at least k people answered (for the response
// rate), or at least k said yes or no (for a principle), as suppression.ts decides for a unit's own summary.
// A unit under k is never placed, not even as "lowest", because its place would say something about a
// figure that is hidden. Each figure is the unit's own, the same as its own summary shows, so the comparison
// adds nothing a manager or lead could not already see; with the organisation's rolled-up figure, what is
// left over is what the roll-up let in, never a group under k (suppression.ts, rollUpPulse).
import { percentOf } from './answers.js';
import { PrincipleId } from './catalogue.js';
import { anonymityMin, type PulseTally } from './suppression.js';

/** How many units each end of a comparison shows. */
export const COMPARE_FEW = 3;

/** One unit's own pulse this cycle, as counts: what it is compared on. */
export type UnitTally = {
  unitId: string;
  name: string;
  /** People expected to answer for the unit: the response rate's denominator. */
  expected: number;
  tally: PulseTally;
};

/** A figure to rank: `numerator` of `denominator`, as the whole percentage shown. */
export type Candidate = { unitId: string; name: string; numerator: number; denominator: number };
export type Ranked = Candidate & { percent: number };

export type Ranking = {
  /** Highest first. With no more than twice `few` units compared, every one of them, and `bottom` is empty. */
  top: Ranked[];
  /** Lowest first; never a unit that is in `top`. */
  bottom: Ranked[];
  /** Units ranked. */
  compared: number;
  /** Units in the digest that were not ranked, because their figure rests on fewer than k people. */
  notCompared: number;
};

export type Comparison = { responseRate: Ranking; principles: Record<PrincipleId, Ranking> };

/** Higher share first (exactly, not as rounded percentages), then more people, then by name: Ward 9 before Ward 10. */
export function byShare(a: Candidate, b: Candidate): number {
  const share = b.numerator * a.denominator - a.numerator * b.denominator;
  if (share !== 0) return share;
  return (
    b.denominator - a.denominator ||
    a.name.localeCompare(b.name, 'en-GB', { numeric: true }) ||
    (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0)
  );
}

/** The candidates resting on at least `min` people, highest share first, each with its shown percentage. */
export function rank(candidates: readonly Candidate[], min: number): Ranked[] {
  return candidates
    .filter((candidate) => candidate.denominator > 0 && candidate.denominator >= min)
    .map((candidate) => ({ ...candidate, percent: percentOf(candidate)! }))
    .sort(byShare);
}

/** The first and last `few` of a ranked list (the last lowest first); all of it as `top` when it is short. */
export function topAndBottom<T>(ranked: readonly T[], few: number = COMPARE_FEW): { top: T[]; bottom: T[] } {
  const ends = Math.max(0, Math.floor(few));
  if (ranked.length <= 2 * ends) return { top: [...ranked], bottom: [] };
  return { top: ranked.slice(0, ends), bottom: ranked.slice(ranked.length - ends).reverse() };
}

function ranking(candidates: readonly Candidate[], min: number, units: number, few: number): Ranking {
  const ranked = rank(candidates, min);
  return { ...topAndBottom(ranked, few), compared: ranked.length, notCompared: units - ranked.length };
}

/**
 * Units compared by response rate (answered of expected, only where at least k answered) and, for each
 * principle, by the share saying yes of those it applied to (only where at least k said yes or no).
 */
export function compareUnits(units: readonly UnitTally[], k?: number, few: number = COMPARE_FEW): Comparison {
  const min = anonymityMin(k);
  const rates = units
    .filter((unit) => unit.tally.respondents >= min)
    .map(({ unitId, name, expected, tally }) => ({
      unitId,
      name,
      numerator: Math.min(tally.respondents, expected),
      denominator: expected,
    }));
  const principles = Object.fromEntries(
    PrincipleId.options.map((principle) => {
      const candidates = units.map(({ unitId, name, tally }) => {
        const { yes, no } = tally.choices[principle];
        return { unitId, name, numerator: yes, denominator: yes + no };
      });
      return [principle, ranking(candidates, min, units.length, few)];
    }),
  ) as Record<PrincipleId, Ranking>;
  return { responseRate: ranking(rates, min, units.length, few), principles };
}
