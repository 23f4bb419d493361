// The app-wide send rate: at most `perSecond` requests start in any rolling second, in arrival order.
// Written here because the queue library's own "strict" sliding window was measured letting 34-38 starts
// into one second with a cap of 20 when the process was busy; this gate re-reads the clock after every
// wait, so a late timer can only make it slower, never let a burst through.
import { setTimeout as sleep } from 'node:timers/promises';

/** A second plus a margin: requests reach Teams a little earlier or later than they start here. */
const WINDOW_MS = 1_050;

export function createRateGate(perSecond: number, now: () => number = () => performance.now()) {
  const starts: number[] = [];
  let pausedUntil = 0;
  let turns: Promise<void> = Promise.resolve();

  async function waitForTurn(): Promise<void> {
    for (;;) {
      const at = now();
      while (starts.length > 0 && starts[0]! <= at - WINDOW_MS) starts.shift();
      const full = starts.length >= perSecond ? starts[0]! + WINDOW_MS - at : 0;
      const wait = Math.max(pausedUntil - at, full);
      if (wait <= 0) {
        starts.push(at);
        return;
      }
      await sleep(Math.ceil(wait));
    }
  }

  return {
    /** Runs `request` once the rate allows; requests start in the order they asked. */
    async run<T>(request: () => Promise<T>): Promise<T> {
      const turn = turns.then(waitForTurn);
      turns = turn;
      await turn;
      return request();
    },
    /** Holds every request for `ms` (Teams answered 429 with Retry-After). */
    pause(ms: number): void {
      pausedUntil = Math.max(pausedUntil, now() + ms);
    },
    isPaused: () => now() < pausedUntil,
  };
}
