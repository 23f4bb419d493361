// `npm run migrate:lowdb-to-postgres`: the demo's seed plus a sample of every other kind of record, copied from
// a lowdb directory into a fresh PostgreSQL schema, read back through both stores record by record; a second
// run changes nothing; a running bot's directory is refused.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  migrateLowdbToPostgres,
  MigrationRefused,
  reportTable,
  type MigrationReport,
} from '../../scripts/migrate-lowdb-to-postgres.js';
import { seedDemo } from '../../scripts/seed-demo.js';
import { partsOf, TABLES, type Part, type Table } from '../../scripts/store-copy.js';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import { openPostgresStore } from '../../src/store/postgres-store.js';
import type { Store } from '../../src/store/store.js';
import { catalogue, checkinOptions, defaultCrons, holidays } from '../support/checkin-options.js';
import { sampleSettings } from '../store/contract-settings.js';
import {
  dropSchema,
  freshSchemaName,
  postgresForTests,
  TEST_DATABASE_URL,
} from '../store/postgres-test-db.js';
import { sampleAudit, sampleBroadcast, sampleDelivery, sampleMeasureAnswer } from '../store/samples.js';

const schema = freshSchemaName();
let root: string;
let dataDir: string;

/** Every kind of record the demo does not make: audit, broadcasts and responses, deliveries, runs, settings. */
async function addTheRest(store: Store): Promise<void> {
  const [ward] = (await store.units()).filter((unit) => unit.teamId !== undefined);
  const [cycle] = await store.cycles();
  const [person] = await store.people();
  await store.appendAudit(sampleAudit('audit-1', '2026-10-31T23:59:59.999Z'));
  for (let index = 0; index < 3; index++)
    await store.appendAudit(sampleAudit(`audit-${index + 2}`, `2026-11-0${index + 1}T09:00:00.000Z`));
  await store.saveBroadcast(sampleBroadcast());
  await store.saveBroadcast(
    sampleBroadcast({ id: 'b2', state: 'sent', createdAt: '2026-11-24T09:00:00.000Z' }),
  );
  await store.acknowledge('b1', person!.aadObjectId, '2026-11-23T10:00:00.000Z');
  await store.recordRead('b1', person!.aadObjectId, '2026-11-23T09:30:00.000Z');
  await store.recordRead('b2', 'aad-someone', '2026-11-24T09:30:00.000Z');
  // One batch still sending, one finished (in lowdb, compacted to its done file).
  await store.enqueueDeliveries([
    sampleDelivery('d1', '2026-11-23T09:00:00.000Z'),
    sampleDelivery('d2', '2026-11-23T09:00:00.000Z'),
    sampleDelivery('d3', '2026-11-24T09:00:00.000Z', { batchId: 'b2' }),
  ]);
  await store.updateDeliveries([
    sampleDelivery('d1', '2026-11-23T09:00:00.000Z', { state: 'delivered', attempts: 1 }),
    sampleDelivery('d3', '2026-11-24T09:00:00.000Z', { batchId: 'b2', state: 'delivered', attempts: 1 }),
  ]);
  await store.claimJobRun('retention', '2026-11-24T03:00:00.000Z');
  await store.claimJobRun('member-sync', '2026-11-24T02:00:00.000Z');
  await store.saveSettings(sampleSettings());
  await store.addCardCopy(cycle!.id, ward!.id, {
    aadObjectId: person!.aadObjectId,
    card: 'pulse',
    conversationId: 'a:personal-1',
    activityId: 'activity-1',
  });
  // An answer saved late to the oldest cycle is the unit's latest, though a newer cycle holds one too.
  const newest = (await store.cycles()).at(-1)!;
  const [answered] = Object.values((await store.unitCheckins(newest.id, ward!.id)).measures);
  await store.saveMeasureAnswers(cycle!.id, ward!.id, [
    sampleMeasureAnswer({
      measureId: answered!.measureId,
      value: answered!.value,
      unitId: ward!.id,
      cycleId: cycle!.id,
      openingDay: cycle!.openingDay,
      version: 9,
    }),
  ]);
}

async function allParts(open: () => Promise<Store>): Promise<Part[]> {
  const store = await open();
  try {
    const parts: Part[] = [];
    for await (const part of partsOf(store)) parts.push(part);
    return parts;
  } finally {
    await store.close();
  }
}
const lowdbParts = () => allParts(() => openLowdbStore({ dataDir }));
const postgresParts = () =>
  allParts(() => openPostgresStore({ connectionString: TEST_DATABASE_URL, schema }));
const counts = (report: MigrationReport, side: 'lowdb' | 'postgres') =>
  Object.fromEntries((Object.keys(TABLES) as Table[]).map((table) => [table, report[side][table].count]));

if (await postgresForTests('migrate lowdb to postgres')) {
  describe('migrate:lowdb-to-postgres', () => {
    beforeAll(async () => {
      root = await mkdtemp(join(tmpdir(), 'pp-migrate-'));
      dataDir = join(root, 'data');
      await seedDemo({
        dataDir,
        timeZone: checkinOptions.timeZone,
        crons: defaultCrons,
        catalogue,
        holidays,
      });
      const store = await openLowdbStore({ dataDir });
      try {
        await addTheRest(store);
      } finally {
        await store.close();
      }
    }, 60_000);
    afterAll(async () => {
      await rm(root, { recursive: true, force: true });
      await dropSchema(schema);
    });
    const migrate = () =>
      migrateLowdbToPostgres({ from: dataDir, connectionString: TEST_DATABASE_URL, schema });

    let first: MigrationReport;
    it('copies every record, and the counts and contents of every table match', async () => {
      first = await migrate();
      expect(first.differing).toEqual([]);
      // Every table holds something, so every table's copy was tried.
      for (const [table, count] of Object.entries(counts(first, 'lowdb')))
        expect([table, count > 0]).toEqual([table, true]);
      expect(counts(first, 'postgres')).toEqual(counts(first, 'lowdb'));
      expect(await postgresParts()).toEqual(await lowdbParts());
      expect(first.postgres.latestAnswers).toEqual(first.lowdb.latestAnswers);
    }, 60_000);

    it('changes nothing when run again', async () => {
      const before = await postgresParts();
      const second = await migrate();
      expect(second.differing).toEqual([]);
      expect(counts(second, 'postgres')).toEqual(counts(first, 'postgres'));
      expect(second.postgres).toEqual(first.postgres);
      expect(await postgresParts()).toEqual(before);
    }, 60_000);

    it('prints the counts as a table, a line per table', () => {
      const lines = reportTable(first).split('\n');
      expect(lines[0]).toMatch(/^table\s+lowdb\s+postgres\s+same$/);
      expect(lines).toHaveLength(Object.keys(TABLES).length + 1);
      expect(lines.find((line) => line.startsWith('measure answers'))).toMatch(
        new RegExp(`\\s${first.lowdb.measureAnswers.count}\\s+${first.lowdb.measureAnswers.count}\\s+yes$`),
      );
      expect(
        reportTable({ ...first, differing: ['acks'] })
          .split('\n')
          .find((line) => line.startsWith('acks')),
      ).toMatch(/NO$/);
    });

    it('refuses while the bot holds the data directory, and where there is no store', async () => {
      const running = await openLowdbStore({ dataDir });
      try {
        await expect(migrate()).rejects.toThrow(MigrationRefused);
        await expect(migrate()).rejects.toThrow('Stop it, then run this again');
      } finally {
        await running.close();
      }
      const empty = join(root, 'no-store');
      await expect(
        migrateLowdbToPostgres({ from: empty, connectionString: TEST_DATABASE_URL, schema }),
      ).rejects.toThrow('holds no embedded store');
    });

    it('runs from the command line, reading where to copy to from DATABASE_URL and DATABASE_SCHEMA', async () => {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', 'scripts/migrate-lowdb-to-postgres.ts', '--from', dataDir],
        {
          env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema },
        },
      );
      expect(stdout).toMatch(/^people\s+\d+\s+\d+\s+yes$/m);
      expect(stdout).toContain('Every table matches');
      const missing = promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', 'scripts/migrate-lowdb-to-postgres.ts'],
        { env: { ...process.env, NODE_OPTIONS: '' } },
      );
      await expect(missing).rejects.toMatchObject({ stderr: expect.stringContaining('--from ./data') });
    }, 60_000);
  });
}
