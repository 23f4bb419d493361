// Kill -9 while saves are being appended to a journal (a week's pulses, or core.json's 1:1 chats), with a real
// child process on real files: every save that was acknowledged is there when the store opens again, and the
// data directory passes its check.
import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { checkDataDir } from '../../src/store/check-data-dir.js';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import type { Store } from '../../src/store/store.js';
import { sampleCycle } from './samples.js';
import { useCleanup } from './temp-dir.js';

const cleanup = useCleanup();
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const KILL_AFTER = 300;

/** The people whose save is found in the store, by the kind of save the writer made. */
const savedBy: Record<string, (store: Store) => Promise<Set<string>>> = {
  async pulses(store) {
    const cycleId = sampleCycle().id;
    const saved = new Set<string>();
    for (const unitId of await store.checkinUnits(cycleId))
      for (const id of Object.keys((await store.unitCheckins(cycleId, unitId)).pulses)) saved.add(id);
    return saved;
  },
  async chats(store) {
    const chats = await store.conversations();
    return new Set(chats.flatMap((chat) => (chat.aadObjectId ? [chat.aadObjectId] : [])));
  },
};

describe('journals after a crash', () => {
  it.each(['pulses', 'chats'])(
    'keeps every acknowledged save (%s) when the process is killed mid-append',
    async (kind) => {
      const dataDir = await cleanup.tempDir();
      const { NODE_OPTIONS: _jestOnly, ...env } = process.env;
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'test/store/fixtures/store-writer.ts', kind, dataDir],
        {
          cwd: ROOT,
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      const exited = new Promise((resolve) => child.once('exit', resolve));
      cleanup.defer(async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        await exited;
      });
      const acknowledged: string[] = [];
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      await new Promise<void>((resolve, reject) => {
        let partial = '';
        child.stdout!.on('data', (chunk: Buffer) => {
          const lines = (partial + chunk.toString()).split('\n');
          partial = lines.pop()!;
          for (const line of lines) acknowledged.push(line.replace(/^saved /, ''));
          // Killed while the next saves are on their way: some of them are mid-append.
          if (acknowledged.length >= KILL_AFTER && child.signalCode === null) {
            child.kill('SIGKILL');
            resolve();
          }
        });
        child.once('exit', () => reject(new Error(`the writer stopped first:\n${stderr}`)));
      });
      await exited;

      expect(await checkDataDir(dataDir)).toEqual([]);
      const store = await openLowdbStore({ dataDir, lock: { staleMs: 2_000, waitMs: 10_000 } });
      cleanup.defer(() => store.close());
      const saved = await savedBy[kind]!(store);
      expect(acknowledged.filter((id) => !saved.has(id))).toEqual([]);
      expect(saved.size).toBeGreaterThanOrEqual(KILL_AFTER);
    },
    60_000,
  );
});
