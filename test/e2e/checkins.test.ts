// End to end through the Agents Playground's browserless API: a lead (the Playground's current user, an admin
// through ADMIN_AAD_IDS) opts Ward 7 in, sends check-ins now, and the staff pulse arrives in the personal
// chat through the delivery engine; a comment with an NHS number is refused naming it; a clean submit gives
// the receipt; `status` says answered. The tests run in order and share one bot and one Playground.
import { describe, expect, it } from '@jest/globals';
import { verbs } from '../../src/bot/verbs.js';
import { text } from '../../src/text/index.js';
import { cardText, type Card } from '../support/cards.js';
import { adaptiveCardType, adaptiveCardOf, type PlaygroundMessage } from './support/playground-client.js';
import { mockCurrentUserAadObjectId } from './support/playground-process.js';
import { cardIn } from './support/card-reading.js';
import { nextBotMessage as nextBotMessageIn, playgroundSession } from './support/session.js';

const SETUP_MS = 30_000;
const STEP_MS = 10_000;
const REPLY_MS = 6_000;
const CLEAN = { p1: 'yes', p2: 'no', p3: 'notApplicable', p4: 'yes', p5: 'yes', p6: 'no' };

const session = playgroundSession(
  async () => ({ ADMIN_AAD_IDS: await mockCurrentUserAadObjectId(), QUIET_HOURS: 'off' }),
  SETUP_MS,
);

function running() {
  const { bot, client } = session();
  const general = client.config.teams[0]?.channels.find((channel) => channel.name === 'General');
  if (!general) throw new Error('the mock data lacks the team’s General channel');
  return { bot, client, general, personal: client.config.personalChat.id };
}

/** The first bot message in `conversationId` after `since` that matches; on a timeout, says what the bot logged. */
function nextBotMessage(
  conversationId: string,
  since: number,
  match?: (message: PlaygroundMessage) => boolean,
): Promise<PlaygroundMessage> {
  return nextBotMessageIn(session(), conversationId, since, { timeoutMs: REPLY_MS, match });
}

const isPulse = (message: PlaygroundMessage) =>
  cardText(adaptiveCardOf(message)).includes(text.checkins.pulseTitle);
const submitOf = (card: Card) => card.actions?.find((action) => action.verb === verbs.pulseSubmit);

describe('weekly check-ins in the Agents Playground (browserless API)', () => {
  let pulse: { messageId: string; card: Card } | undefined;

  it(
    'opens a cycle when a lead sends check-ins now, and the pulse card arrives in the personal chat',
    async () => {
      const { client, general, personal } = running();
      let since = client.mark();
      await client.install(general.id);
      await nextBotMessage(general.id, since);
      since = client.mark();
      const post = await client.send(general.id, 'track this team', { mentionBot: true });
      await nextBotMessage(post.postConversationId ?? '', since);

      since = client.mark();
      await client.send(personal, 'send check-ins now');
      const opened = await nextBotMessage(personal, since, (message) => /going out/.test(message.text ?? ''));
      expect(opened.text).toMatch(/^Done\./);
      const arrived = await nextBotMessage(personal, since, isPulse);
      pulse = { messageId: arrived.messageId, card: cardIn(arrived) };
      expect(cardText(pulse.card)).toContain('Ward 7');
    },
    STEP_MS,
  );

  it(
    'refuses a comment with an NHS number, naming it, and keeps what was typed',
    async () => {
      const { client, personal } = running();
      if (!pulse) throw new Error('no pulse card (the first test failed)');
      const comment = 'Called 943 476 5919 back about the leaflet';
      const response = await client.execute({
        conversationId: personal,
        replyToId: pulse.messageId,
        verb: verbs.pulseSubmit,
        data: { ...submitOf(pulse.card)?.data, ...CLEAN, comment },
      });
      expect(response.type).toBe(adaptiveCardType);
      const card = response.value as Card;
      expect(cardText(card)).toContain(text.checkins.guardRules.nhsNumber);
      expect(JSON.stringify(card)).toContain(comment);
      pulse = { messageId: pulse.messageId, card };
    },
    STEP_MS,
  );

  it(
    'gives a receipt for a clean submit, and `status` then says answered',
    async () => {
      const { client, personal } = running();
      if (!pulse) throw new Error('no pulse card (an earlier test failed)');
      const response = await client.execute({
        conversationId: personal,
        replyToId: pulse.messageId,
        verb: verbs.pulseSubmit,
        data: { ...submitOf(pulse.card)?.data, ...CLEAN, comment: 'Used teach-back twice this week' },
      });
      const receipt = response.value as Card;
      expect(cardText(receipt)).toContain(text.checkins.change);
      const since = client.mark();
      await client.send(personal, 'status');
      const status = await nextBotMessage(personal, since);
      expect(status.text).toMatch(/You answered this week’s check-in on|answered/);
    },
    STEP_MS,
  );
});
