// One process owns a data directory: a live holder in another process is refused, a holder killed with
// SIGKILL leaves a stale lock that is taken over, and a closed store lets the next one in.
import { describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { access, utimes } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DataDirLockedError, lockDataDir, lockPath } from '../../src/store/data-dir-lock.js';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import type { Store } from '../../src/store/store.js';
import { samplePerson } from './samples.js';
import { useCleanup } from './temp-dir.js';

const cleanup = useCleanup();
const holdLock = fileURLToPath(new URL('./fixtures/hold-lock.mjs', import.meta.url));
// proper-lockfile's smallest staleness; its heartbeat then runs every second.
const staleMs = 2000;

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** Starts another process holding the lock on dataDir; resolves once it says it holds it. */
async function startHolder(dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [holdLock, dataDir, lockPath(dataDir), String(staleMs)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  cleanup.defer(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hold-lock did not lock in time: ${stderr}`)), 5000);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`hold-lock exited (${code}) before locking: ${stderr}`));
    });
  });
  return child;
}

/** A store that should not have opened still holds a lock: close it after the test. */
function closeIfOpened(opening: Promise<Store>): void {
  opening.then(
    (store) => cleanup.defer(() => store.close()),
    () => undefined,
  );
}

async function kill9(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe('data directory lock', () => {
  it('refuses to open while another live process holds the lock, even past staleMs', async () => {
    const dataDir = await cleanup.tempDir();
    const holder = await startHolder(dataDir);

    // Waiting past staleMs shows the holder's heartbeat keeps its lock from ever looking stale. proper-lockfile
    // dates a new lock up to a second ahead, so only a wait past staleMs + 1 s would see one with no heartbeat.
    const opening = openLowdbStore({ dataDir, lock: { staleMs, waitMs: staleMs + 1500 } });
    closeIfOpened(opening);
    await expect(opening).rejects.toThrow(DataDirLockedError);
    await expect(opening).rejects.toThrow(`the data directory ${dataDir} is in use by another running copy`);
    await expect(opening).rejects.toThrow(/Stop that copy first, or set DATA_DIR/);

    expect(holder.exitCode).toBeNull();
    expect(await exists(lockPath(dataDir))).toBe(true);
  });

  it('takes over the stale lock of a holder killed with SIGKILL', async () => {
    const dataDir = await cleanup.tempDir();
    await kill9(await startHolder(dataDir));

    // kill -9 runs no exit handler: the lock is still there, and fresh for now.
    expect(await exists(lockPath(dataDir))).toBe(true);
    await expect(lockDataDir(dataDir, { staleMs, waitMs: 0 })).rejects.toThrow(DataDirLockedError);

    // Nobody refreshes it any more: move its clock just past staleMs rather than wait for that.
    const lastHeartbeat = new Date(Date.now() - staleMs - 1000);
    await utimes(lockPath(dataDir), lastHeartbeat, lastHeartbeat);
    const unlock = await lockDataDir(dataDir, { staleMs, waitMs: 0 });
    cleanup.defer(unlock);
    expect(await exists(lockPath(dataDir))).toBe(true);
  });

  it('can be released and taken again in the same process', async () => {
    const dataDir = await cleanup.tempDir();
    const unlock = await lockDataDir(dataDir, { staleMs, waitMs: 0 });
    await unlock();
    expect(await exists(lockPath(dataDir))).toBe(false);

    const unlockAgain = await lockDataDir(dataDir, { staleMs, waitMs: 0 });
    cleanup.defer(unlockAgain);
    expect(await exists(lockPath(dataDir))).toBe(true);
  });

  it('is held while a lowdb store is open and released by close()', async () => {
    const dataDir = await cleanup.tempDir();
    const lock = { staleMs, waitMs: 0 };
    const first = await openLowdbStore({ dataDir, lock });
    cleanup.defer(() => first.close());
    await first.savePerson(samplePerson());
    await expect(openLowdbStore({ dataDir, lock })).rejects.toThrow(DataDirLockedError);

    await first.close();
    const second = await openLowdbStore({ dataDir, lock });
    cleanup.defer(() => second.close());
    expect(await second.person('aad-ada')).toEqual(samplePerson());
  });
});
