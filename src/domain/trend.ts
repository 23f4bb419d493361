// The trend of a measure or a pulse result over recent cycles, as a code the text layer says in words
// ("improving", "no clear change", "getting worse"), after NHS England's "Making Data Count": words first, and
// a change only when the data show one, not every wobble from one week to the next.
//
// The rule, on the values present (gaps, such as weeks with no answer or a hidden result, are skipped):
// 1. Shift: with at least 11 values, if the last 7 all lie above (or all below) the mean of the values before
//    them, that is a shift. A value equal to the mean breaks the run.
// 2. Otherwise, with at least 8 values: the mean of the last 4 against the mean of the 4 before them. A
//    difference larger than the margin (the larger of 1 unit and 10% of the earlier mean, both adjustable) is
//    a change; a smaller one is no clear change. This also catches a recent step too short to be a shift.
// 3. Fewer than 8 values: not enough data.
// Which way is better depends on the measure: for most, higher is better.

export type TrendCode = 'improving' | 'noClearChange' | 'gettingWorse' | 'notEnoughData';
export type TrendBasis = 'shift' | 'recentMeans' | 'none';
export type Trend = { trend: TrendCode; basis: TrendBasis; points: number };

export const SHIFT_RUN = 7;
export const SHIFT_BASELINE_MIN = 4;
export const RECENT = 4;

export type TrendOptions = {
  higherIsBetter?: boolean;
  /** The smallest difference of means that counts, in the series' own units (a count, percentage points). */
  minimumMargin?: number;
  /** The margin as a share of the earlier mean, when that is larger than the minimum. */
  relativeMargin?: number;
};

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** +1 when the recent values sit higher, −1 lower, 0 for no clear change. */
function shift(values: readonly number[]): number {
  const run = values.slice(-SHIFT_RUN);
  const centre = mean(values.slice(0, -SHIFT_RUN));
  if (run.every((value) => value > centre)) return 1;
  if (run.every((value) => value < centre)) return -1;
  return 0;
}

function recentMeans(values: readonly number[], minimumMargin: number, relativeMargin: number): number {
  const earlier = mean(values.slice(-2 * RECENT, -RECENT));
  const difference = mean(values.slice(-RECENT)) - earlier;
  const margin = Math.max(minimumMargin, relativeMargin * Math.abs(earlier));
  return difference > margin ? 1 : difference < -margin ? -1 : 0;
}

/** The trend of a series, oldest first; undefined (or a non-finite number) where a cycle has no value. */
export function trendOf(
  series: readonly (number | undefined)[],
  { higherIsBetter = true, minimumMargin = 1, relativeMargin = 0.1 }: TrendOptions = {},
): Trend {
  const values = series.filter((value): value is number => value !== undefined && Number.isFinite(value));
  const points = values.length;
  if (points < 2 * RECENT) return { trend: 'notEnoughData', basis: 'none', points };
  const word = (direction: number, basis: TrendBasis): Trend => ({
    trend:
      direction === 0 ? 'noClearChange' : direction > 0 === higherIsBetter ? 'improving' : 'gettingWorse',
    basis,
    points,
  });
  if (points >= SHIFT_RUN + SHIFT_BASELINE_MIN) {
    const direction = shift(values);
    if (direction !== 0) return word(direction, 'shift');
  }
  return word(recentMeans(values, minimumMargin, relativeMargin), 'recentMeans');
}
