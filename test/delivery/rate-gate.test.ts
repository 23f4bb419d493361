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

describe('rate gate: slow answers', () => {
  it('counts a request until a second after its answer, so late requests cannot bunch up at Teams', async () => {
    const gate = createRateGate(1);
    const started = performance.now();
    const slow = gate.run(() => new Promise<void>((resolve) => setTimeout(resolve, 400)));
    let nextAt = 0;
    await gate.run(async () => void (nextAt = performance.now()));
    await slow;
    // Answered at about 400 ms, so its slot frees at about 1,420 ms, not a second after it was let go.
    expect(nextAt - started).toBeGreaterThanOrEqual(1_400);
  });
});
