// A measure's status (DOMAIN.md, "Weekly digest": status rules) as a code the text layer turns into words,
// never a colour alone: maturity and yes/no by their answer, counts and percentages against an optional local
// target. A measure not answered in its due period is 'noUpdate', never its old status carried forward.
import type { MeasureValue } from './answers.js';
import { percentOf } from './answers.js';
import type { Measure } from './catalogue.js';
import { isDue, type LocalDate } from './cycles.js';

export type StatusCode = 'red' | 'amber' | 'green' | 'blue' | 'grey' | 'noUpdate' | 'noTarget';

/** A count or percentage within this share of its target (below it) is amber rather than red. */
export const DEFAULT_TOLERANCE_PERCENT = 10;
export type StatusOptions = { tolerancePercent?: number };

export type MeasureStatus = {
  status: StatusCode;
  /** The answer judged; absent for 'noUpdate', whose old answer is not carried forward. */
  value?: MeasureValue;
  /** The count, or the whole percentage as shown (undefined for a percentage of nobody, 0 of 0). */
  amount?: number;
  target?: number;
  /** How far below the target, in the measure's own units (a count, or percentage points); 0 when met. */
  shortBy?: number;
  /** For 'noUpdate': the opening day of the cycle it was last answered in, if ever. */
  lastAnsweredOn?: LocalDate;
};

const maturityStatus = {
  notStarted: 'red',
  planning: 'amber',
  inProgress: 'green',
  embedded: 'blue',
} as const;
const answerStatus = { yes: 'green', no: 'red', notApplicable: 'grey' } as const;

// Judged on the whole percentage people see, so "80% against a target of 80%" always reads as met.
function againstTarget(amount: number, target: number | undefined, tolerancePercent: number): MeasureStatus {
  if (target === undefined) return { status: 'noTarget', amount };
  const shortBy = Math.max(0, target - amount);
  const status =
    shortBy === 0 ? 'green' : amount * 100 >= target * (100 - tolerancePercent) ? 'amber' : 'red';
  return { status, amount, target, shortBy };
}

/**
 * The status of a value. Undefined (a computed measure with nothing to measure) and 0 of 0 are 'grey': there is
 * nothing to judge. Targets on maturity and yes/no measures are ignored (the catalogue refuses them).
 */
export function valueStatus(
  value: MeasureValue | undefined,
  target?: number,
  { tolerancePercent = DEFAULT_TOLERANCE_PERCENT }: StatusOptions = {},
): MeasureStatus {
  if (value === undefined) return { status: 'grey' };
  switch (value.scale) {
    case 'maturity':
      return { status: maturityStatus[value.level], value };
    case 'yesNo':
      return { status: answerStatus[value.answer], value };
    case 'count':
      return { ...againstTarget(value.count, target, tolerancePercent), value };
    case 'percent': {
      const percent = percentOf(value);
      if (percent === undefined) return { status: 'grey', value };
      return { ...againstTarget(percent, target, tolerancePercent), value };
    }
  }
}

/** The latest answer given on or before the cycle being summarised, with the opening day it counts for. */
export type LatestAnswer = { value: MeasureValue; openingDay: LocalDate };

/**
 * An asked measure's status for the cycle that opened on `openingDay`: 'noUpdate' unless its latest answer
 * falls in the measure's period holding that day (cycles.ts: the week, month or NHS financial quarter).
 */
export function measureStatus(
  measure: Pick<Measure, 'cadence' | 'target'>,
  latest: LatestAnswer | undefined,
  openingDay: LocalDate,
  options: StatusOptions = {},
): MeasureStatus {
  if (isDue(measure.cadence, openingDay, latest?.openingDay)) {
    return latest ? { status: 'noUpdate', lastAnsweredOn: latest.openingDay } : { status: 'noUpdate' };
  }
  return valueStatus(latest!.value, measure.target, options);
}

type Fraction = { numerator: number; denominator: number };

/** Percentages roll up by adding numerators and denominators, never by averaging the percentages. */
export function rollUpPercent(values: readonly Fraction[]): Fraction {
  return values.reduce(
    (sum, value) => ({
      numerator: sum.numerator + value.numerator,
      denominator: sum.denominator + value.denominator,
    }),
    { numerator: 0, denominator: 0 },
  );
}

export function rollUpCount(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0);
}

/**
 * Units' values of one count or percent measure as one value; undefined when there are none, or for maturity
 * and yes/no (which have no sum) or a mix of scales.
 */
export function rollUpValues(values: readonly MeasureValue[]): MeasureValue | undefined {
  const counts = values.flatMap((value) => (value.scale === 'count' ? [value.count] : []));
  const fractions = values.flatMap((value) => (value.scale === 'percent' ? [value] : []));
  if (values.length > 0 && counts.length === values.length)
    return { scale: 'count', count: rollUpCount(counts) };
  if (values.length > 0 && fractions.length === values.length) {
    return { scale: 'percent', ...rollUpPercent(fractions) };
  }
  return undefined;
}
