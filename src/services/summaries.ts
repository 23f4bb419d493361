// Weekly principle summaries and digests: which channel gets a unit's summary, the numbers behind one (read
// from the store and handed to the pure digest maths), and posting each closed cycle's summaries once. The
// cards themselves are rendered when they are sent, from `digestOf`, so they show the numbers as they stand.
import type { Action } from '../domain/actions.js';
import type { Catalogue } from '../domain/catalogue.js';
import { isOpen, pulsePrinciples, type Cycle } from '../domain/checkins.js';
import { addDays, localDateOf, previousCycleId, type LocalDate } from '../domain/cycles.js';
import { buildDigest, USUAL_WEEKS, type Digest, type DigestMeasure } from '../domain/digest.js';
import type { Unit } from '../domain/units.js';
import type { Store } from '../store/store.js';
import type { ActionsService } from './actions.js';
import type { AuditLog } from './audit-log.js';
import type { Clock } from './clock.js';
import type { DeliveriesService, NewDelivery } from './deliveries.js';
import type { KeyedLock } from './keyed-lock.js';

type Deps = {
  store: Store;
  clock: Clock;
  catalogue: Catalogue;
  timeZone: string;
  anonymityMin: number;
  deliveries: DeliveriesService;
  audit: AuditLog;
  withLock: KeyedLock;
  actions: Pick<ActionsService, 'computedMeasures'>;
};

export type Audience = 'channel' | 'manager';
export type UnitDigest = { unit: Unit; cycle: Cycle; digest: Digest };
export type PostOutcome =
  | { kind: 'posted'; cycle: Cycle; summaries: number; digests: number }
  | { kind: 'alreadyPosted'; cycle: Cycle }
  | { kind: 'noClosedCycle' };

/** The actions a digest reads: the last 12 weeks for "usual", and 90 days more for closing the loop. */
const ACTION_DAYS = USUAL_WEEKS * 7 + 90 + 7;

export function createSummaries(deps: Deps) {
  const { store, clock, catalogue, timeZone, deliveries, audit, withLock } = deps;

  /** The cycle summaries are about: the latest one that has closed. */
  async function lastClosedCycle(): Promise<Cycle | undefined> {
    const latest = await store.latestCycle();
    if (!latest) return undefined;
    if (!isOpen(latest, clock())) return latest;
    return store.cycle(previousCycleId(latest.id));
  }

  async function unitActions(unitId: string, day: LocalDate): Promise<Action[]> {
    const oldest = addDays(day, -ACTION_DAYS);
    const found: Action[] = [];
    for (const month of await store.actionMonths()) {
      if (month < oldest.slice(0, 7)) break;
      found.push(...(await store.monthActions(month)).filter((action) => action.unitId === unitId));
    }
    return found;
  }

  /** The unit's measures at its level, on its principles, with this cycle's answer and earlier ones. */
  async function measuresOf(
    unit: Unit,
    cycle: Cycle,
    history: (Cycle | undefined)[],
  ): Promise<DigestMeasure[]> {
    const principles = pulsePrinciples(cycle, unit.id);
    const level = unit.level === 'organisation' ? 'organisation' : 'unit';
    const latest = await store.latestMeasureAnswers(unit.id);
    const computed = await deps.actions.computedMeasures(unit.id, cycle.openingDay);
    const earlier = await Promise.all(
      history.map(async (past) => (past ? (await store.unitCheckins(past.id, unit.id)).measures : undefined)),
    );
    const owner = cycle.measures[unit.id]?.owners[0];
    const measures = catalogue.measures.filter((m) => m.level === level && principles.includes(m.principle));
    return measures.map((measure) => ({
      measure,
      ...(latest[measure.id]
        ? { latest: { value: latest[measure.id]!.value, openingDay: latest[measure.id]!.openingDay } }
        : {}),
      ...(measure.computed && computed[measure.id] ? { computed: computed[measure.id] } : {}),
      history: earlier.map((answers) => answers?.[measure.id]?.value),
      ...(owner ? { owner } : {}),
    }));
  }

  async function digestOf(
    unitId: string,
    cycleId: string,
    audience: Audience,
  ): Promise<UnitDigest | undefined> {
    const [unit, cycle] = await Promise.all([store.unit(unitId), store.cycle(cycleId)]);
    if (!unit || !cycle) return undefined;
    // Oldest first, ending with the cycle before this one.
    const ids: string[] = [];
    for (let id = cycleId; ids.length < USUAL_WEEKS;) ids.unshift((id = previousCycleId(id)));
    const history = await Promise.all(ids.map((id) => store.cycle(id)));
    const pulsesIn = async (past: Cycle | undefined) =>
      past ? Object.values((await store.unitCheckins(past.id, unitId)).pulses) : undefined;
    const digest = buildDigest({
      cycle: { id: cycle.id, openingDay: cycle.openingDay },
      audience,
      k: deps.anonymityMin,
      principles: pulsePrinciples(cycle, unitId),
      expected: Object.values(cycle.expected).filter((expectedIn) => expectedIn === unitId).length,
      pulses: (await pulsesIn(cycle)) ?? [],
      pulseHistory: await Promise.all(history.map(pulsesIn)),
      measures: await measuresOf(unit, cycle, history),
      actions: await unitActions(unitId, cycle.openingDay),
      since: localDateOf(new Date(unit.createdAt), timeZone),
    });
    return { unit, cycle, digest };
  }

  /** Queues every tracked unit's channel summary and its managers' digests for the cycle: once each. */
  async function post(cycle: Cycle): Promise<{ summaries: number; digests: number }> {
    const units = (await store.units()).filter(
      (unit) => unit.tracked && (unit.level === 'unit' || unit.level === 'organisation'),
    );
    const roles = await store.peopleWithRoles();
    const summaries: NewDelivery[] = [];
    const digests: NewDelivery[] = [];
    for (const unit of units) {
      const data = { unitId: unit.id, cycleId: cycle.id };
      if (unit.summaryChannelId)
        summaries.push({
          id: unit.id,
          recipient: { kind: 'conversation', conversationId: unit.summaryChannelId },
          content: { card: 'summary', data },
        });
      for (const { aadObjectId } of roles.filter(({ roles: held }) => held.managerOf.includes(unit.id)))
        digests.push({
          id: `${unit.id}:${aadObjectId}`,
          recipient: { kind: 'person', aadObjectId },
          content: { card: 'digest', data },
        });
    }
    // A channel is read by the whole team, any day: quiet hours are for people's own chats.
    await deliveries.enqueue(`summaries:${cycle.id}`, 'summary', summaries, { respectsQuietHours: false });
    await deliveries.enqueue(`digests:${cycle.id}`, 'digest', digests, { respectsQuietHours: true });
    return { summaries: summaries.length, digests: digests.length };
  }

  return {
    digestOf,
    lastClosedCycle,

    /** `post summaries here`: the unit's weekly summary goes to this channel (the caller checked 'seeUnit'). */
    async postHere(actor: string, unitId: string, conversationId: string): Promise<Unit | undefined> {
      const unit = await withLock(`unit:${unitId}`, async () => {
        const found = await store.unit(unitId);
        if (!found?.tracked) return undefined;
        const saved = { ...found, summaryChannelId: conversationId };
        await store.saveUnit(saved);
        return saved;
      });
      if (unit) await audit.record(actor, 'summaries.here', [unitId, conversationId]);
      return unit;
    },

    /** `stop summaries here`: only when this channel is the one the unit posts to. */
    async stopHere(actor: string, unitId: string, conversationId: string): Promise<boolean> {
      const stopped = await withLock(`unit:${unitId}`, async () => {
        const found = await store.unit(unitId);
        if (found?.summaryChannelId !== conversationId) return false;
        const { summaryChannelId: _stopped, ...rest } = found;
        await store.saveUnit(rest);
        return true;
      });
      if (stopped) await audit.record(actor, 'summaries.stop', [unitId, conversationId]);
      return stopped;
    },

    /** The weekly job: the last closed cycle's summaries and digests, once, however often it runs. */
    async postDue(): Promise<PostOutcome> {
      const cycle = await lastClosedCycle();
      if (!cycle) return { kind: 'noClosedCycle' };
      return { kind: 'posted', cycle, ...(await post(cycle)) };
    },

    /** `post summaries now` (leads): the last closed cycle's, once a cycle. */
    async postNow(actor: string): Promise<PostOutcome> {
      const cycle = await lastClosedCycle();
      if (!cycle) return { kind: 'noClosedCycle' };
      const already = await store.batchDeliveries(`summaries:${cycle.id}`);
      const alreadyDigests = await store.batchDeliveries(`digests:${cycle.id}`);
      if (already.length + alreadyDigests.length > 0) return { kind: 'alreadyPosted', cycle };
      const posted = await post(cycle);
      await audit.record(actor, 'summaries.now', [cycle.id]);
      return { kind: 'posted', cycle, ...posted };
    },
  };
}

export type SummariesService = ReturnType<typeof createSummaries>;
