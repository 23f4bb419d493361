import { describe, expect, it } from '@jest/globals';
import { createLogger } from '../../src/log.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { createMemoryStore } from '../../src/store/memory-store.js';

const log = createLogger('silent');

describe('scheduler', () => {
  it('catches up the latest run missed while the bot was down, once, under its scheduled time', async () => {
    const store = createMemoryStore();
    await store.claimJobRun('daily', '2026-11-20T03:00:00.000Z');
    const runs: number[] = [];
    const clock = () => new Date('2026-11-24T10:00:00Z');
    for (let restart = 0; restart < 2; restart++) {
      const scheduler = createScheduler({ claims: store, timeZone: 'Europe/London', log, clock });
      scheduler.add({ name: 'daily', schedule: '0 3 * * *', run: async () => void runs.push(restart) });
      await scheduler.start();
      await scheduler.idle();
      expect(scheduler.running()).toBe(true);
      await scheduler.stop();
    }
    expect(runs).toEqual([0]);
    expect(await store.lastJobRun('daily')).toBe('2026-11-24T03:00:00.000Z');
  });

  it('does not run a job that never ran before just because it is starting', async () => {
    const store = createMemoryStore();
    let runs = 0;
    const scheduler = createScheduler({ claims: store, timeZone: 'Europe/London', log });
    scheduler.add({ name: 'daily', schedule: '0 3 * * *', run: async () => void runs++ });
    await scheduler.start();
    await scheduler.idle();
    await scheduler.stop();
    expect(runs).toBe(0);
    expect(scheduler.running()).toBe(false);
  });

  it('runs on schedule, and two schedulers sharing a store run each tick once', async () => {
    const store = createMemoryStore();
    let runs = 0;
    const schedulers = [0, 1].map(() => {
      const scheduler = createScheduler({ claims: store, timeZone: 'Europe/London', log });
      scheduler.add({ name: 'every-second', schedule: '* * * * * *', run: async () => void runs++ });
      return scheduler;
    });
    await Promise.all(schedulers.map((scheduler) => scheduler.start()));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await Promise.all(schedulers.map((scheduler) => scheduler.stop()));
    const ticks = runs;
    expect(ticks).toBeGreaterThanOrEqual(1);
    expect(ticks).toBeLessThanOrEqual(2);
  });

  it('runs an unclaimed job on schedule without writing a claim, and catches nothing up', async () => {
    const store = createMemoryStore();
    let claims = 0;
    const counting = {
      claimJobRun: async (job: string, runKey: string) => (claims++, store.claimJobRun(job, runKey)),
      lastJobRun: (job: string) => store.lastJobRun(job),
    };
    let runs = 0;
    const scheduler = createScheduler({ claims: counting, timeZone: 'Europe/London', log });
    scheduler.add({ name: 'often', schedule: '* * * * * *', claimed: false, run: async () => void runs++ });
    await scheduler.start();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await scheduler.stop();
    expect(runs).toBeGreaterThanOrEqual(1);
    expect(claims).toBe(0);
    expect(await store.lastJobRun('often')).toBeUndefined();
  });

  it('keeps going after a job fails, and logs the failure', async () => {
    const store = createMemoryStore();
    await store.claimJobRun('flaky', '2026-11-20T03:00:00.000Z');
    const lines: string[] = [];
    const scheduler = createScheduler({
      claims: store,
      timeZone: 'Europe/London',
      log: createLogger('info', { write: (line: string) => void lines.push(line) }),
      clock: () => new Date('2026-11-24T10:00:00Z'),
    });
    scheduler.add({
      name: 'flaky',
      schedule: '0 3 * * *',
      run: async () => Promise.reject(new Error('connector down')),
    });
    await scheduler.start();
    await scheduler.idle();
    expect(scheduler.running()).toBe(true);
    await scheduler.stop();
    expect(lines.join('')).toContain('scheduler: job failed');
  });

  it('logs a claim that fails (the store gone) as a failed run, and never leaves it unhandled', async () => {
    const lines: string[] = [];
    let ran = false;
    const claims = {
      claimJobRun: async () => Promise.reject(new Error('store: refused a save after close()')),
      lastJobRun: async () => '2026-11-20T03:00:00.000Z',
    };
    const scheduler = createScheduler({
      claims,
      timeZone: 'Europe/London',
      log: createLogger('info', { write: (line: string) => void lines.push(line) }),
      clock: () => new Date('2026-11-24T10:00:00Z'),
    });
    scheduler.add({ name: 'daily', schedule: '0 3 * * *', run: async () => void (ran = true) });
    await scheduler.start();
    // idle() rejects if a run's promise does: the same rejection would be unhandled in production.
    await expect(scheduler.idle()).resolves.toBeUndefined();
    await scheduler.stop();
    expect(ran).toBe(false);
    expect(lines.join('')).toContain('scheduler: job failed');
  });
});
