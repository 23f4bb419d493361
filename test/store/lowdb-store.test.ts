import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import { describeStoreContract } from './store-contract.js';

describeStoreContract('lowdb store', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'ppb-store-'));
  const store = await openLowdbStore({ dataDir });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
});
