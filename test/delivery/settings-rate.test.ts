// The delivery engine taking settings changed on the settings card while it runs: a new send rate for the
// next sends (in-flight places kept, so a lower rate is never overshot), and new quiet hours for the next look.
import { describe, expect, it } from '@jest/globals';
import { createRateGate } from '../../src/delivery/rate-gate.js';
import type { Sender } from '../../src/delivery/sender.js';
import { pendingDelivery } from '../support/delivery-items.js';
import { until, useWorkers } from '../support/test-workers.js';
import type { QuietHours } from '../../src/domain/quiet-hours.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/store.js';

const startWorker = useWorkers();
const start = (store: Store, sender: Sender, options: Parameters<typeof startWorker>[2]) =>
  startWorker(store, sender, { sendRate: 30, ...options });

const item = pendingDelivery;

/** Records when each request is let go to Teams and how many are in flight, answering after `answerMs`. */
function recordingSender(answerMs = 0) {
  const starts: number[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const sender: Sender = {
    async send(delivery, gate) {
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      try {
        await gate(async () => {
          starts.push(performance.now());
          if (answerMs) await new Promise((resolve) => setTimeout(resolve, answerMs));
        });
        return { ok: true, conversationId: `a:${delivery.id}`, activityId: `act-${delivery.id}` };
      } finally {
        inFlight--;
      }
    },
  };
  return { sender, starts, mostInFlight: () => mostInFlight, resetMost: () => (mostInFlight = inFlight) };
}

const busiestSecond = (times: number[]) =>
  Math.max(0, ...times.map((start) => times.filter((t) => t >= start && t < start + 1_000).length));

describe('rate gate: a new rate', () => {
  it('holds new requests until the places taken at the old rate come free', async () => {
    const gate = createRateGate(5);
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 5 }, () => gate.run(async () => void starts.push(performance.now()))),
    );
    gate.setRate(1);
    await Promise.all(
      Array.from({ length: 2 }, () => gate.run(async () => void starts.push(performance.now()))),
    );
    // The sixth waits for all five places (a second after their answers), the seventh a second more.
    expect(starts[5]! - starts[0]!).toBeGreaterThanOrEqual(1_000);
    expect(starts[6]! - starts[5]!).toBeGreaterThanOrEqual(1_000);
  });

  it('refuses a rate that would send nothing', () => {
    const gate = createRateGate(5);
    expect(() => gate.setRate(0)).toThrow(/at least 1/);
    expect(() => gate.setRate(2.5)).toThrow(/whole number/);
    expect(() => createRateGate(0)).toThrow(/at least 1/);
  });
});

describe('delivery worker: the send rate changed while it runs', () => {
  it('slows to a lower rate for the next sends, never more than it in any second after the change', async () => {
    const store = createMemoryStore();
    await store.enqueueDeliveries(Array.from({ length: 50 }, (_, i) => item(`s${i}`)));
    let rate = 40;
    const { sender, starts } = recordingSender();
    await start(store, sender, { sendRate: () => rate });
    await until(() => starts.length >= 40);
    rate = 5;
    const changedAt = performance.now();
    await until(() => starts.length === 50);
    const after = starts.filter((at) => at >= changedAt);
    expect(after.length).toBeGreaterThanOrEqual(10);
    expect(busiestSecond(after)).toBeLessThanOrEqual(5);
    expect(busiestSecond(starts)).toBeLessThanOrEqual(40);
    // Ten sends at 5 a second take two windows at least.
    expect(after.at(-1)! - changedAt).toBeGreaterThanOrEqual(1_000);
  }, 20_000);

  it('speeds up to a higher rate for the next sends, and lets more be in flight', async () => {
    const store = createMemoryStore();
    await store.enqueueDeliveries(Array.from({ length: 60 }, (_, i) => item(`f${i}`)));
    let rate = 2;
    const { sender, starts, mostInFlight, resetMost } = recordingSender(100);
    await start(store, sender, { sendRate: () => rate });
    await until(() => starts.length >= 2);
    expect(mostInFlight()).toBeLessThanOrEqual(2);
    rate = 40;
    resetMost();
    const changedAt = performance.now();
    await until(() => starts.length === 60);
    // 58 sends at 2 a second would take about 30 seconds; at 40 a second, two windows.
    expect(performance.now() - changedAt).toBeLessThan(6_000);
    expect(mostInFlight()).toBeGreaterThan(2);
    expect(busiestSecond(starts.filter((at) => at >= changedAt))).toBeLessThanOrEqual(40);
  }, 20_000);
});

describe('delivery worker: quiet hours changed while it runs', () => {
  it('sends what respects quiet hours at once when they are turned off, and holds it when turned on', async () => {
    const store = createMemoryStore();
    const saturday = new Date('2026-11-28T12:00:00Z');
    let quietHours: QuietHours = 'off';
    const { sender, starts } = recordingSender();
    const worker = await start(store, sender, { quietHours: () => quietHours, clock: () => saturday });
    await store.enqueueDeliveries([item('nudge-1', { respectsQuietHours: true })]);
    worker.wake();
    await until(() => starts.length === 1);
    quietHours = { days: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' };
    await store.enqueueDeliveries([item('nudge-2', { respectsQuietHours: true })]);
    worker.wake();
    await until(async () =>
      (await store.batchDeliveries('batch-1')).some((d) => d.notBefore.startsWith('2026-11-30')),
    );
    expect(starts).toHaveLength(1);
    expect((await store.batchDeliveries('batch-1')).find((d) => d.id === 'nudge-2')).toMatchObject({
      state: 'pending',
      notBefore: '2026-11-30T08:00:00.000Z',
    });
  });
});
