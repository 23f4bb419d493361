// Claims and the send rate shared by instances, against a real PostgreSQL: two stores on one schema stand for
// two instances (a pool each). Beyond the contract: claims racing from two pools never take one item twice,
// a claim holds no row lock once it has returned, leases outlive the instance that took them, and the send
// slots let no more than the rate of requests count at once across every instance.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { createSharedRateGate } from '../../src/delivery/shared-rate-gate.js';
import { openPostgresStore } from '../../src/store/postgres-store.js';
import { createPostgresSendSlots, type PostgresSendSlots } from '../../src/store/postgres/rate.js';
import type { Store } from '../../src/store/store.js';
import { dropSchema, freshSchemaName, postgresForTests, TEST_DATABASE_URL } from './postgres-test-db.js';
import { sampleDelivery } from './samples.js';

const T0 = '2025-03-03T09:00:00.000Z';
const LEASE = 60_000;

/** The most entries in any window of `windowMs` (start times, ascending). */
const busiest = (times: readonly number[], windowMs: number) => {
  let most = 0;
  for (let start = 0, end = 0; end < times.length; end++) {
    while (times[start]! <= times[end]! - windowMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
};

if (await postgresForTests('postgres claims and send rate')) {
  describe('postgres claims and send rate', () => {
    let schema: string;
    const closing: { close(): Promise<void> }[] = [];
    const store = async (): Promise<Store> => {
      const opened = await openPostgresStore({ connectionString: TEST_DATABASE_URL, schema });
      closing.push(opened);
      return opened;
    };
    const slots = (holdMs = 5_000, windowMs = 1_020): PostgresSendSlots => {
      const opened = createPostgresSendSlots({
        connectionString: TEST_DATABASE_URL,
        schema,
        holdMs,
        windowMs,
      });
      closing.push(opened);
      return opened;
    };

    beforeEach(async () => {
      schema = freshSchemaName();
    });
    /** The schema as an instance's start-up leaves it: migrated by the store it opens first. */
    const migrated = async () => void (await store());
    afterEach(async () => {
      for (const one of closing.splice(0)) await one.close();
      await dropSchema(schema);
    });

    it('never gives one item to two instances claiming at the same moment', async () => {
      const [one, two] = [await store(), await store()];
      const all = Array.from({ length: 300 }, (_, i) => sampleDelivery(`d${String(i).padStart(3, '0')}`, T0));
      await one.enqueueDeliveries(all);
      const claimAll = async (instance: Store, owner: string) => {
        const taken: string[] = [];
        for (;;) {
          const { items } = await instance.claimDeliveries({ owner, now: T0, limit: 7, leaseMs: LEASE });
          if (items.length === 0) return taken;
          taken.push(...items.map((item) => item.id));
        }
      };
      const [byOne, byTwo] = await Promise.all([claimAll(one, 'one'), claimAll(two, 'two')]);
      expect([...byOne, ...byTwo].sort()).toEqual(all.map((item) => item.id));
      expect(byOne.length).toBeGreaterThan(0);
      expect(byTwo.length).toBeGreaterThan(0);
    });

    it('holds no row lock once a claim has returned, and its lease outlives the instance that took it', async () => {
      const one = await store();
      await one.enqueueDeliveries([sampleDelivery('a', T0), sampleDelivery('b', T0)]);
      await one.claimDeliveries({ owner: 'one', now: T0, limit: 1, leaseMs: LEASE });
      const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await admin.connect();
      try {
        // NOWAIT fails at once on a row another transaction has locked.
        const locked = await admin.query(`SELECT delivery_id FROM "${schema}".deliveries FOR UPDATE NOWAIT`);
        expect(locked.rowCount).toBe(2);
      } finally {
        await admin.end();
      }
      await one.close();
      const two = await store();
      const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();
      const claim = (now: string) => two.claimDeliveries({ owner: 'two', now, limit: 5, leaseMs: LEASE });
      expect((await claim(at(1_000))).items.map((item) => item.id)).toEqual(['b']);
      expect(await claim(at(LEASE - 1))).toEqual({ items: [], reclaimed: 0 });
      expect(await claim(at(LEASE))).toMatchObject({ items: [{ id: 'a', attempts: 2 }], reclaimed: 1 });
    });

    const onePlace = { slots: [expect.any(String)] };
    const slotsOf = (taken: { slots: string[] } | { waitMs: number }) =>
      'slots' in taken ? taken.slots : [];

    it('gives out at most the rate of places at once across instances; an answer frees its place a window later', async () => {
      await migrated();
      const [one, two] = [slots(5_000, 300), slots(5_000, 300)];
      const taken = [await one.take(3, 1), await two.take(3, 1), await one.take(3, 1)];
      expect(taken.every((got) => 'slots' in got && got.slots.length === 1)).toBe(true);
      const full = await two.take(3, 1);
      expect(full).toEqual({ waitMs: expect.any(Number) });
      expect((full as { waitMs: number }).waitMs).toBeLessThanOrEqual(300);
      // A higher rate asked for by an instance whose settings changed: one more place.
      expect(await two.take(4, 1)).toEqual(onePlace);
      await one.answered(slotsOf(taken[0]!));
      expect(await two.take(4, 1)).toEqual({ waitMs: expect.any(Number) });
      await sleep(320);
      expect(await two.take(4, 1)).toEqual(onePlace);
    });

    it('gives places for several requests in one call, never more than the rate leaves free', async () => {
      await migrated();
      const [first, second] = [slots(5_000, 300), slots(5_000, 300)];
      const three = slotsOf(await first.take(5, 3));
      expect(three).toHaveLength(3);
      expect(new Set(three).size).toBe(3);
      // Four wanted, two free.
      const two = slotsOf(await second.take(5, 4));
      expect(two).toHaveLength(2);
      expect(await first.take(5, 2)).toEqual({ waitMs: expect.any(Number) });
      // Answered together: all three free a window later, and only then.
      await first.answered(three);
      expect(await second.take(5, 1)).toEqual({ waitMs: expect.any(Number) });
      await sleep(320);
      expect(slotsOf(await second.take(5, 5))).toHaveLength(3);
    });

    it('frees a place never answered (its instance died) after the longest a request can take', async () => {
      await migrated();
      const lone = slots(400, 100);
      expect(await lone.take(1, 1)).toEqual(onePlace);
      expect(await lone.take(1, 1)).toEqual({ waitMs: expect.any(Number) });
      await sleep(420);
      expect(await lone.take(1, 1)).toEqual(onePlace);
    });

    it('pauses every instance when one is told to slow down', async () => {
      await migrated();
      const [first, second] = [slots(), slots()];
      await first.pause(400);
      const paused = await second.take(10, 5);
      expect((paused as { waitMs: number }).waitMs).toBeGreaterThan(300);
      // A shorter pause asked for meanwhile does not cut the longer one short.
      await first.pause(100);
      expect(await second.take(10, 5)).toEqual({ waitMs: expect.any(Number) });
      await sleep(420);
      expect(slotsOf(await second.take(10, 5))).toHaveLength(5);
    });

    it('lets two instances together start no more than the rate of requests in any rolling second', async () => {
      await migrated();
      const RATE = 8;
      const gates = [createSharedRateGate(slots(), RATE), createSharedRateGate(slots(), RATE)];
      const starts: number[] = [];
      const request = (i: number) =>
        gates[i % 2]!.run(async () => {
          starts.push(performance.now());
          await sleep(5);
        });
      const started = performance.now();
      await Promise.all(Array.from({ length: 3 * RATE + 2 }, (_, i) => request(i)));
      const took = performance.now() - started;
      const times = [...starts].sort((a, b) => a - b);
      console.log(
        `shared gate: ${times.length} requests at ${RATE}/s by two instances in ${Math.round(took)} ms`,
      );
      expect(busiest(times, 1_000)).toBeLessThanOrEqual(RATE);
      // Three full windows at least, and not much more: places free a window after each answer.
      expect(took).toBeGreaterThanOrEqual(3 * 1_000);
      expect(took).toBeLessThan(6 * 1_000);
    }, 20_000);
  });
}
