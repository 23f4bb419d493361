import { describe, expect, it } from '@jest/globals';
import { trendOf, type Trend, type TrendOptions } from '../../src/domain/trend.js';

const _ = undefined;

describe('trendOf', () => {
  it.each<[string, (number | undefined)[], TrendOptions, Trend]>([
    // Too short
    ['no values', [], {}, { trend: 'notEnoughData', basis: 'none', points: 0 }],
    ['7 values', [1, 2, 3, 4, 5, 6, 7], {}, { trend: 'notEnoughData', basis: 'none', points: 7 }],
    [
      '10 cycles with 3 gaps leave 7 values',
      [1, _, 2, 3, _, 4, 5, 6, _, 7],
      {},
      { trend: 'notEnoughData', basis: 'none', points: 7 },
    ],
    // Last 4 against the 4 before (8 to 10 values)
    [
      'a clear rise over 8 values',
      [50, 52, 49, 51, 60, 62, 61, 63],
      {},
      { trend: 'improving', basis: 'recentMeans', points: 8 },
    ],
    [
      'a clear fall over 8 values',
      [60, 62, 61, 63, 50, 52, 49, 51],
      {},
      { trend: 'gettingWorse', basis: 'recentMeans', points: 8 },
    ],
    [
      'a wobble inside the margin',
      [50, 52, 49, 51, 53, 54, 52, 55],
      {},
      { trend: 'noClearChange', basis: 'recentMeans', points: 8 },
    ],
    // The earlier mean is 50, so the margin is 5: a difference of exactly 5 is not beyond it, 5.25 is.
    [
      'a rise exactly at the margin',
      [50, 50, 50, 50, 55, 55, 55, 55],
      {},
      { trend: 'noClearChange', basis: 'recentMeans', points: 8 },
    ],
    [
      'a rise just beyond the margin',
      [50, 50, 50, 50, 55, 55, 55, 56],
      {},
      { trend: 'improving', basis: 'recentMeans', points: 8 },
    ],
    [
      'only the last 8 of 10 count for the means',
      [0, 0, 10, 10, 10, 10, 10, 10, 10, 10],
      {},
      { trend: 'noClearChange', basis: 'recentMeans', points: 10 },
    ],
    [
      'small counts need more than 1 of difference',
      [0, 0, 0, 0, 0, 0, 1, 1],
      {},
      { trend: 'noClearChange', basis: 'recentMeans', points: 8 },
    ],
    [
      'small counts with a clear rise',
      [0, 0, 0, 0, 2, 2, 1, 3],
      {},
      { trend: 'improving', basis: 'recentMeans', points: 8 },
    ],
    [
      'gaps skipped, not read as zero',
      [50, _, 52, 49, _, 51, 60, 62, _, 61, 63],
      {},
      { trend: 'improving', basis: 'recentMeans', points: 8 },
    ],
    [
      'a flat series',
      [7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7],
      {},
      { trend: 'noClearChange', basis: 'recentMeans', points: 12 },
    ],
    // Shift: 7 in a row on one side of the earlier mean (11 values or more)
    [
      '7 above the earlier mean',
      [50, 51, 49, 50, 52, 52, 53, 52, 52, 53, 52],
      {},
      { trend: 'improving', basis: 'shift', points: 11 },
    ],
    [
      '7 below the earlier mean',
      [50, 51, 49, 50, 48, 48, 47, 48, 49, 48, 48],
      {},
      { trend: 'gettingWorse', basis: 'shift', points: 11 },
    ],
    [
      'one of the 7 on the mean breaks the run',
      [50, 51, 49, 50, 52, 52, 50, 52, 52, 53, 52],
      {},
      { trend: 'noClearChange', basis: 'recentMeans', points: 11 },
    ],
    [
      '6 above then 1 below is no shift',
      [50, 51, 49, 50, 52, 52, 53, 52, 52, 53, 49],
      {},
      { trend: 'noClearChange', basis: 'recentMeans', points: 11 },
    ],
    [
      'a shift with gaps in it',
      [50, _, 51, 49, 50, _, 52, 52, 53, _, 52, 52, 53, 52],
      {},
      { trend: 'improving', basis: 'shift', points: 11 },
    ],
    [
      'a recent step too short for a shift still shows',
      [50, 51, 49, 50, 50, 51, 49, 50, 60, 61, 62, 63],
      {},
      { trend: 'improving', basis: 'recentMeans', points: 12 },
    ],
    // Direction
    [
      'a rise where lower is better',
      [50, 51, 49, 50, 52, 52, 53, 52, 52, 53, 52],
      { higherIsBetter: false },
      { trend: 'gettingWorse', basis: 'shift', points: 11 },
    ],
    [
      'a fall where lower is better',
      [60, 62, 61, 63, 50, 52, 49, 51],
      { higherIsBetter: false },
      { trend: 'improving', basis: 'recentMeans', points: 8 },
    ],
    // Margin options
    [
      'a wobble counts with a smaller margin',
      [50, 52, 49, 51, 53, 54, 52, 55],
      { relativeMargin: 0, minimumMargin: 2 },
      { trend: 'improving', basis: 'recentMeans', points: 8 },
    ],
    [
      'non-finite values are gaps',
      [50, Number.NaN, 52, 49, 51, 60, 62, 61, Number.POSITIVE_INFINITY, 63],
      {},
      { trend: 'improving', basis: 'recentMeans', points: 8 },
    ],
  ])('%s', (_name, series, options, expected) => {
    expect(trendOf(series, options)).toEqual(expected);
  });
});
