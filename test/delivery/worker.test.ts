// The delivery worker over the in-memory store and an in-process sender that answers like Teams would.
import { describe, expect, it } from '@jest/globals';
import type { Sender, SendResult } from '../../src/delivery/sender.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/store.js';
import { pendingDelivery } from '../support/delivery-items.js';
import { until, useWorkers } from '../support/test-workers.js';

const run = useWorkers();

/** Answers per recipient id: a list of answers used in turn, the last one repeating. */
function scriptedSender(script: Record<string, SendResult[]> = {}) {
  const sends: { id: string; at: number }[] = [];
  const sender: Sender = {
    async send(delivery, gate) {
      // The moment the request would leave for Teams is when the gate lets it start.
      await gate(async () => void sends.push({ id: delivery.id, at: performance.now() }));
      const answers = script[delivery.id];
      const answer = answers && answers.length > 1 ? answers.shift()! : answers?.[0];
      return answer ?? { ok: true, conversationId: `a:${delivery.id}`, activityId: `act-${delivery.id}` };
    },
  };
  return { sender, sends };
}

const allFinal = (store: Store) => async () =>
  (await store.batchDeliveries('batch-1')).every((d) => !['pending', 'sending'].includes(d.state));

describe('delivery worker', () => {
  it('delivers every item once and keeps the activity id for later updates', async () => {
    const store = createMemoryStore();
    await store.enqueueDeliveries(['a', 'b', 'c'].map((id) => pendingDelivery(id)));
    const { sender, sends } = scriptedSender();
    await run(store, sender);
    await until(allFinal(store));
    expect(sends.map((s) => s.id).sort()).toEqual(['a', 'b', 'c']);
    expect((await store.batchDeliveries('batch-1')).find((d) => d.id === 'b')).toMatchObject({
      state: 'delivered',
      activityId: 'act-b',
      conversationId: 'a:b',
      attempts: 1,
    });
  });

  it('ends each failure kind in its exact final state, keeping the code for the report', async () => {
    const store = createMemoryStore();
    const script: Record<string, SendResult[]> = {
      blocked: [{ ok: false, status: 403, code: 'MessageWritesBlocked' }],
      gone: [{ ok: false, status: 404, code: 'ConversationNotFound' }],
      huge: [{ ok: false, status: 413, code: 'MessageSizeTooBig' }],
      bad: [{ ok: false, status: 400, code: 'BadArgument' }],
      flaky: [
        { ok: false, status: 502 },
        { ok: true, conversationId: 'a:flaky', activityId: 'act-flaky' },
      ],
      down: [{ ok: false, status: 503 }],
    };
    await store.enqueueDeliveries(Object.keys(script).map((id) => pendingDelivery(id)));
    await run(store, scriptedSender(script).sender);
    await until(allFinal(store), 15_000);
    const states = Object.fromEntries(
      (await store.batchDeliveries('batch-1')).map((d) => [
        d.id,
        [d.state, d.failure?.code ?? d.failure?.status, d.attempts],
      ]),
    );
    expect(states).toEqual({
      blocked: ['blocked', 'MessageWritesBlocked', 1],
      gone: ['notFound', 'ConversationNotFound', 1],
      huge: ['tooLarge', 'MessageSizeTooBig', 1],
      bad: ['failed', 'BadArgument', 1],
      flaky: ['delivered', 502, 2],
      down: ['failed', 503, 5],
    });
  }, 20_000);

  it('never sends more than the rate in any rolling second', async () => {
    const store = createMemoryStore();
    await store.enqueueDeliveries(Array.from({ length: 45 }, (_, i) => pendingDelivery(`r${i}`)));
    const { sender, sends } = scriptedSender();
    await run(store, sender, { sendRate: 20 });
    await until(allFinal(store));
    const times = sends.map((s) => s.at).sort((a, b) => a - b);
    const busiest = Math.max(
      ...times.map((start) => times.filter((t) => t >= start && t < start + 1_000).length),
    );
    expect(busiest).toBeLessThanOrEqual(20);
    expect(sends).toHaveLength(45);
  });

  it('pauses every send when Teams answers 429, for as long as Retry-After says', async () => {
    const store = createMemoryStore();
    await store.enqueueDeliveries(['x', 'y'].map((id) => pendingDelivery(id)));
    const { sender, sends } = scriptedSender({
      x: [
        { ok: false, status: 429, retryAfterMs: 1_000 },
        { ok: true, conversationId: 'a:x', activityId: 'act-x' },
      ],
    });
    await run(store, sender, { maxInFlight: 1 });
    await until(allFinal(store));
    const [first, ...later] = sends;
    expect(first?.id).toBe('x');
    for (const send of later) expect(send.at - first!.at).toBeGreaterThanOrEqual(950);
  });

  it('holds items that respect quiet hours until the next allowed time, and sends the others', async () => {
    const store = createMemoryStore();
    await store.enqueueDeliveries([
      pendingDelivery('nudge', { respectsQuietHours: true }),
      pendingDelivery('checkin'),
    ]);
    const saturday = new Date('2026-11-28T12:00:00Z');
    const quietHours = { days: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' };
    const { sender, sends } = scriptedSender();
    await run(store, sender, { quietHours, clock: () => saturday });
    await until(
      async () =>
        sends.length === 1 &&
        (await store.batchDeliveries('batch-1')).some((d) => d.notBefore.startsWith('2026-11-30')),
    );
    expect(sends.map((s) => s.id)).toEqual(['checkin']);
    expect((await store.batchDeliveries('batch-1')).find((d) => d.id === 'nudge')).toMatchObject({
      state: 'pending',
      notBefore: '2026-11-30T08:00:00.000Z',
    });
  });

  it('lets the first requests go while the rest of a large claim is still being prepared', async () => {
    const store = createMemoryStore();
    await store.enqueueDeliveries(Array.from({ length: 100 }, (_, i) => pendingDelivery(`p${i}`)));
    const steps: string[] = [];
    const sender: Sender = {
      async send(delivery, gate) {
        // A send prepares (renders its card) before it asks the gate, as the Teams sender does.
        steps.push('prepare');
        await gate(async () => void steps.push('request'));
        return { ok: true, conversationId: `a:${delivery.id}`, activityId: `act-${delivery.id}` };
      },
    };
    await run(store, sender, { sendRate: 100 });
    await until(allFinal(store));
    expect(steps.filter((step) => step === 'request')).toHaveLength(100);
    expect(steps.indexOf('request')).toBeLessThan(steps.lastIndexOf('prepare'));
  });

  it('claims in groups while sends wait at the gate, not once per answer', async () => {
    const store = createMemoryStore();
    await store.enqueueDeliveries(Array.from({ length: 200 }, (_, i) => pendingDelivery(`g${i}`)));
    const claimed: number[] = [];
    const claimDeliveries = store.claimDeliveries.bind(store);
    store.claimDeliveries = async (claim) => {
      const taken = await claimDeliveries(claim);
      if (taken.items.length > 0) claimed.push(taken.items.length);
      return taken;
    };
    // Answers come back one by one over a second, as the rate spreads them out in a broadcast.
    const sender: Sender = {
      async send(delivery, gate) {
        const answerMs = (Number(delivery.id.slice(1)) % 100) * 10;
        await gate(() => new Promise((resolve) => setTimeout(resolve, answerMs)));
        return { ok: true, conversationId: `a:${delivery.id}`, activityId: `act-${delivery.id}` };
      },
    };
    await run(store, sender, { sendRate: 100 });
    await until(allFinal(store));
    expect(claimed.reduce((sum, count) => sum + count, 0)).toBe(200);
    // A tenth of the bound at a time: under ten claims in all, where a claim per answer made nearly thirty.
    expect(claimed.length).toBeLessThanOrEqual(15);
  });

  it('puts back, as they were, the claimed items it had not started when it stopped', async () => {
    const store = createMemoryStore();
    await store.enqueueDeliveries(Array.from({ length: 100 }, (_, i) => pendingDelivery(`s${i}`)));
    const { sender: answering, sends } = scriptedSender();
    let stopped: Promise<void> | undefined;
    const sender: Sender = {
      // Stops as the first send begins, while the rest of the claim waits to be started.
      send(delivery, gate) {
        stopped ??= worker.stop();
        return answering.send(delivery, gate);
      },
    };
    const worker = await run(store, sender, { sendRate: 100 });
    await until(async () => stopped !== undefined);
    await stopped;
    const batch = await store.batchDeliveries('batch-1');
    const delivered = batch.filter((d) => d.state === 'delivered');
    const putBack = batch.filter((d) => d.state === 'pending');
    expect(delivered.map((d) => d.id).sort()).toEqual(sends.map((s) => s.id).sort());
    expect(delivered.length).toBeLessThan(100);
    expect(putBack).toHaveLength(100 - delivered.length);
    for (const d of putBack) expect(d).toMatchObject({ attempts: 0, possiblyDuplicated: false });
  });

  it('re-sends items left "sending" by a crash, once, and flags them as possibly duplicated', async () => {
    const store = createMemoryStore();
    await store.enqueueDeliveries([pendingDelivery('in-flight'), pendingDelivery('waiting')]);
    await store.updateDeliveries([pendingDelivery('in-flight', { state: 'sending', attempts: 1 })]);
    const { sender, sends } = scriptedSender();
    await run(store, sender);
    await until(allFinal(store));
    expect(sends.map((s) => s.id).sort()).toEqual(['in-flight', 'waiting']);
    const byId = Object.fromEntries((await store.batchDeliveries('batch-1')).map((d) => [d.id, d]));
    expect(byId['in-flight']).toMatchObject({ state: 'delivered', possiblyDuplicated: true, attempts: 2 });
    expect(byId['waiting']).toMatchObject({ state: 'delivered', possiblyDuplicated: false });
  });
});
