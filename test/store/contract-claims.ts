// The Store contract for claims on the delivery queue (how workers share it): part of describeStoreContract.
import { describe, expect, it } from '@jest/globals';
import type { Delivery } from '../../src/domain/delivery.js';
import type { Store } from '../../src/store/store.js';
import { sampleDelivery } from './samples.js';

const T0 = '2025-03-03T09:00:00.000Z';
const T1 = '2025-03-03T09:00:30.000Z';
const T2 = '2025-03-03T09:01:00.000Z';
const LEASE = 60_000;
const after = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();

const ids = (deliveries: Delivery[]) => deliveries.map((delivery) => delivery.id);
const as = (delivery: Delivery, change: Partial<Delivery>): Delivery => ({ ...delivery, ...change });
const claim = (store: Store, owner: string, now: string, limit = 10, leaseMs = LEASE) =>
  store.claimDeliveries({ owner, now, limit, leaseMs });
/** The item as a first claim at `now` saves it. */
const claimed = (delivery: Delivery, now: string, attempts = 1): Delivery =>
  as(delivery, { state: 'sending', attempts, updatedAt: now });

export function describeClaimContract(current: () => Store): void {
  describe('delivery claims', () => {
    it('claims due items for one owner: "sending", one more attempt, in due order, at most the limit', async () => {
      const store = current();
      const [b, a, c, later] = [
        sampleDelivery('b', T0),
        sampleDelivery('a', T0),
        sampleDelivery('c', T1),
        sampleDelivery('d', T2),
      ];
      await store.enqueueDeliveries([later, c, b, a]);
      expect(await claim(store, 'worker-1', T1, 2)).toEqual({
        items: [claimed(a, T1), claimed(b, T1)],
        reclaimed: 0,
      });
      expect(await claim(store, 'worker-1', T1)).toEqual({ items: [claimed(c, T1)], reclaimed: 0 });
      expect(await claim(store, 'worker-1', T1)).toEqual({ items: [], reclaimed: 0 });
      expect(await store.batchDeliveries('broadcast-1')).toEqual([
        claimed(a, T1),
        claimed(b, T1),
        claimed(c, T1),
        later,
      ]);
      expect(await store.dueDeliveries(T2, 10)).toEqual([later]);
      expect(await claim(store, 'worker-1', T2, 0)).toEqual({ items: [], reclaimed: 0 });
    });

    it('never gives two claimers the same item, however their claims interleave', async () => {
      const store = current();
      const all = Array.from({ length: 40 }, (_, i) => sampleDelivery(`d${String(i).padStart(2, '0')}`, T0));
      await store.enqueueDeliveries(all);
      const taken = new Map<string, string[]>([
        ['worker-1', []],
        ['worker-2', []],
      ]);
      for (let round = 0; round < 5; round++) {
        const claims = await Promise.all(
          [...taken.keys()].map((owner) => claim(store, owner, T1, 5).then((got) => [owner, got] as const)),
        );
        for (const [owner, got] of claims) taken.get(owner)!.push(...ids(got.items));
      }
      const everyId = [...taken.values()].flat();
      expect(everyId.sort()).toEqual(ids(all));
      expect(taken.get('worker-1')!.length).toBeGreaterThan(0);
      expect(taken.get('worker-2')!.length).toBeGreaterThan(0);
    });

    it('takes back an item whose lease ran out, flagged possibly duplicated, never one whose lease runs', async () => {
      const store = current();
      const a = sampleDelivery('a', T0);
      await store.enqueueDeliveries([a]);
      await claim(store, 'worker-1', T0);
      expect(await claim(store, 'worker-2', after(LEASE - 1))).toEqual({ items: [], reclaimed: 0 });
      const retaken = as(a, {
        state: 'sending',
        attempts: 2,
        possiblyDuplicated: true,
        updatedAt: after(LEASE),
      });
      expect(await claim(store, 'worker-2', after(LEASE))).toEqual({ items: [retaken], reclaimed: 1 });
      expect(await store.batchDeliveries('broadcast-1')).toEqual([retaken]);
    });

    it('takes back at once an item left "sending" with no claim (a stop mid-send), in due order with the due', async () => {
      const store = current();
      const [a, b] = [sampleDelivery('a', T1), sampleDelivery('b', T0)];
      await store.enqueueDeliveries([a, b]);
      await store.updateDeliveries([as(a, { state: 'sending', attempts: 1 })]);
      expect(await claim(store, 'worker-1', T1)).toEqual({
        items: [
          claimed(b, T1),
          as(a, { state: 'sending', attempts: 2, possiblyDuplicated: true, updatedAt: T1 }),
        ],
        reclaimed: 1,
      });
    });

    it('keeps a lease running while its owner renews it, and tells an owner which items it lost', async () => {
      const store = current();
      const [a, b] = [sampleDelivery('a', T0), sampleDelivery('b', T0)];
      await store.enqueueDeliveries([a, b]);
      const { items } = await claim(store, 'worker-1', T0);
      expect(
        await store.renewDeliveryLeases({ owner: 'worker-1', now: after(50_000), leaseMs: LEASE }, items),
      ).toEqual([]);
      expect(await claim(store, 'worker-2', after(LEASE + 10_000))).toEqual({ items: [], reclaimed: 0 });
      const retaken = await claim(store, 'worker-2', after(50_000 + LEASE), 1);
      expect(ids(retaken.items)).toEqual(['a']);
      // Another owner's renewal changes nothing; the first owner hears that it lost a, and keeps b.
      expect(
        await store.renewDeliveryLeases({ owner: 'worker-3', now: after(110_000), leaseMs: LEASE }, items),
      ).toEqual(items);
      expect(
        await store.renewDeliveryLeases({ owner: 'worker-1', now: after(110_000), leaseMs: LEASE }, items),
      ).toEqual([items[0]]);
      expect(await claim(store, 'worker-2', after(LEASE + 109_999))).toEqual({ items: [], reclaimed: 0 });
    });

    it("saves an owner's results and ends its leases; a result for an item another took back is not saved", async () => {
      const store = current();
      const [a, b] = [sampleDelivery('a', T0), sampleDelivery('b', T0)];
      await store.enqueueDeliveries([a, b]);
      const [heldA, heldB] = (await claim(store, 'worker-1', T0)).items;
      const { items: retaken } = await claim(store, 'worker-2', after(LEASE), 1);
      const sentA = as(heldA!, { state: 'delivered', activityId: 'act-1' });
      const retryB = as(heldB!, { state: 'pending', notBefore: T2, failure: { status: 502 } });
      expect(await store.releaseDeliveries('worker-1', [sentA, retryB])).toEqual([sentA]);
      expect(await store.batchDeliveries('broadcast-1')).toEqual([retaken[0], retryB]);
      // Released, b is no longer held: a renewal is told so, and it falls due and is claimed afresh.
      expect(
        await store.renewDeliveryLeases({ owner: 'worker-1', now: T2, leaseMs: LEASE }, [heldB!]),
      ).toEqual([heldB]);
      expect(await claim(store, 'worker-1', T2)).toEqual({
        items: [as(retryB, { state: 'sending', attempts: 2, updatedAt: T2 })],
        reclaimed: 0,
      });
      const resent = as(retaken[0]!, { state: 'delivered', activityId: 'act-2' });
      expect(await store.releaseDeliveries('worker-2', [resent])).toEqual([]);
      expect((await store.batchDeliveries('broadcast-1'))[0]).toEqual(resent);
    });

    it("saves an owner's result over a change another made meanwhile, and answers items never claimed", async () => {
      const store = current();
      const a = sampleDelivery('a', T0);
      await store.enqueueDeliveries([a, sampleDelivery('b', T2)]);
      const [held] = (await claim(store, 'worker-1', T0)).items;
      await store.updateDeliveries([as(held!, { state: 'cancelled' })]);
      const sent = as(held!, { state: 'delivered', activityId: 'act-1' });
      const never = sampleDelivery('b', T2, { state: 'delivered' });
      const unknown = sampleDelivery('z', T0, { state: 'delivered' });
      expect(await store.releaseDeliveries('worker-1', [sent, never, unknown])).toEqual([never, unknown]);
      expect(await store.batchDeliveries('broadcast-1')).toEqual([sent, sampleDelivery('b', T2)]);
    });

    it('saves a release after an erasure under the pseudonym; one that renamed the item ends its lease', async () => {
      const store = current();
      const P = 'erased-1';
      const inPlace = sampleDelivery('a', T0, { recipient: { kind: 'person', aadObjectId: 'aad-ada' } });
      const renamed = sampleDelivery('person:aad-ada', T0, {
        recipient: { kind: 'person', aadObjectId: 'aad-ada' },
      });
      await store.enqueueDeliveries([inPlace, renamed]);
      const [heldA, heldRenamed] = (await claim(store, 'worker-1', T0)).items;
      await store.erasePerson('aad-ada', P);
      const sent = (held: Delivery) => as(held, { state: 'delivered', activityId: `act-${held.id}` });
      expect(await store.releaseDeliveries('worker-1', [sent(heldA!), sent(heldRenamed!)])).toEqual([
        sent(heldRenamed!),
      ]);
      const toP = { kind: 'person' as const, aadObjectId: P };
      expect(await store.batchDeliveries('broadcast-1')).toEqual([
        as(sent(heldA!), { recipient: toP }),
        as(heldRenamed!, { id: `person:${P}`, recipient: toP }),
      ]);
      const { items } = await claim(store, 'worker-1', T1);
      expect(items).toEqual([
        as(heldRenamed!, {
          id: `person:${P}`,
          recipient: toP,
          attempts: 2,
          possiblyDuplicated: true,
          updatedAt: T1,
        }),
      ]);
    });

    it('refuses a claim or lease it cannot keep: no owner, a bad time, limit or length', async () => {
      const store = current();
      await store.enqueueDeliveries([sampleDelivery('a', T0)]);
      const good = { owner: 'worker-1', now: T0, limit: 1, leaseMs: LEASE };
      for (const bad of [{ owner: '' }, { now: 'soon' }, { limit: -1 }, { limit: 1.5 }, { leaseMs: 0 }])
        await expect(store.claimDeliveries({ ...good, ...bad })).rejects.toThrow(RangeError);
      await expect(store.renewDeliveryLeases({ ...good, leaseMs: -5 }, [])).rejects.toThrow(RangeError);
      expect(await store.dueDeliveries(T0, 10)).toEqual([sampleDelivery('a', T0)]);
    });
  });
}
