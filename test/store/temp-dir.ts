// Cleanup for file and lock tests: real temporary directories, and anything else a test must undo (open
// stores, child processes), undone after each test in reverse order.
import { afterEach } from '@jest/globals';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import type { Store } from '../../src/store/store.js';

export type Cleanup = {
  /** Runs the task after the current test, before anything registered earlier. */
  defer(task: () => unknown): void;
  /** A fresh directory under the system's temporary directory, removed after the current test. */
  tempDir(): Promise<string>;
  /**
   * The lowdb store on `dataDir`, closed after the current test. It does not wait for a lock held elsewhere,
   * so a failed open in a test never stalls the next one.
   */
  openStore(dataDir: string): Promise<Store>;
};

/** Call at the top level of a test file. */
export function useCleanup(): Cleanup {
  const tasks: Array<() => unknown> = [];
  afterEach(async () => {
    const errors: unknown[] = [];
    for (const task of tasks.splice(0).reverse()) {
      try {
        await task();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) throw errors[0];
  });
  const defer = (task: () => unknown) => void tasks.push(task);
  return {
    defer,
    tempDir: async () => {
      const dir = await mkdtemp(join(tmpdir(), 'ppb-store-'));
      tasks.push(() => rm(dir, { recursive: true, force: true }));
      return dir;
    },
    openStore: async (dataDir) => {
      const store = await openLowdbStore({ dataDir, lock: { waitMs: 0 } });
      defer(() => store.close());
      return store;
    },
  };
}

export const fileExists = (file: string): Promise<boolean> =>
  stat(file).then(
    () => true,
    () => false,
  );
