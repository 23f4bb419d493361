// Claims on deliveries for the stores that live in one process (memory, lowdb): what a claim takes from the
// index, and the leases, which are kept in memory only. One process owns such a store, so after a restart no
// lease is held: every item left "sending" was cut off by the stop, and the first claim takes it back, as a
// shared store takes back the items of an instance that died once their lease runs out.
import type { Delivery } from '../domain/delivery.js';
import { claimedState, claimTimes, deliveryKey, leaseTimes } from './delivery-changes.js';
import type { DeliveryIndex } from './delivery-index.js';
import { dueOrder } from './ordering.js';
import type { ClaimedDeliveries, DeliveryClaim, DeliveryLease } from './store.js';

type Lease = { owner: string; until: number };

/** The latest state of an item the index holds, with saves not yet on disk applied (lowdb stages them). */
export type Latest = (item: Delivery) => Delivery;

export class DeliveryLeases {
  private readonly held = new Map<string, Lease>();

  /**
   * Chooses and leases what a claim takes, as claimedState saves them, in due order: the caller saves them
   * before anything else can claim (the memory store at once; lowdb within the same admission turn).
   */
  claim(index: DeliveryIndex, claim: DeliveryClaim, latest: Latest = (item) => item): ClaimedDeliveries {
    const { now, at, until } = claimTimes(claim);
    const lapsed: Delivery[] = [];
    for (const record of index.sendingRecords()) {
      const current = latest(record);
      if (current.state === 'sending' && !this.live(current, at)) lapsed.push(current);
    }
    const due = dueNow(index, now, claim.limit, latest);
    const chosen = [...lapsed, ...due].sort(dueOrder).slice(0, claim.limit);
    for (const item of chosen) this.held.set(deliveryKey(item), { owner: claim.owner, until });
    return {
      items: chosen.map((item) => claimedState(item, now)),
      reclaimed: chosen.filter((item) => item.state === 'sending').length,
    };
  }

  /**
   * Extends the owner's leases on these items; answers those it no longer holds. `current` are the items as an
   * erasure may have renamed them (LateUpdates), in the same order as `asked`.
   */
  renew(lease: DeliveryLease, asked: readonly Delivery[], current: readonly Delivery[]): Delivery[] {
    const { until } = leaseTimes(lease);
    return asked.filter((_, i) => {
      const held = this.held.get(deliveryKey(current[i]!));
      if (held?.owner !== lease.owner) return true;
      held.until = until;
      return false;
    });
  }

  /** Splits a release into the items the owner still holds (their leases end now) and those it lost. */
  release(owner: string, asked: readonly Delivery[], current: readonly Delivery[]) {
    const kept: Delivery[] = [];
    const lost: Delivery[] = [];
    current.forEach((item, i) => {
      if (this.held.get(deliveryKey(item))?.owner === owner) kept.push(item);
      else lost.push(asked[i]!);
    });
    for (const item of [...kept, ...asked]) {
      const key = deliveryKey(item);
      if (this.held.get(key)?.owner === owner) this.held.delete(key);
    }
    return { kept, lost };
  }

  private live(item: Delivery, at: number): boolean {
    const lease = this.held.get(deliveryKey(item));
    return lease !== undefined && lease.until > at;
  }
}

/** Up to `limit` items due at `now` in their latest state: on disk some may be claimed already, or changed. */
function dueNow(index: DeliveryIndex, now: string, limit: number, latest: Latest): Delivery[] {
  for (let asked = limit; ; asked *= 2) {
    const found = index.due(now, asked);
    const due = found.map(latest).filter((item) => item.state === 'pending' && item.notBefore <= now);
    if (due.length >= limit || found.length < asked) return due.slice(0, limit);
  }
}
