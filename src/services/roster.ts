// The roster: every inbound activity tells us who someone is and where the bot can reach them. Saved here,
// refreshed each time (serviceUrl can change), so proactive messages always have a current address.
import {
  applyTeamEvent,
  withMembers,
  type ConversationRef,
  type Person,
  type Scope,
  type Team,
  type TeamEvent,
} from '../domain/roster.js';
import type { Store } from '../store/store.js';
import type { Clock } from './clock.js';
import type { KeyedLock } from './keyed-lock.js';

export type PersonFacts = { aadObjectId: string; teamsUserId: string; name?: string };
export type MemberDetails = {
  aadObjectId: string;
  teamsUserId: string;
  name: string;
  tenantId: string;
  guest: boolean;
};

/** What Teams can tell us beyond the activity itself, looked up only when something is new. */
export interface TeamsDirectory {
  member(teamsUserId: string): Promise<MemberDetails | undefined>;
  channels(): Promise<{ id: string; name: string }[]>;
  /** Every member of the team, read page by page; undefined when Teams cannot say. */
  allMembers(teamId: string): Promise<MemberDetails[] | undefined>;
}

/** Teams' membership events are lost while the bot is down, so a tracked team's list is re-read daily. */
export const MEMBER_SYNC_HOURS = 24;

export type InboundFacts = {
  tenantId: string;
  scope: Scope;
  /** For a channel, the channel's id (a thread's message id removed). */
  conversationId: string;
  serviceUrl: string;
  botId: string;
  from?: PersonFacts;
  team?: { id: string; name?: string; aadGroupId?: string };
  botInstalled?: boolean;
  botRemoved?: boolean;
  membersAdded?: PersonFacts[];
  membersRemoved?: PersonFacts[];
  teamEvent?: TeamEvent;
};

export function createRosterService({
  store,
  clock,
  withLock,
  onLeft = async () => {},
}: {
  store: Store;
  clock: Clock;
  withLock: KeyedLock;
  /** Told who left a team, once their leaving is saved: their check-in cards and measures need seeing to. */
  onLeft?: (teamId: string, aadObjectIds: string[]) => Promise<void>;
}) {
  async function ensurePerson(facts: PersonFacts, tenantId: string, directory: TeamsDirectory) {
    const known = await store.person(facts.aadObjectId);
    if (known) {
      const updated: Person = { ...known, teamsUserId: facts.teamsUserId, name: facts.name || known.name };
      if (changed(known, updated)) await store.savePerson(updated);
      return updated;
    }
    // Guest status is not on the activity: ask Teams once. If it cannot say, try again next time.
    const details = await directory.member(facts.teamsUserId);
    if (!details) return undefined;
    const person: Person = {
      aadObjectId: facts.aadObjectId,
      teamsUserId: facts.teamsUserId,
      name: details.name || facts.name || '',
      tenantId: details.tenantId || tenantId,
      guest: details.guest,
      checkins: { stopped: false },
      firstSeenAt: clock().toISOString(),
    };
    await store.savePerson(person);
    return person;
  }

  async function saveConversation(facts: InboundFacts, at: string) {
    const known = await store.conversation(facts.conversationId);
    // Someone who writes to the bot can be reached again, whatever Teams said before.
    const { blockedAt: _unblocked, ...rest } = known ?? {};
    const conversation: ConversationRef = {
      ...rest,
      conversationId: facts.conversationId,
      scope: facts.scope,
      serviceUrl: facts.serviceUrl,
      tenantId: facts.tenantId,
      botId: facts.botId,
      installed: known?.installed ?? true,
      ...(facts.scope === 'personal' && facts.from ? { aadObjectId: facts.from.aadObjectId } : {}),
      ...(facts.team ? { teamId: facts.team.id } : {}),
    };
    const next = withInstallation(conversation, facts, at);
    if (changed(known, next)) await store.saveConversation(next);
  }

  async function saveTeam(
    facts: InboundFacts,
    team: NonNullable<InboundFacts['team']>,
    at: string,
    directory: TeamsDirectory,
  ) {
    const known = await store.team(team.id);
    // Teams names the team on some activities only (install, rename), so keep what we learnt before.
    let next: Team = known
      ? {
          ...known,
          serviceUrl: facts.serviceUrl,
          name: team.name || known.name,
          aadGroupId: known.aadGroupId ?? team.aadGroupId,
        }
      : {
          id: team.id,
          name: team.name ?? '',
          aadGroupId: team.aadGroupId,
          tenantId: facts.tenantId,
          serviceUrl: facts.serviceUrl,
          state: 'active',
          channels: [{ id: team.id, name: 'General', state: 'active' }],
          members: {},
          installed: true,
        };
    if (!known || facts.botInstalled) {
      for (const channel of await directory.channels().catch(() => [])) {
        next = applyTeamEvent(next, {
          kind: 'channelCreated',
          channel: { id: channel.id, name: channel.name || 'General' },
        });
      }
    }
    if (facts.teamEvent) next = applyTeamEvent(next, facts.teamEvent);
    const ids = (people?: PersonFacts[]) => (people ?? []).map((person) => person.aadObjectId);
    next = withMembers(next, ids(facts.membersAdded), ids(facts.membersRemoved), at);
    next = withInstallation(next, facts, at);
    if (changed(known, next)) await store.saveTeam(next);
  }

  /** Makes the team's member list match Teams' own, saving anyone new. Returns who joined and who left. */
  async function syncMembers(teamId: string, directory: TeamsDirectory) {
    const members = await directory.allMembers(teamId);
    if (!members) return undefined;
    const at = clock().toISOString();
    for (const member of members) {
      await withLock(`person:${member.aadObjectId}`, () => savePersonDetails(member));
    }
    const changes = await withLock(`team:${teamId}`, async () => {
      const team = await store.team(teamId);
      if (!team) return undefined;
      const present = new Set(members.map((member) => member.aadObjectId));
      const current = Object.entries(team.members).filter(([, member]) => !member.removedAt);
      const joined = [...present].filter((id) => !team.members[id] || team.members[id]?.removedAt);
      const left = current.map(([id]) => id).filter((id) => !present.has(id));
      await store.saveTeam({ ...withMembers(team, joined, left, at), membersSyncedAt: at });
      return { joined, left };
    });
    if (changes?.left.length) await onLeft(teamId, changes.left);
    return changes;
  }

  /** A full member record from Teams: the guest flag and tenant are refreshed, everything else kept. */
  async function savePersonDetails(details: MemberDetails) {
    const known = await store.person(details.aadObjectId);
    await store.savePerson({
      checkins: { stopped: false },
      firstSeenAt: clock().toISOString(),
      ...known,
      aadObjectId: details.aadObjectId,
      teamsUserId: details.teamsUserId,
      name: details.name || known?.name || '',
      tenantId: details.tenantId || known?.tenantId || '',
      guest: details.guest,
    });
  }

  return {
    syncMembers,

    /** Where a person can be reached: their 1:1 chat if the bot has one, else what is needed to start it. */
    async reach(aadObjectId: string, serviceUrlOf: (aadObjectId: string) => Promise<string | undefined>) {
      const person = await store.person(aadObjectId);
      if (!person) return undefined;
      const conversation = await store.personalConversation(aadObjectId);
      if (conversation?.installed && !conversation.blockedAt) return { person, conversation };
      const serviceUrl = conversation?.serviceUrl ?? (await serviceUrlOf(aadObjectId));
      return { person, ...(serviceUrl ? { serviceUrl } : {}) };
    },

    conversation: (conversationId: string) => store.conversation(conversationId),

    /** A 1:1 chat the bot started: saved so the next message goes straight there. */
    rememberPersonalChat: (person: Person, conversationId: string, serviceUrl: string, botId: string) =>
      withLock(`conversation:${conversationId}`, () =>
        store.saveConversation({
          conversationId,
          scope: 'personal',
          serviceUrl,
          tenantId: person.tenantId,
          botId,
          aadObjectId: person.aadObjectId,
          installed: true,
        }),
      ),

    /** Teams refused (403): nothing more is sent there until the person writes to the bot again. */
    markBlocked: (conversationId: string) =>
      withLock(`conversation:${conversationId}`, async () => {
        const known = await store.conversation(conversationId);
        if (known) await store.saveConversation({ ...known, blockedAt: clock().toISOString() });
      }),

    /** Re-reads a tracked team's members when they have not been read in full for a while (a day by default). */
    async syncIfDue(teamId: string, directory: TeamsDirectory, olderThanHours = MEMBER_SYNC_HOURS) {
      const [team, unit] = await Promise.all([store.team(teamId), store.unit(teamId)]);
      if (!team || !unit?.tracked) return undefined;
      const last = team.membersSyncedAt ? Date.parse(team.membersSyncedAt) : 0;
      if (clock().getTime() - last < olderThanHours * 3_600_000) return undefined;
      return syncMembers(teamId, directory);
    },

    /** Records what one inbound activity says about people, conversations and teams. */
    async record(facts: InboundFacts, directory: TeamsDirectory): Promise<Person | undefined> {
      const at = clock().toISOString();
      const { tenantId, team } = facts;
      const person = (who: PersonFacts) =>
        withLock(`person:${who.aadObjectId}`, () => ensurePerson(who, tenantId, directory));
      const sender = facts.from ? await person(facts.from) : undefined;
      await withLock(`conversation:${facts.conversationId}`, () => saveConversation(facts, at));
      if (team) await withLock(`team:${team.id}`, () => saveTeam(facts, team, at, directory));
      for (const member of facts.membersAdded ?? []) await person(member);
      const left = (facts.membersRemoved ?? []).map((member) => member.aadObjectId);
      if (team && left.length > 0) await onLeft(team.id, left);
      return sender;
    },
  };
}

export type RosterService = ReturnType<typeof createRosterService>;

/**
 * Most activities come from people, chats and teams already known exactly as they are: saving those would
 * change nothing, and on a shared database each save is still a trip to it.
 */
const changed = <T>(known: T | undefined, next: T): boolean => !sameJson(known, next);

/**
 * Equal as JSON: the same keys (one holding undefined counts as absent) with the same values, in any order,
 * as a store may hand a record back with its keys reordered.
 */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const entries = (value: object) => Object.entries(value).filter(([, field]) => field !== undefined);
  const left = entries(a);
  const right = new Map(entries(b));
  return (
    left.length === right.size &&
    left.every(([key, field]) => right.has(key) && sameJson(field, right.get(key)))
  );
}

type Installable = { installed: boolean; installedBy?: string; installedAt?: string; removedAt?: string };

function withInstallation<T extends Installable>(record: T, facts: InboundFacts, at: string): T {
  if (facts.botRemoved) return { ...record, installed: false, removedAt: at };
  if (!facts.botInstalled) return record;
  const { removedAt: _removed, ...rest } = record;
  return {
    ...rest,
    installed: true,
    installedAt: at,
    ...(facts.from ? { installedBy: facts.from.aadObjectId } : {}),
  } as T;
}
