// Broadcasts end to end through the Agents Playground's browserless API, with the real bot, the real delivery
// worker and the real clock. Priya (the Playground's current user, an admin through ADMIN_AAD_IDS, with no
// quiet hours) types `broadcast`, previews a reminder to everyone and sends it; the reminder arrives in her
// personal chat through the delivery engine; she selects "Got it", and the report counts it. The tests run in
// order and share one bot and one Playground.
import { describe, expect, it } from '@jest/globals';
import { verbs } from '../../src/bot/verbs.js';
import { text } from '../../src/text/index.js';
import { buttonTitles, cardText, elements, type Card } from '../support/cards.js';
import { cardIn } from './support/card-reading.js';
import { adaptiveCardOf, type PlaygroundMessage } from './support/playground-client.js';
import { mockCurrentUserAadObjectId } from './support/playground-process.js';
import { nextBotMessage as nextBotMessageIn, playgroundSession } from './support/session.js';

const SETUP_MS = 30_000;
const STEP_MS = 15_000;
const REPLY_MS = 6_000;
const b = text.broadcasts;
const DRAFT = {
  title: 'Please answer this week’s check-in',
  message: 'It takes about a minute. Managers see only totals.',
  buttonTitle: 'Read the guide',
  buttonUrl: 'https://www.nhs.uk/',
};

const session = playgroundSession(
  async () => ({ ADMIN_AAD_IDS: await mockCurrentUserAadObjectId(), QUIET_HOURS: 'off' }),
  SETUP_MS,
);

function running() {
  const { client } = session();
  return { client, personal: client.config.personalChat.id };
}

const cardSays = (words: string) => (message: PlaygroundMessage) =>
  cardText(adaptiveCardOf(message)).includes(words);

const dataOf = (card: Card | undefined, verb: string): Record<string, unknown> => {
  const found = elements(card).find((node) => node['verb'] === verb);
  if (!found) throw new Error(`no ${verb} button: ${buttonTitles(card).join(', ')}`);
  return (found['data'] ?? {}) as Record<string, unknown>;
};

const facts = (card: Card | undefined): Record<string, string> =>
  Object.fromEntries(
    elements(card)
      .filter((node) => node['type'] === 'FactSet')
      .flatMap((node) => node['facts'] as { title: string; value: string }[])
      .map((fact) => [fact.title, fact.value]),
  );

describe('broadcasts in the Agents Playground (browserless API)', () => {
  /** The sender's card (the preview, then progress), and the message it is in. */
  let mine: { messageId: string; card: Card } | undefined;
  let reminder: { messageId: string; card: Card } | undefined;

  /** Presses a button on the sender's card; the answer replaces it. */
  async function press(verb: string, inputs: Record<string, unknown> = {}): Promise<Card> {
    if (!mine) throw new Error('no card yet (a test before failed)');
    const { client, personal } = running();
    const answer = await client.execute({
      conversationId: personal,
      replyToId: mine.messageId,
      verb,
      data: { ...dataOf(mine.card, verb), ...inputs },
    });
    const card = answer.value as Card;
    mine = { messageId: mine.messageId, card };
    return card;
  }

  it(
    'previews a reminder to everyone: the reminder as it will look, and the numbers',
    async () => {
      const { client, personal } = running();
      const since = client.mark();
      await client.send(personal, 'broadcast');
      const arrived = await nextBotMessageIn(session(), personal, since, {
        timeoutMs: REPLY_MS,
        match: cardSays(b.composeTitle),
      });
      mine = { messageId: arrived.messageId, card: cardIn(arrived) };
      expect(buttonTitles(mine.card)).toEqual([b.labels.preview]);

      const preview = await press(verbs.broadcastPreview, { ...DRAFT, audience: 'everyone', when: 'now' });
      const words = cardText(preview);
      expect(words).toContain(b.previewTitle);
      expect(words).toContain(DRAFT.title);
      expect(words).toContain('It will go to 1 person.');
      expect(words).toContain('Sending should take less than a minute.');
      expect(buttonTitles(preview)).toEqual([b.send, b.change]);
    },
    STEP_MS,
  );

  it(
    'sends it: the reminder arrives in the personal chat, with "Got it" and "Stop reminders"',
    async () => {
      const { client, personal } = running();
      const since = client.mark();
      const progress = await press(verbs.broadcastSend);
      expect(cardText(progress).split('\n')[0]).toBe('Done. Your reminder is going out to 1 person.');
      const arrived = await nextBotMessageIn(session(), personal, since, {
        timeoutMs: REPLY_MS,
        match: (message) => cardSays(DRAFT.title)(message) && cardSays(b.gotIt)(message),
      });
      reminder = { messageId: arrived.messageId, card: cardIn(arrived) };
      expect(buttonTitles(reminder.card)).toEqual([DRAFT.buttonTitle, b.gotIt, b.stop]);
      expect(cardText(reminder.card)).toContain(DRAFT.message);
      expect(cardText(reminder.card)).toContain('You get this because it was sent to everyone at');
    },
    STEP_MS,
  );

  it(
    '"Got it" is noted, and counted in the report',
    async () => {
      if (!reminder) throw new Error('no reminder (a test before failed)');
      const { client, personal } = running();
      const answer = await client.execute({
        conversationId: personal,
        replyToId: reminder.messageId,
        verb: verbs.broadcastAck,
        data: dataOf(reminder.card, verbs.broadcastAck),
      });
      expect(cardText(answer.value).split('\n')[0]).toBe(b.noted);

      // The worker saves each delivery's state a moment after Teams answers.
      let report = await press(verbs.broadcastProgress);
      for (let tries = 0; facts(report)[b.counts.delivered] !== '1' && tries < 20; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        report = await press(verbs.broadcastProgress);
      }
      expect(facts(report)).toMatchObject({ [b.counts.delivered]: '1', [b.counts.failed]: '0' });
      expect(cardText(report)).toContain('1 selected Got it.');
      expect(cardText(report)).toMatch(/Sent on \d{1,2} \w+ \d{4} at \d{2}:\d{2}\./);
    },
    STEP_MS,
  );
});
