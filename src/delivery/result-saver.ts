// Saves the worker's results in groups, through the release of its claims: one durable write for many sends.
// A result whose claim the worker no longer holds (another worker took the item back, or this one claimed it
// again) is not saved: the newer claim's result is the one that counts.
import type { Delivery } from '../domain/delivery.js';
import type { Logger } from '../log.js';
import type { HeldDeliveries } from './held-deliveries.js';

/** A claimed item's new state, with the claim it came from. */
export type Result = { claim: Delivery; state: Delivery };

const FLUSH_MS = 10;

export function createResultSaver(held: HeldDeliveries, log: Logger) {
  const results: Result[] = [];
  let flushing: Promise<void> = Promise.resolve();
  let saving = 0;
  let timer: NodeJS.Timeout | undefined;

  function flushSoon(): void {
    timer ??= setTimeout(() => {
      timer = undefined;
      flush().catch((error: Error) =>
        log.error(
          { err: { name: error.name, message: error.message } },
          'delivery: could not save results; will retry',
        ),
      );
    }, FLUSH_MS);
  }

  /** Saves the results gathered so far; on failure they go back to be saved with the next group. */
  function flush(): Promise<void> {
    const batch = results.splice(0).filter((result) => held.holds(result.claim));
    if (batch.length === 0) return flushing;
    saving += batch.length;
    flushing = flushing
      .catch(() => undefined)
      .then(() => release(batch))
      .catch((error: unknown) => {
        results.unshift(...batch);
        flushSoon();
        throw error;
      })
      .finally(() => (saving -= batch.length));
    return flushing;
  }

  async function release(batch: readonly Result[]): Promise<void> {
    const lost = await held.release(
      batch.map((result) => result.claim),
      batch.map((result) => result.state),
    );
    if (lost.length > 0)
      log.warn(
        { count: lost.length },
        'delivery: results not saved: another worker had taken the items back',
      );
  }

  return {
    /** Saves the result with the next group, in a moment. */
    add(claim: Delivery, state: Delivery): void {
      results.push({ claim, state });
      flushSoon();
    },
    /** Saves these now, on their own (items put back before they were sent). */
    releaseNow: (batch: readonly Result[]): Promise<void> => release(batch),
    /** Results not yet saved: each is an item still "sending" on disk. */
    unsaved: (): number => results.length + saving,
    /** Saves every result gathered, now. */
    async close(): Promise<void> {
      clearTimeout(timer);
      await flush();
    },
  };
}
