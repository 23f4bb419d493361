// The Store contract for patient input actions: part of describeStoreContract.
import { describe, expect, it } from '@jest/globals';
import type { Action } from '../../src/domain/actions.js';
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

    it("lists some units' actions from a month on: newest month first, each by createdAt then id", async () => {
      const store = current();
      const other = '19:ward-9@thread.tacv2';
      const ward = (id: string, createdAt: string, overrides: Partial<Action> = {}) =>
        sampleAction({ id, createdAt, ...overrides });
      const lateNovember = ward('2026-11-a', '2026-11-20T10:00:00.000Z');
      const tiedB = ward('2026-11-c', '2026-11-05T10:00:00.000Z');
      const tiedA = ward('2026-11-b', '2026-11-05T10:00:00.000Z');
      const december = ward('2026-12-a', '2026-12-01T10:00:00.000Z', {
        deletedAt: '2026-12-02T10:00:00.000Z',
      });
      const october = ward('2026-10-a', '2026-10-01T10:00:00.000Z');
      const elsewhere = ward('2026-11-d', '2026-11-06T10:00:00.000Z', { unitId: other });
      const third = ward('2026-11-e', '2026-11-07T10:00:00.000Z', { unitId: 'ward-3' });
      for (const action of [lateNovember, tiedB, december, october, elsewhere, tiedA, third])
        await store.saveAction(action);
      const unit = sampleAction().unitId;
      expect(await store.unitActions([unit], '2026-11')).toEqual([december, tiedA, tiedB, lateNovember]);
      expect(await store.unitActions([unit, other], '2026-11')).toEqual([
        december,
        tiedA,
        tiedB,
        elsewhere,
        lateNovember,
      ]);
      expect(await store.unitActions([other], '2026-09')).toEqual([elsewhere]);
      expect(await store.unitActions([unit], '2027-01')).toEqual([]);
      expect(await store.unitActions([], '2026-01')).toEqual([]);
      expect(await store.unitActions(['no-such-unit'], '2026-01')).toEqual([]);
    });

    it("refuses a month not 'YYYY-MM' for a units' list, before looking for it", async () => {
      const store = current();
      await store.saveAction(sampleAction());
      for (const month of ['2026-1/', '../x', '2026-13', '2026-11.json', ''])
        await expect(store.unitActions([sampleAction().unitId], month)).rejects.toThrow(/is not a month/);
    });

    it("gives units' actions read-only: changing one throws, and later saves leave what was read as it was", async () => {
      const store = current();
      const given = sampleAction();
      await store.saveAction(given);
      // What the caller gave is still its own to change.
      given.participants.patients = 99;
      const [read] = await store.unitActions([given.unitId], '2026-11');
      expect(() => {
        read!.title = 'changed';
      }).toThrow(TypeError);
      expect(() => {
        read!.participants.carers = 99;
      }).toThrow(TypeError);
      expect(() => read!.principles.push('p6')).toThrow(TypeError);
      const edited = sampleAction({ title: 'Discharge letters, again', version: 2 });
      await store.saveAction(edited);
      expect(read).toEqual(sampleAction());
      expect(await store.unitActions([given.unitId], '2026-11')).toEqual([edited]);
      // The other reads still copy: a frozen record never leaks out through them.
      const byId = (await store.action(given.id))!;
      byId.title = 'mine to change';
      (await store.monthActions('2026-11'))[0]!.title = 'mine too';
      expect(await store.action(given.id)).toEqual(edited);
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
