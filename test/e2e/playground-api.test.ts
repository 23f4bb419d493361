// End to end through the Agents Playground's browserless API: the real bot process (src/index.ts), the real
// Playground (the local Teams client and Bot Connector), real HTTP and a real data directory.
// The tests run in order and share one bot and one Playground: each builds on what the one before did.
import { describe, expect, it } from '@jest/globals';
import { verbs } from '../../src/bot/verbs.js';
import { SNOOZE_DAYS } from '../../src/services/checkin-preferences.js';
import { text } from '../../src/text/index.js';
import { buttonTitles, cardText, type Card } from '../support/cards.js';
import { coreOnDisk } from '../support/core-on-disk.js';
import { adaptiveCardType, type PlaygroundMessage } from './support/playground-client.js';
import { cardIn, titleOf } from './support/card-reading.js';
import { nextBotMessage as nextBotMessageIn, playgroundSession } from './support/session.js';

const timeZone = 'Europe/London';
const SETUP_MS = 40_000;
const STEP_MS = 15_000;
const REPLY_MS = 10_000;

const running = playgroundSession(async () => ({ ORG_TIME_ZONE: timeZone }), SETUP_MS);

/** The first message the bot sends into `conversationId` after `since`; on a timeout, says what the bot logged. */
function nextBotMessage(conversationId: string, since: number): Promise<PlaygroundMessage> {
  return nextBotMessageIn(running(), conversationId, since, { timeoutMs: REPLY_MS });
}

function pausedNotice(at: number): string {
  return text.notices.paused(
    text.formatDate(new Date(at + SNOOZE_DAYS * 86_400_000).toISOString(), timeZone),
  );
}

describe('the bot in the Agents Playground (browserless API)', () => {
  let welcome: { messageId: string; card: Card } | undefined;

  it(
    'welcomes the person who installs it in their personal chat, with help, pause and stop buttons',
    async () => {
      const { client } = running();
      const personal = client.config.personalChat.id;
      const since = client.mark();
      await client.install(personal);
      const message = await nextBotMessage(personal, since);
      const card = cardIn(message);
      expect(titleOf(card)).toBe(text.welcome.title);
      expect(buttonTitles(card)).toEqual([text.buttons.help, text.buttons.snooze, text.buttons.stop]);
      welcome = { messageId: message.messageId, card };
    },
    STEP_MS,
  );

  it(
    'answers "help" in the personal chat with the help card, saying check-ins are on',
    async () => {
      const { client } = running();
      const personal = client.config.personalChat.id;
      const since = client.mark();
      await client.send(personal, 'help');
      const card = cardIn(await nextBotMessage(personal, since));
      expect(titleOf(card)).toBe(text.help.title);
      expect(cardText(card)).toContain(text.help.intro);
      expect(cardText(card)).toContain(text.checkinStatus.on);
      expect(buttonTitles(card)).toEqual([
        text.buttons.checkin,
        text.buttons.logAction,
        text.buttons.snooze,
        text.buttons.stop,
      ]);
    },
    STEP_MS,
  );

  it(
    'answers text it does not understand with the help card',
    async () => {
      const { client } = running();
      const personal = client.config.personalChat.id;
      const since = client.mark();
      await client.send(personal, 'Who is on the early shift on Ward 7 tomorrow?');
      const card = cardIn(await nextBotMessage(personal, since));
      expect(titleOf(card)).toBe(text.help.title);
      expect(cardText(card)).toContain(text.help.intro);
    },
    STEP_MS,
  );

  it(
    'answers an @mention with "help" in the Ward 7 General channel inside that post\'s thread, with channel help',
    async () => {
      const { client } = running();
      const team = client.config.teams[0];
      const general = team?.channels.find((channel) => channel.name === 'General');
      expect(team?.name).toBe('Ward 7');
      if (!general) throw new Error('the mock data has no General channel');
      const since = client.mark();
      const post = await client.send(general.id, 'help', { mentionBot: true });
      expect(post.postConversationId).toBeDefined();
      const card = cardIn(await nextBotMessage(post.postConversationId ?? '', since));
      expect(titleOf(card)).toBe(text.help.title);
      expect(cardText(card)).toContain(text.help.channelIntro);
      expect(cardText(card)).not.toContain(text.help.intro);
      expect(buttonTitles(card)).toEqual([]);
    },
    STEP_MS,
  );

  it(
    'posts a short welcome in the General channel when added to the Ward 7 team',
    async () => {
      const { client } = running();
      const general = client.config.teams[0]?.channels.find((channel) => channel.name === 'General');
      if (!general) throw new Error('the mock data has no General channel');
      const since = client.mark();
      await client.install(general.id);
      const card = cardIn(await nextBotMessage(general.id, since));
      expect(titleOf(card)).toBe(text.channelWelcome.title);
      expect(cardText(card)).toContain('In this channel I answer only when you @mention me');
    },
    STEP_MS,
  );

  it(
    'offers only help in a group chat, whatever it is asked',
    async () => {
      const { client } = running();
      const group = client.config.groupChats[0];
      if (!group) throw new Error('the mock data has no group chat');
      const since = client.mark();
      await client.send(group.id, 'snooze', { mentionBot: true });
      const card = cardIn(await nextBotMessage(group.id, since));
      expect(titleOf(card)).toBe(text.help.title);
      expect(cardText(card)).toContain(text.help.groupChatIntro);
      expect(buttonTitles(card)).toEqual([]);
    },
    STEP_MS,
  );

  it(
    'pauses check-ins for 2 weeks when the welcome card\'s "Pause for 2 weeks" button is pressed',
    async () => {
      const { client } = running();
      if (!welcome) throw new Error('no welcome card to press a button on (the installation test failed)');
      const pause = welcome.card.actions?.find((action) => action.title === text.buttons.snooze);
      expect(pause?.verb).toBe(verbs.snooze);
      const before = Date.now();
      const response = await client.execute({
        conversationId: client.config.personalChat.id,
        replyToId: welcome.messageId,
        verb: pause?.verb ?? '',
        data: pause?.data,
      });
      const after = Date.now();
      expect(response.type).toBe(adaptiveCardType);
      const card = response.value as Card;
      const notice = cardText(card).split('\n')[0];
      expect(notice).toMatch(/^Done\. I will not send you check-ins until /);
      expect([pausedNotice(before), pausedNotice(after)]).toContain(notice);
      expect(titleOf(card)).toBe(text.help.title);
      expect(buttonTitles(card)).toEqual([
        text.buttons.checkin,
        text.buttons.logAction,
        text.buttons.resume,
        text.buttons.stop,
      ]);
    },
    STEP_MS,
  );

  it(
    'says it was already done when the same button is pressed again, and changes nothing',
    async () => {
      const { client } = running();
      if (!welcome) throw new Error('no welcome card to press a button on (the installation test failed)');
      const pause = welcome.card.actions?.find((action) => action.title === text.buttons.snooze);
      const response = await client.execute({
        conversationId: client.config.personalChat.id,
        replyToId: welcome.messageId,
        verb: pause?.verb ?? '',
        data: pause?.data,
      });
      expect(response.type).toBe(adaptiveCardType);
      const card = response.value as Card;
      expect(cardText(card).split('\n')[0]).toBe(text.notices.alreadyDone);
      expect(cardText(card)).toMatch(/Your check-ins are paused until /);
      expect(buttonTitles(card)).toEqual([
        text.buttons.checkin,
        text.buttons.logAction,
        text.buttons.resume,
        text.buttons.stop,
      ]);
    },
    STEP_MS,
  );

  it(
    'stops cleanly on SIGTERM, having saved the personal chat and the person on disk',
    async () => {
      const { bot, playground, client } = running();
      const exit = await bot.terminate();
      expect(exit).toEqual({ code: 0, signal: null, forced: false });
      const logLines = bot
        .logs()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { level: number; msg: string });
      expect(logLines.map((line) => line.msg)).toContain('bot: stopped');
      expect(logLines.filter((line) => line.level >= 50)).toEqual([]);

      const core = await coreOnDisk(bot.dataDir);
      const me = client.me;
      expect(core.conversations[client.config.personalChat.id]).toMatchObject({
        scope: 'personal',
        aadObjectId: me.aadObjectId,
        installed: true,
        serviceUrl: expect.stringMatching(
          new RegExp(`^http://(localhost|127\\.0\\.0\\.1):${playground.port}/_connector$`),
        ),
      });
      expect(core.people[me.aadObjectId]).toMatchObject({ teamsUserId: me.id, name: me.name, guest: false });
      expect(core.people[me.aadObjectId]?.checkins.pausedUntil).toBeDefined();
    },
    STEP_MS,
  );
});
