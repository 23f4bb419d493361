// The app-wide send rate when several instances share the queue (STORE=postgres): every request to Teams takes a
// place from SendSlots, kept in the database for all instances together, before it is let go, and says when its
// answer came back, as the in-process gate counts its own places (rate-gate.ts). This process asks for places for
// all its waiting requests in one call, one call at a time, and hands them out in the order the requests came:
// the database sees one caller per instance, and tens of calls a second rather than one per request. Every place
// taken goes to a request already waiting, so none is held for nobody.
import { setTimeout as sleep } from 'node:timers/promises';
import { checkedRate, type RateGate } from './rate-gate.js';

/** The places shared by every instance (store/postgres/rate.ts). */
export type SendSlots = {
  /** Places for up to `wanted` requests (at least one) if the rate allows, or how long to wait before asking again. */
  take(rate: number, wanted: number): Promise<{ slots: string[] } | { waitMs: number }>;
  /** These requests' answers came back: their places count for one more window, then free. */
  answered(slots: readonly string[]): Promise<void>;
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

/**
 * The most places asked for in one call: a share of the rate, so that instances sharing it each get a turn within
 * a second instead of the first to ask taking the whole second's places for its own queue.
 */
export const batchLimit = (rate: number): number => Math.max(1, Math.ceil(rate / 4));

type Waiting = { resolve: (slot: string) => void; reject: (error: Error) => void };

export function createSharedRateGate(
  slots: SendSlots,
  startRate: number,
  { onProblem = () => {}, retryMs = 500, triesOnError = 20 }: SharedRateGateOptions = {},
): RateGate {
  let perSecond = checkedRate(startRate);
  let pausedUntil = 0;
  const waiting: Waiting[] = [];
  let asking = false;
  const answers: string[] = [];
  let reporting = false;

  /** Takes places for the requests waiting, in turn, until none waits. One at a time per process. */
  async function handOutPlaces(): Promise<void> {
    if (asking) return;
    asking = true;
    try {
      for (let failures = 0; waiting.length > 0;) {
        const paused = pausedUntil - performance.now();
        if (paused > 0) {
          await sleep(Math.ceil(paused));
          continue;
        }
        try {
          const taken = await slots.take(perSecond, Math.min(waiting.length, batchLimit(perSecond)));
          failures = 0;
          if ('waitMs' in taken) await sleep(Math.max(1, taken.waitMs));
          // Nobody stops waiting meanwhile, so there is a request for every place taken.
          else for (const slot of taken.slots) waiting.shift()!.resolve(slot);
        } catch (error) {
          onProblem(error as Error);
          // The requests fail and the worker retries them later: better than holding them in line for ever.
          if (++failures >= triesOnError) {
            for (const request of waiting.splice(0)) request.reject(error as Error);
            failures = 0;
          } else await sleep(retryMs);
        }
      }
    } finally {
      asking = false;
    }
  }

  /** Reports the answers come back since the last report, in one call; a place unreported frees in time anyway. */
  async function reportAnswers(): Promise<void> {
    if (reporting) return;
    reporting = true;
    try {
      while (answers.length > 0) await slots.answered(answers.splice(0)).catch(onProblem);
    } finally {
      reporting = false;
    }
  }

  return {
    async run<T>(request: () => Promise<T>): Promise<T> {
      const slot = await new Promise<string>((resolve, reject) => {
        waiting.push({ resolve, reject });
        void handOutPlaces();
      });
      try {
        return await request();
      } finally {
        // A place whose answer is never reported frees at the longest a request can take.
        answers.push(slot);
        void reportAnswers();
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
