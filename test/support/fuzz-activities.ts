// Well-formed Teams activities with hostile parts, for the fuzz suite: card actions for every verb and for verbs
// that do not exist, messages with every typed command and junk around it, members coming and going in odd
// shapes, channel data with odd teams and tenants, and activities with one field of the wrong type.
import fc from 'fast-check';
import type { Activity } from 'botbuilder';
import { channelCommands, personalCommands, verbs } from '../../src/bot/verbs.js';
import { TENANT } from './bot-deps.js';
import { ADMIN, PROTOTYPE_KEYS, senders } from './fuzz-people.js';
import {
  anything,
  CANARY,
  DATA_KEYS,
  freeText,
  hostileString,
  hostileValue,
  likelyData,
} from './fuzz-values.js';
import { BOT, TEAM, teamsActivity } from './teams-activities.js';

export type Where = 'personal' | 'channel' | 'groupChat';
type Json = Record<string, unknown>;

const where = fc.constantFrom<Where>('personal', 'personal', 'channel', 'groupChat');
const sender = fc.constantFrom(...senders);

/** The team a channel activity says it comes from: the real one mostly, or ids that make odd file names. */
const teamShape = fc.oneof(
  { weight: 4, arbitrary: fc.constant<unknown>(TEAM) },
  fc.constantFrom<unknown>(
    ...['cycle', 'latest', '__proto__', 'constructor', '../x', '', 'x'.repeat(300)].map((id) => ({
      id,
      name: id,
    })),
    { id: 42 },
    [],
    'team',
    null,
    { id: TEAM.id, name: { text: 'x' } },
  ),
  hostileValue,
);
const tenantShape = fc.oneof(
  { weight: 6, arbitrary: fc.constant<unknown>({ id: TENANT }) },
  fc.constantFrom<unknown>({ id: 'other-tenant' }, { id: [TENANT] }, TENANT, {}, null, {
    id: { id: TENANT },
  }),
);
const eventType = fc.constantFrom(
  undefined,
  'teamRenamed',
  'teamArchived',
  'teamDeleted',
  'teamHardDeleted',
  'teamRestored',
  'channelCreated',
  'channelRenamed',
  'channelDeleted',
  'toString',
  '__proto__',
);

const channelDataOf = (team: unknown, tenant: unknown, event: string | undefined) => ({
  tenant,
  team,
  channel: { id: (team as { id?: unknown } | null)?.id ?? TEAM.id, name: 'General' },
  ...(event ? { eventType: event } : {}),
});

/** An activity as Teams sends it, from `from`, in `place`; channel activities carry the odd team shapes. */
function activityIn(place: Where, from: Json, fields: Partial<Activity>, channelData?: Json): Json {
  const activity = teamsActivity(place, { from, ...fields } as Partial<Activity>) as Json;
  return channelData && place !== 'personal' ? { ...activity, channelData } : activity;
}

const channelData = fc
  .tuple(teamShape, tenantShape, eventType)
  .map(([team, tenant, event]) => channelDataOf(team, tenant, event));

const mention = { type: 'mention', mentioned: BOT, text: `<at>${BOT.name}</at>` };

const commands = [...new Set([...personalCommands, ...channelCommands])];
const junk = fc.oneof(hostileString, fc.constantFrom('.', '?', '!', '  ', '\n', ` ${CANARY}`));

/** What a person types: noise, or a command with junk before or after it, or a command as it is. */
export const typedText = fc.oneof(
  freeText,
  fc.string({ unit: 'binary' }).map((text) => `${text} ${CANARY}`),
  fc.tuple(fc.constantFrom(...commands), junk).map(([command, tail]) => `${command}${tail}`),
  fc.tuple(junk, fc.constantFrom(...commands)).map(([head, command]) => `${head} ${command}`),
  fc.constantFrom(...commands).map((command) => command.toUpperCase().replace(/ /g, '   ')),
  fc.constantFrom(...commands),
);

export const messages = fc
  .record({ place: where, from: sender, text: typedText, mentioned: fc.boolean(), channelData })
  .map(({ place, from, text, mentioned, channelData }) =>
    activityIn(
      place,
      from,
      {
        text: mentioned ? `<at>${BOT.name}</at> ${text}` : text,
        entities: mentioned ? [mention] : [],
      },
      channelData,
    ),
  );

const member = fc.oneof(
  { weight: 4, arbitrary: sender },
  fc.constantFrom<unknown>(BOT, {}, { id: 5 }, { id: '29:x', aadObjectId: {} }, 'member', null, []),
  hostileValue,
);

export const membersChanged = fc
  .record({
    place: where,
    from: sender,
    added: fc.oneof(fc.array(member, { maxLength: 6 }), fc.constant(Array(300).fill(ADMIN)), hostileValue),
    removed: fc.oneof(fc.constant(undefined), fc.array(member, { maxLength: 3 }), hostileValue),
    channelData,
  })
  .map(({ place, from, added, removed, channelData }) =>
    activityIn(
      place,
      from,
      { type: 'conversationUpdate', membersAdded: added as never, membersRemoved: removed as never },
      channelData,
    ),
  );

export const knownVerbs = Object.values(verbs);
const verb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...knownVerbs) },
  fc.constantFrom(...knownVerbs).map((known) => `${known}x`),
  fc.constantFrom(...knownVerbs).map((known) => known.toUpperCase()),
  fc.constantFrom(...PROTOTYPE_KEYS),
  hostileString,
);

/** Data with the keys handlers read, each holding anything: right keys, wrong types, oversize strings. */
const nearValidData = fc.dictionary(fc.constantFrom(...DATA_KEYS), hostileValue, { maxKeys: 6 });
const cardData = fc.oneof({ weight: 3, arbitrary: likelyData }, nearValidData, anything, hostileValue);

/** A card's Action.Execute as Teams sends it. */
export const cardInvoke = (place: Where, from: Json, verbName: unknown, data: unknown, channel?: Json) =>
  activityIn(
    place,
    from,
    {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: verbName, data } },
    },
    channel,
  );

export const cardActions = fc
  .record({ place: where, from: sender, verb, data: cardData, channelData })
  .map(({ place, from, verb, data, channelData }) => cardInvoke(place, from, verb, data, channelData));

/** Invokes that are not card actions, or card actions in an odd envelope. */
export const otherInvokes = fc
  .record({
    place: where,
    from: sender,
    name: fc.oneof(
      fc.constantFrom(
        ...['task/fetch', 'task/submit', 'composeExtension/query', 'composeExtension/submitAction'],
        ...['signin/verifyState', 'signin/tokenExchange', 'config/fetch', 'config/submit', 'tab/fetch'],
        ...['actionableMessage/executeAction', 'fileConsent/invoke', 'message/submitAction', 'healthCheck'],
        ...['handoff/action', 'adaptiveCard/action', 'application/search', '', 'constructor'],
      ),
      hostileString,
    ),
    value: fc.oneof(
      anything,
      hostileValue,
      fc.record({ action: fc.oneof(anything, fc.record({ type: hostileValue, verb, data: cardData })) }),
    ),
  })
  .map(({ place, from, name, value }) => activityIn(place, from, { type: 'invoke', name, value }));

/** The fields of an activity that the fuzz gives a value of any type, one to three at a time. */
const fields = [
  ...['type', 'from', 'recipient', 'conversation', 'channelData', 'value', 'text', 'entities'],
  ...['attachments', 'name', 'membersAdded', 'membersRemoved', 'replyToId', 'id', 'timestamp', 'locale'],
  ...['channelId', 'action', 'deliveryMode', 'textFormat', 'relatesTo', 'localTimezone', 'callerId'],
] as const;

const baseActivity = fc.oneof(messages, cardActions, membersChanged);

export const mistyped = fc
  .tuple(
    baseActivity,
    fc.array(fc.tuple(fc.constantFrom(...fields), fc.oneof(anything, hostileValue)), {
      minLength: 1,
      maxLength: 3,
    }),
  )
  .map(([activity, changes]) => {
    const changed: Json = { ...activity };
    for (const [field, value] of changes) changed[field] = value;
    return changed;
  });

/** Well-formed envelopes with the tenant, people or conversation in odd shapes, deep inside. */
export const oddEnvelopes = fc
  .tuple(
    baseActivity,
    fc.constantFrom('from', 'recipient', 'conversation'),
    fc.constantFrom('id', 'aadObjectId', 'conversationType', 'tenantId', 'role', 'name', 'isGroup'),
    fc.oneof(hostileString, hostileValue),
  )
  .map(([activity, part, field, value]) => ({
    ...activity,
    [part]: { ...(activity[part] as Json), [field]: value },
  }));
