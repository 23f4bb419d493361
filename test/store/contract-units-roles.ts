// The Store contract for units, roles and the list of people: part of describeStoreContract.
import { describe, expect, it } from '@jest/globals';
import { noRoles, type Roles } from '../../src/domain/permissions.js';
import type { Store } from '../../src/store/store.js';
import { samplePerson, sampleUnit } from './samples.js';

export function describeUnitsAndRolesContract(current: () => Store): void {
  describe('units', () => {
    it('reads back a saved unit by id, and a later save replaces it', async () => {
      const store = current();
      const organisation = sampleUnit({
        id: 'org-northshire',
        name: 'Northshire Hospitals',
        level: 'organisation',
        parentId: undefined,
        teamId: undefined,
      });
      await store.saveUnit(organisation);
      await store.saveUnit(sampleUnit());
      expect(await store.unit('org-northshire')).toEqual(organisation);
      expect(await store.unit(sampleUnit().id)).toEqual(sampleUnit());

      const stopped = sampleUnit({ tracked: false, stoppedAt: '2025-04-01T09:00:00.000Z' });
      await store.saveUnit(stopped);
      expect(await store.unit(sampleUnit().id)).toEqual(stopped);
      expect(await store.unit('no-such-unit')).toBeUndefined();
    });

    it('lists every unit by name as people read it, then by id', async () => {
      const store = current();
      const unit = (id: string, name: string) => sampleUnit({ id, name, teamId: undefined });
      for (const saved of [
        unit('u3', 'Ward 10'),
        unit('u2', 'Ward 7'),
        unit('u1', 'Ward 7'),
        unit('u4', 'maternity'),
        unit('u5', 'Acute Medicine'),
      ])
        await store.saveUnit(saved);
      expect((await store.units()).map(({ id, name }) => `${name} (${id})`)).toEqual([
        'Acute Medicine (u5)',
        'maternity (u4)',
        'Ward 7 (u1)',
        'Ward 7 (u2)',
        'Ward 10 (u3)',
      ]);
    });

    it('lists no units when none are saved', async () => {
      expect(await current().units()).toEqual([]);
    });

    it('keeps its own copy on the way in and out', async () => {
      const store = current();
      const passed = sampleUnit();
      await store.saveUnit(passed);
      passed.name = 'changed';
      (await store.unit(passed.id))!.name = 'changed';
      (await store.units())[0]!.name = 'changed';
      expect(await store.units()).toEqual([sampleUnit()]);
    });

    it('refuses a unit that fails its schema and keeps nothing of it', async () => {
      const store = current();
      await expect(store.saveUnit(sampleUnit({ id: 'u-bad', name: '' }))).rejects.toThrow(/name/);
      expect(await store.unit('u-bad')).toBeUndefined();
      expect(await store.units()).toEqual([]);
    });
  });

  describe('roles', () => {
    const lead: Roles = { admin: false, lead: true, managerOf: [] };
    const manager: Roles = { admin: false, lead: false, managerOf: ['u1', 'u2'] };

    it('reads back the roles saved for a person, and a later save replaces them', async () => {
      const store = current();
      await store.saveRoles('aad-grace', lead);
      await store.saveRoles('aad-ada', manager);
      expect(await store.roles('aad-grace')).toEqual(lead);
      expect(await store.roles('aad-ada')).toEqual(manager);

      await store.saveRoles('aad-grace', { ...lead, admin: true });
      expect(await store.roles('aad-grace')).toEqual({ ...lead, admin: true });
      expect(await store.roles('aad-nobody')).toBeUndefined();
    });

    it('lists everyone holding a role, by aadObjectId', async () => {
      const store = current();
      await store.saveRoles('aad-grace', lead);
      await store.saveRoles('aad-ada', manager);
      await store.saveRoles('aad-bob', { admin: true, lead: false, managerOf: [] });
      expect(await store.peopleWithRoles()).toEqual([
        { aadObjectId: 'aad-ada', roles: manager },
        { aadObjectId: 'aad-bob', roles: { admin: true, lead: false, managerOf: [] } },
        { aadObjectId: 'aad-grace', roles: lead },
      ]);
    });

    it('removes the entry when no role is left, and saving no role for someone with none is harmless', async () => {
      const store = current();
      await store.saveRoles('aad-ada', manager);
      await store.saveRoles('aad-grace', lead);
      await store.saveRoles('aad-ada', { ...noRoles });
      await store.saveRoles('aad-nobody', { admin: false, lead: false, managerOf: [] });
      expect(await store.roles('aad-ada')).toBeUndefined();
      expect(await store.roles('aad-nobody')).toBeUndefined();
      expect(await store.peopleWithRoles()).toEqual([{ aadObjectId: 'aad-grace', roles: lead }]);
    });

    it('keeps its own copy on the way in and out', async () => {
      const store = current();
      const passed: Roles = { admin: false, lead: false, managerOf: ['u1'] };
      await store.saveRoles('aad-ada', passed);
      passed.managerOf.push('u-passed');
      (await store.roles('aad-ada'))!.managerOf.push('u-read');
      (await store.peopleWithRoles())[0]!.roles.managerOf.push('u-listed');
      expect(await store.roles('aad-ada')).toEqual({ admin: false, lead: false, managerOf: ['u1'] });
    });

    it('refuses roles that fail their schema and keeps nothing of them', async () => {
      const store = current();
      await store.saveRoles('aad-ada', lead);
      const invalid = { admin: 'yes', lead: false, managerOf: [] } as unknown as Roles;
      await expect(store.saveRoles('aad-ada', invalid)).rejects.toThrow(/admin/);
      expect(await store.roles('aad-ada')).toEqual(lead);
    });
  });

  describe('people()', () => {
    it('lists every person by name, then aadObjectId, and copies them out', async () => {
      const store = current();
      expect(await store.people()).toEqual([]);
      const grace = samplePerson({ aadObjectId: 'aad-grace', teamsUserId: '29:grace', name: 'Grace Hopper' });
      const ada = samplePerson();
      const otherAda = samplePerson({ aadObjectId: 'aad-ada-2', teamsUserId: '29:ada-2' });
      for (const person of [grace, ada, otherAda]) await store.savePerson(person);

      const listed = await store.people();
      expect(listed).toEqual([ada, otherAda, grace]);
      listed[0]!.name = 'changed';
      expect((await store.people())[0]).toEqual(ada);
    });
  });
}
