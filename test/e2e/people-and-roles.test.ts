// End to end through the Agents Playground's browserless API: opting the Ward 7 team in and out of check-ins,
// "who am I", and the admin-only "roles", with a second mock user for the refusals. Its own bot process
// (with the Playground's current user as the only admin, through ADMIN_AAD_IDS) and its own Playground.
// The tests run in order and share them: each builds on what the one before did.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { text } from '../../src/text/index.js';
import { cardText, type Card } from '../support/cards.js';
import { adaptiveCardOf, type PlaygroundMessage } from './support/playground-client.js';
import { mockCurrentUserAadObjectId } from './support/playground-process.js';
import { cardIn, titleOf } from './support/card-reading.js';
import { nextBotMessage as nextBotMessageIn, playgroundSession } from './support/session.js';

const SETUP_MS = 30_000;
const STEP_MS = 8_000;
const REPLY_MS = 5_000;

/** A staff nurse in the mock data (scripts/playground-trust.yml), with no role. */
const nurseName = 'Grace Okafor';

let adminAadObjectId: string | undefined;
let startedAt = 0;
const session = playgroundSession(async () => {
  startedAt = Date.now();
  adminAadObjectId = await mockCurrentUserAadObjectId();
  return { ADMIN_AAD_IDS: adminAadObjectId };
}, SETUP_MS);

function running() {
  const { bot, client } = session();
  const team = client.config.teams[0];
  const general = team?.channels.find((channel) => channel.name === 'General');
  const nurse = client.config.users.find((user) => user.name === nurseName);
  if (!team || !general || !nurse)
    throw new Error(`the mock data lacks the team, its General channel or ${nurseName}`);
  return { bot, client, team, general, nurse, personal: client.config.personalChat.id };
}

/** The first bot message in `conversationId` after `since` that matches; on a timeout, says what the bot logged. */
function nextBotMessage(
  conversationId: string,
  since: number,
  match?: (message: PlaygroundMessage) => boolean,
): Promise<PlaygroundMessage> {
  return nextBotMessageIn(session(), conversationId, since, { timeoutMs: REPLY_MS, match });
}

/** Sends `words` @mentioning the bot in a new post in `channelId`; resolves with the bot's reply in that thread. */
async function askInChannel(channelId: string, words: string): Promise<PlaygroundMessage> {
  const { client } = running();
  const since = client.mark();
  const post = await client.send(channelId, words, { mentionBot: true });
  if (!post.postConversationId) throw new Error(`the channel post made no thread: ${JSON.stringify(post)}`);
  return nextBotMessage(post.postConversationId, since);
}

/** The card's FactSet facts, title to value. */
function factsOf(card: Card): Record<string, string> {
  const facts = (card.body ?? []).flatMap((element) =>
    (element as { type?: string }).type === 'FactSet'
      ? ((element as { facts?: { title: string; value: string }[] }).facts ?? [])
      : [],
  );
  return Object.fromEntries(facts.map((fact) => [fact.title, fact.value]));
}

const listed = (value: string | undefined) => (value ?? '').split(/[;,]\s*/);

type AuditEntry = { actor: string; action: string; targets: string[]; outcome: string; at: string };

/** Every audit entry in the month files (DATA_DIR/audit/YYYY-MM.json, UTC) for the given times. */
async function auditEntries(dataDir: string, times: number[]): Promise<AuditEntry[]> {
  const months = [...new Set(times.map((time) => new Date(time).toISOString().slice(0, 7)))];
  const files = await Promise.all(
    months.map(async (month) => {
      const path = join(dataDir, 'audit', `${month}.json`);
      const content = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
        // A run that straddles midnight at a month's end writes only one of the two months.
        if (error.code === 'ENOENT' && months.length > 1) return '{"entries":[]}';
        throw error;
      });
      return (JSON.parse(content) as { entries: AuditEntry[] }).entries;
    }),
  );
  return files.flat();
}

describe('units, "who am I" and roles in the Agents Playground (browserless API)', () => {
  /** When the nurse's refused "roles" was sent and answered: the audit entry's month lies between. */
  let refusedWindow: [number, number] | undefined;

  it(
    'makes Ward 7 a unit when the admin @mentions "track this team" in General, replying in the thread',
    async () => {
      const { client, team, general } = running();
      expect(client.me.aadObjectId).toBe(adminAadObjectId);
      expect(team.name).toBe('Ward 7');
      // Installing the bot in the team is how it learns the team's name from Teams.
      const since = client.mark();
      await client.install(general.id);
      await nextBotMessage(general.id, since, (message) =>
        cardText(adaptiveCardOf(message)).includes(text.channelWelcome.title),
      );

      const reply = await askInChannel(general.id, 'track this team');
      expect(reply.text).toBe(text.tracking.tracked('Ward 7'));
    },
    STEP_MS,
  );

  it(
    'says Ward 7 already uses check-ins when asked again, and changes nothing',
    async () => {
      const { general } = running();
      const reply = await askInChannel(general.id, 'track this team');
      expect(reply.text).toBe(text.tracking.alreadyTracked('Ward 7'));
    },
    STEP_MS,
  );

  it(
    'shows the admin, in "who am I" in the personal chat, their admin role and Ward 7 among the teams using check-ins',
    async () => {
      const { client, personal } = running();
      const since = client.mark();
      await client.send(personal, 'who am I');
      const card = cardIn(await nextBotMessage(personal, since));
      expect(titleOf(card)).toBe(text.whoAmI.title);
      expect(cardText(card)).toContain(text.whoAmI.you(client.me.name));
      const facts = factsOf(card);
      expect(listed(facts[text.whoAmI.rolesLabel])).toContain(text.whoAmI.admin);
      // The Playground lists the current user among the team's members (getPagedTeamMembers), so the admin
      // counts in Ward 7 once it is tracked.
      expect(listed(facts[text.whoAmI.teamsLabel])).toEqual(['Ward 7']);
    },
    STEP_MS,
  );

  it(
    'answers "who am I" @mentioned in a channel with the same card, in the thread',
    async () => {
      const { general } = running();
      const card = cardIn(await askInChannel(general.id, 'who am I'));
      expect(titleOf(card)).toBe(text.whoAmI.title);
      expect(listed(factsOf(card)[text.whoAmI.rolesLabel])).toContain(text.whoAmI.admin);
    },
    STEP_MS,
  );

  it(
    'gives the admin the "Give or take roles" card for "roles" in the personal chat',
    async () => {
      const { client, personal } = running();
      const since = client.mark();
      await client.send(personal, 'roles');
      const card = cardIn(await nextBotMessage(personal, since));
      expect(titleOf(card)).toBe(text.roles.searchTitle);
    },
    STEP_MS,
  );

  it(
    'refuses "roles" from a staff nurse (another mock user) in the personal chat, in plain words',
    async () => {
      const { client, personal, nurse } = running();
      const refusal = text.refusals.sentence(text.refusals.who.admins, text.refusals.what.manageRoles);
      const since = client.mark();
      const sentAt = Date.now();
      // The Playground's message API takes only the current user; its custom-activity endpoint takes any.
      // It delivers into the one personal chat it has, so the bot now records that chat as the nurse's: a
      // Playground artefact (in Teams each person has their own), harmless to the tests after this one.
      await client.sendAs(nurse, personal, 'roles');
      const reply = await nextBotMessage(personal, since, (message) => message.text === refusal);
      refusedWindow = [sentAt, Date.now()];
      expect(reply.text).toBe('Only admins can give or take roles. Nothing has been changed.');
    },
    STEP_MS,
  );

  it(
    'refuses "track this team" from the staff nurse @mentioning it in General',
    async () => {
      const { client, general, nurse } = running();
      const refusal = text.refusals.sentence(
        text.refusals.who['managers, leads and admins'],
        text.refusals.what.trackTeam,
      );
      const since = client.mark();
      // A custom activity cannot start a thread, so it goes to the channel and the bot's reply is a new post.
      await client.sendAs(nurse, general.id, 'track this team', { mentionBot: true });
      const reply = await nextBotMessage(general.id, since, (message) => message.text === refusal);
      expect(reply.text).toBe(refusal);
    },
    STEP_MS,
  );

  it(
    'stops tracking Ward 7 when the admin @mentions "stop tracking this team"',
    async () => {
      const { general } = running();
      const reply = await askInChannel(general.id, 'stop tracking this team');
      expect(reply.text).toBe(text.tracking.stopped('Ward 7'));
    },
    STEP_MS,
  );

  it(
    'stops cleanly on SIGTERM, with the refusals and the opt-in and opt-out in the month’s audit file',
    async () => {
      const { bot, client, team, nurse } = running();
      const admin = client.me;
      const exit = await bot.terminate();
      expect(exit).toEqual({ code: 0, signal: null, forced: false });
      if (!refusedWindow) throw new Error('no refused "roles" to look for (that test failed)');

      const entries = await auditEntries(bot.dataDir, refusedWindow);
      const refusedRoles = entries.find(
        (entry) => entry.actor === nurse.aadObjectId && entry.action === 'manageRoles',
      );
      expect(refusedRoles).toMatchObject({ outcome: 'refused' });
      const at = Date.parse(refusedRoles?.at ?? '');
      expect(at).toBeGreaterThanOrEqual(refusedWindow[0] - 1_000);
      expect(at).toBeLessThanOrEqual(refusedWindow[1] + 1_000);

      const wholeRun = await auditEntries(bot.dataDir, [startedAt, Date.now()]);
      expect(wholeRun).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            actor: nurse.aadObjectId,
            action: 'trackTeam',
            targets: [team.id],
            outcome: 'refused',
          }),
          expect.objectContaining({
            actor: admin.aadObjectId,
            action: 'unit.track',
            targets: [team.id],
            outcome: 'done',
          }),
          expect.objectContaining({
            actor: admin.aadObjectId,
            action: 'unit.stop',
            targets: [team.id],
            outcome: 'done',
          }),
        ]),
      );
    },
    STEP_MS,
  );
});
