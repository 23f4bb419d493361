// The delivery worker's claims, over the in-memory store: workers sharing a queue send each item once; items a
// stopped worker held come back once its lease runs out, flagged; and a worker that lost its lease neither sends
// what it lost nor saves a result over the worker that took the item back.
import { describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Sender } from '../../src/delivery/sender.js';
import { pendingDelivery } from '../support/delivery-items.js';
import { until, useWorkers } from '../support/test-workers.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/store.js';

const startWorker = useWorkers();
// A short poll: these tests wait on claims more than on sends.
const run = (store: Store, sender: Sender, options: Parameters<typeof startWorker>[2] = {}) =>
  startWorker(store, sender, { pollMs: 20, ...options });

// One argument only, so it can be given to map() directly.
const item = (id: string) => pendingDelivery(id);

/** Records each send by recipient; `holdMs` keeps each request open that long. */
function countingSender(holdMs = 0) {
  const sends: string[] = [];
  const sender: Sender = {
    async send(delivery, gate) {
      await gate(async () => {
        sends.push(delivery.id);
        if (holdMs) await sleep(holdMs);
      });
      return { ok: true, conversationId: `a:${delivery.id}`, activityId: `act-${delivery.id}` };
    },
  };
  return { sender, sends };
}

const allDelivered = (store: Store) => async () =>
  (await store.batchDeliveries('batch-1')).every((d) => d.state === 'delivered');

describe('delivery worker claims', () => {
  it('shares a queue with another worker: every item is sent once, by one of them', async () => {
    const store = createMemoryStore();
    const ids = Array.from({ length: 120 }, (_, i) => `d${i}`);
    await store.enqueueDeliveries(ids.map(item));
    const [one, two] = [countingSender(2), countingSender(2)];
    await Promise.all([
      run(store, one.sender, { maxInFlight: 5 }),
      run(store, two.sender, { maxInFlight: 5 }),
    ]);
    await until(allDelivered(store));
    expect([...one.sends, ...two.sends].sort()).toEqual([...ids].sort());
    expect(one.sends.length).toBeGreaterThan(0);
    expect(two.sends.length).toBeGreaterThan(0);
    const batch = await store.batchDeliveries('batch-1');
    expect(batch.every((d) => d.attempts === 1 && !d.possiblyDuplicated)).toBe(true);
  });

  it("takes back a stopped worker's items once its lease runs out, and sends them flagged", async () => {
    const store = createMemoryStore();
    await store.enqueueDeliveries([item('a-held'), item('b-free')]);
    const leaseMs = 400;
    // Claimed by a worker that then died: nobody renews its lease.
    await store.claimDeliveries({ owner: 'dead', now: new Date().toISOString(), limit: 1, leaseMs });
    const { sender, sends } = countingSender();
    const started = performance.now();
    await run(store, sender);
    await until(async () => sends.includes('a-held'));
    expect(performance.now() - started).toBeGreaterThanOrEqual(leaseMs - 50);
    expect(sends).toEqual(['b-free', 'a-held']);
    await until(allDelivered(store));
    const byId = Object.fromEntries((await store.batchDeliveries('batch-1')).map((d) => [d.id, d]));
    expect(byId['a-held']).toMatchObject({ attempts: 2, possiblyDuplicated: true });
    expect(byId['b-free']).toMatchObject({ attempts: 1, possiblyDuplicated: false });
  });

  it('keeps its items while it renews their leases, however long they wait to be sent', async () => {
    const store = createMemoryStore();
    await store.enqueueDeliveries(['a', 'b', 'c'].map(item));
    // One a second, each held open 300 ms: c waits over two seconds, seven leases.
    const { sender, sends } = countingSender(300);
    await run(store, sender, { leaseMs: 300, maxInFlight: 3, sendRate: 1 });
    // By now the first lease has long run out: only its renewals (every 100 ms) keep the items.
    await sleep(1_000);
    const other = await store.claimDeliveries({
      owner: 'other',
      now: new Date(Date.now() + 100).toISOString(),
      limit: 10,
      leaseMs: 1_000,
    });
    expect(other).toEqual({ items: [], reclaimed: 0 });
    await until(allDelivered(store), 10_000);
    expect(sends).toEqual(['a', 'b', 'c']);
  });

  it('neither sends what it lost nor saves a result over the worker that took the item back', async () => {
    const memory = createMemoryStore();
    let renewals = 0;
    // Its store cannot renew leases (say the database went away for this instance only).
    const store: Store = {
      ...memory,
      renewDeliveryLeases: async () => {
        renewals++;
        throw new Error('connection lost');
      },
    };
    await memory.enqueueDeliveries(['a-slow', 'b-queued'].map(item));
    const { sender, sends } = countingSender(700);
    const leaseMs = 300;
    await run(store, sender, { leaseMs, maxInFlight: 2, sendRate: 1 });
    await until(async () => sends.length === 1);
    await sleep(leaseMs + 50);
    const taken = await memory.claimDeliveries({
      owner: 'other',
      now: new Date().toISOString(),
      limit: 10,
      leaseMs: 60_000,
    });
    expect(taken.items.map((d) => d.id)).toEqual(['a-slow', 'b-queued']);
    // The slow send finishes and its result is refused; the queued one, let go by the rate a second after that
    // answer, is not sent: this worker's lease on it went unrenewed.
    await sleep(2_000);
    expect(sends).toEqual(['a-slow']);
    expect(renewals).toBeGreaterThan(0);
    expect(await memory.batchDeliveries('batch-1')).toEqual(taken.items);
  });
});
