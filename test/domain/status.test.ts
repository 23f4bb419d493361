import { describe, expect, it } from '@jest/globals';
import type { MeasureValue } from '../../src/domain/answers.js';
import {
  measureStatus,
  rollUpCount,
  rollUpPercent,
  rollUpValues,
  valueStatus,
  type MeasureStatus,
} from '../../src/domain/status.js';

const maturity = (level: 'notStarted' | 'planning' | 'inProgress' | 'embedded'): MeasureValue => ({
  scale: 'maturity',
  level,
});
const yesNo = (answer: 'yes' | 'no' | 'notApplicable'): MeasureValue => ({ scale: 'yesNo', answer });
const count = (n: number): MeasureValue => ({ scale: 'count', count: n });
const percent = (numerator: number, denominator: number): MeasureValue => ({
  scale: 'percent',
  numerator,
  denominator,
});

describe('valueStatus', () => {
  it.each<[string, MeasureValue | undefined, number | undefined, Partial<MeasureStatus>]>([
    ['not started', maturity('notStarted'), undefined, { status: 'red' }],
    ['planning', maturity('planning'), undefined, { status: 'amber' }],
    ['in progress', maturity('inProgress'), undefined, { status: 'green' }],
    ['embedded', maturity('embedded'), undefined, { status: 'blue' }],
    ['yes', yesNo('yes'), undefined, { status: 'green' }],
    ['no', yesNo('no'), undefined, { status: 'red' }],
    ['not applicable', yesNo('notApplicable'), undefined, { status: 'grey' }],
    ['a count without a target', count(4), undefined, { status: 'noTarget', amount: 4 }],
    ['a percent without a target', percent(3, 4), undefined, { status: 'noTarget', amount: 75 }],
    ['a count meeting its target', count(10), 10, { status: 'green', amount: 10, target: 10, shortBy: 0 }],
    ['a count above its target', count(14), 10, { status: 'green', shortBy: 0 }],
    ['a count just within 10% of target', count(9), 10, { status: 'amber', shortBy: 1 }],
    ['a count beyond 10% of target', count(8), 10, { status: 'red', shortBy: 2 }],
    ['80% against 80%', percent(8, 10), 80, { status: 'green', amount: 80, shortBy: 0 }],
    ['72% against 80% (exactly 10% short)', percent(72, 100), 80, { status: 'amber', shortBy: 8 }],
    ['71% against 80%', percent(71, 100), 80, { status: 'red', shortBy: 9 }],
    ['99.5% shows 99 and misses 100', percent(199, 200), 100, { status: 'amber', amount: 99, shortBy: 1 }],
    ['0 of 0 has nothing to judge', percent(0, 0), 80, { status: 'grey' }],
    ['a computed measure with nothing to measure', undefined, 80, { status: 'grey' }],
    ['a target of 0 is always met', count(0), 0, { status: 'green', shortBy: 0 }],
    ['a target on a yes/no measure is ignored', yesNo('no'), 50, { status: 'red' }],
  ])('%s', (_name, value, target, expected) => {
    const result = valueStatus(value, target);
    expect(result).toMatchObject(expected);
    if (value === undefined) expect(result.value).toBeUndefined();
    else expect(result.value).toEqual(value);
  });

  it.each([
    [9, 0, 'red'],
    [9, 10, 'amber'],
    [8, 20, 'amber'],
    [7, 20, 'red'],
  ])('a count of %p against 10 with a tolerance of %p%% is %p', (n, tolerancePercent, expected) => {
    expect(valueStatus(count(n), 10, { tolerancePercent }).status).toBe(expected);
  });
});

describe('measureStatus', () => {
  const weekly = { cadence: 'weekly' as const, target: 10 };
  const monthly = { cadence: 'monthly' as const, target: 10 };
  const quarterly = { cadence: 'quarterly' as const };
  it.each<
    [
      string,
      { cadence: 'weekly' | 'monthly' | 'quarterly'; target?: number },
      string | undefined,
      string,
      Partial<MeasureStatus>,
    ]
  >([
    ['never answered', weekly, undefined, '2026-11-23', { status: 'noUpdate' }],
    ['weekly, answered this week', weekly, '2026-11-23', '2026-11-23', { status: 'green' }],
    [
      'weekly, answered last week',
      weekly,
      '2026-11-16',
      '2026-11-23',
      { status: 'noUpdate', lastAnsweredOn: '2026-11-16' },
    ],
    ['monthly, answered earlier this month', monthly, '2026-11-02', '2026-11-30', { status: 'green' }],
    [
      'monthly, answered last month',
      monthly,
      '2026-10-26',
      '2026-11-02',
      { status: 'noUpdate', lastAnsweredOn: '2026-10-26' },
    ],
    ['quarterly, answered in April for June', quarterly, '2026-04-06', '2026-06-29', { status: 'noTarget' }],
    [
      'quarterly, answered in March for April (new financial year)',
      quarterly,
      '2026-03-30',
      '2026-04-06',
      { status: 'noUpdate' },
    ],
  ])('%s', (_name, measure, answeredOn, openingDay, expected) => {
    const latest = answeredOn ? { value: count(12), openingDay: answeredOn } : undefined;
    const result = measureStatus(measure, latest, openingDay);
    expect(result).toMatchObject(expected);
    // An old answer is never carried forward.
    if (result.status === 'noUpdate') expect(result.value).toBeUndefined();
  });

  it('passes the tolerance on', () => {
    const latest = { value: count(8), openingDay: '2026-11-23' };
    expect(measureStatus({ cadence: 'weekly', target: 10 }, latest, '2026-11-23').status).toBe('red');
    expect(
      measureStatus({ cadence: 'weekly', target: 10 }, latest, '2026-11-23', { tolerancePercent: 25 }).status,
    ).toBe('amber');
  });
});

describe('roll-ups', () => {
  it('adds numerators and denominators, never averaging percentages', () => {
    // 1 of 1 (100%) and 1 of 9 (11%) average to 56%; the true share is 2 of 10, 20%.
    const total = rollUpPercent([
      { numerator: 1, denominator: 1 },
      { numerator: 1, denominator: 9 },
    ]);
    expect(total).toEqual({ numerator: 2, denominator: 10 });
    expect(valueStatus({ scale: 'percent', ...total }).amount).toBe(20);
    expect(rollUpPercent([])).toEqual({ numerator: 0, denominator: 0 });
  });

  it('adds counts', () => {
    expect(rollUpCount([3, 4, 0])).toBe(7);
    expect(rollUpCount([])).toBe(0);
  });

  it.each<[string, MeasureValue[], MeasureValue | undefined]>([
    ['counts', [count(2), count(5)], count(7)],
    ['percentages', [percent(1, 1), percent(1, 9)], percent(2, 10)],
    ['nothing', [], undefined],
    ['maturity, which has no sum', [maturity('planning'), maturity('embedded')], undefined],
    ['yes/no, which has no sum', [yesNo('yes')], undefined],
    ['a mix of scales', [count(2), percent(1, 2)], undefined],
  ])('rolls up %s', (_name, values, expected) => {
    expect(rollUpValues(values)).toEqual(expected);
  });
});
