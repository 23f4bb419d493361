// What an enqueue or an update of deliveries changes, decided the same way by every store, and the checks on
// a due query. A delivery is known by its batch and id together: a batch is a store's unit of storage, so a
// store that keeps finished batches on disk need never search them all for an id.
import type { Delivery } from '../domain/delivery.js';
import { validRecord } from './records.js';
import type { DeliveryClaim, DeliveryLease, Store } from './store.js';

export type DeliveryMethods = Pick<
  Store,
  | 'enqueueDeliveries'
  | 'dueDeliveries'
  | 'nextDeliveryTime'
  | 'interruptedDeliveries'
  | 'updateDeliveries'
  | 'batchDeliveries'
  | 'batchProgress'
  | 'deliveryBatches'
  | 'claimDeliveries'
  | 'renewDeliveryLeases'
  | 'releaseDeliveries'
>;

/** Whether the store already holds (or is saving) this delivery. */
export type Known = (delivery: Delivery) => boolean;

/** Each item checked against the schema, as a fresh copy; one invalid item refuses the whole call. */
export const validDeliveries = (items: readonly Delivery[]): Delivery[] =>
  items.map((item) => validRecord('deliveries', item));

/** The items an enqueue adds: not already known, and the first of any repeated id. */
export function newDeliveries(items: readonly Delivery[], known: Known): Delivery[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify([item.batchId, item.id]);
    if (seen.has(key) || known(item)) return false;
    seen.add(key);
    return true;
  });
}

export class UnknownDeliveryError extends Error {
  constructor(delivery: Delivery) {
    super(
      `store: refused to update delivery ${delivery.id} of batch ${delivery.batchId}, which was never ` +
        'enqueued. Nothing was saved. An update changes deliveries; enqueue creates them.',
    );
    this.name = 'UnknownDeliveryError';
  }
}

/** An update changes deliveries and never creates one: an unknown item refuses the whole call. */
export function checkKnown(items: readonly Delivery[], known: Known): void {
  const unknown = items.find((item) => !known(item));
  if (unknown) throw new UnknownDeliveryError(unknown);
}

/**
 * `now` in toISOString()'s form, which stored notBefore times share, so comparing the strings compares the
 * times ("09:00:00Z" would sort after "09:00:00.500Z").
 */
export function dueQuery(now: string, limit: number): string {
  if (!Number.isInteger(limit) || limit < 0)
    throw new RangeError(`store: due deliveries need a whole number limit of 0 or more, not ${limit}.`);
  const time = new Date(now);
  if (Number.isNaN(time.getTime())) throw new RangeError(`store: "${now}" is not a time.`);
  return time.toISOString();
}

/** Groups items by batch, keeping their order within each batch. */
export function byBatch(items: readonly Delivery[]): Map<string, Delivery[]> {
  const groups = new Map<string, Delivery[]>();
  for (const item of items) {
    const group = groups.get(item.batchId);
    if (group) group.push(item);
    else groups.set(item.batchId, [item]);
  }
  return groups;
}

/** The lease checked, with `now` in toISOString()'s form and the lease's start and end as epoch ms. */
export function leaseTimes({ owner, now, leaseMs }: DeliveryLease): {
  now: string;
  at: number;
  until: number;
} {
  if (typeof owner !== 'string' || owner.length === 0)
    throw new RangeError('store: a delivery lease needs the name of the worker that holds it.');
  if (!Number.isInteger(leaseMs) || leaseMs < 1)
    throw new RangeError(
      `store: a delivery lease lasts a whole number of milliseconds, at least 1, not ${leaseMs}.`,
    );
  const at = dueQuery(now, 0);
  return { now: at, at: Date.parse(at), until: Date.parse(at) + leaseMs };
}

/** A claim checked: its lease's times, and a limit as a due query takes it. */
export function claimTimes(claim: DeliveryClaim): { now: string; at: number; until: number } {
  dueQuery(claim.now, claim.limit);
  return leaseTimes(claim);
}

/**
 * A due item, or one taken back from a worker that stopped mid-send, as a claim saves it: one more attempt,
 * and a taken-back one flagged, as it may have arrived already.
 */
export const claimedState = (item: Delivery, now: string): Delivery =>
  validRecord('deliveries', {
    ...item,
    state: 'sending',
    attempts: item.attempts + 1,
    possiblyDuplicated: item.possiblyDuplicated || item.state === 'sending',
    updatedAt: now,
  });

export const deliveryKey = ({ batchId, id }: Pick<Delivery, 'batchId' | 'id'>): string =>
  JSON.stringify([batchId, id]);
