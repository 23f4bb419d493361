// The lowdb store's broadcast files: two for each broadcast (the broadcast, and who acknowledged or read it),
// kept across a restart; a save rewrites only its own broadcast's file; a damaged file is refused by name and
// left untouched; and no id, however crafted, names a file outside the broadcasts directory.
import { describe, expect, it } from '@jest/globals';
import { mkdir, readdir, readFile, rmdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StoreFileError } from '../../src/store/json-file.js';
import { sampleBroadcast, samplePerson } from './samples.js';
import { useCleanup } from './temp-dir.js';

const cleanup = useCleanup();
const T1 = '2026-11-23T10:00:00.000Z';
const T2 = '2026-11-23T11:00:00.000Z';

const open = (dataDir: string) => cleanup.openStore(dataDir);

const broadcastFile = (dataDir: string, id: string) => join(dataDir, 'broadcasts', `${id}.json`);
const responsesFile = (dataDir: string, id: string) => join(dataDir, 'broadcasts', `${id}.responses.json`);
const inode = async (file: string) => (await stat(file)).ino;

describe('lowdb store: broadcasts', () => {
  it('keeps broadcasts, acknowledgements, reads and mutes across close and reopen, two files a broadcast', async () => {
    const dataDir = await cleanup.tempDir();
    const first = await open(dataDir);
    const sent = sampleBroadcast({ state: 'sent' });
    const scheduled = sampleBroadcast({
      id: 'b2',
      createdAt: '2026-11-24T09:00:00.000Z',
      state: 'scheduled',
      scheduledFor: '2026-11-25T09:00:00.000Z',
      sentAt: undefined,
      counts: undefined,
    });
    await first.saveBroadcast(sampleBroadcast());
    await first.saveBroadcast(sent);
    await first.saveBroadcast(scheduled);
    await first.acknowledge('b1', 'aad-grace', T1);
    await first.recordRead('b1', 'aad-grace', T1);
    await first.recordRead('b1', 'aad-ada', T2);
    await first.savePerson(samplePerson({ remindersMuted: true }));
    await first.close();

    expect((await readdir(join(dataDir, 'broadcasts'))).sort()).toEqual([
      'b1.json',
      'b1.responses.json',
      'b2.json',
    ]);
    expect(JSON.parse(await readFile(broadcastFile(dataDir, 'b1'), 'utf8'))).toEqual({
      schemaVersion: 1,
      broadcast: sent,
    });
    expect(JSON.parse(await readFile(responsesFile(dataDir, 'b1'), 'utf8'))).toEqual({
      schemaVersion: 1,
      acknowledged: { 'aad-grace': T1 },
      read: { 'aad-grace': T1, 'aad-ada': T2 },
    });

    const second = await open(dataDir);
    expect(await second.broadcasts()).toEqual([scheduled, sent]);
    expect(await second.broadcast('b1')).toEqual(sent);
    expect(await second.acknowledgedBy('b1')).toEqual(['aad-grace']);
    expect(await second.readBy('b1')).toEqual(['aad-ada', 'aad-grace']);
    expect(await second.acknowledge('b1', 'aad-grace', T2)).toBe(false);
    expect(await second.recordRead('b1', 'aad-ada', T2)).toBe(false);
    expect(await second.acknowledgedBy('b2')).toEqual([]);
    expect(await second.person('aad-ada')).toEqual(samplePerson({ remindersMuted: true }));
  });

  it("rewrites only the broadcast's own file, and nothing for a save or a response already known", async () => {
    const dataDir = await cleanup.tempDir();
    const store = await open(dataDir);
    await store.saveBroadcast(sampleBroadcast());
    await store.saveBroadcast(sampleBroadcast({ id: 'b2' }));
    await store.acknowledge('b2', 'aad-grace', T1);
    // Every write renames a new file into place, so the inode tells whether the file was written.
    const before = {
      b1: await inode(broadcastFile(dataDir, 'b1')),
      b2: await inode(broadcastFile(dataDir, 'b2')),
      b2Responses: await inode(responsesFile(dataDir, 'b2')),
    };

    await store.saveBroadcast(sampleBroadcast());
    const reordered = Object.fromEntries(Object.entries(sampleBroadcast()).reverse());
    await store.saveBroadcast(reordered as ReturnType<typeof sampleBroadcast>);
    expect(await store.acknowledge('b2', 'aad-grace', T2)).toBe(false);
    expect(await inode(broadcastFile(dataDir, 'b1'))).toBe(before.b1);
    expect(await inode(responsesFile(dataDir, 'b2'))).toBe(before.b2Responses);

    await store.saveBroadcast(sampleBroadcast({ state: 'sent' }));
    await store.acknowledge('b1', 'aad-grace', T1);
    expect(await inode(broadcastFile(dataDir, 'b1'))).not.toBe(before.b1);
    expect(await inode(broadcastFile(dataDir, 'b2'))).toBe(before.b2);
    expect(await inode(responsesFile(dataDir, 'b2'))).toBe(before.b2Responses);
  });

  it('counts a response as the first when it is retried after its write failed', async () => {
    const dataDir = await cleanup.tempDir();
    const file = responsesFile(dataDir, 'b1');
    const store = await open(dataDir);
    await store.saveBroadcast(sampleBroadcast());
    expect(await store.acknowledgedBy('b1')).toEqual([]);
    // A directory where the responses file belongs makes the rename of the new file over it fail.
    await mkdir(join(file, 'blocker'), { recursive: true });
    await expect(store.acknowledge('b1', 'aad-grace', T1)).rejects.toThrow();
    expect(await store.acknowledgedBy('b1')).toEqual([]);
    await rmdir(join(file, 'blocker'));
    await rmdir(file);

    expect(await store.acknowledge('b1', 'aad-grace', T1)).toBe(true);
    expect(JSON.parse(await readFile(file, 'utf8')).acknowledged).toEqual({ 'aad-grace': T1 });
  });

  it('lists only files named for a broadcast id', async () => {
    const dataDir = await cleanup.tempDir();
    const store = await open(dataDir);
    await store.saveBroadcast(sampleBroadcast());
    const dir = join(dataDir, 'broadcasts');
    for (const name of ['B2.json', 'notes.txt', 'b3.json.v1.bak', 'b4.responses.json', 'b_5.json'])
      await writeFile(join(dir, name), '{}');
    expect(await store.broadcasts()).toEqual([sampleBroadcast()]);
  });

  it('refuses a damaged broadcast by name, leaves it untouched, and still serves the others', async () => {
    const dataDir = await cleanup.tempDir();
    const first = await open(dataDir);
    await first.saveBroadcast(sampleBroadcast());
    await first.saveBroadcast(sampleBroadcast({ id: 'b2' }));
    await first.close();
    const file = broadcastFile(dataDir, 'b1');
    const damaged = '{"schemaVersion": 1, "broadcast": {"title": "Pulse closes';
    await writeFile(file, damaged);
    const before = await inode(file);

    // Start-up reads no broadcast: only what reaches the damaged one stops.
    const store = await open(dataDir);
    await expect(store.broadcast('b1')).rejects.toThrow(StoreFileError);
    await expect(store.broadcast('b1')).rejects.toThrow(file);
    await expect(store.broadcasts()).rejects.toThrow(file);
    await expect(store.saveBroadcast(sampleBroadcast({ state: 'sent' }))).rejects.toThrow(file);
    await expect(store.acknowledge('b1', 'aad-grace', T1)).rejects.toThrow(file);
    expect(await store.broadcast('b2')).toEqual(sampleBroadcast({ id: 'b2' }));
    expect(await store.acknowledge('b2', 'aad-grace', T1)).toBe(true);
    await store.close();
    expect(await readFile(file, 'utf8')).toBe(damaged);
    expect(await inode(file)).toBe(before);

    // Tried afresh on the next read: once the file is put right, the broadcast opens.
    const repaired = await open(dataDir);
    await expect(repaired.broadcast('b1')).rejects.toThrow(file);
    await writeFile(file, JSON.stringify({ schemaVersion: 1, broadcast: sampleBroadcast() }));
    expect(await repaired.broadcasts()).toEqual([sampleBroadcast({ id: 'b2' }), sampleBroadcast()]);
  });

  it('refuses damaged responses by name, leaves them untouched, and still serves the broadcast', async () => {
    const dataDir = await cleanup.tempDir();
    const first = await open(dataDir);
    await first.saveBroadcast(sampleBroadcast());
    await first.acknowledge('b1', 'aad-grace', T1);
    await first.close();
    const file = responsesFile(dataDir, 'b1');
    const damaged = JSON.stringify({
      schemaVersion: 1,
      acknowledged: { 'aad-grace': 'yesterday' },
      read: {},
    });
    await writeFile(file, damaged);
    const before = await inode(file);

    const store = await open(dataDir);
    await expect(store.acknowledgedBy('b1')).rejects.toThrow(StoreFileError);
    await expect(store.readBy('b1')).rejects.toThrow(file);
    await expect(store.acknowledge('b1', 'aad-ada', T2)).rejects.toThrow(file);
    await expect(store.recordRead('b1', 'aad-ada', T2)).rejects.toThrow(file);
    expect(await store.broadcast('b1')).toEqual(sampleBroadcast());
    await store.close();
    expect(await readFile(file, 'utf8')).toBe(damaged);
    expect(await inode(file)).toBe(before);
  });

  it('refuses a broadcast file that holds another broadcast', async () => {
    const dataDir = await cleanup.tempDir();
    const store = await open(dataDir);
    await store.saveBroadcast(sampleBroadcast({ id: 'b2' }));
    await writeFile(
      broadcastFile(dataDir, 'b1'),
      JSON.stringify({ schemaVersion: 1, broadcast: sampleBroadcast({ id: 'b2' }) }),
    );
    await expect(store.broadcast('b1')).rejects.toThrow(/own id/);
  });

  it('names no file for a crafted id, inside the data directory or out of it', async () => {
    const parent = await cleanup.tempDir();
    const dataDir = join(parent, 'data');
    const store = await open(dataDir);
    await store.saveBroadcast(sampleBroadcast());
    const listing = async () => ({
      parent: (await readdir(parent)).sort(),
      data: (await readdir(dataDir)).sort(),
      broadcasts: (await readdir(join(dataDir, 'broadcasts'))).sort(),
    });
    const before = await listing();

    for (const id of ['../b1', '../../x', 'b1/../../x', '..', '.', 'b1.responses', 'B1']) {
      await expect(store.saveBroadcast(sampleBroadcast({ id }))).rejects.toThrow();
      await expect(store.broadcast(id)).rejects.toThrow(/is not a broadcast id/);
      await expect(store.acknowledge(id, 'aad-grace', T1)).rejects.toThrow(/is not a broadcast id/);
      await expect(store.recordRead(id, 'aad-grace', T1)).rejects.toThrow(/is not a broadcast id/);
      await expect(store.readBy(id)).rejects.toThrow(/is not a broadcast id/);
    }
    expect(await listing()).toEqual(before);
    expect(await store.broadcasts()).toEqual([sampleBroadcast()]);
  });
});
