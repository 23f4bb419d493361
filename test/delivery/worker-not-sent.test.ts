// A send that failed before any request left for Teams (no database connection for the send rate, a look-up that
// failed first) cannot have arrived, so its retry is not flagged "possibly duplicated"; one whose request left and
// got no answer may have arrived, so it is.
import { afterEach, describe, expect, it } from '@jest/globals';
import type { RateGate } from '../../src/delivery/rate-gate.js';
import type { Sender } from '../../src/delivery/sender.js';
import { createDeliveryWorker, type DeliveryWorker } from '../../src/delivery/worker.js';
import { createLogger } from '../../src/log.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/store.js';
import { pendingDelivery } from '../support/delivery-items.js';

const workers: DeliveryWorker[] = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.stop()));
});

const item = (id: string) => pendingDelivery(id);

/** A gate whose database cannot be reached: no request is ever let go. */
const unreachableGate = (): RateGate => ({
  run: () => Promise.reject(new Error('timeout exceeded when trying to connect')),
  pause: () => {},
  isPaused: () => false,
  setRate: () => {},
});

async function firstAttempt(store: Store, sender: Sender, rateGate?: () => RateGate) {
  await store.enqueueDeliveries([item('a')]);
  const worker = createDeliveryWorker({
    store,
    sender,
    log: createLogger('silent'),
    sendRate: 10,
    quietHours: 'off',
    timeZone: 'Europe/London',
    pollMs: 50,
    random: () => 0,
    ...(rateGate ? { rateGate } : {}),
  });
  workers.push(worker);
  await worker.start();
  const deadline = Date.now() + 8_000;
  for (;;) {
    const [found] = await store.batchDeliveries('batch-1');
    if (found && found.attempts === 1 && found.state === 'pending') return found;
    if (Date.now() > deadline) throw new Error('the first attempt was not saved');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('delivery worker: sends that never left', () => {
  it('does not flag a send whose rate gate failed before the request left', async () => {
    const sender: Sender = {
      send: (_delivery, gate) => gate(async () => ({ ok: true, conversationId: 'a:1', activityId: '1' })),
    };
    const saved = await firstAttempt(createMemoryStore(), sender, unreachableGate);
    expect(saved).toMatchObject({ possiblyDuplicated: false, failure: { status: 0 } });
  });

  it('does not flag a send that failed in a look-up before any request', async () => {
    const sender: Sender = {
      send: async () => {
        throw new Error('timeout exceeded when trying to connect');
      },
    };
    const saved = await firstAttempt(createMemoryStore(), sender);
    expect(saved).toMatchObject({ possiblyDuplicated: false, failure: { status: 0 } });
  });

  it('flags a send whose request left and failed without an answer', async () => {
    const sender: Sender = {
      send: (_delivery, gate) =>
        gate(async () => {
          throw new Error('socket hang up');
        }),
    };
    const saved = await firstAttempt(createMemoryStore(), sender);
    expect(saved).toMatchObject({ possiblyDuplicated: true, failure: { status: 0 } });
  });

  it('flags a send whose request left and came back with no answer (status 0)', async () => {
    const sender: Sender = { send: (_delivery, gate) => gate(async () => ({ ok: false, status: 0 })) };
    const saved = await firstAttempt(createMemoryStore(), sender);
    expect(saved).toMatchObject({ possiblyDuplicated: true, failure: { status: 0 } });
  });
});
