import { describe, expect, it } from '@jest/globals';
import { createLogger } from '../../src/log.js';
import { embeddedLeadership, followLeadership, type Leadership } from '../../src/scheduler/leadership.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { createMemoryStore } from '../../src/store/memory-store.js';

const log = createLogger('silent');
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/** A leadership the test hands out and takes back. */
function handLeadership(): Leadership & { set(leading: boolean): void } {
  const listeners: ((leading: boolean) => void)[] = [];
  let leading = false;
  return {
    acquire: async () => {},
    isLeader: () => leading,
    onChange: (listener) => void listeners.push(listener),
    close: async () => {},
    set(now) {
      leading = now;
      for (const listener of listeners) listener(now);
    },
  };
}

/** A scheduler that records its starts and stops, each taking a little while, as the real one's do. */
function recordingScheduler(failStarts = 0) {
  const calls: string[] = [];
  let failures = failStarts;
  return {
    calls,
    start: async () => {
      calls.push('start');
      await tick();
      if (failures-- > 0) throw new Error('database unreachable');
    },
    stop: async () => {
      calls.push('stop');
      await tick();
    },
  };
}

describe('embedded leadership', () => {
  it('leads from acquire until close, and says so once', async () => {
    const leadership = embeddedLeadership();
    const changes: boolean[] = [];
    leadership.onChange((leading) => void changes.push(leading));
    expect(leadership.isLeader()).toBe(false);
    await leadership.acquire();
    await leadership.acquire();
    expect(leadership.isLeader()).toBe(true);
    await leadership.close();
    expect(leadership.isLeader()).toBe(false);
    await leadership.acquire();
    expect(leadership.isLeader()).toBe(false);
    expect(changes).toEqual([true]);
  });
});

describe('following leadership', () => {
  it('runs the real scheduler only while leading, and again after leading again', async () => {
    const leadership = handLeadership();
    const scheduler = createScheduler({ claims: createMemoryStore(), timeZone: 'Europe/London', log });
    scheduler.add({ name: 'daily', schedule: '0 3 * * *', run: async () => {} });
    const terms = followLeadership(leadership, scheduler, log);
    expect(scheduler.running()).toBe(false);
    leadership.set(true);
    await tick();
    expect(scheduler.running()).toBe(true);
    leadership.set(false);
    await tick();
    expect(scheduler.running()).toBe(false);
    leadership.set(true);
    await tick();
    expect(scheduler.running()).toBe(true);
    await terms.stop();
    expect(scheduler.running()).toBe(false);
  });

  it('starts at once when leading already, and takes quick changes in order, never starting twice', async () => {
    const leadership = handLeadership();
    leadership.set(true);
    const scheduler = recordingScheduler();
    const terms = followLeadership(leadership, scheduler, log);
    leadership.set(false);
    leadership.set(true);
    leadership.set(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(scheduler.calls).toEqual(['start', 'stop', 'start']);
    // Changes undone before their turn comes are not acted on: leadership is read when the turn comes.
    leadership.set(false);
    leadership.set(true);
    leadership.set(false);
    await terms.stop();
    expect(scheduler.calls).toEqual(['start', 'stop', 'start', 'stop']);
  });

  it('tries a failed start again while leading, and no more once it stops leading', async () => {
    const leadership = handLeadership();
    const scheduler = recordingScheduler(2);
    const terms = followLeadership(leadership, scheduler, log, 20);
    leadership.set(true);
    await new Promise((resolve) => setTimeout(resolve, 150));
    // Each failed start is undone with a stop; the third start holds.
    expect(scheduler.calls).toEqual(['start', 'stop', 'start', 'stop', 'start']);
    leadership.set(false);
    await tick();
    expect(scheduler.calls.at(-1)).toBe('stop');

    const failing = recordingScheduler(100);
    const lost = handLeadership();
    followLeadership(lost, failing, log, 20);
    lost.set(true);
    await tick();
    lost.set(false);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(failing.calls).toEqual(['start', 'stop']);
    await terms.stop();
  });

  it('follows no more once stopped', async () => {
    const leadership = handLeadership();
    const scheduler = recordingScheduler();
    const terms = followLeadership(leadership, scheduler, log);
    leadership.set(true);
    await tick();
    await terms.stop();
    leadership.set(false);
    leadership.set(true);
    await tick();
    expect(scheduler.calls).toEqual(['start', 'stop']);
  });
});
