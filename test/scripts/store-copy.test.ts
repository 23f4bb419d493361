// The copy between stores behind `npm run migrate:lowdb-to-postgres`, between in-memory stores: every kind of
// record arrives, a second copy changes nothing, the tally tells stores apart, and a failing save stops the copy.
import { describe, expect, it } from '@jest/globals';
import { copyStore, partsOf, tally, type Part } from '../../scripts/store-copy.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/store.js';
import { sampleSettings } from '../store/contract-settings.js';
import {
  sampleAction,
  sampleAudit,
  sampleBroadcast,
  sampleConversation,
  sampleCycle,
  sampleDelivery,
  sampleMeasureAnswer,
  samplePerson,
  samplePulse,
  sampleTeam,
  sampleUnit,
} from '../store/samples.js';

const WARD = '19:ward-7@thread.tacv2';
const T0 = '2026-11-23T09:00:00.000Z';

/** One or more of every kind of record a store keeps. */
async function filled(): Promise<Store> {
  const store = createMemoryStore();
  await store.savePerson(samplePerson());
  await store.saveConversation(sampleConversation());
  await store.saveTeam(sampleTeam());
  await store.saveUnit(sampleUnit());
  await store.saveRoles('aad-ada', { admin: true, lead: false, managerOf: [] });
  await store.saveSettings(sampleSettings());
  await store.claimJobRun('retention', '2026-11-24T03:00:00.000Z');
  for (let index = 0; index < 1_203; index++)
    await store.appendAudit(sampleAudit(`a${index}`, new Date(Date.parse(T0) + index * 1_000).toISOString()));
  await store.createCycle(sampleCycle({ id: '2026-W47' }));
  await store.createCycle(sampleCycle({ closedAt: '2026-11-29T23:59:00.000Z' }));
  await store.savePulse('2026-W48', samplePulse());
  await store.saveMeasureAnswers('2026-W48', WARD, [sampleMeasureAnswer()]);
  // Answered late in the older cycle: the latest answer, though the newer cycle holds one.
  await store.saveMeasureAnswers('2026-W47', WARD, [
    sampleMeasureAnswer({ cycleId: '2026-W47', version: 2 }),
  ]);
  for (const activityId of ['act-2', 'act-1'])
    await store.addCardCopy('2026-W48', WARD, {
      aadObjectId: 'aad-ada',
      card: 'pulse',
      conversationId: 'a:personal-ada',
      activityId,
    });
  await store.saveAction(sampleAction());
  await store.saveBroadcast(sampleBroadcast());
  await store.acknowledge('b1', 'aad-ada', '2026-11-23T10:00:00.000Z');
  await store.recordRead('b1', 'aad-ada', '2026-11-23T09:30:00.000Z');
  await store.enqueueDeliveries([sampleDelivery('d1', T0), sampleDelivery('d2', T0)]);
  await store.updateDeliveries([sampleDelivery('d1', T0, { state: 'delivered', attempts: 1 })]);
  return store;
}

async function partsIn(store: Store): Promise<Part[]> {
  const parts: Part[] = [];
  for await (const part of partsOf(store)) parts.push(part);
  return parts;
}

describe('copying a store', () => {
  it('copies every record, in order, and a second copy changes nothing', async () => {
    const from = await filled();
    const to = createMemoryStore();
    await copyStore(from, to);
    expect(await partsIn(to)).toEqual(await partsIn(from));
    const counts = await tally(to);
    expect(counts).toEqual(await tally(from));
    for (const [table, { count }] of Object.entries(counts))
      expect([table, count > 0]).toEqual([table, true]);
    expect(counts.audit.count).toBe(1_203);
    expect((await to.latestMeasureAnswers(WARD))['p1-partner-seats']?.cycleId).toBe('2026-W47');
    expect((await to.unitCheckins('2026-W48', WARD)).copies.map((copy) => copy.activityId)).toEqual([
      'act-2',
      'act-1',
    ]);
    await copyStore(from, to);
    expect(await tally(to)).toEqual(counts);
  });

  it('brings a copy up to date: a cycle closed and a delivery sent since the first copy', async () => {
    const from = await filled();
    const to = createMemoryStore();
    await copyStore(from, to);
    await from.saveCycle(sampleCycle({ id: '2026-W47', closedAt: '2026-11-22T23:59:00.000Z' }));
    await from.updateDeliveries([sampleDelivery('d2', T0, { state: 'failed', attempts: 3 })]);
    expect((await tally(to)).cycles).not.toEqual((await tally(from)).cycles);
    await copyStore(from, to);
    expect(await tally(to)).toEqual(await tally(from));
    expect((await to.batchDeliveries('broadcast-1')).map((delivery) => delivery.state)).toEqual([
      'delivered',
      'failed',
    ]);
  });

  it('stops at a save that fails, with nothing left writing', async () => {
    const from = await filled();
    const target = createMemoryStore();
    let writing = 0;
    let failures = 0;
    const to: Store = {
      ...target,
      addCardCopy: async (...args) => {
        writing++;
        try {
          await new Promise((resolve) => setTimeout(resolve, 5));
          failures++;
          if (failures === 1) throw new Error('database went away');
          return await target.addCardCopy(...args);
        } finally {
          writing--;
        }
      },
    };
    await expect(copyStore(from, to)).rejects.toThrow('database went away');
    expect(writing).toBe(0);
    // Nothing after the failing part was saved.
    expect(await target.broadcasts()).toEqual([]);
  });
});
