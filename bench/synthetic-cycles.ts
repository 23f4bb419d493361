// One week's check-in cycle in the fictional trust, as the product would have opened it: at the scheduled
// time (after any bank holiday), everyone expected in their ward, the measures due by cadence (given when
// each was last answered) with the ward's measure owner, the organisation's with the first lead. Past weeks
// are closed; the current one is open.
import { PrincipleId, type Catalogue, type Measure } from '../src/domain/catalogue.js';
import type { CheckinSchedule, Cycle } from '../src/domain/checkins.js';
import { atLocalTime, cycleIdOf, isDue, localDateOf, openingDay } from '../src/domain/cycles.js';
import { aadOf, LEADS, ORGANISATION_ID, ownerOf, principlesOf, unitIdOf, UNITS } from './synthetic-org.js';

export type CycleSettings = {
  staff: number;
  now: Date;
  catalogue: Catalogue;
  holidays: ReadonlySet<string>;
  schedule: CheckinSchedule;
  timeZone: string;
};

/** When each unit's measures were last answered, by `${unitId} ${measureId}`: the opening day of that cycle. */
export type LastAnswered = ReadonlyMap<string, string>;

export function cycleOf(
  settings: CycleSettings,
  monday: string,
  current: boolean,
  last: LastAnswered,
): Cycle {
  const { schedule, now, timeZone } = settings;
  const scheduled = schedule.openingIn(monday);
  if (!scheduled) throw new Error('bench: the check-in schedule opens no cycle in a week');
  let opensAt = atLocalTime(openingDay(scheduled.day, settings.holidays), scheduled.time, timeZone);
  // Early in the week, before the scheduled opening, a lead has opened this week's cycle by hand.
  const byHand = current && opensAt > now;
  if (byHand) opensAt = new Date(now.getTime() - 3_600_000);
  // A run started near the weekly close still finds the cycle open.
  const closesAt = new Date(
    Math.max(schedule.closeAfter(opensAt).getTime(), current ? now.getTime() + 12 * 3_600_000 : 0),
  );
  const nudgeAt = schedule.nudgeAfter(opensAt);
  const openedOn = localDateOf(opensAt, timeZone);
  const cycle: Cycle = {
    id: cycleIdOf(monday),
    openingDay: openedOn,
    opensAt: opensAt.toISOString(),
    nudgeAt: nudgeAt.toISOString(),
    closesAt: closesAt.toISOString(),
    openedBy: byHand ? aadOf(LEADS[0]!) : 'schedule',
    expected: Object.fromEntries(
      Array.from({ length: settings.staff }, (_, person) => [aadOf(person), unitIdOf(person % UNITS)]),
    ),
    principles: Object.fromEntries(
      wards()
        .filter((unit) => principlesOf(unit).length < PrincipleId.options.length)
        .map((unit) => [unitIdOf(unit), principlesOf(unit)]),
    ),
    measures: measuresDue(settings.catalogue, openedOn, last),
    promptsQueuedAt: opensAt.toISOString(),
  };
  if (nudgeAt <= now) cycle.nudgedAt = nudgeAt.toISOString();
  if (closesAt <= now) cycle.closedAt = closesAt.toISOString();
  return cycle;
}

const wards = () => Array.from({ length: UNITS }, (_, unit) => unit);

function measuresDue(catalogue: Catalogue, day: string, last: LastAnswered): Cycle['measures'] {
  const due = (unitId: string, level: Measure['level'], principles: readonly string[]) =>
    catalogue.measures
      .filter(
        (m) =>
          m.level === level &&
          !m.computed &&
          principles.includes(m.principle) &&
          isDue(m.cadence, day, last.get(`${unitId} ${m.id}`)),
      )
      .map((m) => m.id);
  return {
    ...Object.fromEntries(
      wards().map((unit) => [
        unitIdOf(unit),
        { owners: [aadOf(ownerOf(unit))], measureIds: due(unitIdOf(unit), 'unit', principlesOf(unit)) },
      ]),
    ),
    [ORGANISATION_ID]: {
      owners: [aadOf(LEADS[0]!)],
      measureIds: due(ORGANISATION_ID, 'organisation', PrincipleId.options),
    },
  };
}
