// Weekly check-in cycles, the periods measures fall due in, and the working days cycles open on. A cycle is an
// ISO 8601 week in the organisation's zone; local days are plain 'YYYY-MM-DD' strings so that calendar
// arithmetic never meets a clock change. Pure: every instant is passed in.
import { z } from 'zod';
import { firstInstantOf, wallClock } from './zoned-time.js';

const DAY = 86_400_000;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const timePattern = /^([01]\d|2[0-3]):([0-5]\d)$/;
const cyclePattern = /^(\d{4})-W(\d{2})$/;

/** A calendar date in the organisation's zone, 'YYYY-MM-DD'. */
export const LocalDate: z.ZodType<string> = z
  .string()
  .regex(datePattern, 'expected a date as YYYY-MM-DD')
  .refine((day) => !Number.isNaN(utcMsOrNaN(day)), 'expected a real calendar date');
export type LocalDate = string;

export const Holidays = z.object({
  schemaVersion: z.literal(1),
  name: z.string().min(1),
  dates: z.array(LocalDate),
});
export type Holidays = z.infer<typeof Holidays>;

export type Cadence = 'weekly' | 'monthly' | 'quarterly';

/** The day's midnight as UTC ms, or NaN when it is not a real date (Date.UTC rolls 02-30 into March). */
function utcMsOrNaN(day: string): number {
  const match = datePattern.exec(day);
  if (!match) return NaN;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, date);
  const back = new Date(ms);
  const same =
    back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === date;
  return same ? ms : NaN;
}

function utcMs(day: LocalDate): number {
  const ms = utcMsOrNaN(day);
  if (Number.isNaN(ms)) throw new Error(`cycles: expected a real date as YYYY-MM-DD, got "${day}"`);
  return ms;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');
const dateOfUtcMs = (ms: number): LocalDate => new Date(ms).toISOString().slice(0, 10);

export function localDateOf(at: Date, timeZone: string): LocalDate {
  const local = wallClock(at.getTime(), timeZone);
  return `${pad(local.year, 4)}-${pad(local.month)}-${pad(local.day)}`;
}

/** 'HH:MM' wall-clock time of an instant in the zone. */
export function localTimeOf(at: Date, timeZone: string): string {
  const local = wallClock(at.getTime(), timeZone);
  return `${pad(local.hour)}:${pad(local.minute)}`;
}

export function addDays(day: LocalDate, days: number): LocalDate {
  return dateOfUtcMs(utcMs(day) + days * DAY);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: LocalDate): number {
  return new Date(utcMs(day)).getUTCDay();
}

/** The ISO 8601 week containing the day, as the cycle id: '2026-W48' (ISO week-year, so 2027-01-01 is '2026-W53'). */
export function cycleIdOf(day: LocalDate): string {
  // An ISO week belongs to the year that holds its Thursday.
  const thursday = utcMs(addDays(day, 3 - ((weekdayOf(day) + 6) % 7)));
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY)) + 1;
  return `${pad(year, 4)}-W${pad(week)}`;
}

/** The Monday of an ISO week cycle id. Throws a clear Error on a malformed id. */
export function cycleMonday(cycleId: string): LocalDate {
  const match = cyclePattern.exec(cycleId);
  const fail = () => new Error(`cycles: expected a cycle id such as "2026-W48", got "${cycleId}"`);
  if (!match) throw fail();
  // 4 January is always in week 1, so week 1's Monday is the Monday on or before it.
  const january4 = `${match[1]}-01-04`;
  const week1 = addDays(january4, -((weekdayOf(january4) + 6) % 7));
  const monday = addDays(week1, (Number(match[2]) - 1) * 7);
  // Week 00, week 53 of a 52-week year and the like land in another year's numbering.
  if (cycleIdOf(monday) !== cycleId) throw fail();
  return monday;
}

/** The cycle id of the week before. */
export function previousCycleId(cycleId: string): string {
  return cycleIdOf(addDays(cycleMonday(cycleId), -7));
}

/** The cycle id of the week after. */
export function nextCycleId(cycleId: string): string {
  return cycleIdOf(addDays(cycleMonday(cycleId), 7));
}

/**
 * The period a cycle belongs to for a cadence, by the cycle's opening day: weekly '2026-W48', monthly
 * '2026-11', quarterly NHS financial quarter 'FY2026-Q3' (April–June 2026 is 'FY2026-Q1', January–March 2027
 * is 'FY2026-Q4'). Ids of one cadence sort in time order as strings.
 */
export function periodOf(cadence: Cadence, openingDay: LocalDate): string {
  const date = new Date(utcMs(openingDay));
  const [year, month] = [date.getUTCFullYear(), date.getUTCMonth() + 1];
  if (cadence === 'weekly') return cycleIdOf(openingDay);
  if (cadence === 'monthly') return `${pad(year, 4)}-${pad(month)}`;
  // The NHS financial year starts in April, so January–March belong to the year before.
  const financialYear = month >= 4 ? year : year - 1;
  const quarter = Math.floor(((month + 8) % 12) / 3) + 1;
  return `FY${pad(financialYear, 4)}-Q${quarter}`;
}

/**
 * A measure stays due until answered in its period: due when never answered, or last answered (by the
 * opening day of the cycle it was answered in) in an earlier period.
 */
export function isDue(
  cadence: Cadence,
  openingDay: LocalDate,
  lastAnsweredOpeningDay: LocalDate | undefined,
): boolean {
  if (lastAnsweredOpeningDay === undefined) return true;
  return periodOf(cadence, lastAnsweredOpeningDay) < periodOf(cadence, openingDay);
}

/**
 * On a holiday, the next working day: the first later day that is neither a listed holiday nor a Saturday or
 * Sunday. A day that is not a holiday is returned as it is (even a weekend day: some services schedule
 * weekend check-ins).
 */
export function openingDay(scheduled: LocalDate, holidays: ReadonlySet<LocalDate>): LocalDate {
  if (!holidays.has(scheduled)) return scheduled;
  let day = addDays(scheduled, 1);
  // Terminates: the set is finite, and weekends are skipped only a day or two at a time.
  while (holidays.has(day) || isWeekend(day)) day = addDays(day, 1);
  return day;
}

const isWeekend = (day: LocalDate) => weekdayOf(day) === 0 || weekdayOf(day) === 6;

/**
 * The UTC instant of a wall-clock time 'HH:MM' on a local day in the zone. In the spring gap (e.g. 01:30 on
 * 29 March 2026 in London) it is the first instant after the gap (02:00 BST = 01:00 UTC); in the autumn
 * repeat it is the first of the two.
 */
export function atLocalTime(day: LocalDate, time: string, timeZone: string): Date {
  const match = timePattern.exec(time);
  if (!match) throw new Error(`cycles: times must be HH:MM between 00:00 and 23:59, got "${time}"`);
  const wall = utcMs(day) + (Number(match[1]) * 60 + Number(match[2])) * 60_000;
  return new Date(firstInstantOf(wall, timeZone));
}
