import { describe, expect, it } from '@jest/globals';
import { createRateGate } from '../../src/delivery/rate-gate.js';

const busiestSecond = (times: number[]) =>
  Math.max(...times.map((start) => times.filter((t) => t >= start && t < start + 1_000).length));

describe('rate gate', () => {
  it('lets at most the rate start in any rolling second, even while the process is busy', async () => {
    const gate = createRateGate(20);
    const starts: number[] = [];
    const busy = setInterval(() => {
      const until = performance.now() + 30;
      while (performance.now() < until);
    }, 40);
    await Promise.all(
      Array.from({ length: 50 }, () => gate.run(async () => void starts.push(performance.now()))),
    );
    clearInterval(busy);
    expect(starts).toHaveLength(50);
    expect(busiestSecond(starts)).toBeLessThanOrEqual(20);
    expect(starts.at(-1)! - starts[0]!).toBeGreaterThanOrEqual(2_000);
  });

  it('holds every request while paused', async () => {
    const gate = createRateGate(100);
    const started = performance.now();
    gate.pause(300);
    expect(gate.isPaused()).toBe(true);
    let ranAt = 0;
    await gate.run(async () => void (ranAt = performance.now()));
    expect(ranAt - started).toBeGreaterThanOrEqual(295);
  });
});
