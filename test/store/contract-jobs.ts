// The Store contract for scheduled job runs: part of describeStoreContract.
import { describe, expect, it } from '@jest/globals';
import type { Store } from '../../src/store/store.js';

export function describeJobRunContract(current: () => Store): void {
  describe('job runs', () => {
    it('claims each scheduled run once, never an earlier one, and remembers the last', async () => {
      const store = current();
      expect(await store.lastJobRun('member-sync')).toBeUndefined();
      expect(await store.claimJobRun('member-sync', '2026-11-24T03:00:00.000Z')).toBe(true);
      expect(await store.claimJobRun('member-sync', '2026-11-24T03:00:00.000Z')).toBe(false);
      expect(await store.claimJobRun('member-sync', '2026-11-23T03:00:00.000Z')).toBe(false);
      expect(await store.claimJobRun('other-job', '2026-11-23T03:00:00.000Z')).toBe(true);
      expect(await store.claimJobRun('member-sync', '2026-11-25T03:00:00.000Z')).toBe(true);
      expect(await store.lastJobRun('member-sync')).toBe('2026-11-25T03:00:00.000Z');
    });

    it('gives exactly one of two racing claims', async () => {
      const claims = await Promise.all([
        current().claimJobRun('race', '2026-11-24T03:00:00.000Z'),
        current().claimJobRun('race', '2026-11-24T03:00:00.000Z'),
      ]);
      expect(claims.filter(Boolean)).toHaveLength(1);
    });
  });
}
