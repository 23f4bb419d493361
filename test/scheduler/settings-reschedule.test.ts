// Moving a scheduled job to a new time without a restart, as the settings card does with the weekly schedule.
import { describe, expect, it } from '@jest/globals';
import { createLogger } from '../../src/log.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { createMemoryStore } from '../../src/store/memory-store.js';

const log = createLogger('silent');
/** Wednesday 25 November 2026, 14:00 in London. */
const WEDNESDAY = () => new Date('2026-11-25T14:00:00Z');
/** A job's next run as London reads it ("Wed 12:00"): timers run on the real clock, whatever day it is. */
const nextLocal = (at: Date | undefined) =>
  at &&
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);

function weekly(store = createMemoryStore(), clock = WEDNESDAY) {
  const runs: string[] = [];
  const scheduler = createScheduler({ claims: store, timeZone: 'Europe/London', log, clock });
  scheduler.add({ name: 'nudge', schedule: '0 12 * * 3', run: async () => void runs.push('nudge') });
  return { store, scheduler, runs };
}

describe('rescheduling a job', () => {
  it('fires at the new time', async () => {
    const { scheduler, runs } = weekly();
    await scheduler.start();
    expect(nextLocal(scheduler.nextRun('nudge'))).toBe('Wed 12:00');
    expect(await scheduler.reschedule('nudge', '* * * * * *')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await scheduler.stop();
    expect(runs.length).toBeGreaterThanOrEqual(1);
    expect(runs.length).toBeLessThanOrEqual(2);
  });

  it('moves a job before start, and says when nothing changed', async () => {
    const { scheduler } = weekly();
    expect(await scheduler.reschedule('nudge', '0 10 * * 2')).toBe(true);
    expect(await scheduler.reschedule('nudge', '0 10 * * 2')).toBe(false);
    await scheduler.start();
    expect(nextLocal(scheduler.nextRun('nudge'))).toBe('Tue 10:00');
    await scheduler.stop();
  });

  it('refuses an unknown job or a pattern croner cannot read, and keeps the old timer running', async () => {
    const { scheduler } = weekly();
    await scheduler.start();
    await expect(scheduler.reschedule('nobody', '0 9 * * 1')).rejects.toThrow(/no job named nobody/);
    await expect(scheduler.reschedule('nudge', '61 9 * * 1')).rejects.toThrow();
    expect(scheduler.running()).toBe(true);
    expect(nextLocal(scheduler.nextRun('nudge'))).toBe('Wed 12:00');
    await scheduler.stop();
  });

  it('never runs again a run already claimed this week when moved earlier', async () => {
    const { store, scheduler, runs } = weekly();
    await store.claimJobRun('nudge', '2026-11-25T12:00:00.000Z');
    await scheduler.start();
    await scheduler.reschedule('nudge', '0 11 * * 3');
    await scheduler.reschedule('nudge', '0 10 * * 2');
    await scheduler.idle();
    await scheduler.stop();
    expect(runs).toEqual([]);
    expect(await store.lastJobRun('nudge')).toBe('2026-11-25T12:00:00.000Z');
  });

  it('catches up once a time the move has already passed this week, and not again after a restart', async () => {
    const store = createMemoryStore();
    await store.claimJobRun('nudge', '2026-11-18T12:00:00.000Z');
    let now = new Date('2026-11-25T11:00:00Z');
    const { scheduler, runs } = weekly(store, () => now);
    await scheduler.start();
    await scheduler.idle();
    expect(runs).toEqual([]);
    // Moved from Wednesday 12:00 (still to come) to Tuesday 10:00 (passed): this week's run goes now, once.
    await scheduler.reschedule('nudge', '0 10 * * 2');
    await scheduler.idle();
    expect(runs).toEqual(['nudge']);
    expect(await store.lastJobRun('nudge')).toBe('2026-11-24T10:00:00.000Z');
    now = new Date('2026-11-25T11:30:00Z');
    await scheduler.reschedule('nudge', '0 9 * * 2');
    await scheduler.idle();
    await scheduler.stop();
    expect(runs).toEqual(['nudge']);

    const restarted = weekly(store, () => now);
    await restarted.scheduler.reschedule('nudge', '0 10 * * 2');
    await restarted.scheduler.start();
    await restarted.scheduler.idle();
    await restarted.scheduler.stop();
    expect(restarted.runs).toEqual([]);
  });
});
