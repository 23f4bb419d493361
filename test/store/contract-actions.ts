// The Store contract for patient input actions: part of describeStoreContract.
import { describe, expect, it } from '@jest/globals';
import { InvalidRecordError } from '../../src/store/records.js';
import type { Store } from '../../src/store/store.js';
import { sampleAction } from './samples.js';

export function describeActionContract(current: () => Store): void {
  describe('patient input actions', () => {
    it('reads back a saved action by id, and nothing for an id never saved', async () => {
      const store = current();
      expect(await store.action('2026-11-a1')).toBeUndefined();
      await store.saveAction(sampleAction());
      expect(await store.action('2026-11-a1')).toEqual(sampleAction());
      expect(await store.action('2026-11-a2')).toBeUndefined();
      expect(await store.action('2026-12-a1')).toBeUndefined();
    });

    it('replaces an action on an edit, in the same month', async () => {
      const store = current();
      await store.saveAction(sampleAction());
      const edited = sampleAction({
        whatWeDid: 'Letters now go out on the day of discharge.',
        version: 2,
        updatedAt: '2026-12-02T09:00:00.000Z',
      });
      await store.saveAction(edited);
      expect(await store.action('2026-11-a1')).toEqual(edited);
      expect(await store.monthActions('2026-11')).toEqual([edited]);
      expect(await store.monthActions('2026-12')).toEqual([]);
      expect(await store.actionMonths()).toEqual(['2026-11']);
    });

    it("lists a month's actions by createdAt then id, and only that month's", async () => {
      const store = current();
      const late = sampleAction({ id: '2026-11-a', createdAt: '2026-11-20T10:00:00.000Z' });
      const tiedB = sampleAction({ id: '2026-11-c', createdAt: '2026-11-05T10:00:00.000Z' });
      const tiedA = sampleAction({ id: '2026-11-b', createdAt: '2026-11-05T10:00:00.000Z' });
      const december = sampleAction({ id: '2026-12-a', createdAt: '2026-11-01T10:00:00.000Z' });
      for (const action of [late, tiedB, december, tiedA]) await store.saveAction(action);
      expect(await store.monthActions('2026-11')).toEqual([tiedA, tiedB, late]);
      expect(await store.monthActions('2026-12')).toEqual([december]);
      expect(await store.monthActions('2026-10')).toEqual([]);
    });

    it('still returns a soft-deleted action, by id and in its month', async () => {
      const store = current();
      const deleted = sampleAction({ version: 2, deletedAt: '2026-11-19T08:00:00.000Z' });
      await store.saveAction(sampleAction());
      await store.saveAction(deleted);
      expect(await store.action('2026-11-a1')).toEqual(deleted);
      expect(await store.monthActions('2026-11')).toEqual([deleted]);
    });

    it('lists the months holding actions newest first, across a year end', async () => {
      const store = current();
      expect(await store.actionMonths()).toEqual([]);
      await store.saveAction(sampleAction({ id: '2026-12-a1' }));
      await store.saveAction(sampleAction({ id: '2027-01-a1' }));
      await store.saveAction(sampleAction({ id: '2026-11-a1' }));
      await store.saveAction(sampleAction({ id: '2026-12-a2' }));
      await store.monthActions('2025-06');
      expect(await store.actionMonths()).toEqual(['2027-01', '2026-12', '2026-11']);
    });

    it('refuses an action that fails its schema, and keeps nothing of it', async () => {
      const store = current();
      const invalid = [
        sampleAction({ title: '' }),
        { ...sampleAction(), noPatientConfirmed: false },
        sampleAction({ participants: { patients: -1, carers: 0, public: 0 } }),
        sampleAction({ id: '2026-13-a1' }),
        sampleAction({ id: 'a1' }),
      ];
      for (const action of invalid) {
        await expect(store.saveAction(action as never)).rejects.toThrow(InvalidRecordError);
      }
      await expect(store.saveAction(sampleAction({ title: '' }))).rejects.toThrow(
        /patient input action[\s\S]*title/,
      );
      expect(await store.action('2026-11-a1')).toBeUndefined();
      expect(await store.monthActions('2026-11')).toEqual([]);
      expect(await store.actionMonths()).toEqual([]);
    });

    it("refuses ids not of the form 'YYYY-MM-<id>' and months not 'YYYY-MM', before looking for them", async () => {
      const store = current();
      for (const id of ['../2026-11-x', '2026-1/../x', '2026-00-x', '2026-11/../x', '']) {
        await expect(store.action(id)).rejects.toThrow(/is not an action id/);
        await expect(store.saveAction(sampleAction({ id }))).rejects.toThrow(InvalidRecordError);
      }
      for (const month of ['2026-1/', '../x', '2026-13', '2026-11.json', '2026-11/..']) {
        await expect(store.monthActions(month)).rejects.toThrow(/is not a month/);
      }
      expect(await store.actionMonths()).toEqual([]);
    });

    it('lands every one of several actions saved at once in one month', async () => {
      const store = current();
      const actions = ['a', 'b', 'c', 'd'].map((id) => sampleAction({ id: `2026-11-${id}` }));
      await Promise.all(actions.map((action) => store.saveAction(action)));
      expect(await store.monthActions('2026-11')).toEqual(actions);
    });

    it('keeps its own copy on the way in and out', async () => {
      const store = current();
      const passed = sampleAction();
      await store.saveAction(passed);
      passed.principles.push('p6');
      passed.participants.patients = 99;
      const read = await store.action('2026-11-a1');
      read!.title = 'changed';
      const listed = await store.monthActions('2026-11');
      listed[0]!.participants.carers = 99;
      expect(await store.action('2026-11-a1')).toEqual(sampleAction());
    });
  });
}
