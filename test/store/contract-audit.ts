// The Store contract for the audit log: part of describeStoreContract.
import { describe, expect, it } from '@jest/globals';
import type { AuditEntry } from '../../src/domain/audit.js';
import type { Store } from '../../src/store/store.js';
import { sampleAudit } from './samples.js';

// Three months, out of order, with two pairs logged at the same millisecond.
const logged = [
  sampleAudit('b1', '2025-03-01T00:00:00.000Z'),
  sampleAudit('a1', '2025-02-27T10:00:00.000Z'),
  sampleAudit('c1', '2025-04-02T09:30:00.000Z', { outcome: 'refused', action: 'seeAudit' }),
  sampleAudit('b3', '2025-03-01T00:00:00.000Z'),
  sampleAudit('a2', '2025-02-28T23:59:59.999Z'),
  sampleAudit('b2', '2025-03-15T12:00:00.000Z'),
  sampleAudit('c2', '2025-04-02T09:30:00.000Z'),
];
const newestFirst = ['c2', 'c1', 'b2', 'b3', 'b1', 'a2', 'a1'];
const ids = (entries: AuditEntry[]) => entries.map((entry) => entry.id);

export function describeAuditContract(current: () => Store): void {
  describe('audit log', () => {
    const appendAll = async (entries = logged) => {
      for (const entry of entries) await current().appendAudit(entry);
    };

    it('lists nothing before anything is logged', async () => {
      expect(await current().auditEntries({ limit: 10 })).toEqual([]);
    });

    it('reads entries back newest first across months, by id descending at the same time', async () => {
      await appendAll();
      const read = await current().auditEntries({ limit: 100 });
      expect(ids(read)).toEqual(newestFirst);
      expect(read.find((entry) => entry.id === 'c1')).toEqual(logged[2]);
    });

    it('gives at most `limit` entries, the newest', async () => {
      await appendAll();
      expect(ids(await current().auditEntries({ limit: 3 }))).toEqual(['c2', 'c1', 'b2']);
      expect(await current().auditEntries({ limit: 0 })).toEqual([]);
      await expect(current().auditEntries({ limit: -1 })).rejects.toThrow(RangeError);
      await expect(current().auditEntries({ limit: 1.5 })).rejects.toThrow(/whole number limit/);
    });

    it('pages with the cursor through every entry exactly once, in order', async () => {
      await appendAll();
      for (const limit of [1, 2, 3, 4]) {
        const seen: string[] = [];
        let before: { at: string; id: string } | undefined;
        for (;;) {
          const page = await current().auditEntries({ limit, before });
          expect(page.length).toBeLessThanOrEqual(limit);
          if (page.length === 0) break;
          seen.push(...ids(page));
          before = page.at(-1)!;
        }
        expect(seen).toEqual(newestFirst);
      }
    });

    it('reads strictly older than the cursor, which need not be a logged entry', async () => {
      await appendAll();
      const store = current();
      expect(ids(await store.auditEntries({ limit: 10, before: logged[3]! }))).toEqual(['b1', 'a2', 'a1']);
      const between = { at: '2025-03-01T00:00:00.000Z', id: 'b2' };
      expect(ids(await store.auditEntries({ limit: 10, before: between }))).toEqual(['b1', 'a2', 'a1']);
      const march = { at: '2025-03-01T00:00:00.000Z', id: '' };
      expect(ids(await store.auditEntries({ limit: 10, before: march }))).toEqual(['a2', 'a1']);
      const future = { at: '2026-01-01T00:00:00.000Z', id: 'x' };
      expect(ids(await store.auditEntries({ limit: 10, before: future }))).toEqual(newestFirst);
    });

    it('ignores an entry whose id is already logged that month: a retry, or several racing', async () => {
      const store = current();
      await appendAll();
      await store.appendAudit(logged[0]!);
      await store.appendAudit({ ...logged[1]!, outcome: 'failed' });
      const racing = sampleAudit('d1', '2025-05-01T08:00:00.000Z');
      await Promise.all([store.appendAudit(racing), store.appendAudit(racing), store.appendAudit(racing)]);

      const read = await store.auditEntries({ limit: 100 });
      expect(ids(read)).toEqual(['d1', ...newestFirst]);
      expect(read.find((entry) => entry.id === 'a1')).toEqual(logged[1]);
    });

    it('keeps its own copy on the way in and out', async () => {
      const store = current();
      const passed = sampleAudit('e1', '2025-03-04T09:00:00.000Z');
      await store.appendAudit(passed);
      passed.targets.push('changed');
      (await store.auditEntries({ limit: 1 }))[0]!.targets.push('changed');
      expect(await store.auditEntries({ limit: 1 })).toEqual([sampleAudit('e1', '2025-03-04T09:00:00.000Z')]);
    });

    it.each([
      ['an action that is not a code', { action: 'track the team' }, /action/],
      ['a time not in toISOString() form', { at: '2025-03-04T09:00:00Z' }, /at/],
      ['a time that is no time at all', { at: '../../core' }, /at/],
    ])('refuses %s, and logs nothing', async (_, change, problem) => {
      const store = current();
      await expect(
        store.appendAudit({ ...sampleAudit('bad', '2025-03-04T09:00:00.000Z'), ...change }),
      ).rejects.toThrow(problem);
      expect(await store.auditEntries({ limit: 10 })).toEqual([]);
    });
  });
}
