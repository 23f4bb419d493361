// The retention purge through the services: the cutoff from the clock, RETENTION_MONTHS and the zone; what
// it removed, audited by the app itself with counts only; and the daily job that runs it.
import { describe, expect, it } from '@jest/globals';
import { retentionJob, RETENTION_PURGE } from '../../src/scheduler/retention-jobs.js';
import { createServices } from '../../src/services/index.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { checkinOptions } from '../support/checkin-options.js';
import { sampleAction, sampleCycle } from '../store/samples.js';

function purging(now: string, retentionMonths?: number) {
  const store = createMemoryStore();
  const services = createServices({
    ...checkinOptions,
    store,
    clock: () => new Date(now),
    newId: () => 'id-1',
    bootstrapAdmins: [],
    allowedTenantIds: [],
    ...(retentionMonths ? { retentionMonths } : {}),
  });
  return { store, retention: services.retention };
}

describe('retention purge', () => {
  it('keeps 24 whole months before this one by default, and audits what went, as the app itself', async () => {
    const { store, retention } = purging('2026-11-23T10:00:00Z');
    await store.createCycle(sampleCycle({ id: '2024-W43', openingDay: '2024-10-21' }));
    await store.createCycle(sampleCycle({ id: '2024-W45', openingDay: '2024-11-04' }));
    await store.saveAction(sampleAction({ id: '2024-10-a1' }));
    await store.saveAction(sampleAction({ id: '2024-11-a1' }));
    expect(await retention.purge()).toMatchObject({ cycles: 1, actionMonths: 1 });
    expect(await store.cycle('2024-W43')).toBeUndefined();
    expect(await store.cycle('2024-W45')).toBeDefined();
    expect(await store.actionMonths()).toEqual(['2024-11']);
    expect(await store.auditEntries({ limit: 10 })).toEqual([
      {
        id: 'id-1',
        at: '2026-11-23T10:00:00.000Z',
        actor: 'system',
        action: 'retention.purge',
        targets: [
          'cycles:1',
          'latestAnswers:0',
          'actionMonths:1',
          'deletedActions:0',
          'broadcasts:0',
          'deliveryBatches:0',
          'auditMonths:0',
          'keptFrom:2024-11-01',
        ],
        outcome: 'done',
      },
    ]);
  });

  it('follows RETENTION_MONTHS', async () => {
    const { store, retention } = purging('2026-11-23T10:00:00Z', 12);
    await store.createCycle(sampleCycle({ id: '2025-W44', openingDay: '2025-10-27' }));
    await store.createCycle(sampleCycle({ id: '2025-W45', openingDay: '2025-11-03' }));
    expect(await retention.purge()).toMatchObject({ cycles: 1 });
    expect((await store.latestCycle())?.id).toBe('2025-W45');
    expect((await store.auditEntries({ limit: 1 }))[0]!.targets).toContain('keptFrom:2025-11-01');
  });

  it('keeps the purge’s own audit entry when it purges the audit log', async () => {
    const { store, retention } = purging('2026-11-23T10:00:00Z');
    await store.appendAudit({
      id: 'old',
      at: '2024-09-01T09:00:00.000Z',
      actor: 'system',
      action: 'unit.track',
      targets: [],
      outcome: 'done',
    });
    expect(await retention.purge()).toMatchObject({ auditMonths: 1 });
    expect((await store.auditEntries({ limit: 10 })).map((entry) => entry.action)).toEqual([
      'retention.purge',
    ]);
  });
});

describe('the daily job', () => {
  it('runs the purge at 03:30 every day, claimed like the other jobs', async () => {
    let runs = 0;
    const job = retentionJob({ purge: async () => void runs++ });
    expect(job).toMatchObject({ name: 'retention-purge', schedule: RETENTION_PURGE });
    expect(RETENTION_PURGE).toBe('30 3 * * *');
    expect(job.claimed).toBeUndefined();
    await job.run();
    expect(runs).toBe(1);
  });
});
