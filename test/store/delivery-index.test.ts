// The in-memory delivery index against a plain model (sort everything on every question), over random saves
// both small (each placed by binary search) and large (one re-sort), so both ways of keeping order are checked.
import { describe, expect, it } from '@jest/globals';
import { batchProgress, isFinal, type Delivery, type DeliveryState } from '../../src/domain/delivery.js';
import { DeliveryIndex } from '../../src/store/delivery-index.js';
import { dueOrder } from '../../src/store/ordering.js';
import { sampleDelivery } from './samples.js';

const states: DeliveryState[] = [
  'pending',
  'pending',
  'pending',
  'sending',
  'delivered',
  'failed',
  'cancelled',
];
const base = Date.parse('2025-03-03T09:00:00.000Z');

/** A small deterministic random source (mulberry32), so a failure can be replayed. */
function randomSource(seed: number): (below: number) => number {
  let state = seed;
  return (below) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * below);
  };
}

function randomDelivery(random: (below: number) => number): Delivery {
  const notBefore = new Date(base + random(20) * 1_000).toISOString();
  const failures = [undefined, { status: 502 }, { status: 403, code: 'MessageWritesBlocked' }];
  const failure = failures[random(failures.length)];
  return sampleDelivery(`d${random(60)}`, notBefore, {
    batchId: `batch-${random(3)}`,
    state: states[random(states.length)]!,
    possiblyDuplicated: random(4) === 0,
    ...(failure ? { failure } : {}),
  });
}

describe('DeliveryIndex', () => {
  it.each([1, 2, 3, 4, 5])('answers as a full sort would, over random saves (seed %i)', (seed) => {
    const random = randomSource(seed);
    const index = new DeliveryIndex();
    const model = new Map<string, Delivery>();
    for (let round = 0; round < 200; round++) {
      const size = random(4) === 0 ? 40 + random(40) : 1 + random(5);
      const records = Array.from({ length: size }, () => randomDelivery(random));
      index.put(records);
      for (const record of records) model.set(`${record.batchId} ${record.id}`, record);

      const all = [...model.values()];
      const pending = all.filter((d) => d.state === 'pending').sort(dueOrder);
      const now = new Date(base + random(22) * 1_000).toISOString();
      const limit = random(30);
      expect(index.due(now, limit)).toEqual(pending.filter((d) => d.notBefore <= now).slice(0, limit));
      expect(index.next()).toBe(pending[0]?.notBefore);
      expect(index.interrupted()).toEqual(all.filter((d) => d.state === 'sending').sort(dueOrder));
      for (const batchId of ['batch-0', 'batch-1', 'batch-2']) {
        const batch = all.filter((d) => d.batchId === batchId);
        expect(index.finished(batchId)).toBe(batch.every((d) => isFinal(d.state)));
        expect(index.progress(batchId)).toEqual(batch.length > 0 ? batchProgress(batch) : undefined);
      }
    }
  });

  it("counts a batch's progress afresh when its records are replaced, and forgets it with the batch", () => {
    const index = new DeliveryIndex();
    const at = '2025-03-03T09:00:00.000Z';
    index.put([sampleDelivery('a', at), sampleDelivery('b', at, { state: 'sending' })]);
    const erased = [sampleDelivery('x', at, { state: 'failed', failure: { status: 502 } })];
    index.replace('broadcast-1', erased);
    expect(index.progress('broadcast-1')).toEqual(batchProgress(erased));
    index.drop('broadcast-1');
    expect(index.progress('broadcast-1')).toBeUndefined();
  });

  it('forgets a finished batch, and refuses to forget one with unfinished items', () => {
    const index = new DeliveryIndex();
    index.put([sampleDelivery('a', '2025-03-03T09:00:00.000Z', { state: 'delivered' })]);
    index.put([sampleDelivery('b', '2025-03-03T09:00:00.000Z', { batchId: 'other' })]);
    index.drop('broadcast-1');
    expect(index.holds('broadcast-1')).toBe(false);
    expect(() => index.drop('other')).toThrow(/unfinished/);
    expect(index.due('2025-03-03T09:00:00.000Z', 10)).toHaveLength(1);
  });
});
