// Data files hold people's names and answers: the bot's own account alone may read them, whatever the host's
// default permissions. Every kind of file the store writes is checked, after a write and after a restart.
import { describe, expect, it } from '@jest/globals';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import {
  sampleAction,
  sampleAudit,
  sampleBroadcast,
  sampleCycle,
  sampleDelivery,
  samplePerson,
  samplePulse,
} from './samples.js';
import { useCleanup } from './temp-dir.js';

const cleanup = useCleanup();

/** Every file and directory under `dir` (the directory itself included), with its permission bits. */
type Entry = { path: string; kind: 'file' | 'dir'; mode: number };
async function modes(dir: string): Promise<Entry[]> {
  const found: Entry[] = [{ path: dir, kind: 'dir', mode: (await stat(dir)).mode & 0o777 }];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await modes(path)));
    else found.push({ path, kind: 'file', mode: (await stat(path)).mode & 0o777 });
  }
  return found;
}

describe('lowdb store: file permissions', () => {
  it('writes every data file for its owner only, and every directory too', async () => {
    const dataDir = join(await cleanup.tempDir(), 'data');
    const store = await openLowdbStore({ dataDir, lock: { waitMs: 0 } });
    await store.savePerson(samplePerson());
    await store.appendAudit(sampleAudit('a1', '2026-11-23T09:00:00.000Z'));
    await store.enqueueDeliveries([sampleDelivery('d1', '2026-11-23T09:00:00.000Z')]);
    await store.createCycle(sampleCycle());
    await store.savePulse('2026-W48', samplePulse());
    await store.saveAction(sampleAction());
    await store.saveBroadcast(sampleBroadcast());
    await store.close();

    const written = (await modes(dataDir)).filter(({ path }) => !path.endsWith('.lock'));
    const kinds = new Set(written.map(({ path }) => path.slice(dataDir.length).split('/')[1]));
    for (const kind of ['core.json', 'audit', 'deliveries', 'checkins', 'actions', 'broadcasts'])
      expect(kinds).toContain(kind);
    const open = written.filter(({ kind, mode }) => mode !== (kind === 'dir' ? 0o700 : 0o600));
    expect(open).toEqual([]);
  });
});
