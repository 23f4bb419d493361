// The Store contract for retention purges: part of describeStoreContract. The cutoff is 1 January 2025, as
// a London purge on any day of January 2027 with RETENTION_MONTHS=24 makes it (midnight is 00:00 UTC then).
import { describe, expect, it } from '@jest/globals';
import type { RetentionCutoff } from '../../src/domain/retention.js';
import type { Store } from '../../src/store/store.js';
import {
  sampleAction,
  sampleAudit,
  sampleBroadcast,
  sampleCycle,
  sampleDelivery,
  sampleMeasureAnswer,
  samplePulse,
} from './samples.js';

const CUTOFF: RetentionCutoff = { day: '2025-01-01', at: '2025-01-01T00:00:00.000Z' };
const WARD = '19:ward-7@thread.tacv2';
const BEFORE = '2024-12-31T23:59:59.999Z';
const AFTER = '2025-01-01T00:00:00.000Z';

/** A cycle opening on a local day, with one pulse and one measure answer for Ward 7. */
async function weekOf(store: Store, id: string, openingDay: string) {
  await store.createCycle(sampleCycle({ id, openingDay, opensAt: `${openingDay}T09:00:00.000Z` }));
  await store.savePulse(id, samplePulse({ answeredAt: `${openingDay}T10:00:00.000Z` }));
  const answer = sampleMeasureAnswer({ cycleId: id, openingDay, measureId: `m-${id}` });
  await store.saveMeasureAnswers(id, WARD, [answer]);
  return answer;
}

const finished = (id: string, updatedAt: string, batchId = 'broadcast:old') =>
  sampleDelivery(id, '2024-06-01T09:00:00.000Z', { batchId, state: 'delivered', updatedAt });

export function describeRetentionContract(current: () => Store): void {
  describe('retention purge', () => {
    it('purges the weeks of check-ins that opened before the cutoff, and the latest answers they held', async () => {
      const store = current();
      await weekOf(store, '2024-W52', '2024-12-23');
      const kept = await weekOf(store, '2025-W01', '2025-01-01');
      const counts = await store.purgeBefore(CUTOFF);
      expect(counts).toMatchObject({ cycles: 1, latestAnswers: 1 });
      expect(await store.cycle('2024-W52')).toBeUndefined();
      expect(await store.unitCheckins('2024-W52', WARD)).toEqual({ pulses: {}, measures: {}, copies: [] });
      expect(await store.cycle('2025-W01')).toMatchObject({ id: '2025-W01' });
      expect(Object.keys((await store.unitCheckins('2025-W01', WARD)).pulses)).toEqual(['aad-ada']);
      expect(await store.latestMeasureAnswers(WARD)).toEqual({ [kept.measureId]: kept });
      expect((await store.latestCycle())?.id).toBe('2025-W01');
    });

    it('judges a week by the day its cycle opened, not its Monday', async () => {
      const store = current();
      // Monday 30 December 2024 was a working day for this test's purposes only if the cycle says so.
      await weekOf(store, '2025-W01', '2025-01-02');
      await weekOf(store, '2024-W51', '2024-12-17');
      expect(await store.purgeBefore(CUTOFF)).toMatchObject({ cycles: 1 });
      expect(await store.cycle('2025-W01')).toBeDefined();
      expect(await store.cycle('2024-W51')).toBeUndefined();
    });

    it('lets a purged week be written again afresh', async () => {
      const store = current();
      await weekOf(store, '2024-W52', '2024-12-23');
      await store.purgeBefore(CUTOFF);
      expect(await store.createCycle(sampleCycle({ id: '2024-W52', openingDay: '2024-12-23' }))).toBe(true);
      await store.savePulse('2024-W52', samplePulse({ aadObjectId: 'aad-grace' }));
      expect(Object.keys((await store.unitCheckins('2024-W52', WARD)).pulses)).toEqual(['aad-grace']);
    });

    it('purges months of actions that ended by the cutoff, and soft-deleted actions deleted before it', async () => {
      const store = current();
      const december = sampleAction({ id: '2024-12-a1', createdAt: '2024-12-31T23:00:00.000Z' });
      const live = sampleAction({ id: '2025-01-a1', createdAt: '2025-01-02T09:00:00.000Z' });
      const goneLongAgo = sampleAction({ id: '2025-01-a2', deletedAt: BEFORE });
      const goneLately = sampleAction({ id: '2025-01-a3', deletedAt: AFTER });
      for (const action of [december, live, goneLongAgo, goneLately]) await store.saveAction(action);
      expect(await store.purgeBefore(CUTOFF)).toMatchObject({ actionMonths: 1, deletedActions: 1 });
      expect(await store.actionMonths()).toEqual(['2025-01']);
      expect(await store.action('2024-12-a1')).toBeUndefined();
      expect(await store.monthActions('2025-01')).toEqual(
        [live, goneLately].sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1)),
      );
    });

    it('purges broadcasts that finished before the cutoff with their responses, and keeps the rest', async () => {
      const store = current();
      const old = sampleBroadcast({
        id: 'old',
        state: 'sent',
        createdAt: '2024-06-01T09:00:00.000Z',
        sentAt: BEFORE,
      });
      const cancelled = sampleBroadcast({
        id: 'cancelled',
        state: 'cancelled',
        createdAt: '2024-06-01T09:00:00.000Z',
        cancelledAt: BEFORE,
      });
      const recent = sampleBroadcast({ id: 'recent', state: 'sent', sentAt: AFTER });
      const scheduled = sampleBroadcast({
        id: 'scheduled',
        state: 'scheduled',
        createdAt: '2024-06-01T09:00:00.000Z',
        scheduledFor: '2027-01-01T09:00:00.000Z',
        sentAt: undefined,
      });
      for (const broadcast of [old, cancelled, recent, scheduled]) await store.saveBroadcast(broadcast);
      await store.acknowledge('old', 'aad-ada', BEFORE);
      await store.recordRead('recent', 'aad-ada', AFTER);
      expect(await store.purgeBefore(CUTOFF)).toMatchObject({ broadcasts: 2 });
      expect((await store.broadcasts()).map((b) => b.id).sort()).toEqual(['recent', 'scheduled']);
      expect(await store.broadcast('old')).toBeUndefined();
      expect(await store.acknowledgedBy('old')).toEqual([]);
      expect(await store.readBy('recent')).toEqual(['aad-ada']);
    });

    it('purges delivery batches whose every delivery ended before the cutoff', async () => {
      const store = current();
      await store.enqueueDeliveries([finished('a', BEFORE), finished('b', BEFORE)]);
      await store.enqueueDeliveries([finished('c', BEFORE, 'late'), finished('d', AFTER, 'late')]);
      const waiting = sampleDelivery('e', '2024-06-01T09:00:00.000Z', { batchId: 'waiting' });
      await store.enqueueDeliveries([waiting]);
      expect(await store.purgeBefore(CUTOFF)).toMatchObject({ deliveryBatches: 1 });
      expect(await store.batchDeliveries('broadcast:old')).toEqual([]);
      expect((await store.batchDeliveries('late')).map((d) => d.id)).toEqual(['c', 'd']);
      expect(await store.batchDeliveries('waiting')).toEqual([waiting]);
      expect(await store.dueDeliveries('2027-01-01T00:00:00.000Z', 10)).toEqual([waiting]);
    });

    it('purges the months of the audit log that ended by the cutoff, and only those', async () => {
      const store = current();
      await store.appendAudit(sampleAudit('november', '2024-11-15T09:00:00.000Z'));
      await store.appendAudit(sampleAudit('december', '2024-12-31T23:59:59.999Z'));
      await store.appendAudit(sampleAudit('january', '2025-01-01T00:00:00.000Z'));
      expect(await store.purgeBefore(CUTOFF)).toMatchObject({ auditMonths: 2 });
      expect((await store.auditEntries({ limit: 10 })).map((e) => e.id)).toEqual(['january']);
      // An id is unique per month only: a purged month takes it again.
      await store.appendAudit(sampleAudit('december', '2024-12-01T09:00:00.000Z'));
      expect((await store.auditEntries({ limit: 10 })).map((e) => e.id)).toEqual(['january', 'december']);
    });

    it('finds nothing more to purge the second time, and nothing at all in an empty store', async () => {
      const store = current();
      const none = {
        cycles: 0,
        latestAnswers: 0,
        actionMonths: 0,
        deletedActions: 0,
        broadcasts: 0,
        deliveryBatches: 0,
        auditMonths: 0,
        backups: 0,
      };
      expect(await store.purgeBefore(CUTOFF)).toEqual(none);
      await weekOf(store, '2024-W52', '2024-12-23');
      await store.saveAction(sampleAction({ id: '2024-12-a1' }));
      await store.appendAudit(sampleAudit('old', '2024-12-01T09:00:00.000Z'));
      expect(await store.purgeBefore(CUTOFF)).not.toEqual(none);
      expect(await store.purgeBefore(CUTOFF)).toEqual(none);
    });
  });
}
