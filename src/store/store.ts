// The Store port: what the services need from storage, in their own words. Implementations: lowdb files
// (the embedded default) and memory (tests); a shared database later. One contract suite runs against each.
import type { Action } from '../domain/actions.js';
import type { AuditEntry } from '../domain/audit.js';
import type { Broadcast } from '../domain/broadcasts.js';
import type { CardCopy, Cycle, MeasureRecord, PulseRecord, UnitCheckins } from '../domain/checkins.js';
import type { Roles } from '../domain/permissions.js';
import type { StoredSettings } from '../domain/settings.js';
import type { BatchProgress, Delivery } from '../domain/delivery.js';
import type { ErasureCounts } from '../domain/erasure.js';
import type { PurgeCounts, RetentionCutoff } from '../domain/retention.js';
import type { ConversationRef, Person, Team } from '../domain/roster.js';
import type { Unit } from '../domain/units.js';

/** One page of the audit log: at most `limit` entries, newest first, all strictly older than `before`. */
export type AuditPage = {
  limit: number;
  /** The last entry of the previous page (its `at` and `id`): the cursor that continues from there. */
  before?: { at: string; id: string };
};

/** A scheduled job's last claimed run: its scheduled time, UTC ISO. */
export type JobRun = { job: string; runKey: string };

/** A person's first "Got it" on a broadcast, or their first reading of it (UTC ISO). */
export type BroadcastResponse = { aadObjectId: string; at: string };
export type BroadcastResponses = { acknowledged: BroadcastResponse[]; read: BroadcastResponse[] };

/** A delivery worker's hold on the items it claimed: see Store.claimDeliveries. */
export type DeliveryLease = {
  /** Names the worker (one per process), so only it can save or renew what it claimed. */
  owner: string;
  /** UTC ISO time, by the worker's clock: the lease runs until now + leaseMs. */
  now: string;
  leaseMs: number;
};
export type DeliveryClaim = DeliveryLease & { limit: number };
/** What a claim took: every item, and how many of them were taken back from a worker that stopped. */
export type ClaimedDeliveries = { items: Delivery[]; reclaimed: number };

/** What an erasure did, and the pseudonym that now stands for the person. */
export type Erasure = { pseudonym: string; counts: ErasureCounts };

export interface Store {
  person(aadObjectId: string): Promise<Person | undefined>;
  /** Every person the bot has met, by name then aadObjectId: for finding people by name. */
  people(): Promise<Person[]>;
  /** Saves the person; a save that changes nothing writes nothing. */
  savePerson(person: Person): Promise<void>;

  conversation(conversationId: string): Promise<ConversationRef | undefined>;
  personalConversation(aadObjectId: string): Promise<ConversationRef | undefined>;
  saveConversation(conversation: ConversationRef): Promise<void>;

  team(teamId: string): Promise<Team | undefined>;
  saveTeam(team: Team): Promise<void>;
  /** The teams a person is a current member of, with where to reach them: no copy of whole member lists. */
  teamsOf(aadObjectId: string): Promise<{ teamId: string; serviceUrl: string }[]>;

  unit(unitId: string): Promise<Unit | undefined>;
  /** Every unit, tracked or not, by name ("Ward 7" before "Ward 10") then id. */
  units(): Promise<Unit[]>;
  saveUnit(unit: Unit): Promise<void>;

  /** The roles stored for this person; undefined for someone with none (see effectiveRoles for admins). */
  roles(aadObjectId: string): Promise<Roles | undefined>;
  /** Saves the person's roles; saving no role at all (as noRoles) removes the person's entry. */
  saveRoles(aadObjectId: string, roles: Roles): Promise<void>;
  /** Everyone holding at least one role, by aadObjectId. */
  peopleWithRoles(): Promise<{ aadObjectId: string; roles: Roles }[]>;

  /**
   * Appends to the audit log, which is never changed or shortened. An entry whose id is already logged in
   * the same month (a retried append carries the same `at`) is ignored; ids in other months are not looked
   * at, so an append never reads the whole history. `at` must be a UTC ISO time as toISOString() writes it.
   */
  appendAudit(entry: AuditEntry): Promise<void>;
  /** A page of the audit log, newest first (by `at`, then by id, both descending). */
  auditEntries(page: AuditPage): Promise<AuditEntry[]>;

  /**
   * Records that a card action with this idempotency key has been handled. True the first time only, so a
   * double click or a retried invoke changes nothing twice. Keys older than `forgetBefore` are dropped.
   */
  claimCardAction(key: string, at: string, forgetBefore: string): Promise<boolean>;

  /**
   * Claims one run of a scheduled job, named by its scheduled time: true only for a run later than the last
   * one claimed, so a restart never runs a job twice and a missed run is caught up once.
   */
  claimJobRun(job: string, runKey: string): Promise<boolean>;
  /** The scheduled time of the job's last claimed run, if it ever ran. */
  lastJobRun(job: string): Promise<string | undefined>;

  /**
   * Adds deliveries, on disk before it resolves. One whose id is already in its batch is left as it is.
   * A delivery is known by its batchId and id together; batch ids may hold any character.
   */
  enqueueDeliveries(items: Delivery[]): Promise<void>;
  /** Pending deliveries whose notBefore is at or before `now`, earliest notBefore first, at most `limit`. */
  dueDeliveries(now: string, limit: number): Promise<Delivery[]>;
  /** The earliest notBefore among pending deliveries, so the sender knows how long it may sleep. */
  nextDeliveryTime(): Promise<string | undefined>;
  /**
   * Deliveries in "sending": on their way under a worker's claim, or left so by a stop mid-send (they may or
   * may not have arrived; the next claim takes them back once no lease holds them).
   */
  interruptedDeliveries(): Promise<Delivery[]>;
  /**
   * Saves new states of existing deliveries (matched by batchId and id), on disk before it resolves. An item
   * never enqueued refuses the whole call. Items of one batch are saved in one write.
   */
  updateDeliveries(items: Delivery[]): Promise<void>;
  /** Every delivery of a batch, for its report. */
  batchDeliveries(batchId: string): Promise<Delivery[]>;
  /**
   * A batch's counts by state, as batchProgress counts batchDeliveries, without reading every delivery out:
   * progress is asked for while the batch is being sent. An unknown batch has none (total 0, done).
   */
  batchProgress(batchId: string): Promise<BatchProgress>;

  // Claims: how delivery workers, one per instance, share the queue. A worker claims due items for a while (a
  // lease), renews the lease while it holds them, and releases each with its new state. An item whose lease
  // ran out was being sent by a worker that stopped (a crash, or an instance that died): the next claim takes
  // it back, flagged possiblyDuplicated, as it may have arrived.
  /**
   * Marks up to `limit` items "sending" for this owner until `now` + leaseMs, atomically, so two claims never
   * take the same item: pending items due at `now`, and "sending" items whose lease ended by then (or that
   * have none: left by a stop mid-send). Each comes back as saved: "sending", one more attempt, updatedAt
   * `now`; a taken-back one flagged possiblyDuplicated. In due order, on disk before it resolves.
   */
  claimDeliveries(claim: DeliveryClaim): Promise<ClaimedDeliveries>;
  /**
   * Extends this owner's leases on these items to `now` + leaseMs. Answers the items whose lease it no
   * longer holds (another claim took them back): the worker must not send those.
   */
  renewDeliveryLeases(lease: DeliveryLease, items: Delivery[]): Promise<Delivery[]>;
  /**
   * Saves the new states of items this owner claimed (as updateDeliveries does) and ends its leases on them.
   * An item whose lease another claim took is left as that claim made it: it is not saved, and is answered;
   * so is one an erasure renamed meanwhile (its lease ends with its old key: the next claim takes it back).
   */
  releaseDeliveries(owner: string, items: Delivery[]): Promise<Delivery[]>;

  /**
   * A check-in cycle by its ISO week id ('2026-W48'). Read-only and shared, not a copy (a cycle names everyone
   * expected, so copying it on each read was costly): changing it throws; save a new object with saveCycle.
   */
  cycle(cycleId: string): Promise<Cycle | undefined>;
  /** The cycle with the latest id, open or closed. Read-only, as cycle() says. */
  latestCycle(): Promise<Cycle | undefined>;
  /** Saves a new cycle: false, changing nothing, when one with its id exists, so a cycle opens once. */
  createCycle(cycle: Cycle): Promise<boolean>;
  /** Saves a change to a cycle that exists (nudged, closed). */
  saveCycle(cycle: Cycle): Promise<void>;
  /**
   * A unit's check-ins in a cycle: pulses by person, measure answers by measure id, where cards landed.
   * Read-only and shared, not a copy, as cycle() says: a submission reads its ward's week three times.
   */
  unitCheckins(cycleId: string, unitId: string): Promise<ReadOnly<UnitCheckins>>;
  /** One person's pulse in a unit's week, if saved: read-only, as unitCheckins. Costs one lookup, not the week. */
  pulseOf(cycleId: string, unitId: string, aadObjectId: string): Promise<ReadOnly<PulseRecord> | undefined>;
  /** Where one person's cards of a unit's week landed, in the order they did: read-only, as unitCheckins. */
  copiesOf(cycleId: string, unitId: string, aadObjectId: string): Promise<readonly ReadOnly<CardCopy>[]>;
  /** Saves a person's pulse for the cycle (in its unit's partition), replacing an earlier one. On disk before it resolves. */
  savePulse(cycleId: string, pulse: PulseRecord): Promise<void>;
  /** Saves measure answers for one unit in a cycle, and makes each its measure's latest answer for the unit. */
  saveMeasureAnswers(cycleId: string, unitId: string, answers: MeasureRecord[]): Promise<void>;
  /** Each measure's latest answer for a unit, whichever cycle it came in, by measure id. */
  latestMeasureAnswers(unitId: string): Promise<Record<string, MeasureRecord>>;
  /** Remembers where a check-in card landed; a copy already known is not added twice. */
  addCardCopy(cycleId: string, unitId: string, copy: CardCopy): Promise<void>;

  /** A patient input action by id, soft-deleted or not. */
  action(id: string): Promise<Action | undefined>;
  /**
   * Saves an action, new or changed, in the partition of the month its id begins with ('2026-11-…'), on disk
   * before it resolves. A save that changes nothing writes nothing.
   */
  saveAction(action: Action): Promise<void>;
  /** Every action logged in a month ('YYYY-MM'), soft-deleted ones included, by createdAt then id. */
  monthActions(month: string): Promise<Action[]>;
  /** The months that hold actions, newest first. */
  actionMonths(): Promise<string[]>;
  /**
   * The actions of these units logged in `fromMonth` ('YYYY-MM', the month an id begins with) or later,
   * soft-deleted ones included: newest month first, each month's by createdAt then id. Only those units'
   * actions are read out, and each is read-only and shared, not a copy, as cycle() says: a digest reads a ward's
   * actions among every ward's.
   */
  unitActions(unitIds: readonly string[], fromMonth: string): Promise<Action[]>;

  /** A broadcast by id, whatever its state. */
  broadcast(id: string): Promise<Broadcast | undefined>;
  /** Every broadcast, newest first (by createdAt, then by id, both descending). */
  broadcasts(): Promise<Broadcast[]>;
  /** Saves a broadcast, new or changed, on disk before it resolves. A save that changes nothing writes nothing. */
  saveBroadcast(broadcast: Broadcast): Promise<void>;
  /**
   * Records a person's "Got it" on a saved broadcast, on disk before it resolves: true the first time only, so
   * a double click or a retried invoke counts once. A broadcast never saved refuses it.
   */
  acknowledge(broadcastId: string, aadObjectId: string, at: string): Promise<boolean>;
  /** Who acknowledged the broadcast, each once, by aadObjectId. */
  acknowledgedBy(broadcastId: string): Promise<string[]>;
  /** Records that a person has read a saved broadcast, as acknowledge does: true the first time only. */
  recordRead(broadcastId: string, aadObjectId: string, at: string): Promise<boolean>;
  /** Who has read the broadcast, each once, by aadObjectId. */
  readBy(broadcastId: string): Promise<string[]>;

  /** The settings admins saved on the settings card; undefined when none ever were. */
  settings(): Promise<StoredSettings | undefined>;
  /** Replaces the stored settings, on disk before it resolves. */
  saveSettings(settings: StoredSettings): Promise<void>;

  /**
   * Purges what the retention period no longer keeps (see domain/retention.ts for each kind's rule): check-in
   * cycles that opened before the cutoff, with the latest answers that came from them; months of actions and
   * of the audit log that ended by it; soft-deleted actions deleted before it; broadcasts and delivery batches
   * that finished before it. Each removal is durable; a stop part-way leaves every remaining file whole, and
   * the next purge finishes the job.
   */
  purgeBefore(cutoff: RetentionCutoff): Promise<PurgeCounts>;
  /**
   * Erases a person (see domain/erasure.ts): their record, chats, roles and team memberships go, and every
   * other place that holds their aadObjectId holds `pseudonym` instead (audit entries excepted: the log is
   * never changed). An erasure cut short is finished by the next call for the same person, or when the store
   * next opens, with the pseudonym it began with: that is the one returned.
   */
  erasePerson(aadObjectId: string, pseudonym: string): Promise<Erasure>;

  // Enumeration: what copying a whole store needs (npm run migrate:lowdb-to-postgres) and the lookups above
  // cannot list, because they are keyed by ids only the store knows. Not for the bot's turns: they read all.
  /** Every conversation reference, by conversationId. */
  conversations(): Promise<ConversationRef[]>;
  /** Every team, by id. */
  teams(): Promise<Team[]>;
  /** Each scheduled job's last claimed run, by job name. */
  jobRuns(): Promise<JobRun[]>;
  /** Every check-in cycle, oldest first (by id); each read-only, as cycle() says. */
  cycles(): Promise<Cycle[]>;
  /** The units with at least one pulse, measure answer or card copy in the cycle, by id. */
  checkinUnits(cycleId: string): Promise<string[]>;
  /** The ids of every delivery batch holding at least one delivery, by id. */
  deliveryBatches(): Promise<string[]>;
  /** Who acknowledged and who read the broadcast, with when they first did, each by aadObjectId. */
  broadcastResponses(broadcastId: string): Promise<BroadcastResponses>;

  /**
   * Finishes pending writes and releases what the store holds (files, locks, connections). Calling it again
   * does nothing. Saves asked for once it has been called are refused with StoreClosedError: another process
   * may own the data by then.
   */
  close(): Promise<void>;
}

/** What a store hands out shared rather than copied: frozen at run time (frozen.ts), read-only to the compiler. */
export type ReadOnly<T> = T extends (infer Item)[]
  ? readonly ReadOnly<Item>[]
  : T extends object
    ? { readonly [K in keyof T]: ReadOnly<T[K]> }
    : T;

/**
 * The ids a broadcast may have, as its files are named by them: lower-case letters, digits and '-', at most 64
 * (a UUID fits). The store refuses any other id before it looks for anything under it, so callers holding an
 * id from outside (a card's data) check it here first.
 */
export const isBroadcastId = (id: string): boolean => /^[a-z0-9][a-z0-9-]{0,63}$/.test(id);

export class StoreClosedError extends Error {
  constructor() {
    super(
      'store: refused a save after close(); nothing was saved. Stop the work that saves before closing the store.',
    );
    this.name = 'StoreClosedError';
  }
}
