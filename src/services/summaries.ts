// Weekly principle summaries and digests: which channel gets a unit's summary, the numbers behind one (read
// from the store and handed to the pure digest maths), and posting each closed cycle's summaries once: each
// unit's to its channel, each manager's digest, the organisation digest to every lead, and the organisation
// summary to an organisation unit's channel. The cards themselves are rendered when they are sent, from
// `digestOf` and `organisationDigestOf`, so they show the numbers as they stand.
import type { Catalogue } from '../domain/catalogue.js';
import { isOpen, pulsePrinciples, type Cycle } from '../domain/checkins.js';
import { localDateOf, previousCycleId } from '../domain/cycles.js';
import { buildDigest, type Digest } from '../domain/digest.js';
import type { Unit } from '../domain/units.js';
import type { Store } from '../store/store.js';
import type { ActionsService } from './actions.js';
import type { AuditLog } from './audit-log.js';
import type { Clock } from './clock.js';
import type { DeliveriesService, NewDelivery } from './deliveries.js';
import type { KeyedLock } from './keyed-lock.js';
import { createOrganisationDigests } from './organisation-digests.js';
import { createBatchReadings, createSummaryReaders, type SummaryReading } from './summary-readers.js';

type Deps = {
  store: Store;
  clock: Clock;
  catalogue: Catalogue;
  timeZone: string;
  /** The threshold now: the settings card may change it at any time. */
  anonymityMin: () => number;
  deliveries: DeliveriesService;
  audit: AuditLog;
  withLock: KeyedLock;
  actions: Pick<ActionsService, 'computedMeasures' | 'actionsOf'>;
};

export type Audience = 'channel' | 'manager';
export type UnitDigest = { unit: Unit; cycle: Cycle; digest: Digest };
export type PostOutcome =
  | { kind: 'posted'; cycle: Cycle; summaries: number; digests: number; organisationDigests: number }
  | { kind: 'alreadyPosted'; cycle: Cycle }
  | { kind: 'noClosedCycle' };

type Posted = Omit<Extract<PostOutcome, { kind: 'posted' }>, 'kind' | 'cycle'>;

const unitLevel = (unit: Unit) => (unit.level === 'organisation' ? 'organisation' : 'unit');

/** The delivery batches of a cycle's posts: a cycle is posted once, so a batch that holds anything is done. */
const batches = (cycleId: string) => ({
  summaries: `summaries:${cycleId}`,
  digests: `digests:${cycleId}`,
  organisationDigests: `org-digests:${cycleId}`,
});

export function createSummaries(deps: Deps) {
  const { store, clock, timeZone, deliveries, audit, withLock } = deps;
  const newReading = createSummaryReaders(deps);
  const readingOfBatch = createBatchReadings(newReading);
  const organisations = createOrganisationDigests({ ...deps, newReading });

  /** The cycle summaries are about: the latest one that has closed. */
  async function lastClosedCycle(): Promise<Cycle | undefined> {
    const latest = await store.latestCycle();
    if (!latest) return undefined;
    if (!isOpen(latest, clock())) return latest;
    return store.cycle(previousCycleId(latest.id));
  }

  /** A unit's digest for a cycle; the cards of one post may share a reading (see summary-readers.ts). */
  async function digestOf(
    unitId: string,
    cycleId: string,
    audience: Audience,
    reading: SummaryReading = newReading(),
  ): Promise<UnitDigest | undefined> {
    const [unit, cycle] = await Promise.all([store.unit(unitId), reading.cycle(cycleId)]);
    if (!unit || !cycle) return undefined;
    // Oldest first, ending with the cycle before this one.
    const history = await reading.historyOf(cycleId);
    const pulsesIn = async (past: Cycle | undefined) =>
      past ? Object.values((await reading.unitCheckins(past.id, unitId)).pulses) : undefined;
    const digest = buildDigest({
      cycle: { id: cycle.id, openingDay: cycle.openingDay },
      audience,
      k: deps.anonymityMin(),
      principles: pulsePrinciples(cycle, unitId),
      expected: reading.expectedIn(cycle, unitId),
      pulses: (await pulsesIn(cycle)) ?? [],
      pulseHistory: await Promise.all(history.map(pulsesIn)),
      measures: await reading.measuresOf(unit.id, unitLevel(unit), cycle, history),
      actions: await reading.actionsOf(new Set([unitId]), cycle.openingDay),
      since: localDateOf(new Date(unit.createdAt), timeZone),
    });
    return { unit, cycle, digest };
  }

  /**
   * Queues every tracked unit's channel summary and its managers' digests for the cycle, the organisation
   * summary to each organisation unit's channel, and the organisation digest to every lead: once each.
   */
  async function post(cycle: Cycle): Promise<Posted> {
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
          content:
            unit.level === 'organisation'
              ? { card: 'orgSummary', data: { organisationId: unit.id, cycleId: cycle.id } }
              : { card: 'summary', data },
        });
      for (const { aadObjectId } of roles.filter(({ roles: held }) => held.managerOf.includes(unit.id)))
        digests.push({
          id: `${unit.id}:${aadObjectId}`,
          recipient: { kind: 'person', aadObjectId },
          content: { card: 'digest', data },
        });
    }
    const leads: NewDelivery[] = roles
      .filter(({ roles: held }) => held.lead)
      .map(({ aadObjectId }) => ({
        id: aadObjectId,
        recipient: { kind: 'person', aadObjectId },
        content: { card: 'orgDigest', data: { cycleId: cycle.id } },
      }));
    const batch = batches(cycle.id);
    // A channel is read by the whole team, any day: quiet hours are for people's own chats.
    await deliveries.enqueue(batch.summaries, 'summary', summaries, { respectsQuietHours: false });
    await deliveries.enqueue(batch.digests, 'digest', digests, { respectsQuietHours: true });
    await deliveries.enqueue(batch.organisationDigests, 'digest', leads, { respectsQuietHours: true });
    return { summaries: summaries.length, digests: digests.length, organisationDigests: leads.length };
  }

  return {
    digestOf,
    /** A reading for the cards of one post to share, dropped after them (summary-readers.ts). */
    newReading,
    /** The reading the cards of one delivery batch share, while it is sending (summary-readers.ts). */
    readingOfBatch,
    lastClosedCycle,
    organisationDigestOf: organisations.organisationDigestOf,
    organisationFor: organisations.organisationFor,

    /**
     * `post summaries here`: the unit's weekly summary goes to this channel (the caller checked 'seeUnit');
     * for an organisation unit, `post organisation summaries here`: the organisation summary does.
     */
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
      for (const batch of Object.values(batches(cycle.id)))
        if ((await store.batchProgress(batch)).total > 0) return { kind: 'alreadyPosted', cycle };
      const posted = await post(cycle);
      await audit.record(actor, 'summaries.now', [cycle.id]);
      return { kind: 'posted', cycle, ...posted };
    },
  };
}

export type SummariesService = ReturnType<typeof createSummaries>;
