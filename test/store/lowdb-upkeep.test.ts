// Retention purges and erasures on disk: files are deleted for good (and every file left is one the store can
// read), a purged file is forgotten by the open store, an erasure leaves the person's id in no file but the
// audit log, and an erasure cut short by a stop is finished with its own pseudonym when the store next opens.
import { describe, expect, it } from '@jest/globals';
import { readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RetentionCutoff } from '../../src/domain/retention.js';
import { batchFileStem } from '../../src/store/batch-names.js';
import { checkDataDir } from '../../src/store/check-data-dir.js';
import type { Store } from '../../src/store/store.js';
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
} from './samples.js';
import { useCleanup } from './temp-dir.js';

const cleanup = useCleanup();
const CUTOFF: RetentionCutoff = { day: '2025-01-01', at: '2025-01-01T00:00:00.000Z' };
const WARD = '19:ward-7@thread.tacv2';
const SAM = '5d0c7a52-3b8e-4c55-9d2f-6a1e0b9c4f17';
const SAM_NAME = 'Samira Okonkwo-Baptiste';
const T = '2026-11-23T09:00:00.000Z';

const open = (dataDir: string) => cleanup.openStore(dataDir);

/** Every file under the directory, as [path, text]. */
async function filesOf(dir: string, prefix = ''): Promise<[string, string][]> {
  const found: [string, string][] = [];
  for (const entry of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const path = join(prefix, entry.name);
    if (entry.isDirectory()) found.push(...(await filesOf(dir, path)));
    else found.push([path, await readFile(join(dir, path), 'utf8')]);
  }
  return found;
}

const finished = (id: string, batchId: string, updatedAt: string) =>
  sampleDelivery(id, '2024-06-01T09:00:00.000Z', { batchId, state: 'delivered', updatedAt });

describe('lowdb store: retention purge', () => {
  it('deletes whole files and folders for good, and every file left is one the store reads', async () => {
    const dataDir = await cleanup.tempDir();
    const store = await open(dataDir);
    await store.createCycle(sampleCycle({ id: '2024-W52', openingDay: '2024-12-23' }));
    await store.savePulse('2024-W52', samplePulse());
    await store.saveMeasureAnswers('2024-W52', WARD, [
      sampleMeasureAnswer({ cycleId: '2024-W52', openingDay: '2024-12-23' }),
    ]);
    await store.createCycle(sampleCycle({ id: '2025-W02', openingDay: '2025-01-06' }));
    await store.saveAction(sampleAction({ id: '2024-12-a1' }));
    await store.saveAction(sampleAction({ id: '2025-01-a1', deletedAt: '2024-12-31T09:00:00.000Z' }));
    await store.saveAction(sampleAction({ id: '2025-01-a2' }));
    await store.saveBroadcast(
      sampleBroadcast({ id: 'old', state: 'sent', sentAt: '2024-12-01T09:00:00.000Z' }),
    );
    await store.acknowledge('old', SAM, '2024-12-01T10:00:00.000Z');
    await store.enqueueDeliveries([finished('a', 'broadcast:old', '2024-12-01T11:00:00.000Z')]);
    await store.appendAudit(sampleAudit('old', '2024-12-01T09:00:00.000Z'));
    await store.appendAudit(sampleAudit('new', '2025-01-02T09:00:00.000Z'));

    const counts = await store.purgeBefore(CUTOFF);
    expect(counts).toEqual({
      cycles: 1,
      latestAnswers: 1,
      actionMonths: 1,
      deletedActions: 1,
      broadcasts: 1,
      deliveryBatches: 1,
      auditMonths: 1,
      backups: 0,
    });
    const left = (await filesOf(dataDir)).map(([path]) => path).filter((path) => !path.endsWith('.lock'));
    expect(left.sort()).toEqual(
      [
        'audit/2025-01.json',
        'actions/2025-01.json',
        'checkins/2025-W02/cycle.json',
        `checkins/latest/${batchFileStem(WARD)}.json`,
        'core.json',
      ].sort(),
    );
    expect(await readdir(join(dataDir, 'checkins'))).not.toContain('2024-W52');
    expect(await checkDataDir(dataDir)).toEqual([]);

    await store.close();
    const again = await open(dataDir);
    expect(await again.cycle('2024-W52')).toBeUndefined();
    expect(await again.actionMonths()).toEqual(['2025-01']);
    expect((await again.monthActions('2025-01')).map((action) => action.id)).toEqual(['2025-01-a2']);
    expect(await again.broadcasts()).toEqual([]);
    expect(await again.batchDeliveries('broadcast:old')).toEqual([]);
    expect((await again.auditEntries({ limit: 10 })).map((entry) => entry.id)).toEqual(['new']);
  });

  it('deletes backups made before the cutoff, and keeps newer ones', async () => {
    const dataDir = await cleanup.tempDir();
    const store = await open(dataDir);
    const old = join(dataDir, 'core.json.v1.bak');
    await writeFile(old, '{}');
    const before = new Date(Date.parse(CUTOFF.at) - 86_400_000);
    await utimes(old, before, before);
    await writeFile(join(dataDir, 'core.json.v2.bak'), '{}');

    expect(await store.purgeBefore(CUTOFF)).toMatchObject({ backups: 1 });
    const names = (await filesOf(dataDir)).map(([path]) => path);
    expect(names).not.toContain('core.json.v1.bak');
    expect(names).toContain('core.json.v2.bak');
  });

  it('finishes a week that a stop cut short: its cycle file is deleted last, so it is found again', async () => {
    const dataDir = await cleanup.tempDir();
    const store = await open(dataDir);
    await store.createCycle(sampleCycle({ id: '2024-W52', openingDay: '2024-12-23' }));
    await store.savePulse('2024-W52', samplePulse());
    await store.close();
    // As a stop after the unit's file was deleted would leave it.
    const week = join(dataDir, 'checkins', '2024-W52');
    for (const name of await readdir(week)) if (name !== 'cycle.json') await rm(join(week, name));
    const again = await open(dataDir);
    expect(await again.purgeBefore(CUTOFF)).toMatchObject({ cycles: 1 });
    expect(await readdir(join(dataDir, 'checkins'))).toEqual([]);
  });
});

/** Samira in every kind of file, with a finished delivery batch (a done file) and one still sending (a journal). */
async function samiraEverywhere(store: Store) {
  await store.savePerson(samplePerson({ aadObjectId: SAM, teamsUserId: '29:samira', name: SAM_NAME }));
  await store.saveConversation(sampleConversation({ conversationId: 'a:samira', aadObjectId: SAM }));
  await store.saveTeam(sampleTeam({ members: { [SAM]: { addedAt: T } }, installedBy: SAM }));
  await store.saveRoles(SAM, { admin: false, lead: true, managerOf: [] });
  await store.createCycle(sampleCycle({ expected: { [SAM]: WARD } }));
  await store.savePulse('2026-W48', samplePulse({ aadObjectId: SAM, comment: 'Met the patient panel.' }));
  await store.saveMeasureAnswers('2026-W48', WARD, [sampleMeasureAnswer({ answeredBy: SAM })]);
  await store.addCardCopy('2026-W48', WARD, {
    aadObjectId: SAM,
    card: 'pulse',
    conversationId: 'a:samira',
    activityId: '1',
  });
  await store.saveAction(sampleAction({ owner: SAM }));
  await store.saveBroadcast(sampleBroadcast({ sender: SAM }));
  await store.acknowledge('b1', SAM, T);
  const toSam = (batchId: string, state: 'pending' | 'delivered') =>
    sampleDelivery(`person:${SAM}`, T, { batchId, recipient: { kind: 'person', aadObjectId: SAM }, state });
  await store.enqueueDeliveries([toSam('broadcast:b1', 'delivered')]);
  await store.enqueueDeliveries([
    toSam('checkins:2026-W48', 'pending'),
    sampleDelivery('other', T, { batchId: 'checkins:2026-W48' }),
  ]);
  await store.appendAudit(sampleAudit('a1', T, { actor: SAM }));
}

describe('lowdb store: erasing a person', () => {
  it('leaves their id in no file but the audit log, and their name in none', async () => {
    const dataDir = await cleanup.tempDir();
    const store = await open(dataDir);
    await samiraEverywhere(store);
    const files = (await filesOf(dataDir)).map(([path]) => path);
    expect(files).toContain(`deliveries/${batchFileStem('broadcast:b1')}.done.jsonl`);
    expect(files).toContain(`deliveries/${batchFileStem('checkins:2026-W48')}.jsonl`);

    const { pseudonym } = await store.erasePerson(SAM, 'erased-7b2f');
    expect(pseudonym).toBe('erased-7b2f');
    const holding = (await filesOf(dataDir)).filter(([, text]) => text.includes(SAM)).map(([path]) => path);
    expect(holding).toEqual(['audit/2026-11.json']);
    expect((await filesOf(dataDir)).filter(([, text]) => text.includes('Samira'))).toEqual([]);
    expect((await filesOf(dataDir)).filter(([, text]) => text.includes('Met the patient panel'))).toEqual([]);
    expect(await checkDataDir(dataDir)).toEqual([]);

    // The open store and a reopened one agree.
    const sent = await store.batchDeliveries('checkins:2026-W48');
    await store.close();
    const again = await open(dataDir);
    expect(await again.batchDeliveries('checkins:2026-W48')).toEqual(sent);
    expect(sent.find((d) => d.id === 'person:erased-7b2f')).toMatchObject({ state: 'cancelled' });
    expect(Object.keys((await again.unitCheckins('2026-W48', WARD)).pulses)).toEqual(['erased-7b2f']);
    expect(await again.acknowledgedBy('b1')).toEqual(['erased-7b2f']);
    expect(await again.person(SAM)).toBeUndefined();
  });

  it('deletes the backups made before a migration that hold them, and keeps the others', async () => {
    const dataDir = await cleanup.tempDir();
    const store = await open(dataDir);
    await store.savePerson(samplePerson({ aadObjectId: SAM, name: SAM_NAME }));
    await writeFile(
      join(dataDir, 'core.json.v1.bak'),
      JSON.stringify({ people: { [SAM]: { name: SAM_NAME } } }),
    );
    await writeFile(join(dataDir, 'other.json.v1.bak'), JSON.stringify({ people: {} }));

    const { counts } = await store.erasePerson(SAM, 'erased-5c1e');
    expect(counts.backups).toBe(1);
    const names = (await filesOf(dataDir)).map(([path]) => path);
    expect(names).not.toContain('core.json.v1.bak');
    expect(names).toContain('other.json.v1.bak');
  });

  it('finishes an erasure a stop cut short, with the pseudonym it began with, when the store opens', async () => {
    const dataDir = await cleanup.tempDir();
    const store = await open(dataDir);
    await samiraEverywhere(store);
    await store.close();
    // Opened once more, the store folds its saves into core.json, which is what an erasure notes itself in.
    await (await open(dataDir)).close();
    // As a stop part-way would leave it: the erasure noted, the actions already done, the rest not yet.
    const core = JSON.parse(await readFile(join(dataDir, 'core.json'), 'utf8'));
    await writeFile(
      join(dataDir, 'core.json'),
      JSON.stringify({ ...core, erasures: { [SAM]: 'erased-first' } }),
    );
    const actions = join(dataDir, 'actions', '2026-11.json');
    await writeFile(actions, (await readFile(actions, 'utf8')).replaceAll(SAM, 'erased-first'));

    const again = await open(dataDir);
    expect(await again.person(SAM)).toBeUndefined();
    expect((await again.action('2026-11-a1'))!.owner).toBe('erased-first');
    expect(Object.keys((await again.unitCheckins('2026-W48', WARD)).pulses)).toEqual(['erased-first']);
    expect(await again.acknowledgedBy('b1')).toEqual(['erased-first']);
    const holding = (await filesOf(dataDir)).filter(([, text]) => text.includes(SAM)).map(([path]) => path);
    expect(holding).toEqual(['audit/2026-11.json']);
    expect(JSON.parse(await readFile(join(dataDir, 'core.json'), 'utf8'))).not.toHaveProperty('erasures');
  });
});
