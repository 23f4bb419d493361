// Delivery workers for the worker's tests: started with test defaults (a fast poll, no jitter, no quiet
// hours) and stopped after each test, and a wait for what they do.
import { afterEach } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Sender } from '../../src/delivery/sender.js';
import { createDeliveryWorker, type DeliveryWorker, type WorkerOptions } from '../../src/delivery/worker.js';
import { createLogger } from '../../src/log.js';
import type { Store } from '../../src/store/store.js';

/** Registers the clean-up in the calling test file; returns how to start a worker there. */
export function useWorkers() {
  const workers: DeliveryWorker[] = [];
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.stop()));
  });
  return async function startWorker(store: Store, sender: Sender, options: Partial<WorkerOptions> = {}) {
    const worker = createDeliveryWorker({
      store,
      sender,
      log: createLogger('silent'),
      sendRate: 50,
      quietHours: 'off',
      timeZone: 'Europe/London',
      pollMs: 50,
      random: () => 0,
      ...options,
    });
    workers.push(worker);
    await worker.start();
    return worker;
  };
}

/** Resolves once `check` holds; fails the test after `timeoutMs`. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the deliveries');
    await sleep(10);
  }
}
