// How the lowdb store writes delivery journals: one append per save however many items it holds, saves that
// arrive together merged into one append, nothing in memory that is not on disk, close() waiting for writes.
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import {
  mkdir,
  open as openFile,
  readdir,
  readFile,
  rmdir,
  writeFile,
  type FileHandle,
} from 'node:fs/promises';
import { join } from 'node:path';
import type { Delivery } from '../../src/domain/delivery.js';
import { sampleDelivery } from './samples.js';
import { useCleanup } from './temp-dir.js';

const cleanup = useCleanup();
const T0 = '2025-03-03T09:00:00.000Z';

const open = (dataDir: string) => cleanup.openStore(dataDir);

const journal = (dataDir: string) => join(dataDir, 'deliveries', 'broadcast-1.jsonl');
const lineCount = async (file: string) => (await readFile(file, 'utf8')).split('\n').length - 1;
const many = (count: number) =>
  Array.from({ length: count }, (_, at) => sampleDelivery(`d${String(at).padStart(5, '0')}`, T0));
const sending = (delivery: Delivery): Delivery => ({ ...delivery, state: 'sending', attempts: 1 });

/**
 * Counts write and fsync calls on every open file while `save` runs: the journal writes through FileHandle's
 * write() and sync(). (The kernel's count of write system calls would also count libuv's wake-ups.)
 */
async function fileCalls(save: () => Promise<unknown>): Promise<{ writes: number; syncs: number }> {
  const handle = await openFile(new URL(import.meta.url), 'r');
  const prototype = Object.getPrototypeOf(handle) as FileHandle;
  await handle.close();
  const write = jest.spyOn(prototype, 'write');
  const sync = jest.spyOn(prototype, 'sync');
  await save();
  return { writes: write.mock.calls.length, syncs: sync.mock.calls.length };
}

afterEach(() => {
  jest.restoreAllMocks();
});

describe('lowdb store delivery writes', () => {
  it('writes one updateDeliveries of 1,000 items as one append', async () => {
    const dataDir = await cleanup.tempDir();
    const store = await open(dataDir);
    const items = many(1_000);
    await store.enqueueDeliveries(items);
    expect(await lineCount(journal(dataDir))).toBe(1 + 1_000);

    const calls = await fileCalls(() => store.updateDeliveries(items.map(sending)));
    expect(calls).toEqual({ writes: 1, syncs: 1 });
    expect(await lineCount(journal(dataDir))).toBe(1 + 2_000);
  });

  it('merges saves that arrive while a write is in progress into the next append, in call order', async () => {
    const dataDir = await cleanup.tempDir();
    const store = await open(dataDir);
    const items = many(100);
    await store.enqueueDeliveries(items);

    // Each item is saved twice, "sending" then "delivered", each save a call of its own, none awaited.
    const calls = await fileCalls(() =>
      Promise.all(
        items.flatMap((item) => [
          store.updateDeliveries([sending(item)]),
          store.updateDeliveries([{ ...sending(item), state: 'delivered' }]),
        ]),
      ),
    );
    // The first save is written alone; the rest arrive while it is written and go together into the next.
    expect(calls.writes).toBeLessThanOrEqual(3);
    // All final: the batch was compacted, and every delivery's last state is its "delivered" one.
    await store.close();
    const reopened = await open(dataDir);
    const states = (await reopened.batchDeliveries('broadcast-1')).map((delivery) => delivery.state);
    expect(states).toEqual(items.map(() => 'delivered'));
  });

  it('keeps nothing in memory that did not reach the disk, and saves it when retried', async () => {
    const dataDir = await cleanup.tempDir();
    const store = await open(dataDir);
    // A directory where the journal belongs makes its append fail.
    await mkdir(journal(dataDir));
    await expect(store.enqueueDeliveries([sampleDelivery('a', T0)])).rejects.toThrow();
    expect(await store.dueDeliveries(T0, 10)).toEqual([]);
    expect(await store.batchDeliveries('broadcast-1')).toEqual([]);
    await rmdir(journal(dataDir));

    await store.enqueueDeliveries([sampleDelivery('a', T0)]);
    expect(await store.dueDeliveries(T0, 10)).toEqual([sampleDelivery('a', T0)]);
    await store.close();
    expect(await (await open(dataDir)).dueDeliveries(T0, 10)).toEqual([sampleDelivery('a', T0)]);
  });

  it('waits in close() for the writes in progress', async () => {
    const dataDir = await cleanup.tempDir();
    const store = await open(dataDir);
    const saves = [store.enqueueDeliveries(many(10)), store.enqueueDeliveries([sampleDelivery('z', T0)])];
    await store.close();
    expect(await lineCount(journal(dataDir))).toBe(1 + 11);
    await Promise.all(saves);
  });

  it('removes temporary files left by a compaction cut short', async () => {
    const dataDir = await cleanup.tempDir();
    await (await open(dataDir)).close();
    const leftover = join(dataDir, 'deliveries', 'broadcast-1.done.jsonl.tmp-4242-7');
    await writeFile(leftover, '{"schemaVersion":1,');
    await open(dataDir);
    expect(await readdir(join(dataDir, 'deliveries'))).toEqual([]);
  });
});
