import { z } from 'zod';

/**
 * The longest id or name accepted. Teams' own are far shorter (a channel thread's conversation id is about 100
 * characters, an Entra object id 36). People, conversations and teams are stored under these ids for good, in
 * a file rewritten whole on every change, so one activity with a 100,000-character id would make every later
 * write cost that much more; such an activity is refused with a 400 instead.
 */
export const MAX_ID_LENGTH = 1_000;

// Records are kept in objects keyed by these ids, where 'constructor' or '__proto__' would find (or replace)
// what every object inherits. No Teams id is such a name; an activity that uses one is refused.
const id = z
  .string()
  .min(1)
  .max(MAX_ID_LENGTH)
  .refine((value) => !(value in Object.prototype), 'is the name of a built-in property');
const text = z.string().max(MAX_ID_LENGTH).nullish();

// botbuilder copies the accounts and the conversation, whole, into every reply: its serialiser refuses a reply
// whose fields have other types, and Teams one of more than about 28 KB, so each is kept to a few KB in all.
const REPLY_PART_MAX = 4 * MAX_ID_LENGTH;
const fitsInReply = (part: object) => JSON.stringify(part).length <= REPLY_PART_MAX;
const tooBig = `is longer than ${REPLY_PART_MAX} characters as JSON`;
const account = z
  .looseObject({ id, aadObjectId: id.nullish(), name: text, role: text })
  .refine(fitsInReply, tooBig);
const conversation = z
  .looseObject({
    id,
    tenantId: id.nullish(),
    name: text,
    conversationType: text,
    isGroup: z.boolean().nullish(),
    role: text,
    aadObjectId: text,
  })
  .refine(fitsInReply, tooBig);

// botbuilder reads every entity's type, and a mention's `mentioned.id` and `text`, to take @mentions out of text.
const mention = z.looseObject({
  type: z.string().regex(/^mention$/i),
  mentioned: z.looseObject({ id: z.string() }),
  text: z.string(),
});
const otherEntity = z.looseObject({
  type: z
    .string()
    .max(100)
    .refine((type) => type.toLowerCase() !== 'mention'),
});

/**
 * The least an activity must carry for the bot to answer it, with the fields the bot and botbuilder read or
 * copy into replies of the types and lengths Teams sends. Checked before the adapter sees the request, so a
 * malformed one gets a clear 400 instead of failing deep inside a turn.
 */
export const InboundActivity = z.looseObject({
  type: z.string().min(1).max(100),
  id: text,
  channelId: z.string().min(1).max(100),
  serviceUrl: z.string().min(1).max(MAX_ID_LENGTH),
  from: account,
  recipient: account,
  conversation,
  replyToId: text,
  locale: text,
  // Absent or of these types: botbuilder tests them only against undefined.
  text: z.string().optional(),
  entities: z.array(z.union([mention, otherEntity])).optional(),
  channelData: z
    .looseObject({
      tenant: z.looseObject({ id: id.nullish() }).nullish(),
      team: z.looseObject({ id: id.nullish(), name: text, aadGroupId: text }).nullish(),
      channel: z.looseObject({ id, name: text }).nullish(),
    })
    .nullish(),
  membersAdded: z.array(account).nullish(),
  membersRemoved: z.array(account).nullish(),
});
