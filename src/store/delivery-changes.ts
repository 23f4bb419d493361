// What an enqueue or an update of deliveries changes, decided the same way by every store, and the checks on
// a due query. A delivery is known by its batch and id together: a batch is a store's unit of storage, so a
// store that keeps finished batches on disk need never search them all for an id.
import type { Delivery } from '../domain/delivery.js';
import { validRecord } from './records.js';
import type { Store } from './store.js';

export type DeliveryMethods = Pick<
  Store,
  | 'enqueueDeliveries'
  | 'dueDeliveries'
  | 'nextDeliveryTime'
  | 'interruptedDeliveries'
  | 'updateDeliveries'
  | 'batchDeliveries'
  | 'deliveryBatches'
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
