// Reads what Teams says in an activity: the only place that knows Teams' activity shapes.
import type { Activity, ChannelAccount } from 'botbuilder';
import type { Scope, TeamEvent } from '../domain/roster.js';
import type { InboundFacts, PersonFacts } from '../services/roster.js';

type TeamsChannelData = {
  tenant?: { id?: string };
  team?: { id?: string; name?: string; aadGroupId?: string };
  channel?: { id?: string; name?: string };
  eventType?: string;
};

const channelData = (activity: Partial<Activity>): TeamsChannelData =>
  (activity.channelData ?? {}) as TeamsChannelData;

export function tenantOf(activity: Partial<Activity>): string | undefined {
  return channelData(activity).tenant?.id ?? activity.conversation?.tenantId;
}

/** A typed command: the words alone, any case and spacing, perhaps with a full stop or question mark. */
export const command = (words: string): RegExp =>
  new RegExp(`^\\s*${words.replace(/ /g, '\\s+')}\\s*[.!?]?\\s*$`, 'i');

/** The Teams team an activity comes from, if any. */
export function teamIdOf(activity: Partial<Activity>): string | undefined {
  return channelData(activity).team?.id;
}

export function scopeOf(activity: Partial<Activity>): Scope {
  const type = activity.conversation?.conversationType;
  return type === 'channel' || type === 'groupChat' ? type : 'personal';
}

export function mentionsBot(activity: Partial<Activity>): boolean {
  const botId = activity.recipient?.id;
  return (activity.entities ?? []).some(
    (entity) =>
      entity.type === 'mention' && (entity as { mentioned?: { id?: string } }).mentioned?.id === botId,
  );
}

export function isBotAmong(members: ChannelAccount[] | undefined, activity: Partial<Activity>): boolean {
  return (members ?? []).some((member) => member.id === activity.recipient?.id);
}

/** What an activity tells the roster, or nothing when it lacks the basics (then it is simply not recorded). */
export function inboundFacts(activity: Partial<Activity>): InboundFacts | undefined {
  const data = channelData(activity);
  const tenantId = tenantOf(activity);
  const conversationId = data.channel?.id ?? activity.conversation?.id;
  if (!tenantId || !conversationId || !activity.serviceUrl || !activity.recipient?.id) return undefined;
  const humans = (members?: ChannelAccount[]) =>
    (members ?? []).filter((member) => member.id !== activity.recipient?.id).flatMap(personFacts);
  const installation = activity.type === 'installationUpdate' ? activity.action : undefined;
  const facts: InboundFacts = {
    tenantId,
    scope: scopeOf(activity),
    conversationId,
    serviceUrl: activity.serviceUrl,
    botId: activity.recipient.id,
    ...(data.team?.id
      ? { team: { id: data.team.id, name: data.team.name, aadGroupId: data.team.aadGroupId } }
      : {}),
    botInstalled: installation === 'add' || isBotAmong(activity.membersAdded, activity),
    botRemoved: installation === 'remove' || isBotAmong(activity.membersRemoved, activity),
    membersAdded: humans(activity.membersAdded),
    membersRemoved: humans(activity.membersRemoved),
    teamEvent: teamEvent(data),
  };
  const from = activity.from?.role === 'bot' ? [] : personFacts(activity.from);
  return from[0] ? { ...facts, from: from[0] } : facts;
}

function personFacts(account: Partial<ChannelAccount> | undefined): PersonFacts[] {
  if (!account?.id || !account.aadObjectId) return [];
  return [
    {
      aadObjectId: account.aadObjectId,
      teamsUserId: account.id,
      ...(account.name ? { name: account.name } : {}),
    },
  ];
}

function teamEvent(data: TeamsChannelData): TeamEvent | undefined {
  const channel = data.channel?.id ? { id: data.channel.id, name: data.channel.name ?? '' } : undefined;
  switch (data.eventType) {
    case 'teamRenamed':
      return data.team?.name ? { kind: 'teamRenamed', name: data.team.name } : undefined;
    case 'teamArchived':
    case 'teamUnarchived':
    case 'teamRestored':
      return { kind: data.eventType };
    case 'teamDeleted':
    case 'teamHardDeleted':
      return { kind: 'teamDeleted' };
    case 'channelCreated':
    case 'channelRenamed':
    case 'channelRestored':
    case 'channelDeleted':
    case 'channelArchived':
    case 'channelUnarchived':
      return channel ? { kind: data.eventType, channel } : undefined;
    default:
      return undefined;
  }
}
