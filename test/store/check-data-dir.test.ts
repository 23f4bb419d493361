// checkDataDir: every file of a lowdb data directory against the schema the store reads it with, changing
// nothing. The fuzz suite runs it after every property; here, what it passes and what it names.
import { describe, expect, it } from '@jest/globals';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkDataDir } from '../../src/store/check-data-dir.js';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
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
  sampleUnit,
} from './samples.js';
import { useCleanup } from './temp-dir.js';

const cleanup = useCleanup();
const WARD_FILE = '19_3Award-7_40thread_2Etacv2.json';
const EVERY_KIND = [
  'core.json',
  'audit/2026-11.json',
  'checkins/2026-W48/cycle.json',
  `checkins/2026-W48/${WARD_FILE}`,
  'checkins/2026-W48/journal.jsonl',
  `checkins/latest/${WARD_FILE}`,
  'actions/2026-11.json',
  'card-actions/2026-11-23.jsonl',
  'broadcasts/b1.json',
  'broadcasts/b1.responses.json',
  'deliveries/broadcast-1.jsonl',
  'deliveries/cycle-1.done.jsonl',
];

/** A store holding one of every kind of record, so every kind of file is on disk. */
async function filledStore(dataDir: string): Promise<Store> {
  const opened = async () => {
    const store = await openLowdbStore({ dataDir, lock: { waitMs: 0 } });
    cleanup.defer(() => store.close());
    return store;
  };
  let store = await opened();
  await store.savePerson(samplePerson());
  await store.saveConversation(sampleConversation());
  await store.saveTeam(sampleTeam());
  await store.saveUnit(sampleUnit());
  await store.saveRoles('aad-ada', { admin: true, lead: false, managerOf: [] });
  await store.appendAudit(sampleAudit('a1', '2026-11-23T09:00:00.000Z'));
  await store.createCycle(sampleCycle());
  await store.savePulse('2026-W48', samplePulse());
  await store.saveMeasureAnswers('2026-W48', samplePulse().unitId, [sampleMeasureAnswer()]);
  // Saves go to the week's journal, folded into the unit's file when the week is opened again: both kinds.
  await store.close();
  store = await opened();
  await store.unitCheckins('2026-W48', samplePulse().unitId);
  await store.savePulse('2026-W48', samplePulse({ aadObjectId: 'aad-grace' }));
  await store.saveAction(sampleAction());
  await store.claimCardAction('card-1', '2026-11-23T10:00:00.000Z', '2026-10-24T10:00:00.000Z');
  await store.saveBroadcast(sampleBroadcast());
  await store.acknowledge('b1', 'aad-ada', '2026-11-23T10:00:00.000Z');
  await store.enqueueDeliveries([sampleDelivery('d1', '2025-03-03T08:00:00.000Z')]);
  const finished = sampleDelivery('d2', '2025-03-03T08:00:00.000Z', { batchId: 'cycle-1' });
  await store.enqueueDeliveries([finished]);
  await store.updateDeliveries([{ ...finished, state: 'delivered', attempts: 1 }]);
  return store;
}

describe('checkDataDir', () => {
  it('passes every kind of file the store writes, while the store has it open and after', async () => {
    const dataDir = await cleanup.tempDir();
    const store = await filledStore(dataDir);
    // A finished batch is being compacted to its done file meanwhile: its temporary file is no problem.
    expect(await checkDataDir(dataDir)).toEqual([]);
    await store.close();
    expect(await readdir(dataDir, { recursive: true })).toEqual(expect.arrayContaining(EVERY_KIND));
    expect(await checkDataDir(dataDir)).toEqual([]);
  });

  it('names each file the store would refuse or never find, with the reason', async () => {
    const dataDir = await cleanup.tempDir();
    await (await filledStore(dataDir)).close();
    const write = (path: string, content: unknown) =>
      writeFile(join(dataDir, path), typeof content === 'string' ? content : JSON.stringify(content));
    await write('core.json', '{"schemaVersion":2,"people":{');
    await write('audit/2026-12.json', {
      schemaVersion: 1,
      entries: [sampleAudit('a2', '2026-11-01T00:00:00.000Z')],
    });
    await write('actions/2026-12.json', { schemaVersion: 1, actions: { '2026-11-a1': sampleAction() } });
    await write('card-actions/2026-11-24.json', {
      schemaVersion: 1,
      claims: { 'card-2': '2026-11-23T10:00:00.000Z' },
    });
    await write('card-actions/2026-11-31.json', { schemaVersion: 1, claims: {} });
    await write('broadcasts/b2.json', { schemaVersion: 1, broadcast: sampleBroadcast() });
    await write('checkins/2026-W48/cycle.json', { schemaVersion: 1, cycle: sampleCycle({ id: '2026-W49' }) });
    await write(`checkins/2026-W48/${WARD_FILE}`, {
      schemaVersion: 1,
      pulses: { x: {} },
      measures: {},
      copies: [],
    });
    await write('deliveries/broken.jsonl', '{"schemaVersion":1,"batchId":"broken"}\n{"id":1}\n{"id":2}\n');
    await write('notes.txt', 'hello');
    await mkdir(join(dataDir, 'checkins', 'next-week'));
    await write('checkins/next-week/cycle.json', { schemaVersion: 1, cycle: null });

    const found = await checkDataDir(dataDir);
    expect(found.map(({ file }) => file)).toEqual([
      'actions/2026-12.json',
      'audit/2026-12.json',
      'broadcasts/b2.json',
      'card-actions/2026-11-24.json',
      'card-actions/2026-11-31.json',
      'checkins/2026-W48/19_3Award-7_40thread_2Etacv2.json',
      'checkins/2026-W48/cycle.json',
      'checkins/next-week/cycle.json',
      'core.json',
      'deliveries/broken.jsonl',
      'notes.txt',
    ]);
    const problem = (file: string) => found.find((one) => one.file === file)?.problem;
    expect(problem('core.json')).toMatch(/^is not valid JSON/);
    expect(problem('audit/2026-12.json')).toBe('holds entries of another month');
    expect(problem('actions/2026-12.json')).toBe('holds actions of another month');
    expect(problem('card-actions/2026-11-24.json')).toBe('holds claims of another day');
    expect(problem('card-actions/2026-11-31.json')).toBe('is not a file the bot writes');
    expect(problem('broadcasts/b2.json')).toContain('filed under its own id');
    expect(problem('checkins/2026-W48/cycle.json')).toBe('holds cycle 2026-W49, not its own');
    expect(problem(`checkins/2026-W48/${WARD_FILE}`)).toContain('does not match its schema');
    expect(problem('deliveries/broken.jsonl')).toContain('line 2 is not a valid delivery');
    expect(problem('notes.txt')).toBe('is not a file the bot writes');
    expect(problem('checkins/next-week/cycle.json')).toBe('is not a file the bot writes');
  });

  it('accepts what a crash or a write in flight leaves, and changes nothing', async () => {
    const dataDir = await cleanup.tempDir();
    await (await filledStore(dataDir)).close();
    const journal = join(dataDir, 'deliveries', 'broadcast-1.jsonl');
    const torn = `${await readFile(journal, 'utf8')}{"id":"d3","bat`;
    await writeFile(journal, torn);
    await writeFile(join(dataDir, 'core.json.tmp-123-4'), '{"half');
    await writeFile(join(dataDir, 'core.json.v1.bak'), '{"schemaVersion":1}');
    expect(await checkDataDir(dataDir)).toEqual([]);
    expect(await readFile(journal, 'utf8')).toBe(torn);
  });
});
