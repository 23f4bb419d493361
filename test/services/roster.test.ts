import { describe, expect, it } from '@jest/globals';
import {
  createRosterService,
  type InboundFacts,
  type MemberDetails,
  type TeamsDirectory,
} from '../../src/services/roster.js';
import { createKeyedLock } from '../../src/services/keyed-lock.js';
import { createMemoryStore } from '../../src/store/memory-store.js';

const at = (iso: string) => () => new Date(iso);
const priya: MemberDetails = {
  aadObjectId: 'aad-priya',
  teamsUserId: '29:priya',
  name: 'Priya Shah',
  tenantId: 't1',
  guest: false,
};

function directory(
  members: MemberDetails[],
  channels = [
    { id: '19:t', name: '' },
    { id: '19:c', name: 'Handover' },
  ],
) {
  const lookups: string[] = [];
  const teams: TeamsDirectory = {
    member: async (id) => (lookups.push(id), members.find((member) => member.teamsUserId === id)),
    channels: async () => channels,
    allMembers: async () => members,
  };
  return { teams, lookups };
}

const personal = (fields: Partial<InboundFacts> = {}): InboundFacts => ({
  tenantId: 't1',
  scope: 'personal',
  conversationId: 'a:p',
  serviceUrl: 'https://smba.example.test/uk/',
  botId: '28:bot',
  from: { aadObjectId: 'aad-priya', teamsUserId: '29:priya', name: 'Priya Shah' },
  ...fields,
});

describe('roster', () => {
  it('saves a new person once, asking Teams whether they are a guest only the first time', async () => {
    const store = createMemoryStore();
    const roster = createRosterService({
      store,
      clock: at('2026-11-23T10:00:00Z'),
      withLock: createKeyedLock(),
    });
    const { teams, lookups } = directory([{ ...priya, guest: true }]);
    await roster.record(personal(), teams);
    await roster.record(personal(), teams);
    expect(lookups).toEqual(['29:priya']);
    expect(await store.person('aad-priya')).toMatchObject({
      guest: true,
      name: 'Priya Shah',
      firstSeenAt: '2026-11-23T10:00:00.000Z',
    });
  });

  it('tries again later when Teams cannot say who someone is', async () => {
    const store = createMemoryStore();
    const roster = createRosterService({
      store,
      clock: at('2026-11-23T10:00:00Z'),
      withLock: createKeyedLock(),
    });
    await roster.record(personal(), directory([]).teams);
    expect(await store.person('aad-priya')).toBeUndefined();
    await roster.record(personal(), directory([priya]).teams);
    expect(await store.person('aad-priya')).toMatchObject({ guest: false });
  });

  it('saves nothing for a person, chat or team already known exactly as the activity shows them', async () => {
    const store = createMemoryStore();
    const saves: string[] = [];
    const counted = {
      ...store,
      savePerson: (p: Parameters<typeof store.savePerson>[0]) => (saves.push('person'), store.savePerson(p)),
      saveConversation: (c: Parameters<typeof store.saveConversation>[0]) => (
        saves.push('conversation'),
        store.saveConversation(c)
      ),
      saveTeam: (t: Parameters<typeof store.saveTeam>[0]) => (saves.push('team'), store.saveTeam(t)),
    };
    const roster = createRosterService({
      store: counted,
      clock: at('2026-11-23T10:00:00Z'),
      withLock: createKeyedLock(),
    });
    const { teams } = directory([priya]);
    const inTeam = personal({
      scope: 'channel',
      conversationId: '19:t',
      team: { id: '19:t', name: 'Ward 7', aadGroupId: 'g1' },
    });
    await roster.record(inTeam, teams);
    expect(saves.sort()).toEqual(['conversation', 'person', 'team']);
    saves.length = 0;
    await roster.record(inTeam, teams);
    expect(saves).toEqual([]);
    await roster.record({ ...inTeam, from: { ...inTeam.from!, name: 'Priya Shah-Jones' } }, teams);
    expect(saves).toEqual(['person']);
    expect((await store.person('aad-priya'))?.name).toBe('Priya Shah-Jones');
  });

  it('refreshes the conversation reference when the service URL changes', async () => {
    const store = createMemoryStore();
    const roster = createRosterService({
      store,
      clock: at('2026-11-23T10:00:00Z'),
      withLock: createKeyedLock(),
    });
    await roster.record(personal(), directory([priya]).teams);
    await roster.record(
      personal({ serviceUrl: 'https://smba.example.test/emea/' }),
      directory([priya]).teams,
    );
    expect(await store.personalConversation('aad-priya')).toMatchObject({
      serviceUrl: 'https://smba.example.test/emea/',
      installed: true,
    });
  });

  it('records who installed the bot in a team, its channels, events and uninstalling', async () => {
    const store = createMemoryStore();
    let now = '2026-11-23T10:00:00Z';
    const roster = createRosterService({ store, clock: () => new Date(now), withLock: createKeyedLock() });
    const { teams } = directory([priya]);
    // As in Teams: the install event names the team, later activities carry only its id.
    const inTeam = (fields: Partial<InboundFacts>) =>
      personal({ scope: 'channel', conversationId: '19:t', team: { id: '19:t' }, ...fields });
    await roster.record(inTeam({ botInstalled: true, team: { id: '19:t', name: 'Ward 7' } }), teams);
    expect(await store.team('19:t')).toMatchObject({
      name: 'Ward 7',
      installed: true,
      installedBy: 'aad-priya',
      channels: [
        { id: '19:t', name: 'General', state: 'active' },
        { id: '19:c', name: 'Handover', state: 'active' },
      ],
    });
    await roster.record(inTeam({ teamEvent: { kind: 'teamRenamed', name: 'Ward 7 Respiratory' } }), teams);
    await roster.record(inTeam({ teamEvent: { kind: 'channelDeleted', channel: { id: '19:c' } } }), teams);
    await roster.record(
      inTeam({ membersRemoved: [{ aadObjectId: 'aad-sam', teamsUserId: '29:sam' }] }),
      teams,
    );
    now = '2026-11-24T10:00:00Z';
    await roster.record(inTeam({ botRemoved: true }), teams);
    const team = await store.team('19:t');
    expect(team).toMatchObject({
      name: 'Ward 7 Respiratory',
      installed: false,
      removedAt: '2026-11-24T10:00:00.000Z',
    });
    expect(team?.channels.find((channel) => channel.id === '19:c')?.state).toBe('deleted');
    expect(await store.conversation('19:t')).toMatchObject({
      scope: 'channel',
      teamId: '19:t',
      installed: false,
    });
  });
});

describe('roster: a team first met through a message', () => {
  it('learns the team name and group id from a later install event', async () => {
    const store = createMemoryStore();
    const roster = createRosterService({
      store,
      clock: at('2026-11-23T10:00:00Z'),
      withLock: createKeyedLock(),
    });
    const { teams } = directory([priya]);
    const inTeam = (team: InboundFacts['team'], fields: Partial<InboundFacts> = {}) =>
      personal({ scope: 'channel', conversationId: '19:t', team, ...fields });
    await roster.record(inTeam({ id: '19:t' }), teams);
    await roster.record(
      inTeam({ id: '19:t', name: 'Ward 7', aadGroupId: 'group-7' }, { botInstalled: true }),
      teams,
    );
    await roster.record(inTeam({ id: '19:t' }), teams);
    expect(await store.team('19:t')).toMatchObject({ name: 'Ward 7', aadGroupId: 'group-7' });
  });
});

describe('roster: two activities at once', () => {
  it('asks Teams about a new person once and loses neither update', async () => {
    const store = createMemoryStore();
    const roster = createRosterService({
      store,
      clock: at('2026-11-23T10:00:00Z'),
      withLock: createKeyedLock(),
    });
    const { lookups } = directory([priya]);
    const slow: TeamsDirectory = {
      member: async (id) => {
        lookups.push(id);
        await new Promise((resolve) => setTimeout(resolve, 20));
        return priya;
      },
      channels: async () => [],
      allMembers: async () => [priya],
    };
    const inTeam = (fields: Partial<InboundFacts>) =>
      personal({ scope: 'channel', conversationId: '19:t', team: { id: '19:t', name: 'Ward 7' }, ...fields });
    await Promise.all([
      roster.record(inTeam({ botInstalled: true }), slow),
      roster.record(
        inTeam({ teamEvent: { kind: 'channelCreated', channel: { id: '19:c', name: 'Handover' } } }),
        slow,
      ),
      roster.record(inTeam({ membersAdded: [{ aadObjectId: 'aad-priya', teamsUserId: '29:priya' }] }), slow),
    ]);
    expect(lookups).toEqual(['29:priya']);
    const team = await store.team('19:t');
    expect(team?.installedBy).toBe('aad-priya');
    expect(team?.channels.map((channel) => channel.id)).toContain('19:c');
    expect(Object.keys(team?.members ?? {})).toEqual(['aad-priya']);
  });
});
