// Patient input actions on disk: actions/<YYYY-MM>.json, one file per month. Data survives a restart, a save
// that changes nothing writes nothing, a damaged month is refused by name and left untouched, and no id, however
// crafted, names a file outside the actions directory.
import { describe, expect, it } from '@jest/globals';
import { mkdir, readdir, readFile, rmdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StoreFileError } from '../../src/store/json-file.js';
import { sampleAction } from './samples.js';
import { useCleanup } from './temp-dir.js';

const cleanup = useCleanup();

const open = (dataDir: string) => cleanup.openStore(dataDir);

const monthFile = (dataDir: string, month: string) => join(dataDir, 'actions', `${month}.json`);

describe('lowdb store: patient input actions', () => {
  it('keeps actions across close and reopen, one file per month', async () => {
    const dataDir = await cleanup.tempDir();
    const november = sampleAction();
    const edited = sampleAction({ id: '2026-11-a2', version: 2, deletedAt: '2026-11-20T09:00:00.000Z' });
    const january = sampleAction({ id: '2027-01-a1', createdAt: '2027-01-04T09:00:00.000Z' });
    const first = await open(dataDir);
    await first.saveAction(november);
    await first.saveAction(sampleAction({ id: '2026-11-a2' }));
    await first.saveAction(edited);
    await first.saveAction(january);
    await first.close();

    expect((await readdir(join(dataDir, 'actions'))).sort()).toEqual(['2026-11.json', '2027-01.json']);
    expect(JSON.parse(await readFile(monthFile(dataDir, '2026-11'), 'utf8'))).toEqual({
      schemaVersion: 1,
      actions: { '2026-11-a1': november, '2026-11-a2': edited },
    });

    const second = await open(dataDir);
    expect(await second.actionMonths()).toEqual(['2027-01', '2026-11']);
    expect(await second.action('2026-11-a2')).toEqual(edited);
    expect(await second.monthActions('2026-11')).toEqual([november, edited]);
    expect(await second.monthActions('2027-01')).toEqual([january]);
  });

  it('does not rewrite the month for a save that changes nothing, even after a restart', async () => {
    const dataDir = await cleanup.tempDir();
    const file = monthFile(dataDir, '2026-11');
    const first = await open(dataDir);
    await first.saveAction(sampleAction());
    // Every write renames a new file into place, so the inode tells whether the file was written.
    const written = (await stat(file)).ino;
    await first.saveAction(sampleAction());
    expect((await stat(file)).ino).toBe(written);
    await first.close();

    const second = await open(dataDir);
    const reordered = Object.fromEntries(Object.entries(sampleAction()).reverse()) as ReturnType<
      typeof sampleAction
    >;
    await second.saveAction(reordered);
    expect((await stat(file)).ino).toBe(written);
    await second.saveAction(sampleAction({ version: 2 }));
    expect((await stat(file)).ino).not.toBe(written);
  });

  it('resolves a save that changes nothing only once the same change, still being written, is on disk', async () => {
    const dataDir = await cleanup.tempDir();
    const store = await open(dataDir);
    const first = store.saveAction(sampleAction());
    await store.saveAction(sampleAction());
    expect(JSON.parse(await readFile(monthFile(dataDir, '2026-11'), 'utf8')).actions).toEqual({
      '2026-11-a1': sampleAction(),
    });
    await first;
  });

  it('writes again when the same save is retried after a failed write', async () => {
    const dataDir = await cleanup.tempDir();
    const file = monthFile(dataDir, '2026-11');
    const store = await open(dataDir);
    // A directory where the month's file belongs makes the rename of the new file over it fail.
    await mkdir(join(file, 'blocker'), { recursive: true });
    await expect(store.saveAction(sampleAction())).rejects.toThrow();
    await rmdir(join(file, 'blocker'));
    await rmdir(file);

    await store.saveAction(sampleAction());
    expect(JSON.parse(await readFile(file, 'utf8')).actions).toEqual({ '2026-11-a1': sampleAction() });
  });

  it('lands a save in an open month while another month is first opened', async () => {
    const dataDir = await cleanup.tempDir();
    const store = await open(dataDir);
    await store.saveAction(sampleAction({ id: '2026-01-a1' }));
    const months = Array.from({ length: 11 }, (_, index) => `2026-${String(index + 2).padStart(2, '0')}`);
    // Opening a month must not take the temporary file of a write in flight for a leftover of a crash.
    for (const [version, month] of months.entries()) {
      await Promise.all([
        store.saveAction(sampleAction({ id: '2026-01-a1', version: version + 2 })),
        store.saveAction(sampleAction({ id: `${month}-a1` })),
      ]);
    }
    await store.close();

    const reopened = await open(dataDir);
    expect(await reopened.actionMonths()).toEqual([...months].reverse().concat('2026-01'));
    expect((await reopened.action('2026-01-a1'))?.version).toBe(12);
  });

  it('lists only the files named for a real month', async () => {
    const dataDir = await cleanup.tempDir();
    const store = await open(dataDir);
    await store.saveAction(sampleAction());
    const actions = join(dataDir, 'actions');
    for (const name of ['2026-13.json', 'notes.json', '2026-10.json.v1.bak', '2026-09.txt'])
      await writeFile(join(actions, name), '{}');
    await mkdir(join(actions, 'x.json'));
    expect(await store.actionMonths()).toEqual(['2026-11']);
  });

  it('refuses a damaged month by name, leaves it untouched, and still serves the other months', async () => {
    const dataDir = await cleanup.tempDir();
    const first = await open(dataDir);
    await first.saveAction(sampleAction());
    await first.saveAction(sampleAction({ id: '2026-12-a1' }));
    await first.close();
    const file = monthFile(dataDir, '2026-11');
    const damaged = '{"schemaVersion": 1, "actions": {"2026-11-a1": {"id": "2026-11';
    await writeFile(file, damaged);
    const before = await stat(file);

    const store = await open(dataDir);
    await expect(store.monthActions('2026-11')).rejects.toThrow(StoreFileError);
    await expect(store.monthActions('2026-11')).rejects.toThrow(file);
    await expect(store.action('2026-11-a1')).rejects.toThrow(file);
    await expect(store.saveAction(sampleAction({ id: '2026-11-a2' }))).rejects.toThrow(file);
    expect(await readFile(file, 'utf8')).toBe(damaged);
    expect((await stat(file)).ino).toBe(before.ino);
    expect(await store.monthActions('2026-12')).toEqual([sampleAction({ id: '2026-12-a1' })]);
    await store.close();
    expect(await readFile(file, 'utf8')).toBe(damaged);

    // Tried afresh on the next read: once the file is put right, the month opens.
    const repaired = await open(dataDir);
    await expect(repaired.monthActions('2026-11')).rejects.toThrow(file);
    await writeFile(file, JSON.stringify({ schemaVersion: 1, actions: { '2026-11-a1': sampleAction() } }));
    expect(await repaired.monthActions('2026-11')).toEqual([sampleAction()]);
  });

  it('refuses a month file whose actions are filed under other ids', async () => {
    const dataDir = await cleanup.tempDir();
    const file = monthFile(dataDir, '2026-11');
    const store = await open(dataDir);
    await writeFile(file, JSON.stringify({ schemaVersion: 1, actions: { '2026-11-zz': sampleAction() } }));
    await expect(store.monthActions('2026-11')).rejects.toThrow(/own id/);
  });

  it('names no file for a crafted id or month, inside the data directory or out of it', async () => {
    const parent = await cleanup.tempDir();
    const dataDir = join(parent, 'data');
    const store = await open(dataDir);
    await store.saveAction(sampleAction());
    const listing = async () => ({
      parent: (await readdir(parent)).sort(),
      data: (await readdir(dataDir)).sort(),
      actions: (await readdir(join(dataDir, 'actions'))).sort(),
    });
    const before = await listing();

    for (const id of ['2026-1/../x', '../2026-11-x', '../../x', '2026-11/../../x']) {
      await expect(store.saveAction(sampleAction({ id }))).rejects.toThrow();
      await expect(store.action(id)).rejects.toThrow(/is not an action id/);
    }
    for (const month of ['..', '../..', '2026-1/', '2026-11/..', '../actions/2026-11'])
      await expect(store.monthActions(month)).rejects.toThrow(/is not a month/);
    expect(await listing()).toEqual(before);
    expect(await store.monthActions('2026-11')).toEqual([sampleAction()]);
  });
});
