// The shared rate gate over fake send slots (the database's part is tested in test/store/postgres-claims.test.ts):
// it asks for places for every request waiting in one call, hands them out in the order requests came, reports
// answers together, and fails the waiting requests when the database cannot be reached.
import { describe, expect, it } from '@jest/globals';
import { batchLimit, createSharedRateGate, type SendSlots } from '../../src/delivery/shared-rate-gate.js';

/** Places numbered in order, at most `free` at once until answered; every call recorded. */
function fakeSlots(free = Number.POSITIVE_INFINITY) {
  const calls = { takes: [] as number[], answered: [] as string[][] };
  let next = 0;
  let held = 0;
  const slots: SendSlots = {
    async take(_rate, wanted) {
      calls.takes.push(wanted);
      const given = Math.min(wanted, free - held);
      if (given <= 0) return { waitMs: 1 };
      held += given;
      return { slots: Array.from({ length: given }, () => String(++next)) };
    },
    async answered(done) {
      calls.answered.push([...done]);
      held -= done.length;
    },
    async pause() {},
  };
  return { slots, calls };
}

describe('shared rate gate', () => {
  it('takes places for the requests waiting in one call, not one call each, and keeps their order', async () => {
    const { slots, calls } = fakeSlots();
    const gate = createSharedRateGate(slots, 200);
    const order: number[] = [];
    await Promise.all(Array.from({ length: 40 }, (_, i) => gate.run(async () => void order.push(i))));
    expect(order).toEqual(Array.from({ length: 40 }, (_, i) => i));
    // The first request asks alone; the 39 behind it are asked for together.
    expect(calls.takes).toEqual([1, 39]);
    expect(calls.answered.flat().sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: 40 }, (_, i) => String(i + 1)),
    );
    expect(calls.answered.length).toBeLessThan(40);
  });

  it('asks for no more than a share of the rate at once, and waits for places to free', async () => {
    const { slots, calls } = fakeSlots(8);
    const gate = createSharedRateGate(slots, 8);
    let running = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 30 }, () =>
        gate.run(async () => {
          most = Math.max(most, ++running);
          await new Promise((resolve) => setTimeout(resolve, 2));
          running--;
        }),
      ),
    );
    expect(batchLimit(8)).toBe(2);
    expect(Math.max(...calls.takes)).toBe(2);
    expect(most).toBeLessThanOrEqual(8);
  });

  it('fails every waiting request once the database has failed too often, and serves later ones', async () => {
    let broken = true;
    const { slots } = fakeSlots();
    const take = slots.take.bind(slots);
    slots.take = async (rate, wanted) => {
      if (broken) throw new Error('timeout exceeded when trying to connect');
      return take(rate, wanted);
    };
    const problems: Error[] = [];
    const gate = createSharedRateGate(slots, 10, {
      retryMs: 1,
      triesOnError: 3,
      onProblem: (error) => problems.push(error),
    });
    let sent = 0;
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () => gate.run(async () => void sent++)),
    );
    expect(results.every((result) => result.status === 'rejected')).toBe(true);
    expect(sent).toBe(0);
    expect(problems).toHaveLength(3);
    broken = false;
    await gate.run(async () => void sent++);
    expect(sent).toBe(1);
  });
});
