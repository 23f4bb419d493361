// The Store contract for the delivery queue: part of describeStoreContract.
import { describe, expect, it } from '@jest/globals';
import { batchProgress, type Delivery } from '../../src/domain/delivery.js';
import type { Store } from '../../src/store/store.js';
import { sampleDelivery } from './samples.js';

const T0 = '2025-03-03T09:00:00.000Z';
const T1 = '2025-03-03T09:00:30.000Z';
const T2 = '2025-03-03T09:01:00.000Z';
const LATER = '2025-03-03T10:00:00.000Z';

const ids = (deliveries: Delivery[]) => deliveries.map((delivery) => delivery.id);
const as = (delivery: Delivery, change: Partial<Delivery>): Delivery => ({ ...delivery, ...change });

export function describeDeliveryContract(current: () => Store): void {
  describe('deliveries', () => {
    it('enqueues idempotently by id: a known delivery is left as it is, the first of a repeated id wins', async () => {
      const store = current();
      const a = sampleDelivery('a', T0);
      await store.enqueueDeliveries([a]);
      const retried = as(a, { notBefore: T2, attempts: 3 });
      const b = sampleDelivery('b', T1);
      await store.enqueueDeliveries([retried, b, as(b, { notBefore: T2 })]);
      expect(await store.batchDeliveries('broadcast-1')).toEqual([a, b]);
    });

    it('lets the first of two enqueues racing with one id win, and resolves both', async () => {
      const store = current();
      const [a, b] = [sampleDelivery('a', T0), sampleDelivery('b', T1)];
      await Promise.all([
        store.enqueueDeliveries([a]),
        store.enqueueDeliveries([as(a, { notBefore: T2 }), b]),
        store.updateDeliveries([as(b, { state: 'sending' })]),
      ]);
      expect(await store.batchDeliveries('broadcast-1')).toEqual([a, as(b, { state: 'sending' })]);
    });

    it('answers due deliveries by notBefore then id, none later than now, at most limit', async () => {
      const store = current();
      const [b, a, c, d] = [
        sampleDelivery('b', T0),
        sampleDelivery('a', T0),
        sampleDelivery('c', T1),
        sampleDelivery('d', T2),
      ];
      await store.enqueueDeliveries([d, c]);
      await store.enqueueDeliveries([b, a]);
      expect(await store.dueDeliveries(T1, 10)).toEqual([a, b, c]);
      expect(ids(await store.dueDeliveries(LATER, 10))).toEqual(['a', 'b', 'c', 'd']);
      expect(ids(await store.dueDeliveries(LATER, 2))).toEqual(['a', 'b']);
      expect(await store.dueDeliveries(LATER, 0)).toEqual([]);
      expect(await store.dueDeliveries('2025-03-03T08:59:59.999Z', 10)).toEqual([]);
      // Any form of a time is understood, not only toISOString()'s.
      expect(ids(await store.dueDeliveries('2025-03-03T09:00:30Z', 10))).toEqual(['a', 'b', 'c']);
      await expect(store.dueDeliveries(T1, -1)).rejects.toThrow(RangeError);
      await expect(store.dueDeliveries('soon', 1)).rejects.toThrow(RangeError);
    });

    it('tells the earliest notBefore among pending deliveries only', async () => {
      const store = current();
      expect(await store.nextDeliveryTime()).toBeUndefined();
      const [a, b] = [sampleDelivery('a', T1), sampleDelivery('b', T2)];
      await store.enqueueDeliveries([b, a]);
      expect(await store.nextDeliveryTime()).toBe(T1);
      await store.updateDeliveries([as(a, { state: 'sending' })]);
      expect(await store.nextDeliveryTime()).toBe(T2);
      await store.updateDeliveries([as(b, { state: 'cancelled' })]);
      expect(await store.nextDeliveryTime()).toBeUndefined();
    });

    it('saves new states: only pending deliveries fall due, at their new notBefore', async () => {
      const store = current();
      const [a, b, c] = [sampleDelivery('a', T0), sampleDelivery('b', T0), sampleDelivery('c', T0)];
      await store.enqueueDeliveries([a, b, c]);
      const sending = as(a, { state: 'sending', attempts: 1 });
      const deferred = as(b, { notBefore: T2 });
      await store.updateDeliveries([sending, deferred]);
      expect(await store.dueDeliveries(T1, 10)).toEqual([c]);
      expect(await store.dueDeliveries(T2, 10)).toEqual([c, deferred]);
      const retry = as(sending, { state: 'pending', notBefore: T1, failure: { status: 429 } });
      await store.updateDeliveries([retry, as(c, { state: 'delivered', activityId: 'act-1' })]);
      expect(await store.dueDeliveries(T2, 10)).toEqual([retry, deferred]);
    });

    it('lists the deliveries left in "sending" as interrupted', async () => {
      const store = current();
      const [a, b, c] = [sampleDelivery('a', T1), sampleDelivery('b', T0), sampleDelivery('c', T0)];
      await store.enqueueDeliveries([a, b, c, sampleDelivery('x', T0, { batchId: 'checkin-1' })]);
      expect(await store.interruptedDeliveries()).toEqual([]);
      await store.updateDeliveries([as(a, { state: 'sending' }), as(b, { state: 'sending' })]);
      await store.updateDeliveries([as(c, { state: 'delivered' })]);
      expect(await store.interruptedDeliveries()).toEqual([
        as(b, { state: 'sending' }),
        as(a, { state: 'sending' }),
      ]);
    });

    it("answers a batch's latest states, by id, unfinished or finished", async () => {
      const store = current();
      const [b, a] = [sampleDelivery('b', T0), sampleDelivery('a', T0)];
      const other = sampleDelivery('a', T0, { batchId: 'checkin-1' });
      await store.enqueueDeliveries([b, a, other]);
      const sent = as(a, { state: 'delivered', conversationId: 'a:1', activityId: 'act-1' });
      await store.updateDeliveries([as(a, { state: 'sending' })]);
      await store.updateDeliveries([sent]);
      expect(await store.batchDeliveries('broadcast-1')).toEqual([sent, b]);
      const blocked = as(b, { state: 'blocked', failure: { status: 403, code: 'MessageWritesBlocked' } });
      await store.updateDeliveries([blocked]);
      expect(await store.batchDeliveries('broadcast-1')).toEqual([sent, blocked]);
      expect(await store.batchDeliveries('checkin-1')).toEqual([other]);
      expect(await store.batchDeliveries('no-such-batch')).toEqual([]);
    });

    it("counts a batch's progress as batchProgress counts its deliveries, while it is sent and once finished", async () => {
      const store = current();
      const batch = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => sampleDelivery(id, T0));
      const [a, b, c, d, e, f] = batch as [Delivery, Delivery, Delivery, Delivery, Delivery, Delivery];
      await store.enqueueDeliveries([...batch, sampleDelivery('a', T0, { batchId: 'checkin-1' })]);
      const retry = as(a, { attempts: 1, notBefore: T1, failure: { status: 502 } });
      const resent = as(b, { state: 'sending', attempts: 2, possiblyDuplicated: true });
      await store.updateDeliveries([retry, resent, as(c, { state: 'sending' })]);
      const sent = as(c, { state: 'delivered', attempts: 1, failure: { status: 429 } });
      const blocked = as(d, { state: 'blocked', failure: { status: 403, code: 'MessageWritesBlocked' } });
      await store.updateDeliveries([sent, blocked, as(e, { state: 'failed', failure: { status: 502 } })]);
      const sending = await store.batchProgress('broadcast-1');
      expect(sending).toEqual(batchProgress(await store.batchDeliveries('broadcast-1')));
      expect(sending).toEqual({
        total: 6,
        byState: {
          ...batchProgress([]).byState,
          pending: 2,
          sending: 1,
          delivered: 1,
          blocked: 1,
          failed: 1,
        },
        possiblyDuplicated: 1,
        failures: { MessageWritesBlocked: 1, '502': 1 },
        done: false,
      });

      await store.updateDeliveries([
        as(retry, { state: 'failed', attempts: 2, failure: { status: 404, code: 'NotFound' } }),
        as(resent, { state: 'delivered' }),
        as(f, { state: 'cancelled' }),
      ]);
      const finished = await store.batchProgress('broadcast-1');
      expect(finished).toEqual(batchProgress(await store.batchDeliveries('broadcast-1')));
      expect(finished).toMatchObject({
        total: 6,
        byState: { pending: 0, sending: 0, delivered: 2, blocked: 1, failed: 2, cancelled: 1 },
        possiblyDuplicated: 1,
        failures: { MessageWritesBlocked: 1, '502': 1, NotFound: 1 },
        done: true,
      });
      expect(await store.batchProgress('checkin-1')).toMatchObject({ total: 1, done: false });
      expect(await store.batchProgress('no-such-batch')).toEqual(batchProgress([]));
    });

    it('adds to a finished batch, keeping what it held', async () => {
      const store = current();
      const a = sampleDelivery('a', T0);
      await store.enqueueDeliveries([a]);
      const cancelled = as(a, { state: 'cancelled' });
      await store.updateDeliveries([cancelled]);
      const b = sampleDelivery('b', T1);
      await store.enqueueDeliveries([a, b]);
      expect(await store.batchDeliveries('broadcast-1')).toEqual([cancelled, b]);
      expect(await store.dueDeliveries(T2, 10)).toEqual([b]);
    });

    it('knows a delivery by batch and id, and takes any batch id that fits a file name', async () => {
      const store = current();
      const batchIds = [
        '19:ward-7@thread.tacv2/Cycle 1',
        '19:ward-7@thread.tacv2/cycle 1',
        'x.done',
        'Ünit_1',
      ];
      await store.enqueueDeliveries(batchIds.map((batchId) => sampleDelivery('a', T0, { batchId })));
      for (const batchId of batchIds)
        expect(await store.batchDeliveries(batchId)).toEqual([sampleDelivery('a', T0, { batchId })]);
      expect(await store.dueDeliveries(T0, 10)).toHaveLength(4);
      await expect(
        store.enqueueDeliveries([sampleDelivery('a', T0, { batchId: 'x'.repeat(201) })]),
      ).rejects.toThrow(/batchId/);
    });

    it('refuses a call with an invalid item, or an update of one never enqueued, and saves none of it', async () => {
      const store = current();
      const a = sampleDelivery('a', T0);
      const invalid = [
        sampleDelivery('b', T0, { state: 'lost' as never }),
        sampleDelivery('b', '2025-03-03T09:00:00Z'),
        sampleDelivery('', T0),
      ];
      for (const item of invalid)
        await expect(store.enqueueDeliveries([a, item])).rejects.toThrow(/delivery/);
      expect(await store.batchDeliveries('broadcast-1')).toEqual([]);
      await store.enqueueDeliveries([a]);
      const unknown = sampleDelivery('a', T0, { batchId: 'checkin-1', state: 'sending' });
      await expect(store.updateDeliveries([as(a, { state: 'sending' }), unknown])).rejects.toThrow(
        /never enqueued/,
      );
      expect(await store.batchDeliveries('broadcast-1')).toEqual([a]);
      expect(await store.batchDeliveries('checkin-1')).toEqual([]);
    });

    it('keeps its own copies on the way in and out', async () => {
      const store = current();
      const passed = sampleDelivery('a', T0);
      await store.enqueueDeliveries([passed]);
      passed.content.data.messageId = 'changed';
      const [due] = await store.dueDeliveries(T0, 1);
      due!.recipient = { kind: 'conversation', conversationId: 'c' };
      expect(await store.batchDeliveries('broadcast-1')).toEqual([sampleDelivery('a', T0)]);
      expect(await store.dueDeliveries(T0, 1)).toEqual([sampleDelivery('a', T0)]);
    });
  });
}
