// Copying one Store into another through the Store port, and a tally of what a store holds to check the copy.
// One walk (partsOf) reads every record, in the orders the port promises; the copy writes what it reads, and
// the tally counts it and fingerprints its contents, so both stores are read the same way.
// Every write is an idempotent save (upserts, first-wins responses, audit appends known by id, claims of
// later runs only), so a second copy changes nothing.
import { createHash } from 'node:crypto';
import type { Action } from '../src/domain/actions.js';
import type { AuditEntry } from '../src/domain/audit.js';
import type { Broadcast } from '../src/domain/broadcasts.js';
import type { Cycle, MeasureRecord, UnitCheckins } from '../src/domain/checkins.js';
import type { Delivery } from '../src/domain/delivery.js';
import type { Roles } from '../src/domain/permissions.js';
import type { StoredSettings } from '../src/domain/settings.js';
import type { ConversationRef, Person, Team } from '../src/domain/roster.js';
import type { Unit } from '../src/domain/units.js';
import type { BroadcastResponses, JobRun, ReadOnly, Store } from '../src/store/store.js';

/** One piece of a store, as the walk reads it: a table's records, or a partition with what names it. */
export type Part =
  | { kind: 'people'; records: Person[] }
  | { kind: 'conversations'; records: ConversationRef[] }
  | { kind: 'teams'; records: Team[] }
  | { kind: 'units'; records: Unit[] }
  | { kind: 'roles'; records: { aadObjectId: string; roles: Roles }[] }
  | { kind: 'settings'; records: StoredSettings[] }
  | { kind: 'jobRuns'; records: JobRun[] }
  | { kind: 'audit'; records: AuditEntry[] }
  | { kind: 'cycles'; records: Cycle[] }
  | { kind: 'checkins'; cycleId: string; unitId: string; checkins: ReadOnly<UnitCheckins> }
  | { kind: 'latestAnswers'; unitId: string; records: MeasureRecord[] }
  | { kind: 'actions'; month: string; records: Action[] }
  | { kind: 'broadcasts'; records: Broadcast[] }
  | { kind: 'responses'; broadcastId: string; responses: BroadcastResponses }
  | { kind: 'deliveries'; batchId: string; records: Delivery[] };

const AUDIT_PAGE = 500;

/** Every record of the store, table by table; partitions in the port's orders, so two stores walk alike. */
export async function* partsOf(store: Store): AsyncGenerator<Part> {
  yield { kind: 'people', records: await store.people() };
  yield { kind: 'conversations', records: await store.conversations() };
  yield { kind: 'teams', records: await store.teams() };
  const units = await store.units();
  yield { kind: 'units', records: units };
  yield { kind: 'roles', records: await store.peopleWithRoles() };
  const settings = await store.settings();
  yield { kind: 'settings', records: settings ? [settings] : [] };
  yield { kind: 'jobRuns', records: await store.jobRuns() };
  for (let page = await store.auditEntries({ limit: AUDIT_PAGE }); page.length > 0;) {
    yield { kind: 'audit', records: page };
    const last = page.at(-1)!;
    page = await store.auditEntries({ limit: AUDIT_PAGE, before: { at: last.at, id: last.id } });
  }
  const cycles = await store.cycles();
  yield { kind: 'cycles', records: cycles };
  // Latest answers are kept by unit: every unit with check-ins anywhere, and every unit defined.
  const answering = new Set(units.map((unit) => unit.id));
  for (const cycle of cycles) {
    for (const unitId of await store.checkinUnits(cycle.id)) {
      answering.add(unitId);
      yield {
        kind: 'checkins',
        cycleId: cycle.id,
        unitId,
        checkins: await store.unitCheckins(cycle.id, unitId),
      };
    }
  }
  for (const unitId of [...answering].sort()) {
    const latest = sortedValues(await store.latestMeasureAnswers(unitId));
    if (latest.length > 0) yield { kind: 'latestAnswers', unitId, records: latest };
  }
  for (const month of await store.actionMonths())
    yield { kind: 'actions', month, records: await store.monthActions(month) };
  const broadcasts = await store.broadcasts();
  yield { kind: 'broadcasts', records: broadcasts };
  for (const { id } of broadcasts)
    yield { kind: 'responses', broadcastId: id, responses: await store.broadcastResponses(id) };
  for (const batchId of await store.deliveryBatches())
    yield { kind: 'deliveries', batchId, records: await store.batchDeliveries(batchId) };
}

/** The tables of the tally, in the order they are printed, with the names people read. */
export const TABLES = {
  people: 'people',
  conversations: 'conversations',
  teams: 'teams',
  units: 'units',
  roles: 'roles',
  audit: 'audit entries',
  cycles: 'cycles',
  pulses: 'pulses',
  measureAnswers: 'measure answers',
  latestAnswers: 'latest answers',
  cardCopies: 'card copies',
  actions: 'actions',
  broadcasts: 'broadcasts',
  acks: 'acks',
  reads: 'reads',
  deliveries: 'deliveries',
  jobRuns: 'job runs',
  settings: 'settings',
} as const;
export type Table = keyof typeof TABLES;

/** How many records each table holds, and a fingerprint of their contents that two stores share when alike. */
export type Tally = Record<Table, { count: number; fingerprint: string }>;

export async function tally(store: Store): Promise<Tally> {
  const hashes = new Map<Table, ReturnType<typeof createHash>>();
  const counts = new Map<Table, number>();
  const add = (table: Table, records: readonly unknown[], where: unknown = null) => {
    counts.set(table, (counts.get(table) ?? 0) + records.length);
    let hash = hashes.get(table);
    if (!hash) hashes.set(table, (hash = createHash('sha256')));
    for (const record of records) hash.update(canonicalJson([where, record])).update('\n');
  };
  for await (const part of partsOf(store)) {
    switch (part.kind) {
      case 'checkins': {
        const where = [part.cycleId, part.unitId];
        add('pulses', sortedValues(part.checkins.pulses), where);
        add('measureAnswers', sortedValues(part.checkins.measures), where);
        add('cardCopies', part.checkins.copies, where);
        break;
      }
      case 'latestAnswers':
        add('latestAnswers', part.records, part.unitId);
        break;
      case 'responses':
        add('acks', part.responses.acknowledged, part.broadcastId);
        add('reads', part.responses.read, part.broadcastId);
        break;
      case 'actions':
        add('actions', part.records);
        break;
      case 'deliveries':
        add('deliveries', part.records);
        break;
      default:
        add(part.kind, part.records);
    }
  }
  const entries = (Object.keys(TABLES) as Table[]).map((table) => [
    table,
    { count: counts.get(table) ?? 0, fingerprint: hashes.get(table)?.digest('hex') ?? '' },
  ]);
  return Object.fromEntries(entries) as Tally;
}

// Partitions of one kind are independent: several are saved side by side, each keeping its own order (card
// copies are kept in the order they landed). A part of another kind waits for them, as it may depend on them.
const PARTITIONS_AT_ONCE = 8;
const partitioned = new Set<Part['kind']>(['checkins', 'responses', 'deliveries']);

/** Saves what `from` holds into `to`. */
export async function copyStore(from: Store, to: Store): Promise<void> {
  const underWay = new Set<Promise<void>>();
  const settle = async () => {
    const results = await Promise.allSettled(underWay);
    underWay.clear();
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  };
  try {
    for await (const part of partsOf(from)) {
      if (!partitioned.has(part.kind)) {
        await settle();
        await savePart(to, part);
        continue;
      }
      const saving: Promise<void> = savePart(to, part).finally(() => underWay.delete(saving));
      underWay.add(saving);
      // Its failure is reported by settle(); until then it must not count as unhandled.
      saving.catch(() => {});
      if (underWay.size >= PARTITIONS_AT_ONCE) await Promise.race(underWay);
    }
  } finally {
    // Nothing is left writing when the copy ends, even when it failed, so the stores can close.
    await settle();
  }
}

// Saves within a part are independent, so a few run side by side: a database answers each in a round trip.
const SIDE_BY_SIDE = 32;
async function each<T>(items: readonly T[], save: (item: T) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < items.length; start += SIDE_BY_SIDE)
    await Promise.all(items.slice(start, start + SIDE_BY_SIDE).map(save));
}

async function savePart(to: Store, part: Part): Promise<void> {
  switch (part.kind) {
    case 'people':
      return each(part.records, (person) => to.savePerson(person));
    case 'conversations':
      return each(part.records, (conversation) => to.saveConversation(conversation));
    case 'teams':
      return each(part.records, (team) => to.saveTeam(team));
    case 'units':
      return each(part.records, (unit) => to.saveUnit(unit));
    case 'roles':
      return each(part.records, ({ aadObjectId, roles }) => to.saveRoles(aadObjectId, roles));
    case 'settings':
      return each(part.records, (settings) => to.saveSettings(settings));
    case 'jobRuns':
      return each(part.records, ({ job, runKey }) => to.claimJobRun(job, runKey));
    case 'audit':
      return each(part.records, (entry) => to.appendAudit(entry));
    case 'cycles':
      // A cycle copied before is brought up to date (it may have closed since).
      return each(part.records, async (cycle) => (await to.createCycle(cycle)) || to.saveCycle(cycle));
    case 'checkins':
      return saveCheckins(to, part.cycleId, part.unitId, part.checkins);
    case 'latestAnswers':
      return saveLatest(to, part.unitId, part.records);
    case 'actions':
      return each(part.records, (action) => to.saveAction(action));
    case 'broadcasts':
      return each(part.records, (broadcast) => to.saveBroadcast(broadcast));
    case 'responses':
      await each(part.responses.acknowledged, ({ aadObjectId, at }) =>
        to.acknowledge(part.broadcastId, aadObjectId, at),
      );
      return each(part.responses.read, ({ aadObjectId, at }) =>
        to.recordRead(part.broadcastId, aadObjectId, at),
      );
    case 'deliveries':
      return saveDeliveries(to, part.batchId, part.records);
  }
}

async function saveCheckins(to: Store, cycleId: string, unitId: string, checkins: ReadOnly<UnitCheckins>) {
  await each(Object.values(checkins.pulses), (pulse) => to.savePulse(cycleId, pulse));
  const answers = Object.values(checkins.measures);
  if (answers.length > 0) await to.saveMeasureAnswers(cycleId, unitId, answers);
  // One after another: card copies are kept in the order they landed.
  for (const copy of checkins.copies) await to.addCardCopy(cycleId, unitId, copy);
}

/**
 * Copying cycles oldest first leaves each measure's latest answer as the one from the newest cycle; an answer
 * saved late to an older cycle may be the latest instead. Those are saved again, last, so they win.
 */
async function saveLatest(to: Store, unitId: string, latest: MeasureRecord[]) {
  const copied = await to.latestMeasureAnswers(unitId);
  const behind = latest.filter((answer) => canonicalJson(copied[answer.measureId]) !== canonicalJson(answer));
  for (const answer of behind) await to.saveMeasureAnswers(answer.cycleId, unitId, [answer]);
}

/** Enqueued as they stand (a delivery already copied is left as it is), then states that differ are saved. */
async function saveDeliveries(to: Store, batchId: string, records: Delivery[]) {
  await to.enqueueDeliveries(records);
  const copied = new Map((await to.batchDeliveries(batchId)).map((delivery) => [delivery.id, delivery]));
  const changed = records.filter((record) => canonicalJson(copied.get(record.id)) !== canonicalJson(record));
  if (changed.length > 0) await to.updateDeliveries(changed);
}

/** A record's values by key, so two stores list them alike whatever order each keeps them in. */
const sortedValues = <T>(records: Record<string, T>): T[] =>
  Object.keys(records)
    .sort()
    .map((key) => records[key]!);

/** JSON with every object's keys sorted: equal records give equal text, whatever order a store keeps keys in. */
export function canonicalJson(value: unknown): string {
  return (
    JSON.stringify(value, (_key, inner: unknown) =>
      inner && typeof inner === 'object' && !Array.isArray(inner)
        ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : inner,
    ) ?? 'undefined'
  );
}
