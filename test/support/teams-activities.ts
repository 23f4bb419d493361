// Activities shaped as Teams sends them, for the bot and HTTP tests.
import type { Activity } from 'botbuilder';
import { TENANT } from './bot-deps.js';

export const BOT = { id: '28:bot-id', name: 'Patient Partnership' };
export const PRIYA = { id: '29:priya', name: 'Priya Shah', aadObjectId: 'aad-priya' };
export const TEAM = { id: '19:ward-7@thread.tacv2', name: 'Ward 7', aadGroupId: 'group-ward-7' };

type Where = 'personal' | 'channel' | 'groupChat';

export function teamsActivity(
  where: Where,
  fields: Partial<Activity> = {},
  tenantId = TENANT,
): Partial<Activity> {
  const conversation =
    where === 'personal'
      ? { id: 'a:personal-priya', conversationType: 'personal', tenantId, isGroup: false }
      : where === 'channel'
        ? { id: `${TEAM.id};messageid=1700000000000`, conversationType: 'channel', tenantId, isGroup: true }
        : { id: '19:group-chat@thread.v2', conversationType: 'groupChat', tenantId, isGroup: true };
  const channelData =
    where === 'channel'
      ? { tenant: { id: tenantId }, team: TEAM, channel: { id: TEAM.id, name: 'General' } }
      : { tenant: { id: tenantId } };
  return {
    type: 'message',
    channelId: 'msteams',
    serviceUrl: 'https://smba.example.test/emea/',
    from: PRIYA,
    recipient: BOT,
    conversation,
    channelData,
    ...fields,
  } as Partial<Activity>;
}

export const message = (where: Where, text: string, mentioned = where !== 'personal') =>
  teamsActivity(where, {
    text: mentioned ? `<at>${BOT.name}</at> ${text}` : text,
    entities: mentioned ? [{ type: 'mention', mentioned: BOT, text: `<at>${BOT.name}</at>` }] : [],
  });

export const botAdded = (where: Where) =>
  teamsActivity(where, { type: 'conversationUpdate', membersAdded: [BOT] });

export const cardAction = (verb: string, data: unknown, where: Where = 'personal') =>
  teamsActivity(where, {
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data } },
  });
