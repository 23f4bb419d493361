// The app-wide send rate when several instances share the queue (STORE=postgres): every request to Teams takes a
// place from SendSlots, kept in the database for all instances together, before it is let go, and says when its
// answer came back, as the in-process gate counts its own places (rate-gate.ts). This process's requests ask in
// the order they came, one at a time, so the database sees one caller per instance, never a crowd.
import { setTimeout as sleep } from 'node:timers/promises';
import { checkedRate, type RateGate } from './rate-gate.js';

/** The places shared by every instance (store/postgres/rate.ts). */
export type SendSlots = {
  /** A place for one request if the rate allows, or how long to wait before asking again. */
  take(rate: number): Promise<{ slot: string } | { waitMs: number }>;
  /** The request's answer came back: the place counts for one more window, then frees. */
  answered(slot: string): Promise<void>;
  /** Holds every instance's requests for `ms`. */
  pause(ms: number): Promise<void>;
};

export type SharedRateGateOptions = {
  /** Told of each failed call to the database, to log (the error's kind, not its text). */
  onProblem?: (error: Error) => void;
  /** How long to wait after a failed call before asking again, and how many failures in a row to bear. */
  retryMs?: number;
  triesOnError?: number;
};

export function createSharedRateGate(
  slots: SendSlots,
  startRate: number,
  { onProblem = () => {}, retryMs = 500, triesOnError = 20 }: SharedRateGateOptions = {},
): RateGate {
  let perSecond = checkedRate(startRate);
  let pausedUntil = 0;
  let turns: Promise<unknown> = Promise.resolve();

  async function takeSlot(): Promise<string> {
    for (let failures = 0; ;) {
      const paused = pausedUntil - performance.now();
      if (paused > 0) {
        await sleep(Math.ceil(paused));
        continue;
      }
      try {
        const taken = await slots.take(perSecond);
        if ('slot' in taken) return taken.slot;
        await sleep(Math.max(1, taken.waitMs));
      } catch (error) {
        onProblem(error as Error);
        // The request fails and the worker retries it later: better than holding its place in line for ever.
        if (++failures >= triesOnError) throw error;
        await sleep(retryMs);
      }
    }
  }

  return {
    async run<T>(request: () => Promise<T>): Promise<T> {
      const turn = turns.then(takeSlot);
      turns = turn.then(
        () => undefined,
        () => undefined,
      );
      const slot = await turn;
      try {
        return await request();
      } finally {
        // A place whose answer is never reported frees at the longest a request can take.
        slots.answered(slot).catch((error: Error) => onProblem(error));
      }
    },
    pause(ms: number): void {
      pausedUntil = Math.max(pausedUntil, performance.now() + ms);
      slots.pause(ms).catch((error: Error) => onProblem(error));
    },
    isPaused: () => performance.now() < pausedUntil,
    setRate(rate: number): void {
      perSecond = checkedRate(rate);
    },
  };
}
