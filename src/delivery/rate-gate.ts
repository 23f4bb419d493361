// The app-wide send rate: at most `perSecond` requests to Teams in any rolling second, in arrival order.
// A request counts from the moment it is let go until a second after its answer, so however late it
// leaves (a busy process, a slow connection), no more than the limit can reach Teams within a second.
// Written here because the queue library's own "strict" sliding window was measured letting 34-38 starts
// into one second with a cap of 20 when the process was busy.
import { setTimeout as sleep } from 'node:timers/promises';

/** A second plus a margin, for clocks and networks that are not quite exact. */
export const WINDOW_MS = 1_020;

type Slot = { until: number };

/** What the worker needs of a rate gate: this one, in process, or one shared by instances (shared-rate-gate.ts). */
export type RateGate = {
  /** Runs `request` once the rate allows; requests start in the order they asked. */
  run<T>(request: () => Promise<T>): Promise<T>;
  /** Holds every request for `ms` (Teams answered 429 with Retry-After). */
  pause(ms: number): void;
  isPaused(): boolean;
  /** A new rate for the requests still to start; those let go already keep their places. */
  setRate(rate: number): void;
};

export function createRateGate(startRate: number, now: () => number = () => performance.now()): RateGate {
  let perSecond = checkedRate(startRate);
  const slots = new Set<Slot>();
  let pausedUntil = 0;
  let turns: Promise<void> = Promise.resolve();

  async function takeSlot(): Promise<Slot> {
    for (;;) {
      const at = now();
      for (const slot of slots) if (slot.until <= at) slots.delete(slot);
      const full = slots.size >= perSecond ? Math.min(...[...slots].map((slot) => slot.until)) - at : 0;
      const wait = Math.max(pausedUntil - at, full);
      if (wait <= 0) {
        // Held open (Infinity) until the answer comes back.
        const slot = { until: Number.POSITIVE_INFINITY };
        slots.add(slot);
        return slot;
      }
      await sleep(Math.ceil(Number.isFinite(wait) ? wait : 5));
    }
  }

  return {
    /** Runs `request` once the rate allows; requests start in the order they asked. */
    async run<T>(request: () => Promise<T>): Promise<T> {
      const turn = turns.then(takeSlot);
      turns = turn.then(() => undefined);
      const slot = await turn;
      try {
        return await request();
      } finally {
        slot.until = now() + WINDOW_MS;
      }
    },
    /** Holds every request for `ms` (Teams answered 429 with Retry-After). */
    pause(ms: number): void {
      pausedUntil = Math.max(pausedUntil, now() + ms);
    },
    isPaused: () => now() < pausedUntil,
    /**
     * A new rate for the requests still to start. Requests let go already keep their places, so lowering it
     * holds new ones until enough of those places have come free: the limit is never overshot by the change.
     */
    setRate(rate: number): void {
      perSecond = checkedRate(rate);
    },
  };
}

export function checkedRate(rate: number): number {
  if (!Number.isInteger(rate) || rate < 1)
    throw new Error(
      `rate-gate: the rate must be a whole number of requests a second, at least 1; got ${rate}`,
    );
  return rate;
}
