// Card-action claims in the lowdb store: a file of lines per UTC day under card-actions/, so a button press
// appends one line, never rewrites core.json, and costs the same however many cards were pressed lately. The behaviour every store
// shares is in store-contract.ts.
import { describe, expect, it } from '@jest/globals';
import { appendFile, mkdir, readdir, readFile, rmdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkDataDir } from '../../src/store/check-data-dir.js';
import { samplePerson } from './samples.js';
import { useCleanup } from './temp-dir.js';

const cleanup = useCleanup();

const open = (dataDir: string) => cleanup.openStore(dataDir);

const DAY_1 = '2025-03-04T09:00:00.000Z';
const DAY_2 = '2025-03-05T09:00:00.000Z';
const DAY_40 = '2025-04-12T09:00:00.000Z';
const FORGET = '2025-02-01T00:00:00.000Z';
const FORGET_AFTER_DAY_1 = '2025-03-05T00:00:00.000Z';

const dayFile = (dataDir: string, day: string) => join(dataDir, 'card-actions', `${day}.jsonl`);
const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8'));
/** A day file's header, and its claims by key. */
async function readDay(file: string) {
  const [header, ...lines] = (await readFile(file, 'utf8'))
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line));
  return { header, claims: Object.fromEntries(lines.map(({ key, at }) => [key, at])) };
}
const dayFiles = async (dataDir: string) => (await readdir(join(dataDir, 'card-actions'))).sort();

describe('lowdb card-action claims', () => {
  it('writes only the day file of the claim, never core.json', async () => {
    const dataDir = await cleanup.tempDir();
    const store = await open(dataDir);
    await store.savePerson(samplePerson());
    const core = join(dataDir, 'core.json');
    const before = await stat(core);

    expect(await store.claimCardAction('card-1', DAY_1, FORGET)).toBe(true);
    expect(await store.claimCardAction('card-2', DAY_2, FORGET)).toBe(true);

    const after = await stat(core);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    expect(await readDay(dayFile(dataDir, '2025-03-04'))).toEqual({
      header: { schemaVersion: 1, day: '2025-03-04' },
      claims: { 'card-1': DAY_1 },
    });
    expect((await readDay(dayFile(dataDir, '2025-03-05'))).claims).toEqual({ 'card-2': DAY_2 });
    expect((await readJson(core)).cardActions).toEqual({});
  });

  it('keeps claims across close and reopen, found in an earlier day file', async () => {
    const dataDir = await cleanup.tempDir();
    const first = await open(dataDir);
    expect(await first.claimCardAction('card-1', DAY_1, FORGET)).toBe(true);
    await first.close();

    const second = await open(dataDir);
    expect(await second.claimCardAction('card-1', DAY_2, FORGET)).toBe(false);
    expect(await second.claimCardAction('card-2', DAY_2, FORGET)).toBe(true);
  });

  it('deletes the day files older than the day of forgetBefore, and then the key can be claimed again', async () => {
    const dataDir = await cleanup.tempDir();
    const first = await open(dataDir);
    expect(await first.claimCardAction('card-1', DAY_1, FORGET)).toBe(true);
    expect(await first.claimCardAction('card-2', DAY_2, FORGET)).toBe(true);
    await first.close();

    // After a restart too: the files on disk are known from the start.
    const second = await open(dataDir);
    expect(await second.claimCardAction('card-3', DAY_40, FORGET_AFTER_DAY_1)).toBe(true);
    expect(await dayFiles(dataDir)).toEqual(['2025-03-05.jsonl', '2025-04-12.jsonl']);
    expect(await second.claimCardAction('card-2', DAY_40, FORGET_AFTER_DAY_1)).toBe(false);
    expect(await second.claimCardAction('card-1', DAY_40, FORGET_AFTER_DAY_1)).toBe(true);
  });

  it('forgets within the day of forgetBefore by the time of each claim, as the contract says', async () => {
    const dataDir = await cleanup.tempDir();
    const store = await open(dataDir);
    expect(await store.claimCardAction('early', '2025-03-04T08:00:00.000Z', FORGET)).toBe(true);
    expect(await store.claimCardAction('late', '2025-03-04T10:00:00.000Z', FORGET)).toBe(true);
    expect(await store.claimCardAction('early', DAY_40, DAY_1)).toBe(true);
    expect(await store.claimCardAction('late', DAY_40, DAY_1)).toBe(false);
  });

  it('honours the claims an older core.json holds, moving them to their day files once', async () => {
    const dataDir = await cleanup.tempDir();
    const first = await open(dataDir);
    await first.savePerson(samplePerson());
    await first.close();
    const core = join(dataDir, 'core.json');
    const old = {
      ...(await readJson(core)),
      cardActions: { 'card-1': DAY_1, 'card-2': DAY_2, 'odd-time': 'x' },
    };
    await writeFile(core, JSON.stringify(old));

    const second = await open(dataDir);
    expect((await readJson(core)).cardActions).toEqual({});
    expect((await readDay(dayFile(dataDir, '2025-03-04'))).claims).toEqual({ 'card-1': DAY_1 });
    expect(await second.claimCardAction('card-1', DAY_2, FORGET)).toBe(false);
    expect(await second.claimCardAction('card-2', DAY_2, FORGET)).toBe(false);
    expect(await second.person('aad-ada')).toEqual(samplePerson());
    await second.close();

    // A stop after the day files were written but before core.json was cleared: the claims are still honoured.
    await writeFile(core, JSON.stringify(old));
    const third = await open(dataDir);
    expect(await third.claimCardAction('card-1', DAY_2, FORGET)).toBe(false);
    expect((await readJson(core)).cardActions).toEqual({});
  });

  it('leaves a key claimable when the write of its claim fails', async () => {
    const dataDir = await cleanup.tempDir();
    const store = await open(dataDir);
    // A directory where the day's file belongs makes its first append fail.
    const file = dayFile(dataDir, '2025-03-04');
    await mkdir(join(file, 'blocker'), { recursive: true });

    await expect(store.claimCardAction('card-1', DAY_1, FORGET)).rejects.toThrow();
    await rmdir(join(file, 'blocker'));
    await rmdir(file);

    expect(await store.claimCardAction('card-1', DAY_1, FORGET)).toBe(true);
    expect(await store.claimCardAction('card-1', DAY_1, FORGET)).toBe(false);
    expect((await readDay(file)).claims).toEqual({ 'card-1': DAY_1 });
  });

  it('leaves out a claim torn by a crash mid-append: its press was never answered, so it may be pressed again', async () => {
    const dataDir = await cleanup.tempDir();
    const first = await open(dataDir);
    expect(await first.claimCardAction('card-1', DAY_1, FORGET)).toBe(true);
    await first.close();
    await appendFile(dayFile(dataDir, '2025-03-04'), '{"key":"card-2","at":"2025-03-0');

    const second = await open(dataDir);
    expect(await second.claimCardAction('card-1', DAY_1, FORGET)).toBe(false);
    expect(await second.claimCardAction('card-2', DAY_1, FORGET)).toBe(true);
    expect((await readDay(dayFile(dataDir, '2025-03-04'))).claims).toEqual({
      'card-1': DAY_1,
      'card-2': DAY_1,
    });
  });

  it('honours day files written before as one document, and deletes them with their day', async () => {
    const dataDir = await cleanup.tempDir();
    await mkdir(join(dataDir, 'card-actions'), { recursive: true });
    const old = join(dataDir, 'card-actions', '2025-03-04.json');
    await writeFile(old, JSON.stringify({ schemaVersion: 1, claims: { 'card-1': DAY_1 } }));

    const store = await open(dataDir);
    expect(await store.claimCardAction('card-1', DAY_1, FORGET)).toBe(false);
    expect(await store.claimCardAction('card-2', DAY_1, FORGET)).toBe(true);
    expect(await checkDataDir(dataDir)).toEqual([]);
    expect(await store.claimCardAction('card-3', DAY_40, FORGET_AFTER_DAY_1)).toBe(true);
    expect(await dayFiles(dataDir)).toEqual(['2025-04-12.jsonl']);
  });

  it('refuses a time that names no day, and saves nothing', async () => {
    const dataDir = await cleanup.tempDir();
    const store = await open(dataDir);
    await expect(store.claimCardAction('card-1', '../2025-03-04', FORGET)).rejects.toThrow(/UTC ISO time/);
    await expect(store.claimCardAction('card-1', DAY_1, 'yesterday')).rejects.toThrow(/UTC ISO time/);
    expect(await dayFiles(dataDir)).toEqual([]);
    expect(await store.claimCardAction('card-1', DAY_1, FORGET)).toBe(true);
  });

  it('writes day files that checkDataDir accepts', async () => {
    const dataDir = await cleanup.tempDir();
    const store = await open(dataDir);
    expect(await store.claimCardAction('card-1', DAY_1, FORGET)).toBe(true);
    expect(await store.claimCardAction('card-2', DAY_2, FORGET)).toBe(true);
    await store.close();
    expect(await dayFiles(dataDir)).toEqual(['2025-03-04.jsonl', '2025-03-05.jsonl']);
    expect(await checkDataDir(dataDir)).toEqual([]);
  });
});
