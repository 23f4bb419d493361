import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import {
  addDays,
  atLocalTime,
  cycleIdOf,
  cycleMonday,
  Holidays,
  isDue,
  LocalDate,
  localDateOf,
  localTimeOf,
  nextCycleId,
  openingDay,
  periodOf,
  previousCycleId,
  weekdayOf,
  type Cadence,
} from '../../src/domain/cycles.js';

const london = 'Europe/London';
const newYork = 'America/New_York';
const file = new URL('../../reference-data/holidays-england-and-wales.json', import.meta.url);
const holidays = Holidays.parse(JSON.parse(readFileSync(file, 'utf8')));
const bankHolidays = new Set(holidays.dates);

// London changes to BST at 01:00 UTC on 29 March 2026 and 28 March 2027, and back to GMT at 01:00 UTC on
// 25 October 2026 and 31 October 2027. New York changes on 8 March and 1 November 2026.
describe('localDateOf', () => {
  it.each([
    ['2026-03-28T23:30Z', london, '2026-03-28'],
    ['2026-03-29T00:30Z', london, '2026-03-29'],
    ['2026-03-29T22:59Z', london, '2026-03-29'],
    ['2026-03-29T23:30Z', london, '2026-03-30'],
    ['2026-10-24T22:59Z', london, '2026-10-24'],
    ['2026-10-24T23:30Z', london, '2026-10-25'],
    ['2026-10-25T23:30Z', london, '2026-10-25'],
    ['2026-10-26T00:00Z', london, '2026-10-26'],
    ['2027-03-27T23:30Z', london, '2027-03-27'],
    ['2027-03-28T23:30Z', london, '2027-03-29'],
    ['2027-10-30T23:30Z', london, '2027-10-31'],
    ['2027-10-31T23:30Z', london, '2027-10-31'],
    ['2026-03-09T03:30Z', newYork, '2026-03-08'],
  ])('%s in %s is %s', (at, zone, expected) => {
    expect(localDateOf(new Date(at), zone)).toBe(expected);
  });
});

describe('LocalDate', () => {
  it.each(['2026-02-28', '2028-02-29', '2000-02-29', '2026-12-31'])('accepts %s', (day) => {
    expect(LocalDate.safeParse(day).success).toBe(true);
  });
  it.each([
    '2026-02-30',
    '2027-02-29',
    '2100-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-1-01',
    '',
  ])('rejects "%s"', (day) => {
    expect(LocalDate.safeParse(day).success).toBe(false);
  });
});

describe('calendar arithmetic', () => {
  it.each([
    ['2026-03-28', 1, '2026-03-29'],
    ['2026-10-25', 1, '2026-10-26'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-03-01', -1, '2026-02-28'],
  ])('addDays(%s, %i) is %s', (day, days, expected) => {
    expect(addDays(day, days)).toBe(expected);
  });

  it.each([
    ['2026-03-29', 0],
    ['2026-11-23', 1],
    ['2026-04-03', 5],
    ['2027-01-01', 5],
  ])('weekdayOf(%s) is %i', (day, expected) => {
    expect(weekdayOf(day)).toBe(expected);
  });

  it('names the module and the expected shape on a bad date', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow('cycles: expected a real date as YYYY-MM-DD');
  });
});

describe('cycle ids', () => {
  it.each([
    ['2026-11-23', '2026-W48'],
    ['2025-12-28', '2025-W52'],
    ['2025-12-29', '2026-W01'],
    ['2026-01-01', '2026-W01'],
    ['2026-12-31', '2026-W53'],
    ['2027-01-01', '2026-W53'],
    ['2027-01-03', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    ['2024-12-30', '2025-W01'],
    ['2020-12-31', '2020-W53'],
    ['2021-01-03', '2020-W53'],
    ['2021-01-04', '2021-W01'],
  ])('cycleIdOf(%s) is %s', (day, expected) => {
    expect(cycleIdOf(day)).toBe(expected);
  });

  it.each([
    [2026, 53, '2025-12-29', '2027-W01'],
    [2027, 52, '2027-01-04', '2028-W01'],
  ])('every week of %i (%i weeks) round trips from Monday %s', (year, weeks, firstMonday, following) => {
    for (let week = 1; week <= weeks; week += 1) {
      const id = `${year}-W${String(week).padStart(2, '0')}`;
      const monday = cycleMonday(id);
      expect(monday).toBe(addDays(firstMonday, (week - 1) * 7));
      expect(weekdayOf(monday)).toBe(1);
      expect(cycleIdOf(monday)).toBe(id);
      expect(cycleIdOf(addDays(monday, 6))).toBe(id);
    }
    expect(nextCycleId(`${year}-W${weeks}`)).toBe(following);
    expect(previousCycleId(following)).toBe(`${year}-W${weeks}`);
  });

  it.each([
    ['2026-W01', '2025-W52', '2026-W02'],
    ['2021-W01', '2020-W53', '2021-W02'],
  ])('around %s: before %s, after %s', (id, before, after) => {
    expect(previousCycleId(id)).toBe(before);
    expect(nextCycleId(id)).toBe(after);
  });

  it.each(['2026-48', '2026-W00', '2026-W54', '2027-W53', '2026-W4', 'W48', ''])(
    'cycleMonday rejects "%s" with a clear message',
    (id) => {
      expect(() => cycleMonday(id)).toThrow(`cycles: expected a cycle id such as "2026-W48", got "${id}"`);
    },
  );
});

describe('due periods', () => {
  it.each<[Cadence, string, string]>([
    ['weekly', '2026-11-24', '2026-W48'],
    ['monthly', '2026-11-02', '2026-11'],
    ['monthly', '2026-11-30', '2026-11'],
    ['monthly', '2026-12-01', '2026-12'],
    ['quarterly', '2026-03-30', 'FY2025-Q4'],
    ['quarterly', '2026-04-07', 'FY2026-Q1'],
    ['quarterly', '2026-06-29', 'FY2026-Q1'],
    ['quarterly', '2026-07-06', 'FY2026-Q2'],
    ['quarterly', '2026-10-05', 'FY2026-Q3'],
    ['quarterly', '2026-12-29', 'FY2026-Q3'],
    ['quarterly', '2027-01-04', 'FY2026-Q4'],
    ['quarterly', '2027-03-29', 'FY2026-Q4'],
    ['quarterly', '2027-04-05', 'FY2027-Q1'],
  ])('periodOf(%s, %s) is %s', (cadence, day, expected) => {
    expect(periodOf(cadence, day)).toBe(expected);
  });

  it.each<[Cadence, string, string | undefined, boolean]>([
    ['weekly', '2026-11-30', undefined, true],
    ['weekly', '2026-11-30', '2026-11-23', true],
    ['weekly', '2026-11-24', '2026-11-24', false],
    ['monthly', '2026-11-02', undefined, true],
    ['monthly', '2026-11-09', '2026-11-02', false],
    ['monthly', '2026-11-30', '2026-11-02', false],
    ['monthly', '2026-12-07', '2026-11-30', true],
    ['monthly', '2027-01-04', '2026-01-05', true],
    ['quarterly', '2026-12-29', undefined, true],
    ['quarterly', '2026-12-29', '2026-10-05', false],
    ['quarterly', '2027-01-04', '2026-12-29', true],
    ['quarterly', '2027-03-29', '2027-01-04', false],
    ['quarterly', '2027-04-05', '2027-03-29', true],
  ])('isDue(%s, opening %s, last answered %s) is %s', (cadence, opening, last, expected) => {
    expect(isDue(cadence, opening, last)).toBe(expected);
  });
});

describe('England and Wales bank holidays', () => {
  it('are sorted weekdays, eight a year for 2025 to 2028', () => {
    expect([...holidays.dates].sort()).toEqual(holidays.dates);
    expect(bankHolidays.size).toBe(holidays.dates.length);
    expect(holidays.dates.filter((day) => [0, 6].includes(weekdayOf(day)))).toEqual([]);
    for (const year of ['2025', '2026', '2027', '2028']) {
      expect(holidays.dates.filter((day) => day.startsWith(year))).toHaveLength(8);
    }
  });

  it.each([
    ['Easter Monday', '2026-04-06', '2026-04-07'],
    ['Christmas week substitute Monday', '2026-12-28', '2026-12-29'],
    ['Good Friday, then Easter Monday', '2026-04-03', '2026-04-07'],
    ['Christmas Day on a Friday', '2026-12-25', '2026-12-29'],
    ['two substitute days', '2027-12-27', '2027-12-29'],
    ['an ordinary Monday', '2026-11-23', '2026-11-23'],
    ['a weekend day that is no holiday', '2026-04-04', '2026-04-04'],
  ])('openingDay: %s %s opens %s', (_name, scheduled, expected) => {
    expect(openingDay(scheduled, bankHolidays)).toBe(expected);
  });

  it('skips a weekend after a listed Sunday holiday', () => {
    expect(openingDay('2026-04-05', new Set(['2026-04-05']))).toBe('2026-04-06');
    expect(openingDay('2026-04-04', new Set(['2026-04-04']))).toBe('2026-04-06');
  });
});

describe('atLocalTime and localTimeOf', () => {
  it.each([
    ['Monday before BST 2026', '2026-03-23', '09:00', london, '2026-03-23T09:00Z'],
    ['Monday after BST 2026', '2026-03-30', '09:00', london, '2026-03-30T08:00Z'],
    ['Monday before GMT 2026', '2026-10-19', '09:00', london, '2026-10-19T08:00Z'],
    ['Monday after GMT 2026', '2026-10-26', '09:00', london, '2026-10-26T09:00Z'],
    ['Monday before BST 2027', '2027-03-22', '09:00', london, '2027-03-22T09:00Z'],
    ['Monday after BST 2027', '2027-03-29', '09:00', london, '2027-03-29T08:00Z'],
    ['Monday before GMT 2027', '2027-10-25', '09:00', london, '2027-10-25T08:00Z'],
    ['Monday after GMT 2027', '2027-11-01', '09:00', london, '2027-11-01T09:00Z'],
    ['just before the spring gap', '2026-03-29', '00:59', london, '2026-03-29T00:59Z'],
    ['the start of the spring gap', '2026-03-29', '01:00', london, '2026-03-29T01:00Z'],
    ['inside the spring gap', '2026-03-29', '01:30', london, '2026-03-29T01:00Z'],
    ['just after the spring gap', '2026-03-29', '02:00', london, '2026-03-29T01:00Z'],
    ['Sunday close on the spring day', '2026-03-29', '23:59', london, '2026-03-29T22:59Z'],
    ['before the autumn repeat', '2026-10-25', '00:59', london, '2026-10-24T23:59Z'],
    ['the autumn repeat, first time', '2026-10-25', '01:30', london, '2026-10-25T00:30Z'],
    ['after the autumn repeat', '2026-10-25', '02:00', london, '2026-10-25T02:00Z'],
    ['New York Monday in EST', '2026-03-02', '09:00', newYork, '2026-03-02T14:00Z'],
    ['New York Monday in EDT', '2026-03-09', '09:00', newYork, '2026-03-09T13:00Z'],
    ['New York spring gap', '2026-03-08', '02:30', newYork, '2026-03-08T07:00Z'],
    ['New York autumn repeat', '2026-11-01', '01:30', newYork, '2026-11-01T05:30Z'],
  ])('%s: %s %s in %s is %s', (_name, day, time, zone, expected) => {
    expect(atLocalTime(day, time, zone).toISOString()).toBe(new Date(expected).toISOString());
  });

  it.each([
    ['2026-03-30T08:00Z', london, '09:00'],
    ['2026-03-29T00:59:59Z', london, '00:59'],
    ['2026-03-29T01:00Z', london, '02:00'],
    ['2026-10-25T00:30Z', london, '01:30'],
    ['2026-10-25T01:30Z', london, '01:30'],
    ['2026-03-09T13:00Z', newYork, '09:00'],
    ['2026-03-09T03:30Z', newYork, '23:30'],
  ])('localTimeOf(%s) in %s is %s', (at, zone, expected) => {
    expect(localTimeOf(new Date(at), zone)).toBe(expected);
  });

  it.each([
    ['2026-03-30', '9:00', 'cycles: times must be HH:MM'],
    ['2026-03-30', '24:00', 'cycles: times must be HH:MM'],
    ['2026-02-30', '09:00', 'cycles: expected a real date'],
  ])('atLocalTime(%s, %s) throws "%s"', (day, time, message) => {
    expect(() => atLocalTime(day, time, london)).toThrow(message);
  });
});
