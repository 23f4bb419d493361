import { describe, expect, it } from '@jest/globals';
import { createKeyedLock } from '../../src/services/keyed-lock.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('keyed lock', () => {
  it('runs work for one key in arrival order, other keys alongside, and survives a failure', async () => {
    const withLock = createKeyedLock();
    const events: string[] = [];
    const job = (key: string, name: string, fail = false) =>
      withLock(key, async () => {
        events.push(`${name} start`);
        await tick();
        events.push(`${name} end`);
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([job('a', 'a1', true), job('a', 'a2'), job('b', 'b1')]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(events.indexOf('a2 start')).toBeGreaterThan(events.indexOf('a1 end'));
    expect(events.indexOf('b1 start')).toBeLessThan(events.indexOf('a1 end'));
  });
});
