// Claims on the lowdb store beyond the contract: they are on disk before they resolve, and their leases live in
// memory only, as one process owns the data directory: after a restart every item a claim left "sending" was
// cut off by the stop, and the first claim takes it back at once, flagged, whatever lease it had.
import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sampleDelivery } from './samples.js';
import { useCleanup } from './temp-dir.js';

const cleanup = useCleanup();
const T0 = '2025-03-03T09:00:00.000Z';
const T1 = '2025-03-03T09:00:01.000Z';

const open = (dataDir: string) => cleanup.openStore(dataDir);

describe('lowdb store claims', () => {
  it('writes a claim to the journal before it resolves', async () => {
    const dataDir = await cleanup.tempDir();
    const store = await open(dataDir);
    await store.enqueueDeliveries([sampleDelivery('a', T0)]);
    await store.claimDeliveries({ owner: 'worker-1', now: T0, limit: 1, leaseMs: 60_000 });
    const lines = (await readFile(join(dataDir, 'deliveries', 'broadcast-1.jsonl'), 'utf8'))
      .trim()
      .split('\n');
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ id: 'a', state: 'sending', attempts: 1 });
  });

  it('takes back at once, after a restart, every item a claim left "sending"', async () => {
    const dataDir = await cleanup.tempDir();
    const first = await open(dataDir);
    await first.enqueueDeliveries([sampleDelivery('a', T0), sampleDelivery('b', T0)]);
    const { items } = await first.claimDeliveries({ owner: 'worker-1', now: T0, limit: 1, leaseMs: 60_000 });
    expect(items.map((item) => item.id)).toEqual(['a']);
    await first.close();

    const again = await open(dataDir);
    const claim = () => again.claimDeliveries({ owner: 'worker-2', now: T1, limit: 5, leaseMs: 60_000 });
    expect(await claim()).toMatchObject({
      items: [
        { id: 'a', state: 'sending', attempts: 2, possiblyDuplicated: true },
        { id: 'b', state: 'sending', attempts: 1, possiblyDuplicated: false },
      ],
      reclaimed: 1,
    });
    // Taken again, they are this process's own: the next claim leaves them.
    expect(await claim()).toEqual({ items: [], reclaimed: 0 });
  });
});
