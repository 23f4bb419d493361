// The audit log on disk: one file per month under DATA_DIR/audit, opened only when a page or an append
// reaches it, written durably, and never overwritten when it cannot be read.
import { describe, expect, it } from '@jest/globals';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StoreFileError } from '../../src/store/json-file.js';
import { sampleAudit, samplePerson } from './samples.js';
import { useCleanup } from './temp-dir.js';

const cleanup = useCleanup();

const open = (dataDir: string) => cleanup.openStore(dataDir);

const january = [
  sampleAudit('j1', '2025-01-10T09:00:00.000Z'),
  sampleAudit('j2', '2025-01-31T23:59:59.999Z'),
];
const february = [
  sampleAudit('f1', '2025-02-01T00:00:00.000Z'),
  sampleAudit('f2', '2025-02-14T12:00:00.000Z'),
];
const march = [sampleAudit('m1', '2025-03-03T09:00:00.000Z'), sampleAudit('m2', '2025-03-04T09:00:00.000Z')];
const monthFile = (dataDir: string, month: string) => join(dataDir, 'audit', `${month}.json`);
const ids = (entries: { id: string }[]) => entries.map((entry) => entry.id);

/** A data directory whose audit log holds January to March 2025, with the store that wrote it closed. */
async function threeMonths(): Promise<string> {
  const dataDir = await cleanup.tempDir();
  const store = await open(dataDir);
  for (const entry of [...january, ...february, ...march]) await store.appendAudit(entry);
  await store.close();
  return dataDir;
}

describe('lowdb store audit files', () => {
  it('keeps one file per month, in the order appended, with schemaVersion 1', async () => {
    const dataDir = await threeMonths();
    expect((await readdir(join(dataDir, 'audit'))).sort()).toEqual([
      '2025-01.json',
      '2025-02.json',
      '2025-03.json',
    ]);
    expect(JSON.parse(await readFile(monthFile(dataDir, '2025-02'), 'utf8'))).toEqual({
      schemaVersion: 1,
      entries: february,
    });
  });

  it("rewrites only the appended month's file, and nothing for a retried append", async () => {
    const dataDir = await threeMonths();
    const store = await open(dataDir);
    await store.savePerson(samplePerson());
    const inode = async (file: string) => (await stat(file)).ino;
    const core = await inode(join(dataDir, 'core.json'));
    const february = await inode(monthFile(dataDir, '2025-02'));
    const march3 = sampleAudit('m3', '2025-03-20T09:00:00.000Z');
    await store.appendAudit(march3);
    const written = await inode(monthFile(dataDir, '2025-03'));
    await store.appendAudit(march3);

    expect(await inode(monthFile(dataDir, '2025-03'))).toBe(written);
    expect(await inode(monthFile(dataDir, '2025-02'))).toBe(february);
    expect(await inode(join(dataDir, 'core.json'))).toBe(core);
    const onDisk = JSON.parse(await readFile(monthFile(dataDir, '2025-03'), 'utf8'));
    expect(ids(onDisk.entries)).toEqual(['m1', 'm2', 'm3']);
  });

  it('reads every month back after a reopen, and appends to a month already on disk', async () => {
    const dataDir = await threeMonths();
    const store = await open(dataDir);
    await store.appendAudit(sampleAudit('j3', '2025-01-20T09:00:00.000Z'));
    expect(ids(await store.auditEntries({ limit: 100 }))).toEqual(['m2', 'm1', 'f2', 'f1', 'j2', 'j3', 'j1']);
  });

  it('finishes the appends to every month when closed at once', async () => {
    const dataDir = await cleanup.tempDir();
    const store = await open(dataDir);
    const appends = [...january, ...february, ...march].map((entry) => store.appendAudit(entry));
    await Promise.all(appends);
    await store.close();
    for (const [month, entries] of [
      ['2025-01', january],
      ['2025-02', february],
      ['2025-03', march],
    ] as const)
      expect(JSON.parse(await readFile(monthFile(dataDir, month), 'utf8')).entries).toEqual(entries);
  });

  it('writes again when the same append is retried after a failed write', async () => {
    const dataDir = await cleanup.tempDir();
    const store = await open(dataDir);
    await store.appendAudit(march[0]!);
    // A directory where the month's file belongs makes the rename of the new file over it fail.
    const file = monthFile(dataDir, '2025-03');
    await rm(file);
    await mkdir(join(file, 'blocker'), { recursive: true });
    await expect(store.appendAudit(march[1]!)).rejects.toThrow();
    await rm(file, { recursive: true });

    await store.appendAudit(march[1]!);
    expect(JSON.parse(await readFile(file, 'utf8')).entries).toEqual(march);
  });

  it('removes temporary files left in the audit directory by a crash', async () => {
    const dataDir = await threeMonths();
    const leftover = join(dataDir, 'audit', '2025-03.json.tmp-4242-7');
    await writeFile(leftover, '{"schemaVersion": 1, "entr');
    const store = await open(dataDir);
    expect(await readdir(join(dataDir, 'audit'))).not.toContain('2025-03.json.tmp-4242-7');
    expect(ids(await store.auditEntries({ limit: 2 }))).toEqual(['m2', 'm1']);
  });

  it('creates no month file for reading', async () => {
    const dataDir = await cleanup.tempDir();
    const store = await open(dataDir);
    expect(
      await store.auditEntries({ limit: 10, before: { at: '2025-03-01T00:00:00.000Z', id: 'x' } }),
    ).toEqual([]);
    expect(await readdir(join(dataDir, 'audit'))).toEqual([]);
  });
});

describe('lowdb store audit months loaded lazily', () => {
  const corrupt = '{"schemaVersion": 1, "entries": [{"id": "j1", "at": "2025-01';

  it('opens with a damaged old month, and serves every page that does not reach it', async () => {
    const dataDir = await threeMonths();
    const file = monthFile(dataDir, '2025-01');
    await writeFile(file, corrupt);
    const store = await open(dataDir);

    expect(ids(await store.auditEntries({ limit: 4 }))).toEqual(['m2', 'm1', 'f2', 'f1']);
    expect(ids(await store.auditEntries({ limit: 1, before: march[0]! }))).toEqual(['f2']);
    await store.appendAudit(sampleAudit('m3', '2025-03-20T09:00:00.000Z'));
    expect(await readFile(file, 'utf8')).toBe(corrupt);
  });

  it('refuses a page that reaches the damaged month, naming its file, and never overwrites it', async () => {
    const dataDir = await threeMonths();
    const file = monthFile(dataDir, '2025-01');
    await writeFile(file, corrupt);
    const store = await open(dataDir);

    const reading = store.auditEntries({ limit: 5 });
    await expect(reading).rejects.toThrow(StoreFileError);
    await expect(reading).rejects.toThrow(`${file} is not valid JSON`);
    await expect(store.auditEntries({ limit: 1, before: february[0]! })).rejects.toThrow(file);
    await expect(store.appendAudit(sampleAudit('j3', '2025-01-20T09:00:00.000Z'))).rejects.toThrow(
      StoreFileError,
    );
    expect(await readFile(file, 'utf8')).toBe(corrupt);
    expect(await readdir(join(dataDir, 'audit'))).toEqual(
      expect.not.arrayContaining(['2025-01.json.v1.bak']),
    );

    // Once the file is put right, the same store reads it: a failed month is not remembered as failed.
    await writeFile(file, JSON.stringify({ schemaVersion: 1, entries: january }));
    expect(ids(await store.auditEntries({ limit: 1, before: february[0]! }))).toEqual(['j2']);
  });

  it('refuses a month whose file fails its schema, naming the file and the field', async () => {
    const dataDir = await threeMonths();
    const file = monthFile(dataDir, '2025-02');
    const invalid = JSON.stringify({ schemaVersion: 1, entries: [{ ...february[0], outcome: 'maybe' }] });
    await writeFile(file, invalid);
    const store = await open(dataDir);

    expect(ids(await store.auditEntries({ limit: 2 }))).toEqual(['m2', 'm1']);
    await expect(store.auditEntries({ limit: 3 })).rejects.toThrow(
      /2025-02\.json does not match its schema[\s\S]*outcome/,
    );
    expect(await readFile(file, 'utf8')).toBe(invalid);
  });
});
