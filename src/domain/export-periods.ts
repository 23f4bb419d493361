// The periods an export covers: the last 13 weeks (a quarter's worth of weekly check-ins, ending with this
// week), or an NHS financial quarter (April to June is Q1, January to March is Q4 of the year before). A cycle
// belongs to a period by its opening day, as measures' periods do. Pure: today is passed in.
import { addDays, cycleIdOf, cycleMonday, nextCycleId, periodOf, type LocalDate } from './cycles.js';

export const LAST_WEEKS = 13;
/** The quarters offered: this one so far and the three before it, a year of board reports. */
export const RECENT_QUARTERS = 4;
/** The choice on the card that means the last 13 weeks, whatever today is. */
export const LAST_WEEKS_CHOICE = 'last13Weeks';

export type ExportPeriod = {
  /** 'FY2026-Q3', or for weeks '2026-W36..2026-W48': in files' names and the audit log. */
  id: string;
  kind: 'quarter' | 'weeks';
  from: LocalDate;
  to: LocalDate;
};

const quarterPattern = /^FY(\d{4})-Q([1-4])$/;
const pad = (value: number) => String(value).padStart(2, '0');

/** A financial quarter by its id ('FY2026-Q3' is October to December 2026); undefined for anything else. */
export function quarterPeriod(id: string): ExportPeriod | undefined {
  const match = quarterPattern.exec(id);
  if (!match) return undefined;
  const [year, quarter] = [Number(match[1]), Number(match[2])];
  const firstMonth = ((quarter - 1) * 3 + 3) % 12; // 0-based: April, July, October, January
  const calendarYear = quarter === 4 ? year + 1 : year;
  const from = `${calendarYear}-${pad(firstMonth + 1)}-01`;
  const nextQuarterStart =
    quarter === 3 ? `${year + 1}-01-01` : `${calendarYear}-${pad(((firstMonth + 3) % 12) + 1)}-01`;
  return { id, kind: 'quarter', from, to: addDays(nextQuarterStart, -1) };
}

/** The 13 weeks ending with the week holding today, Monday to Sunday. */
export function lastWeeks(today: LocalDate): ExportPeriod {
  const lastCycle = cycleIdOf(today);
  const from = addDays(cycleMonday(lastCycle), -7 * (LAST_WEEKS - 1));
  return {
    id: `${cycleIdOf(from)}..${lastCycle}`,
    kind: 'weeks',
    from,
    to: addDays(cycleMonday(lastCycle), 6),
  };
}

/** The quarter holding today, then the ones before it, newest first. */
export function recentQuarters(today: LocalDate, count = RECENT_QUARTERS): ExportPeriod[] {
  const quarters: ExportPeriod[] = [];
  for (let day = today; quarters.length < count;) {
    const quarter = quarterPeriod(periodOf('quarterly', day))!;
    quarters.push(quarter);
    day = addDays(quarter.from, -1);
  }
  return quarters;
}

/** What the card offers, as choice values and the periods they mean today: 13 weeks, then recent quarters. */
export function periodChoices(today: LocalDate): { choice: string; period: ExportPeriod }[] {
  return [
    { choice: LAST_WEEKS_CHOICE, period: lastWeeks(today) },
    ...recentQuarters(today).map((period) => ({ choice: period.id, period })),
  ];
}

/** The period a card's choice means today; undefined for a choice the card did not offer. */
export const periodOfChoice = (choice: string, today: LocalDate): ExportPeriod | undefined =>
  periodChoices(today).find((offered) => offered.choice === choice)?.period;

export const inPeriod = (period: Pick<ExportPeriod, 'from' | 'to'>, day: LocalDate): boolean =>
  day >= period.from && day <= period.to;

/**
 * The ids of the weekly cycles that may open in the period, oldest first: from the week before it starts (a
 * bank holiday can move an opening day on) to the week it ends in. The caller keeps those whose opening day
 * is in the period.
 */
export function candidateCycleIds(period: Pick<ExportPeriod, 'from' | 'to'>): string[] {
  const ids: string[] = [];
  const last = cycleIdOf(period.to);
  for (let id = cycleIdOf(addDays(period.from, -7)); ; id = nextCycleId(id)) {
    ids.push(id);
    if (id === last) return ids;
  }
}
