// The periods an export covers: NHS financial quarters and the last 13 weeks, and the cycles in them.
import { describe, expect, it } from '@jest/globals';
import { cycleMonday } from '../../src/domain/cycles.js';
import {
  candidateCycleIds,
  inPeriod,
  LAST_WEEKS_CHOICE,
  lastWeeks,
  periodChoices,
  periodOfChoice,
  quarterPeriod,
  recentQuarters,
} from '../../src/domain/export-periods.js';

describe('financial quarters', () => {
  it.each([
    ['FY2026-Q1', '2026-04-01', '2026-06-30'],
    ['FY2026-Q2', '2026-07-01', '2026-09-30'],
    ['FY2026-Q3', '2026-10-01', '2026-12-31'],
    ['FY2026-Q4', '2027-01-01', '2027-03-31'],
    ['FY2027-Q4', '2028-01-01', '2028-03-31'],
  ])('%s runs from %s to %s', (id, from, to) => {
    expect(quarterPeriod(id)).toEqual({ id, kind: 'quarter', from, to });
  });

  it.each(['FY2026-Q5', 'FY2026-Q0', '2026-Q3', 'FY26-Q3', 'FY2026-Q3 ', ''])('knows no quarter %j', (id) => {
    expect(quarterPeriod(id)).toBeUndefined();
  });

  it('offers this quarter so far and the three before it, newest first, across a year end', () => {
    expect(recentQuarters('2027-02-10').map((quarter) => quarter.id)).toEqual([
      'FY2026-Q4',
      'FY2026-Q3',
      'FY2026-Q2',
      'FY2026-Q1',
    ]);
    expect(recentQuarters('2026-04-01').map((quarter) => quarter.id)).toEqual([
      'FY2026-Q1',
      'FY2025-Q4',
      'FY2025-Q3',
      'FY2025-Q2',
    ]);
  });
});

describe('the last 13 weeks', () => {
  it('runs from the Monday 12 weeks before this week’s to this week’s Sunday', () => {
    const period = lastWeeks('2026-11-25');
    expect(period).toEqual({ id: '2026-W36..2026-W48', kind: 'weeks', from: '2026-08-31', to: '2026-11-29' });
    expect(cycleMonday('2026-W48')).toBe('2026-11-23');
  });

  it('crosses a year end in ISO weeks', () => {
    // 2026 has 53 ISO weeks: W42 to W53 and 2027-W01 make 13.
    expect(lastWeeks('2027-01-06')).toMatchObject({ id: '2026-W42..2027-W01', from: '2026-10-12' });
  });
});

describe('the choice on the card', () => {
  it('offers the last 13 weeks first, then the recent quarters, and reads back only what it offered', () => {
    const today = '2026-11-25';
    const choices = periodChoices(today);
    expect(choices.map((choice) => choice.choice)).toEqual([
      LAST_WEEKS_CHOICE,
      'FY2026-Q3',
      'FY2026-Q2',
      'FY2026-Q1',
      'FY2025-Q4',
    ]);
    expect(periodOfChoice(LAST_WEEKS_CHOICE, today)).toEqual(lastWeeks(today));
    expect(periodOfChoice('FY2026-Q1', today)).toEqual(quarterPeriod('FY2026-Q1'));
    // A quarter the card did not offer (too old, or not yet begun) is no choice at all.
    expect(periodOfChoice('FY2025-Q3', today)).toBeUndefined();
    expect(periodOfChoice('FY2026-Q4', today)).toBeUndefined();
    expect(periodOfChoice('2026-W36..2026-W48', today)).toBeUndefined();
  });
});

describe('the cycles in a period', () => {
  it('lists the weeks from the one before it starts to the one it ends in', () => {
    const quarter = quarterPeriod('FY2026-Q3')!;
    const ids = candidateCycleIds(quarter);
    expect(ids[0]).toBe('2026-W39');
    expect(ids.at(-1)).toBe('2026-W53');
    expect(ids).toHaveLength(15);
    expect(new Set(ids).size).toBe(15);
  });

  it('decides by opening day, so a week that straddles the quarter’s start belongs where it opened', () => {
    const quarter = quarterPeriod('FY2026-Q3')!;
    expect(inPeriod(quarter, '2026-09-28')).toBe(false);
    expect(inPeriod(quarter, '2026-10-01')).toBe(true);
    expect(inPeriod(quarter, '2026-12-31')).toBe(true);
    expect(inPeriod(quarter, '2027-01-01')).toBe(false);
  });
});
