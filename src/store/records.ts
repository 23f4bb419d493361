// The records the store keeps, checked against their domain schemas on the way in. A data file is validated
// when it is read, so an invalid record saved today would stop the next start-up; it is refused now instead,
// where the caller that built it can see the problem. Parsing also gives the schema's own key order and a
// fresh copy, so equal records compare equal whatever object they came from.
import { z } from 'zod';
import { Action, actionMonth } from '../domain/actions.js';
import { AuditEntry } from '../domain/audit.js';
import { Broadcast } from '../domain/broadcasts.js';
import { CardCopy, Cycle, MeasureRecord, PulseRecord } from '../domain/checkins.js';
import { Delivery } from '../domain/delivery.js';
import { Roles } from '../domain/permissions.js';
import { StoredSettings } from '../domain/settings.js';
import { ConversationRef, Person, Team } from '../domain/roster.js';
import { Unit } from '../domain/units.js';
import { isActionMonth } from './action-changes.js';
import { fitsFileName } from './batch-names.js';
import { isBroadcastId } from './store.js';

/**
 * An audit entry as stored. Its `at` names the month's file and orders the log as a string, so it must have
 * exactly toISOString()'s form: "09:00:00Z" would sort after "09:00:00.500Z", and "../x" is no month.
 */
const StoredAuditEntry = AuditEntry.extend({ at: z.iso.datetime({ precision: 3 }) });

/**
 * A delivery as stored. Its notBefore orders the queue as a string, so it has toISOString()'s form too; its
 * batchId names the batch's file, so it must fit in a file name once encoded.
 */
const StoredDelivery = Delivery.extend({
  batchId: Delivery.shape.batchId.refine(fitsFileName, 'is too long to name a file'),
  notBefore: z.iso.datetime({ precision: 3 }),
});

/**
 * A patient input action as stored. Its id's first seven characters name its month's file, so they must be a
 * real month: '2026-13-x' would have no month to be listed in.
 */
const StoredAction = Action.extend({
  id: Action.shape.id.refine((id) => isActionMonth(actionMonth(id)), 'does not begin with a real month'),
});

/**
 * A broadcast as stored. Its id names its files, so it is a plain lower-case name (isBroadcastId); its
 * createdAt orders the list as a string and its scheduledFor decides when it goes, so both have
 * toISOString()'s form: a scheduledFor that is no time would never be due.
 */
const StoredBroadcast = Broadcast.safeExtend({
  id: Broadcast.shape.id.refine(
    isBroadcastId,
    "must be lower-case letters, digits and '-' (at most 64), as it names the broadcast's files",
  ),
  createdAt: z.iso.datetime({ precision: 3 }),
  scheduledFor: z.iso.datetime({ precision: 3 }).optional(),
});

/** A person's "Got it" on a broadcast, or their reading it: who, and when (UTC ISO). */
const BroadcastResponse = z.object({ aadObjectId: z.string().min(1), at: z.iso.datetime() });

export const recordSchemas = {
  people: Person,
  conversations: ConversationRef,
  teams: Team,
  units: Unit,
  roles: Roles,
  audit: StoredAuditEntry,
  deliveries: StoredDelivery,
  cycles: Cycle,
  pulses: PulseRecord,
  measureAnswers: MeasureRecord,
  cardCopies: CardCopy,
  actions: StoredAction,
  broadcasts: StoredBroadcast,
  broadcastResponses: BroadcastResponse,
  settings: StoredSettings,
};
export type RecordTable = keyof typeof recordSchemas;
export type RecordOf<K extends RecordTable> = z.output<(typeof recordSchemas)[K]>;

const recordNames: Record<RecordTable, string> = {
  people: 'person',
  conversations: 'conversation',
  teams: 'team',
  units: 'unit',
  roles: 'set of roles',
  audit: 'audit entry',
  deliveries: 'delivery',
  cycles: 'check-in cycle',
  pulses: 'pulse answer',
  measureAnswers: 'measure answer',
  cardCopies: 'card copy',
  actions: 'patient input action',
  broadcasts: 'broadcast',
  broadcastResponses: 'response to a broadcast',
  settings: 'set of settings',
};

export class InvalidRecordError extends Error {
  constructor(table: RecordTable, problem: string) {
    super(
      `store: refused to save a ${recordNames[table]} that does not match its schema:\n${problem}\n` +
        'Nothing was saved. Fix the code that built it.',
    );
    this.name = 'InvalidRecordError';
  }
}

export function validRecord<K extends RecordTable>(table: K, value: unknown): RecordOf<K> {
  const parsed = recordSchemas[table].safeParse(value);
  if (!parsed.success) throw new InvalidRecordError(table, z.prettifyError(parsed.error));
  return parsed.data as RecordOf<K>;
}

/** Roles that grant nothing are not kept: the person is simply someone with no role. */
export const grantsNothing = (roles: Roles): boolean =>
  !roles.admin && !roles.lead && roles.managerOf.length === 0;
