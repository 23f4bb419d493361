// The deliveries one worker has claimed and not yet released, with their leases kept alive: renewed every third
// of a lease, so a running worker never loses an item to another, while one that stops (or cannot reach the
// store) loses them within a lease, for another worker (or itself, later) to take back, flagged.
import type { Delivery } from '../domain/delivery.js';
import type { ClaimedDeliveries, Store } from '../store/store.js';

export type HeldOptions = {
  store: Store;
  /** Names this worker in the store's leases. */
  owner: string;
  leaseMs: number;
  clock: () => Date;
  /** Told when a renewal fails, or when the store says another worker has taken items back. */
  onRenewalFailed: (error: Error) => void;
  onLost: (count: number) => void;
};

type Held = { item: Delivery; confirmedAt: number };

const keyOf = ({ batchId, id }: Delivery) => JSON.stringify([batchId, id]);

export function createHeldDeliveries({ store, owner, leaseMs, clock, onRenewalFailed, onLost }: HeldOptions) {
  const held = new Map<string, Held>();
  let timer: NodeJS.Timeout | undefined;
  let renewing: Promise<void> = Promise.resolve();
  let running = false;

  const lease = () => ({ owner, now: clock().toISOString(), leaseMs });
  const forget = (items: readonly Delivery[]) => {
    for (const item of items) held.delete(keyOf(item));
  };

  async function renew(): Promise<void> {
    const items = [...held.values()].map((entry) => entry.item);
    if (items.length === 0) return;
    const asked = performance.now();
    try {
      const lost = await store.renewDeliveryLeases(lease(), items);
      const gone = new Set(lost.map(keyOf));
      for (const item of items) {
        const entry = held.get(keyOf(item));
        // Claimed again meanwhile (a new entry): that claim's own time stands.
        if (entry?.item !== item) continue;
        if (gone.has(keyOf(item))) held.delete(keyOf(item));
        else entry.confirmedAt = asked;
      }
      if (lost.length > 0) onLost(lost.length);
    } catch (error) {
      onRenewalFailed(error as Error);
    }
  }

  function schedule(): void {
    if (!running) return;
    timer = setTimeout(() => {
      renewing = renew().finally(schedule);
    }, leaseMs / 3);
  }

  return {
    /** Claims up to `limit` due items: held from the moment the claim was asked for. */
    async claim(limit: number): Promise<ClaimedDeliveries> {
      const asked = performance.now();
      const claimed = await store.claimDeliveries({ ...lease(), limit });
      for (const item of claimed.items) held.set(keyOf(item), { item, confirmedAt: asked });
      return claimed;
    },
    /**
     * Whether this claim of the item may still be sent: it is the one held (not lost, not claimed again), and
     * its lease was confirmed within two thirds of a lease, so it has not run out before the send begins.
     */
    mayStillSend(item: Delivery): boolean {
      const entry = held.get(keyOf(item));
      return entry?.item === item && performance.now() - entry.confirmedAt < (leaseMs * 2) / 3;
    },
    /** Whether this claim of the item is still the one held: a result of an older claim is not saved. */
    holds: (item: Delivery): boolean => held.get(keyOf(item))?.item === item,
    /** Saves the new states of held items and lets them go; answers the items another worker had taken. */
    async release(claims: readonly Delivery[], states: Delivery[]): Promise<Delivery[]> {
      const lost = await store.releaseDeliveries(owner, states);
      forget(claims.filter((item) => held.get(keyOf(item))?.item === item));
      return lost;
    },
    /** Stops holding an item without saving it (its lease runs out, and a claim takes it back). */
    drop(item: Delivery): void {
      if (held.get(keyOf(item))?.item === item) held.delete(keyOf(item));
    },
    start(): void {
      running = true;
      clearTimeout(timer);
      schedule();
    },
    async stop(): Promise<void> {
      running = false;
      clearTimeout(timer);
      await renewing;
    },
  };
}

export type HeldDeliveries = ReturnType<typeof createHeldDeliveries>;
