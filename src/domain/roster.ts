// Who and where: the people, conversations and teams the bot has met, and the pure rules that keep them.
import { z } from 'zod';

export const Scope = z.enum(['personal', 'groupChat', 'channel']);
export type Scope = z.infer<typeof Scope>;

export const CheckinPreference = z.object({
  /** UTC ISO time until which check-ins and reminders are paused. */
  pausedUntil: z.string().optional(),
  stopped: z.boolean().default(false),
});
export type CheckinPreference = z.infer<typeof CheckinPreference>;

export const Person = z.object({
  aadObjectId: z.string().min(1),
  teamsUserId: z.string().min(1),
  name: z.string(),
  tenantId: z.string(),
  guest: z.boolean(),
  checkins: CheckinPreference.default({ stopped: false }),
  /** The unit whose weekly pulse this person answers. */
  primaryUnitId: z.string().optional(),
  /** When the person was last asked to choose one, so they are not asked on every message. */
  primaryUnitAskedAt: z.string().optional(),
  /** Broadcast reminders muted by the person ("Stop reminders"): check-in nudges are not affected. */
  remindersMuted: z.boolean().optional(),
  firstSeenAt: z.string(),
});
export type Person = z.infer<typeof Person>;

/** Enough to reach a conversation again: the bot rebuilds a Bot Framework reference from it. */
export const ConversationRef = z.object({
  conversationId: z.string().min(1),
  scope: Scope,
  serviceUrl: z.string().min(1),
  tenantId: z.string(),
  botId: z.string(),
  /** The person of a personal chat. */
  aadObjectId: z.string().optional(),
  teamId: z.string().optional(),
  installed: z.boolean(),
  installedBy: z.string().optional(),
  installedAt: z.string().optional(),
  removedAt: z.string().optional(),
  /** Set when Teams answers that the bot may not write here (the person blocked it, for example). */
  blockedAt: z.string().optional(),
});
export type ConversationRef = z.infer<typeof ConversationRef>;

export const ChannelState = z.enum(['active', 'archived', 'deleted']);
export const Channel = z.object({ id: z.string(), name: z.string(), state: ChannelState });
export type Channel = z.infer<typeof Channel>;

export const Team = z.object({
  id: z.string().min(1),
  name: z.string(),
  aadGroupId: z.string().optional(),
  tenantId: z.string(),
  serviceUrl: z.string(),
  state: z.enum(['active', 'archived', 'deleted']),
  channels: z.array(Channel),
  /** Members by Entra object id; leavers keep their entry with the time they left. */
  members: z.record(z.string(), z.object({ addedAt: z.string(), removedAt: z.string().optional() })),
  installed: z.boolean(),
  installedBy: z.string().optional(),
  installedAt: z.string().optional(),
  removedAt: z.string().optional(),
  /** When the member list was last read in full from Teams (events are lost while the bot is down). */
  membersSyncedAt: z.string().optional(),
});
export type Team = z.infer<typeof Team>;

export type TeamEvent =
  | { kind: 'teamRenamed'; name: string }
  | { kind: 'teamArchived' | 'teamUnarchived' | 'teamDeleted' | 'teamRestored' }
  | { kind: 'channelCreated' | 'channelRenamed' | 'channelRestored'; channel: { id: string; name: string } }
  | {
      kind: 'channelDeleted' | 'channelArchived' | 'channelUnarchived';
      channel: { id: string; name?: string };
    };

/** Teams' own events about a team, applied to what we know of it. Unknown channels are learnt on the way. */
export function applyTeamEvent(team: Team, event: TeamEvent): Team {
  switch (event.kind) {
    case 'teamRenamed':
      return { ...team, name: event.name };
    case 'teamArchived':
      return { ...team, state: 'archived' };
    case 'teamUnarchived':
    case 'teamRestored':
      return { ...team, state: 'active' };
    case 'teamDeleted':
      return { ...team, state: 'deleted' };
    case 'channelCreated':
    case 'channelRenamed':
    case 'channelRestored':
      return withChannel(team, { id: event.channel.id, name: event.channel.name, state: 'active' });
    case 'channelDeleted':
      return withChannelState(team, event.channel, 'deleted');
    case 'channelArchived':
      return withChannelState(team, event.channel, 'archived');
    case 'channelUnarchived':
      return withChannelState(team, event.channel, 'active');
  }
}

export function withMembers(
  team: Team,
  added: readonly string[],
  removed: readonly string[],
  at: string,
): Team {
  const members = { ...team.members };
  for (const id of added)
    members[id] = { addedAt: members[id]?.removedAt ? at : (members[id]?.addedAt ?? at) };
  for (const id of removed) if (members[id]) members[id] = { ...members[id], removedAt: at };
  return { ...team, members };
}

/** Staff are the people who get a weekly pulse: never guests, and only from tenants the organisation allows. */
export function isStaff(
  person: Pick<Person, 'guest' | 'tenantId'>,
  allowedTenantIds: readonly string[],
): boolean {
  return !person.guest && isTenantAllowed(person.tenantId, allowedTenantIds);
}

/** An empty allow-list means any tenant: configuration permits that only in anonymous local mode. */
export function isTenantAllowed(tenantId: string | undefined, allowedTenantIds: readonly string[]): boolean {
  if (allowedTenantIds.length === 0) return true;
  return tenantId !== undefined && allowedTenantIds.includes(tenantId);
}

export function isPaused(preference: CheckinPreference, now: Date): boolean {
  return (
    preference.stopped ||
    (preference.pausedUntil !== undefined && Date.parse(preference.pausedUntil) > now.getTime())
  );
}

function withChannel(team: Team, channel: Channel): Team {
  const others = team.channels.filter((known) => known.id !== channel.id);
  return { ...team, channels: [...others, channel] };
}

function withChannelState(team: Team, channel: { id: string; name?: string }, state: Channel['state']): Team {
  const known = team.channels.find((candidate) => candidate.id === channel.id);
  return withChannel(team, { id: channel.id, name: channel.name ?? known?.name ?? '', state });
}
