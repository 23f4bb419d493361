// A send that failed before any request left for Teams (no database connection for the send rate, a look-up that
// failed first) cannot have arrived, so its retry is not flagged "possibly duplicated"; one whose request left and
// got no answer may have arrived, so it is.
import { describe, expect, it } from '@jest/globals';
import type { Delivery } from '../../src/domain/delivery.js';
import type { RateGate } from '../../src/delivery/rate-gate.js';
import type { Sender } from '../../src/delivery/sender.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/store.js';
import { pendingDelivery } from '../support/delivery-items.js';
import { until, useWorkers } from '../support/test-workers.js';

const startWorker = useWorkers();

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
  await startWorker(store, sender, { sendRate: 10, ...(rateGate ? { rateGate } : {}) });
  let found: Delivery | undefined;
  await until(async () => {
    [found] = await store.batchDeliveries('batch-1');
    return found?.attempts === 1 && found.state === 'pending';
  });
  return found!;
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
