// The daily member read, through the real TeamsAdapter against the loopback Bot Connector.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTeamsAdapter } from '../../src/bot/adapter.js';
import { memberSyncJob } from '../../src/bot/member-sync-job.js';
import { testDeps, TENANT } from '../support/bot-deps.js';
import { startFakeConnector } from '../support/fake-connector.js';

let connector: Awaited<ReturnType<typeof startFakeConnector>>;
beforeAll(async () => {
  connector = await startFakeConnector({
    members: [
      { id: '29:a', name: 'Asha', aadObjectId: 'aad-a', tenantId: TENANT },
      { id: '29:b', name: 'Ben', aadObjectId: 'aad-b', tenantId: TENANT },
      { id: '29:c', name: 'Cai', aadObjectId: 'aad-c', tenantId: TENANT, userRole: 'guest' },
    ],
  });
});
afterAll(() => connector.close());

describe('member sync job', () => {
  it('reads every tracked team in full without a message from it, and skips untracked teams', async () => {
    const { deps, store } = testDeps();
    const team = (id: string, syncedAt?: string) => ({
      id,
      name: id,
      tenantId: TENANT,
      serviceUrl: connector.url,
      state: 'active' as const,
      channels: [],
      members: { 'aad-gone': { addedAt: '2026-01-01T00:00:00.000Z' } },
      installed: true,
      ...(syncedAt ? { membersSyncedAt: syncedAt } : {}),
    });
    await store.saveTeam(team('19:tracked', '2026-11-22T10:00:00.000Z'));
    await store.saveTeam(team('19:untracked'));
    await store.saveUnit({
      id: '19:tracked',
      name: 'Ward 7',
      level: 'unit',
      teamId: '19:tracked',
      tracked: true,
      createdAt: '2026-11-01T00:00:00.000Z',
      createdBy: 'aad-admin',
    });
    const job = memberSyncJob(
      deps,
      createTeamsAdapter({ id: '', password: '', tenantId: '', type: 'SingleTenant' }),
      '',
    );
    await job.run();
    expect(connector.pagedRequests()).toBe(2);
    const members = (await store.team('19:tracked'))?.members ?? {};
    expect(Object.keys(members).sort()).toEqual(['aad-a', 'aad-b', 'aad-c', 'aad-gone']);
    expect(members['aad-gone']?.removedAt).toBeDefined();
    expect((await store.person('aad-c'))?.guest).toBe(true);
    expect((await store.team('19:untracked'))?.membersSyncedAt).toBeUndefined();
  });
});
