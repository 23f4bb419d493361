import { describe, expect, it } from '@jest/globals';
import { noRoles } from '../../src/domain/permissions.js';
import type { Team } from '../../src/domain/roster.js';
import { createServices } from '../../src/services/index.js';
import type { MemberDetails, TeamsDirectory } from '../../src/services/roster.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { samplePerson, TENANT } from '../support/bot-deps.js';
import { checkinOptions } from '../support/checkin-options.js';

const team: Team = {
  id: '19:ward7',
  name: 'Ward 7',
  tenantId: 't1',
  serviceUrl: 'https://smba.example.test/',
  state: 'active',
  channels: [],
  members: { 'aad-priya': { addedAt: '2026-11-01T00:00:00Z' } },
  installed: true,
};
const member = (id: string, guest = false): MemberDetails => ({
  aadObjectId: `aad-${id}`,
  teamsUserId: `29:${id}`,
  name: id,
  tenantId: 't1',
  guest,
});

async function setup() {
  const store = createMemoryStore();
  let now = new Date('2026-11-23T10:00:00Z');
  let id = 0;
  const services = createServices({
    ...checkinOptions,
    store,
    clock: () => now,
    newId: () => `id-${++id}`,
    bootstrapAdmins: ['aad-admin'],
    allowedTenantIds: ['t1', TENANT],
  });
  await store.saveTeam(team);
  await store.savePerson(samplePerson());
  const audit = async () => (await store.auditEntries({ limit: 100 })).map((e) => `${e.action}:${e.outcome}`);
  return {
    store,
    services,
    audit,
    advance: (hours: number) => (now = new Date(now.getTime() + hours * 3_600_000)),
  };
}

describe('units', () => {
  it('a manager who tracks a team manages it; tracking again changes nothing; stopping keeps the unit', async () => {
    const { store, services, audit } = await setup();
    const manager = { ...noRoles, managerOf: ['elsewhere'] };
    expect((await services.units.trackTeam('aad-priya', manager, team.id)).kind).toBe('tracked');
    expect((await store.roles('aad-priya'))?.managerOf).toEqual(['elsewhere', team.id]);
    expect((await services.units.trackTeam('aad-priya', manager, team.id)).kind).toBe('alreadyTracked');
    expect((await services.units.stopTracking('aad-priya', team.id)).kind).toBe('stopped');
    expect(await store.unit(team.id)).toMatchObject({
      tracked: false,
      stoppedAt: '2026-11-23T10:00:00.000Z',
    });
    expect((await services.units.stopTracking('aad-priya', team.id)).kind).toBe('notTracked');
    expect(await audit()).toEqual(['unit.stop:done', 'unit.track:done']);
  });

  it('does not make leads or admins managers of what they track', async () => {
    const { store, services } = await setup();
    await services.units.trackTeam('aad-lead', { ...noRoles, lead: true }, team.id);
    expect(await store.roles('aad-lead')).toBeUndefined();
    expect((await services.units.trackTeam('aad-x', noRoles, 'no-such-team')).kind).toBe('unknownTeam');
  });

  it('gives units parents only in the right order, and never in a loop', async () => {
    const { services } = await setup();
    const ward = await services.units.defineUnit('aad-admin', ' Community nursing ', 'unit');
    const trust = await services.units.defineUnit('aad-admin', 'Northshire Trust', 'organisation');
    expect(ward.name).toBe('Community nursing');
    expect(await services.units.setParent('aad-admin', ward.id, trust.id)).toBeUndefined();
    expect(await services.units.setParent('aad-admin', trust.id, ward.id)).toBe('wrongLevel');
    expect(await services.units.setParent('aad-admin', 'missing', trust.id)).toBe('unknownUnit');
  });

  it('lets a person choose a primary unit only among their own teams and defined units', async () => {
    const { store, services } = await setup();
    await services.units.trackTeam('aad-admin', { ...noRoles, admin: true }, team.id);
    const defined = await services.units.defineUnit('aad-admin', 'Outpatients', 'unit');
    await services.units.defineUnit('aad-admin', 'Trust', 'organisation');
    expect((await services.units.primaryChoices('aad-priya')).map((u) => u.id)).toEqual([
      team.id,
      defined.id,
    ]);
    expect(await services.units.choosePrimary('aad-priya', 'not-mine')).toBe('notAChoice');
    expect(await services.units.choosePrimary('aad-priya', team.id)).toBe('chosen');
    expect((await store.person('aad-priya'))?.primaryUnitId).toBe(team.id);
  });
});

describe('roles and access', () => {
  it('finds people by name, best matches first, at most ten', async () => {
    const { store, services } = await setup();
    for (const name of ['Sam Priya', 'Priya Nair', 'Bob Jones']) {
      await store.savePerson(samplePerson({ aadObjectId: `aad-${name}`, name }));
    }
    expect((await services.roles.search('priya')).map((p) => p.name)).toEqual([
      'Priya Nair',
      'Priya Shah',
      'Sam Priya',
    ]);
    expect((await services.roles.search('priya shah')).map((p) => p.name)).toEqual(['Priya Shah']);
    expect(await services.roles.search('   ')).toEqual([]);
  });

  it('changes roles once, audited with the people and units it touched', async () => {
    const { store, services } = await setup();
    const roles = { admin: false, lead: true, managerOf: ['u2', 'u1', 'u1'] };
    expect(await services.roles.set('aad-admin', 'aad-priya', roles)).toBe(true);
    expect(await store.roles('aad-priya')).toEqual({ admin: false, lead: true, managerOf: ['u1', 'u2'] });
    expect(await services.roles.set('aad-admin', 'aad-priya', roles)).toBe(false);
    const [entry] = await store.auditEntries({ limit: 1 });
    expect(entry).toMatchObject({
      actor: 'aad-admin',
      action: 'roles.change',
      targets: ['aad-priya', 'u1', 'u2'],
    });
  });

  it('bootstrap admins may manage roles; others are refused, and the refusal is audited', async () => {
    const { services, audit } = await setup();
    expect((await services.access.check('aad-admin', 'manageRoles')).allowed).toBe(true);
    expect(await services.access.check('aad-priya', 'manageRoles', 'u1')).toEqual({
      allowed: false,
      action: 'manageRoles',
    });
    expect(await audit()).toEqual(['manageRoles:refused']);
  });
});

describe('roster: member lists', () => {
  const directory = (members: MemberDetails[] | undefined): TeamsDirectory => ({
    member: async () => undefined,
    channels: async () => [],
    allMembers: async () => members,
  });

  it('re-reads a tracked team daily, learning joiners (with guest status) and leavers missed while down', async () => {
    const { store, services, advance } = await setup();
    await services.units.trackTeam('aad-admin', { ...noRoles, admin: true }, team.id);
    const first = await services.roster.syncIfDue(team.id, directory([member('priya'), member('sam', true)]));
    expect(first).toEqual({ joined: ['aad-sam'], left: [] });
    expect((await store.person('aad-sam'))?.guest).toBe(true);
    advance(23);
    expect(await services.roster.syncIfDue(team.id, directory([member('sam', true)]))).toBeUndefined();
    advance(1);
    expect(await services.roster.syncIfDue(team.id, directory([member('sam', true)]))).toEqual({
      joined: [],
      left: ['aad-priya'],
    });
    expect((await store.team(team.id))?.members['aad-priya']?.removedAt).toBeDefined();
  });

  it('does not read untracked teams, and keeps the list when Teams cannot answer', async () => {
    const { store, services } = await setup();
    expect(await services.roster.syncIfDue(team.id, directory([]))).toBeUndefined();
    await services.units.trackTeam('aad-admin', { ...noRoles, admin: true }, team.id);
    expect(await services.roster.syncIfDue(team.id, directory(undefined))).toBeUndefined();
    expect((await store.team(team.id))?.members['aad-priya']?.removedAt).toBeUndefined();
  });
});

describe('primary unit on first contact', () => {
  it('picks the only team, asks when there are several (then not again for a week), never asks guests', async () => {
    const { store, services, advance } = await setup();
    const admin = { ...noRoles, admin: true };
    await services.units.trackTeam('aad-admin', admin, team.id);
    expect(await services.units.settlePrimary('aad-priya')).toBeUndefined();
    expect((await store.person('aad-priya'))?.primaryUnitId).toBe(team.id);

    await store.saveTeam({ ...team, id: '19:ward8', name: 'Ward 8' });
    await services.units.trackTeam('aad-admin', admin, '19:ward8');
    await store.savePerson(samplePerson({ aadObjectId: 'aad-sam' }));
    for (const id of [team.id, '19:ward8']) {
      const t = (await store.team(id))!;
      await store.saveTeam({
        ...t,
        members: { ...t.members, 'aad-sam': { addedAt: '2026-11-01T00:00:00Z' } },
      });
    }
    expect((await services.units.settlePrimary('aad-sam'))?.map((u) => u.name)).toEqual(['Ward 7', 'Ward 8']);
    expect(await services.units.settlePrimary('aad-sam')).toBeUndefined();
    advance(24 * 7);
    expect(await services.units.settlePrimary('aad-sam')).toHaveLength(2);

    await store.savePerson(samplePerson({ aadObjectId: 'aad-guest', guest: true }));
    expect(await services.units.settlePrimary('aad-guest')).toBeUndefined();
    await store.savePerson(samplePerson({ aadObjectId: 'aad-visitor', tenantId: 'another-trust' }));
    expect(await services.units.settlePrimary('aad-visitor')).toBeUndefined();
  });
});
