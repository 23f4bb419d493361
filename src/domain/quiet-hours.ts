// When broadcasts and nudges may be delivered, in the organisation's IANA time zone, so that the clock changes
// in March and October move nothing: 08:00 local stays 08:00 local. Pure; Intl supplies the zone rules.
//
// A window opens on each listed day at `from` and closes at `to` the same day. When `to` is not after `from`
// (e.g. 22:00-06:00) it closes at `to` the next day, so a night shift listed as Sat-Sun still runs into the
// early hours of Monday; `from` equal to `to` means 24 hours. QUIET_HOURS allows both shapes, so both work.

import { instantsOf, offsetChanges, wallClock, type WallClock } from './zoned-time.js';

export type QuietHours =
  { readonly days: readonly number[]; readonly from: string; readonly to: string } | 'off';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Whether a message may be delivered at `now`: the local weekday and local time fall inside a window. */
export function isAllowed(now: Date, quietHours: QuietHours, timeZone: string): boolean {
  if (quietHours === 'off') return true;
  const { days, from, to } = parse(quietHours);
  const local = wallClock(now.getTime(), timeZone);
  const minutes = local.hour * 60 + local.minute;
  const weekday = weekdayOf(local);
  if (from < to) return days.has(weekday) && minutes >= from && minutes < to;
  // Overnight: the evening part belongs to today's window, the early hours to yesterday's.
  return (days.has(weekday) && minutes >= from) || (days.has((weekday + 6) % 7) && minutes < to);
}

/** `now` when a message may go now, otherwise the instant the next window opens. */
export function nextAllowedTime(now: Date, quietHours: QuietHours, timeZone: string): Date {
  if (isAllowed(now, quietHours, timeZone)) return now;
  const { days, from } = parse(quietHours as Exclude<QuietHours, 'off'>);
  const today = wallClock(now.getTime(), timeZone);
  const candidates: number[] = [];
  // Today's window may be still to come. A window lost in a skipped spring hour is back the week after, so
  // two weeks always hold an opening.
  for (let ahead = 0; ahead <= 14; ahead += 1) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + ahead));
    if (!days.has(date.getUTCDay())) continue;
    candidates.push(...instantsOf(date.getTime() + from * MINUTE, timeZone));
  }
  // A clock change can open a window without passing `from`: a skipped `from` (spring) opens it when the
  // clocks jump; a repeated hour (autumn) can bring the local time back inside it.
  candidates.push(...offsetChanges(now.getTime(), now.getTime() + 15 * DAY, timeZone));
  const opens = candidates
    .filter((at) => at > now.getTime())
    .sort((a, b) => a - b)
    .find((at) => isAllowed(new Date(at), quietHours, timeZone));
  if (opens === undefined)
    throw new Error('quiet-hours: found no window in the next 15 days; check QUIET_HOURS');
  return new Date(opens);
}

type Window = { days: ReadonlySet<number>; from: number; to: number };

function parse(quietHours: Exclude<QuietHours, 'off'>): Window {
  const days = new Set(quietHours.days);
  if (days.size === 0 || [...days].some((day) => !Number.isInteger(day) || day < 0 || day > 6)) {
    throw new Error(
      `quiet-hours: days must list weekdays 0 (Sunday) to 6, got [${quietHours.days.join(', ')}]`,
    );
  }
  return { days, from: minutesOf(quietHours.from), to: minutesOf(quietHours.to) };
}

function minutesOf(time: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new Error(`quiet-hours: times must be HH:MM between 00:00 and 23:59, got "${time}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}

const weekdayOf = (local: WallClock): number =>
  new Date(Date.UTC(local.year, local.month - 1, local.day)).getUTCDay();
