import { describe, expect, it } from '@jest/globals';
import { isAllowed, nextAllowedTime, type QuietHours } from '../../src/domain/quiet-hours.js';

const london = 'Europe/London';
const newYork = 'America/New_York';
// QUIET_HOURS's default, "Mon-Fri 08:00-18:00", as src/config.ts parses it.
const workDays: QuietHours = { days: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' };
// "Sat-Sun 22:00-06:00": overnight windows that start on Saturday and Sunday evenings.
const weekendNights: QuietHours = { days: [6, 0], from: '22:00', to: '06:00' };
const sundayOneAm: QuietHours = { days: [0], from: '01:00', to: '01:30' };

/** Times in the tables are UTC; the answer is compared as an ISO string so a failure reads plainly. */
const next = (now: string, quietHours: QuietHours, zone = london) =>
  nextAllowedTime(new Date(now), quietHours, zone).toISOString();
const iso = (time: string) => new Date(time).toISOString();

// 2026: 6 March is a Friday. London changes to BST at 01:00 UTC on Sunday 29 March and back to GMT at
// 01:00 UTC on Sunday 25 October; New York changes to EDT on Sunday 8 March.
describe('nextAllowedTime, Mon-Fri 08:00-18:00 in London', () => {
  it.each([
    ['Friday 17:59 → now', '2026-03-06T17:59Z', '2026-03-06T17:59Z'],
    ['Friday 17:59:59.999 → now', '2026-03-06T17:59:59.999Z', '2026-03-06T17:59:59.999Z'],
    ['Friday 18:00 → Monday 08:00', '2026-03-06T18:00Z', '2026-03-09T08:00Z'],
    ['Saturday noon → Monday 08:00', '2026-03-07T12:00Z', '2026-03-09T08:00Z'],
    ['Monday 07:59 → 08:00', '2026-03-09T07:59Z', '2026-03-09T08:00Z'],
    ['Monday 08:00 → now', '2026-03-09T08:00Z', '2026-03-09T08:00Z'],
    ['Tuesday 03:00 → 08:00 that day', '2026-03-10T03:00Z', '2026-03-10T08:00Z'],
    // Into BST: Monday 30 March 08:00 BST is 07:00 UTC, whichever side of the change we ask from.
    ['Friday 27 March 18:00 GMT → Monday 08:00 BST', '2026-03-27T18:00Z', '2026-03-30T07:00Z'],
    ['Saturday 28 March noon → Monday 08:00 BST', '2026-03-28T12:00Z', '2026-03-30T07:00Z'],
    ['Sunday 29 March 00:30 GMT → Monday 08:00 BST', '2026-03-29T00:30Z', '2026-03-30T07:00Z'],
    ['Sunday 29 March noon BST → Monday 08:00 BST', '2026-03-29T12:00Z', '2026-03-30T07:00Z'],
    ['Monday 30 March 07:59 BST → 08:00 BST', '2026-03-30T06:59Z', '2026-03-30T07:00Z'],
    ['Monday 30 March 08:00 BST → now', '2026-03-30T07:00Z', '2026-03-30T07:00Z'],
    ['Monday 30 March 18:00 BST → Tuesday 08:00 BST', '2026-03-30T17:00Z', '2026-03-31T07:00Z'],
    // Back to GMT: Monday 26 October 08:00 GMT is 08:00 UTC.
    ['Friday 23 October 17:59 BST → now', '2026-10-23T16:59Z', '2026-10-23T16:59Z'],
    ['Friday 23 October 18:00 BST → Monday 08:00 GMT', '2026-10-23T17:00Z', '2026-10-26T08:00Z'],
    ['Saturday 24 October → Monday 08:00 GMT', '2026-10-24T12:00Z', '2026-10-26T08:00Z'],
    ['Sunday 25 October 01:30 BST → Monday 08:00 GMT', '2026-10-25T00:30Z', '2026-10-26T08:00Z'],
    ['Monday 26 October 07:30 GMT → 08:00 GMT', '2026-10-26T07:30Z', '2026-10-26T08:00Z'],
  ])('%s', (_name, now, expected) => {
    expect(next(now, workDays)).toBe(iso(expected));
  });

  it("returns now at any hour when quiet hours are 'off'", () => {
    expect(next('2026-03-07T03:00Z', 'off')).toBe(iso('2026-03-07T03:00Z'));
  });
});

describe('nextAllowedTime honours the zone', () => {
  it.each([
    // 17:59 EST is allowed in New York while London is closed…
    ['New York Friday 17:59 EST → now', newYork, '2026-03-06T22:59Z', '2026-03-06T22:59Z'],
    ['London at that instant → Monday', london, '2026-03-06T22:59Z', '2026-03-09T08:00Z'],
    // …and New York's own clock change (8 March) moves Monday 08:00 to 12:00 UTC.
    ['New York Friday 18:00 EST → Monday 08:00 EDT', newYork, '2026-03-06T23:00Z', '2026-03-09T12:00Z'],
    ['New York Monday 07:30 EDT → 08:00 EDT', newYork, '2026-03-09T11:30Z', '2026-03-09T12:00Z'],
  ])('%s', (_name, zone, now, expected) => {
    expect(next(now, workDays, zone)).toBe(iso(expected));
  });
});

describe('nextAllowedTime with other windows', () => {
  it.each<[string, QuietHours, string, string]>([
    ['nights: Friday 23:00 → Saturday 22:00', weekendNights, '2026-03-06T23:00Z', '2026-03-07T22:00Z'],
    ['nights: Saturday 21:59 → 22:00', weekendNights, '2026-03-07T21:59Z', '2026-03-07T22:00Z'],
    ['nights: Saturday 23:00 → now', weekendNights, '2026-03-07T23:00Z', '2026-03-07T23:00Z'],
    [
      "nights: Sunday 03:00 (Saturday's window) → now",
      weekendNights,
      '2026-03-08T03:00Z',
      '2026-03-08T03:00Z',
    ],
    ['nights: Sunday 06:00 → Sunday 22:00', weekendNights, '2026-03-08T06:00Z', '2026-03-08T22:00Z'],
    ["nights: Monday 05:59 (Sunday's window) → now", weekendNights, '2026-03-09T05:59Z', '2026-03-09T05:59Z'],
    ['nights: Monday 06:00 → next Saturday 22:00', weekendNights, '2026-03-09T06:00Z', '2026-03-14T22:00Z'],
    // Saturday 22:00 GMT's window ends at 06:00 BST (05:00 UTC); Sunday's opens at 22:00 BST.
    [
      'nights: Sunday 29 March 06:00 BST → 22:00 BST',
      weekendNights,
      '2026-03-29T05:00Z',
      '2026-03-29T21:00Z',
    ],
    // `from` equal to `to` means 24 hours from `from`.
    [
      '24 h: Monday 23:59 → now',
      { days: [1], from: '00:00', to: '00:00' },
      '2026-03-09T23:59Z',
      '2026-03-09T23:59Z',
    ],
    [
      '24 h: Tuesday 00:00 → next Monday',
      { days: [1], from: '00:00', to: '00:00' },
      '2026-03-10T00:00Z',
      '2026-03-16T00:00Z',
    ],
    [
      '24 h: Thursday 11:59 → now',
      { days: [3], from: '12:00', to: '12:00' },
      '2026-03-12T11:59Z',
      '2026-03-12T11:59Z',
    ],
    [
      '24 h: Thursday 12:00 → Wednesday',
      { days: [3], from: '12:00', to: '12:00' },
      '2026-03-12T12:00Z',
      '2026-03-18T12:00Z',
    ],
  ])('%s', (_name, quietHours, now, expected) => {
    expect(next(now, quietHours)).toBe(iso(expected));
  });
});

describe('nextAllowedTime around the clock changes', () => {
  it.each<[string, QuietHours, string, string]>([
    // 01:30 does not exist on 29 March: the window opens when the clocks jump, at 02:00 BST.
    [
      'a skipped start opens at the jump',
      { days: [0], from: '01:30', to: '03:00' },
      '2026-03-29T00:00Z',
      '2026-03-29T01:00Z',
    ],
    // Sunday 01:00-01:30 is skipped on 29 March, so from the week before the next one is 5 April.
    ['a skipped window, seen a week before', sundayOneAm, '2026-03-22T01:30Z', '2026-04-05T00:00Z'],
    [
      'a skipped window, seen that day',
      { days: [0], from: '01:15', to: '01:45' },
      '2026-03-29T00:00Z',
      '2026-04-05T00:15Z',
    ],
    // 01:00-01:59 happens twice on 25 October: first in BST, then again in GMT.
    ['a repeated start: the first one', sundayOneAm, '2026-10-24T23:30Z', '2026-10-25T00:00Z'],
    ['inside the first 01:00-01:30 → now', sundayOneAm, '2026-10-25T00:10Z', '2026-10-25T00:10Z'],
    ['a repeated start: the second one', sundayOneAm, '2026-10-25T00:45Z', '2026-10-25T01:00Z'],
    // The clocks going back to 01:00 GMT do not reopen 01:15-01:45; 01:15 GMT does.
    ['the second 01:15', { days: [0], from: '01:15', to: '01:45' }, '2026-10-25T00:50Z', '2026-10-25T01:15Z'],
    // At 01:45 BST a 00:00-01:30 window is over, until the clocks go back to 01:00 GMT.
    [
      'going back reopens a window',
      { days: [0], from: '00:00', to: '01:30' },
      '2026-10-25T00:45Z',
      '2026-10-25T01:00Z',
    ],
  ])('%s', (_name, quietHours, now, expected) => {
    expect(next(now, quietHours)).toBe(iso(expected));
  });
});

describe('bad input', () => {
  const saturday = new Date('2026-03-07T12:00Z');
  it.each<[string, QuietHours, RegExp]>([
    ['no days', { days: [], from: '08:00', to: '18:00' }, /^quiet-hours: days/],
    ['day 7', { days: [1, 7], from: '08:00', to: '18:00' }, /^quiet-hours: days/],
    ['a one-digit hour', { days: [1], from: '8:00', to: '18:00' }, /^quiet-hours: .*HH:MM.*"8:00"/],
    ['24:00', { days: [1], from: '08:00', to: '24:00' }, /^quiet-hours: .*HH:MM.*"24:00"/],
  ])('refuses %s, naming the module and the value', (_name, quietHours, message) => {
    expect(() => nextAllowedTime(saturday, quietHours, london)).toThrow(message);
    expect(() => isAllowed(saturday, quietHours, london)).toThrow(message);
  });

  it('refuses an unknown time zone', () => {
    expect(() => nextAllowedTime(saturday, workDays, 'Europe/Atlantis')).toThrow(RangeError);
  });
});

describe('isAllowed', () => {
  it.each<[string, QuietHours, string, boolean]>([
    ['Friday 17:59', workDays, '2026-03-06T17:59Z', true],
    ['Friday 18:00', workDays, '2026-03-06T18:00Z', false],
    ['Saturday noon', workDays, '2026-03-07T12:00Z', false],
    ['Monday 08:00 BST', workDays, '2026-03-30T07:00Z', true],
    ['Monday 26 October 07:00 GMT', workDays, '2026-10-26T07:00Z', false],
    ['Saturday 03:00 with off', 'off', '2026-03-07T03:00Z', true],
    ['Friday 23:00, nights', weekendNights, '2026-03-06T23:00Z', false],
    ['Monday 05:59, nights', weekendNights, '2026-03-09T05:59Z', true],
    ['the second 01:10 on 25 October', sundayOneAm, '2026-10-25T01:10Z', true],
  ])('%s → %p', (_name, quietHours, now, expected) => {
    expect(isAllowed(new Date(now), quietHours, london)).toBe(expected);
  });
});

// Every half hour across both clock-change fortnights: the answer is allowed, nothing allowed comes before
// it, and it is `now` exactly when `now` is allowed.
describe('nextAllowedTime agrees with isAllowed', () => {
  const sweeps = [
    ['London, March', london, '2026-03-21T00:00Z'],
    ['London, October', london, '2026-10-17T00:00Z'],
    ['New York, March', newYork, '2026-03-01T00:00Z'],
  ] as const;
  const windows = { workDays, weekendNights, sundayOneAm };
  const cases = sweeps.flatMap(([name, zone, start]) =>
    Object.entries(windows).map(([label, quietHours]) => [name, label, zone, start, quietHours] as const),
  );
  it.each(cases)('%s, %s', (_name, _label, zone, start, quietHours) => {
    let previous: { at: number; answer: number } | undefined;
    for (let at = Date.parse(start); at < Date.parse(start) + 14 * 86_400_000; at += 1_800_000) {
      const answer = nextAllowedTime(new Date(at), quietHours, zone).getTime();
      expect([at, answer === at]).toEqual([at, isAllowed(new Date(at), quietHours, zone)]);
      expect(isAllowed(new Date(answer), quietHours, zone)).toBe(true);
      if (answer > at) expect(isAllowed(new Date(answer - 1), quietHours, zone)).toBe(false);
      // Asked again before the window opened, the same window is named.
      if (previous && at <= previous.answer) expect(answer).toBe(previous.answer);
      previous = { at, answer };
    }
  });
});
