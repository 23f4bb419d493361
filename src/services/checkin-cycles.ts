// Weekly check-in cycles: opening one (who is expected, which measures are due and who answers them), the one
// nudge to those who have not answered, and closing. Each step is safe to run again: a cycle opens once, and
// prompts and nudges carry stable delivery ids, so a run repeated after a crash sends nothing twice.
import { PrincipleId, type Catalogue } from '../domain/catalogue.js';
import { isOpen, type CheckinSchedule, type Cycle } from '../domain/checkins.js';
import {
  atLocalTime,
  cycleIdOf,
  cycleMonday,
  isDue,
  localDateOf,
  openingDay,
  type LocalDate,
} from '../domain/cycles.js';
import { isPaused, isStaff } from '../domain/roster.js';
import { measureAnswerers, unitPrinciples, type Unit } from '../domain/units.js';
import type { Store } from '../store/store.js';
import type { AuditLog } from './audit-log.js';
import type { Clock } from './clock.js';
import type { DeliveriesService, NewDelivery } from './deliveries.js';

/** Organisation measures are answered per organisation unit; with none defined, once, by the leads. */
export const WHOLE_ORGANISATION = 'organisation';

export type CycleDeps = {
  store: Store;
  clock: Clock;
  catalogue: Catalogue;
  holidays: ReadonlySet<LocalDate>;
  schedule: CheckinSchedule;
  timeZone: string;
  allowedTenantIds: readonly string[];
  deliveries: DeliveriesService;
  audit: AuditLog;
};

// Timers may fire a moment early; a step due within this margin is treated as due.
const TIMER_MARGIN_MS = 60_000;
const hasCome = (at: string, now: Date) => Date.parse(at) <= now.getTime() + TIMER_MARGIN_MS;

export type OpenOutcome = { kind: 'opened'; cycle: Cycle } | { kind: 'alreadyOpen'; cycle: Cycle };

export function createCheckinCycles(deps: CycleDeps) {
  const { store, clock, schedule, timeZone } = deps;
  const batch = (cycle: Cycle) => `checkins:${cycle.id}`;

  async function open(cycleId: string, day: LocalDate, opensAt: Date, openedBy: string) {
    const cycle: Cycle = {
      id: cycleId,
      openingDay: day,
      opensAt: opensAt.toISOString(),
      nudgeAt: schedule.nudgeAfter(opensAt).toISOString(),
      closesAt: schedule.closeAfter(opensAt).toISOString(),
      openedBy,
      ...(await whoAnswers(deps, day, opensAt)),
    };
    if (!(await store.createCycle(cycle))) return undefined;
    await sendPrompts(cycle);
    return cycle;
  }

  /** Queues the cycle's cards, then marks them queued: a crash in between queues the same ids again. */
  async function sendPrompts(cycle: Cycle): Promise<Cycle> {
    const items: NewDelivery[] = [
      ...Object.keys(cycle.expected).map((aadObjectId) => pulsePrompt(cycle, aadObjectId, 'scheduled')),
      ...measurePrompts(cycle, 'scheduled', () => true),
    ];
    await deps.deliveries.enqueue(batch(cycle), 'checkin', items, { respectsQuietHours: true });
    const queued = { ...cycle, promptsQueuedAt: clock().toISOString() };
    await store.saveCycle(queued);
    return queued;
  }

  return {
    /** Opens this week's cycle when its (holiday-adjusted) time has come and it has not closed. */
    async openDue(): Promise<Cycle | undefined> {
      const now = clock();
      const today = localDateOf(now, timeZone);
      const cycleId = cycleIdOf(today);
      const existing = await store.cycle(cycleId);
      if (existing)
        return existing.promptsQueuedAt || !isOpen(existing, now) ? undefined : sendPrompts(existing);
      const scheduled = schedule.openingIn(cycleMonday(cycleId));
      if (!scheduled) return undefined;
      const day = openingDay(scheduled.day, deps.holidays);
      const opensAt = atLocalTime(day, scheduled.time, timeZone);
      if (now < opensAt || now >= schedule.closeAfter(opensAt)) return undefined;
      return open(cycleIdOf(scheduled.day), day, opensAt, 'schedule');
    },

    /** A lead or admin opens the current week's cycle now; a second time it is already open. */
    async openNow(actor: string): Promise<OpenOutcome> {
      const now = clock();
      const today = localDateOf(now, timeZone);
      const cycleId = cycleIdOf(today);
      const existing = await store.cycle(cycleId);
      if (existing) return { kind: 'alreadyOpen', cycle: existing };
      const cycle = await open(cycleId, today, now, actor);
      if (!cycle) return { kind: 'alreadyOpen', cycle: (await store.cycle(cycleId))! };
      await deps.audit.record(actor, 'checkins.open', [cycleId]);
      return { kind: 'opened', cycle };
    },

    /**
     * After the schedule changes: the open cycle's nudge (unless sent) and close move to the new times, counted
     * from when it opened, so the scheduler's new times find them due. A nudge whose new time has passed goes
     * at once; a close whose new time has passed stays where it was rather than shut the check-in on people
     * now (the daily opening job closes it once that time comes). A step already done is not done again.
     */
    async followSchedule(): Promise<Cycle | undefined> {
      const now = clock();
      const cycle = await store.latestCycle();
      if (!cycle || !isOpen(cycle, now)) return undefined;
      const opensAt = new Date(cycle.opensAt);
      const closesAt = schedule.closeAfter(opensAt);
      const moved: Cycle = {
        ...cycle,
        ...(cycle.nudgedAt ? {} : { nudgeAt: schedule.nudgeAfter(opensAt).toISOString() }),
        ...(closesAt > now ? { closesAt: closesAt.toISOString() } : {}),
      };
      if (moved.nudgeAt === cycle.nudgeAt && moved.closesAt === cycle.closesAt) return cycle;
      await store.saveCycle(moved);
      return moved;
    },

    /** The one nudge of a cycle, to people and measure owners who have not answered and are not paused. */
    async nudgeDue(): Promise<number> {
      const now = clock();
      const cycle = await store.latestCycle();
      if (!cycle || cycle.nudgedAt || !isOpen(cycle, now) || !hasCome(cycle.nudgeAt, now)) return 0;
      const answered = await answeredIn(store, cycle);
      const waiting: string[] = [];
      for (const aadObjectId of Object.keys(cycle.expected)) {
        const person = await store.person(aadObjectId);
        if (!answered.pulses.has(aadObjectId) && person && !isPaused(person.checkins, now))
          waiting.push(aadObjectId);
      }
      const items = [
        ...waiting.map((aadObjectId) => pulsePrompt(cycle, aadObjectId, 'nudge')),
        ...measurePrompts(cycle, 'nudge', (unitId, measureIds) =>
          measureIds.some((id) => !answered.measures.has(`${unitId} ${id}`)),
        ),
      ];
      await deps.deliveries.enqueue(`nudges:${cycle.id}`, 'nudge', items, { respectsQuietHours: true });
      await store.saveCycle({ ...cycle, nudgedAt: now.toISOString() });
      return items.length;
    },

    /**
     * Closes a cycle whose time is up, and brings every card of it up to date: unanswered ones say it closed,
     * receipts lose "Change my answers".
     */
    async closeDue(): Promise<Cycle | undefined> {
      const now = clock();
      const cycle = await store.latestCycle();
      if (!cycle || cycle.closedAt || !hasCome(cycle.closesAt, now)) return undefined;
      const items: NewDelivery[] = [];
      for (const unitId of unitsOf(cycle)) {
        for (const copy of (await store.unitCheckins(cycle.id, unitId)).copies) {
          items.push({
            id: `closed:${copy.conversationId}:${copy.activityId}`,
            recipient: { kind: 'person', aadObjectId: copy.aadObjectId },
            content: { card: 'checkinCopy', data: { cycleId: cycle.id, unitId, card: copy.card } },
            replaces: { conversationId: copy.conversationId, activityId: copy.activityId },
          });
        }
      }
      await deps.deliveries.enqueue(`closed:${cycle.id}`, 'cardUpdate', items, { respectsQuietHours: false });
      const closed = { ...cycle, closedAt: now.toISOString() };
      await store.saveCycle(closed);
      return closed;
    },
  };
}

export type CheckinCycles = ReturnType<typeof createCheckinCycles>;

/** Every unit with something in the cycle: people expected, or measures due. */
export function unitsOf(cycle: Cycle): string[] {
  return [...new Set([...Object.values(cycle.expected), ...Object.keys(cycle.measures)])].sort();
}

function pulsePrompt(cycle: Cycle, aadObjectId: string, reason: 'scheduled' | 'nudge'): NewDelivery {
  return {
    id: `pulse:${aadObjectId}`,
    recipient: { kind: 'person', aadObjectId },
    content: { card: 'pulse', data: { cycleId: cycle.id, reason } },
  };
}

/** One card per owner and unit, opening at the first principle with measures due. */
function measurePrompts(
  cycle: Cycle,
  reason: 'scheduled' | 'nudge',
  wanted: (unitId: string, measureIds: string[]) => boolean,
): NewDelivery[] {
  return Object.entries(cycle.measures).flatMap(([unitId, { owners, measureIds }]) =>
    measureIds.length === 0 || !wanted(unitId, measureIds)
      ? []
      : owners.map((aadObjectId) => ({
          id: `measures:${unitId}:${aadObjectId}`,
          recipient: { kind: 'person' as const, aadObjectId },
          content: { card: 'measures', data: { cycleId: cycle.id, unitId, reason } },
        })),
  );
}

async function answeredIn(store: Store, cycle: Cycle) {
  const pulses = new Set<string>();
  const measures = new Set<string>();
  for (const unitId of unitsOf(cycle)) {
    const found = await store.unitCheckins(cycle.id, unitId);
    for (const id of Object.keys(found.pulses)) pulses.add(id);
    for (const id of Object.keys(found.measures)) measures.add(`${unitId} ${id}`);
  }
  return { pulses, measures };
}

/**
 * Who answers what this cycle: staff their primary unit's pulse, on the principles it works on, and each
 * unit's due measures its owner (or deputy, or managers; leads for the organisation when it has none).
 */
async function whoAnswers(deps: CycleDeps, day: LocalDate, at: Date) {
  const { store, allowedTenantIds } = deps;
  const units = (await deps.store.units()).filter((unit) => unit.tracked);
  const firstTeamUnit = await firstTeamUnits(store, units);
  const tracked = new Set(units.map((unit) => unit.id));
  const people = new Map((await store.people()).map((person) => [person.aadObjectId, person]));
  const available = (aadObjectId: string) => {
    const person = people.get(aadObjectId);
    return !!person && isStaff(person, allowedTenantIds) && !isPaused(person.checkins, at);
  };
  const expected: Record<string, string> = {};
  for (const person of people.values()) {
    if (!available(person.aadObjectId)) continue;
    // The person's chosen unit while it is tracked; otherwise the first tracked team they are in.
    const chosen =
      person.primaryUnitId && tracked.has(person.primaryUnitId) ? person.primaryUnitId : undefined;
    const unitId = chosen ?? firstTeamUnit.get(person.aadObjectId);
    if (unitId) expected[person.aadObjectId] = unitId;
  }
  const roles = await store.peopleWithRoles();
  const managersOf = (unitId: string) =>
    roles.filter(({ roles: held }) => held.managerOf.includes(unitId)).map(({ aadObjectId }) => aadObjectId);
  const leads = roles.filter(({ roles: held }) => held.lead).map(({ aadObjectId }) => aadObjectId);
  const answering = units.filter(
    (unit): unit is Unit & { level: 'unit' | 'organisation' } =>
      unit.level === 'unit' || unit.level === 'organisation',
  );
  const principles: Record<string, PrincipleId[]> = {};
  const measures: Cycle['measures'] = {};
  for (const unit of answering) {
    const chosen = unitPrinciples(unit);
    if (chosen.length < PrincipleId.options.length) principles[unit.id] = chosen;
    const members = unit.teamId ? (await store.team(unit.teamId))?.members : undefined;
    // An owner who has left the team cannot answer for it.
    const canAnswer = (id: string) =>
      available(id) && (!members || (!!members[id] && !members[id].removedAt));
    const managers = managersOf(unit.id);
    const fallback = unit.level === 'organisation' && managers.length === 0 ? leads : managers;
    measures[unit.id] = {
      owners: measureAnswerers(unit.checkins, canAnswer, fallback),
      measureIds: await dueMeasures(deps, unit.id, unit.level, chosen, day),
    };
  }
  if (!answering.some((unit) => unit.level === 'organisation')) {
    measures[WHOLE_ORGANISATION] = {
      owners: leads,
      measureIds: await dueMeasures(deps, WHOLE_ORGANISATION, 'organisation', PrincipleId.options, day),
    };
  }
  return { expected, measures, ...(Object.keys(principles).length > 0 ? { principles } : {}) };
}

/** The measures of these principles at this level that are due for the unit on the cycle's opening day. */
async function dueMeasures(
  { store, catalogue }: CycleDeps,
  unitId: string,
  level: 'unit' | 'organisation',
  principles: readonly PrincipleId[],
  day: LocalDate,
): Promise<string[]> {
  const latest = await store.latestMeasureAnswers(unitId);
  return catalogue.measures
    .filter(
      (m) =>
        m.level === level &&
        !m.computed &&
        principles.includes(m.principle) &&
        isDue(m.cadence, day, latest[m.id]?.openingDay),
    )
    .map((m) => m.id);
}

/** Each current member's first tracked team unit (units come in name order), reading each team once. */
async function firstTeamUnits(store: Store, units: Unit[]): Promise<Map<string, string>> {
  const first = new Map<string, string>();
  for (const unit of units) {
    const team = unit.teamId ? await store.team(unit.teamId) : undefined;
    for (const [aadObjectId, member] of Object.entries(team?.members ?? {})) {
      if (!member.removedAt && !first.has(aadObjectId)) first.set(aadObjectId, unit.id);
    }
  }
  return first;
}
