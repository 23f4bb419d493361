// The lowdb store's delivery journals on disk: read back at start-up, a crash's torn last line dropped,
// damage refused and left alone, finished batches compacted and not read at start-up. How it writes:
// lowdb-delivery-writes.test.ts.
import { describe, expect, it } from '@jest/globals';
import { appendFile, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { batchProgress, type Delivery } from '../../src/domain/delivery.js';
import { StoreFileError } from '../../src/store/json-file.js';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import { sampleDelivery } from './samples.js';
import { useCleanup } from './temp-dir.js';

const cleanup = useCleanup();
const lock = { waitMs: 0 };
const T0 = '2025-03-03T09:00:00.000Z';
const LATER = '2025-03-03T10:00:00.000Z';

const open = (dataDir: string) => cleanup.openStore(dataDir);

const journal = (dataDir: string, stem = 'broadcast-1') => join(dataDir, 'deliveries', `${stem}.jsonl`);
const done = (dataDir: string, stem = 'broadcast-1') => join(dataDir, 'deliveries', `${stem}.done.jsonl`);
const lines = async (file: string) => (await readFile(file, 'utf8')).split('\n').slice(0, -1);
const as = (delivery: Delivery, change: Partial<Delivery>): Delivery => ({ ...delivery, ...change });
const three = () => ['a', 'b', 'c'].map((id) => sampleDelivery(id, T0));

/** A data directory whose batch broadcast-1 has a, b and c pending and a marked "sending". */
async function journalOfThree(): Promise<{ dataDir: string; sending: Delivery }> {
  const dataDir = await cleanup.tempDir();
  const store = await open(dataDir);
  await store.enqueueDeliveries(three());
  const sending = as(three()[0]!, { state: 'sending', attempts: 1 });
  await store.updateDeliveries([sending]);
  await store.close();
  return { dataDir, sending };
}

describe('lowdb store delivery journals', () => {
  it('writes a header, then one line per saved state, and reads the latest states back on reopen', async () => {
    const { dataDir, sending } = await journalOfThree();
    const written = await lines(journal(dataDir));
    expect(JSON.parse(written[0]!)).toEqual({ schemaVersion: 1, batchId: 'broadcast-1' });
    expect(written.slice(1).map((line) => JSON.parse(line))).toEqual([...three(), sending]);

    const store = await open(dataDir);
    expect(await store.interruptedDeliveries()).toEqual([sending]);
    expect(await store.dueDeliveries(LATER, 10)).toEqual(three().slice(1));
    expect(await store.batchDeliveries('broadcast-1')).toEqual([sending, ...three().slice(1)]);
  });

  it('names files by the batch id encoded, and reads them back', async () => {
    const dataDir = await cleanup.tempDir();
    const batchId = '19:ward-7@thread.tacv2/Cycle 1';
    const first = await open(dataDir);
    await first.enqueueDeliveries([sampleDelivery('a', T0, { batchId })]);
    await first.close();
    expect(await readdir(join(dataDir, 'deliveries'))).toEqual([
      '19_3Award-7_40thread_2Etacv2_2F_43ycle_201.jsonl',
    ]);
    const second = await open(dataDir);
    expect(await second.batchDeliveries(batchId)).toEqual([sampleDelivery('a', T0, { batchId })]);
  });

  it.each([
    ['a line cut short (no newline)', '{"id":"d","batchId":"broadcast-1","kind":"broad'],
    ['a last line that is not JSON', '{"id":"d","batchId":\n'],
  ])('drops a torn last line left by a crash mid-append: %s', async (_, torn) => {
    const { dataDir, sending } = await journalOfThree();
    const intact = await readFile(journal(dataDir));
    await appendFile(journal(dataDir), torn);

    const store = await open(dataDir);
    expect(await store.batchDeliveries('broadcast-1')).toEqual([sending, ...three().slice(1)]);
    expect(await readFile(journal(dataDir))).toEqual(intact);
    // The next save follows whole lines, so the file reads back at the next start.
    await store.enqueueDeliveries([sampleDelivery('d', T0)]);
    await store.close();
    expect(await (await open(dataDir)).batchDeliveries('broadcast-1')).toHaveLength(4);
  });

  it('deletes a journal whose only line was torn, as if the batch had never been started', async () => {
    const dataDir = await cleanup.tempDir();
    await (await open(dataDir)).close();
    await writeFile(journal(dataDir), '{"schemaVersion":1,"batch');
    const store = await open(dataDir);
    expect(await readdir(join(dataDir, 'deliveries'))).toEqual([]);
    expect(await store.batchDeliveries('broadcast-1')).toEqual([]);
  });

  it.each([
    ['a line that is not JSON', () => 'not json', /line 3 is not valid JSON/],
    ['a line that is not a delivery', () => JSON.stringify({ id: 'b' }), /line 3 is not a valid delivery/],
    [
      "another batch's delivery",
      () => JSON.stringify(sampleDelivery('b', T0, { batchId: 'broadcast-2' })),
      /line 3 belongs to batch "broadcast-2"/,
    ],
  ])(
    'refuses to open with %s in the middle, naming the file, and leaves it untouched',
    async (_, bad, problem) => {
      const { dataDir } = await journalOfThree();
      const file = journal(dataDir);
      const damaged = (await lines(file)).map((line, at) => (at === 2 ? bad() : line)).join('\n') + '\n';
      await writeFile(file, damaged);
      const before = await stat(file);

      const opening = openLowdbStore({ dataDir, lock });
      opening.then(
        (store) => cleanup.defer(() => store.close()),
        () => undefined,
      );
      await expect(opening).rejects.toThrow(StoreFileError);
      await expect(opening).rejects.toThrow(problem);
      await expect(opening).rejects.toThrow(file);
      expect(await readFile(file, 'utf8')).toBe(damaged);
      expect((await stat(file)).ino).toBe(before.ino);
    },
  );

  it('refuses a journal written by a newer version', async () => {
    const { dataDir } = await journalOfThree();
    const [, ...records] = await lines(journal(dataDir));
    await writeFile(
      journal(dataDir),
      [`{"schemaVersion":2,"batchId":"broadcast-1"}`, ...records, ''].join('\n'),
    );
    await expect(openLowdbStore({ dataDir, lock })).rejects.toThrow(/newer version.*schemaVersion 2/);
  });

  it('compacts a finished batch to one line per delivery, which start-up does not read', async () => {
    const { dataDir, sending } = await journalOfThree();
    const store = await open(dataDir);
    const finals = [
      as(sending, { state: 'delivered' }),
      ...three()
        .slice(1)
        .map((d) => as(d, { state: 'failed' })),
    ];
    await store.updateDeliveries(finals);
    await store.enqueueDeliveries([sampleDelivery('x', T0, { batchId: 'checkin-1' })]);
    await store.close();
    expect((await readdir(join(dataDir, 'deliveries'))).sort()).toEqual([
      'broadcast-1.done.jsonl',
      'checkin-1.jsonl',
    ]);
    const compacted = await lines(done(dataDir));
    expect(compacted.slice(1).map((line) => JSON.parse(line))).toEqual(finals);
    const second = await open(dataDir);
    expect(await second.batchDeliveries('broadcast-1')).toEqual(finals);
    expect(await second.batchProgress('broadcast-1')).toEqual(batchProgress(finals));
    await second.close();

    // Damaged where start-up would trip over it, had it read the file:
    await writeFile(
      done(dataDir),
      compacted.map((line, at) => (at === 2 ? 'damaged' : line)).join('\n') + '\n',
    );
    const third = await open(dataDir);
    expect(await third.dueDeliveries(LATER, 10)).toEqual([sampleDelivery('x', T0, { batchId: 'checkin-1' })]);
    await expect(third.batchDeliveries('broadcast-1')).rejects.toThrow(StoreFileError);
    await expect(third.batchDeliveries('broadcast-1')).rejects.toThrow(done(dataDir));
    await expect(third.batchProgress('broadcast-1')).rejects.toThrow(done(dataDir));
  });

  it('reads a finished batch that gained items back as its done file and journal together', async () => {
    const dataDir = await cleanup.tempDir();
    const first = await open(dataDir);
    const cancelled = as(sampleDelivery('a', T0), { state: 'cancelled' });
    await first.enqueueDeliveries([sampleDelivery('a', T0)]);
    await first.updateDeliveries([cancelled]);
    await first.close();
    const second = await open(dataDir);
    await second.enqueueDeliveries([sampleDelivery('a', T0), sampleDelivery('b', T0)]);
    await second.close();
    expect((await readdir(join(dataDir, 'deliveries'))).sort()).toEqual([
      'broadcast-1.done.jsonl',
      'broadcast-1.jsonl',
    ]);
    const third = await open(dataDir);
    expect(await third.batchDeliveries('broadcast-1')).toEqual([cancelled, sampleDelivery('b', T0)]);
    expect(await third.batchProgress('broadcast-1')).toMatchObject({
      total: 2,
      byState: { cancelled: 1, pending: 1 },
      done: false,
    });
  });
});
