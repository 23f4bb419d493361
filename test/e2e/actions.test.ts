// End to end through the Agents Playground's browserless API: Priya (the Playground's current user) opts
// Ward 7 in, so she has a team to log for; `log action` brings the form; an email address in "What we heard"
// is refused, naming the box; with it removed the action is saved and the receipt comes back; "Add details"
// with the 'transition' tag comes back on the receipt; `my actions` then lists it. The tests run in order and
// share one bot and one Playground.
import { describe, expect, it } from '@jest/globals';
import { verbs } from '../../src/bot/verbs.js';
import { text } from '../../src/text/index.js';
import { buttonTitles, cardText, type Card } from '../support/cards.js';
import { cardIn } from './support/card-reading.js';
import { adaptiveCardOf, adaptiveCardType, type PlaygroundMessage } from './support/playground-client.js';
import { mockCurrentUserAadObjectId } from './support/playground-process.js';
import { nextBotMessage as nextBotMessageIn, playgroundSession } from './support/session.js';

const SETUP_MS = 30_000;
const STEP_MS = 10_000;
const REPLY_MS = 6_000;
const t = text.actions;
const TITLE = 'Discharge leaflet focus group';

const session = playgroundSession(
  async () => ({ ADMIN_AAD_IDS: await mockCurrentUserAadObjectId(), QUIET_HOURS: 'off' }),
  SETUP_MS,
);

function running() {
  const { client } = session();
  const general = client.config.teams[0]?.channels.find((channel) => channel.name === 'General');
  if (!general) throw new Error('the mock data lacks the team’s General channel');
  return { client, general, personal: client.config.personalChat.id };
}

function nextBotMessage(
  conversationId: string,
  since: number,
  match?: (message: PlaygroundMessage) => boolean,
): Promise<PlaygroundMessage> {
  return nextBotMessageIn(session(), conversationId, since, { timeoutMs: REPLY_MS, match });
}

const saveOf = (card: Card) => card.actions?.find((action) => action.verb === verbs.actionsSave);

/** The value of one input on a card. */
function valueOf(card: Card, id: string): unknown {
  const found = JSON.stringify(card.body).match(new RegExp(`"id":"${id}"[^}]*?"value":"([^"]*)"`));
  return found?.[1];
}

describe('patient input actions in the Agents Playground (browserless API)', () => {
  let form: { messageId: string; card: Card } | undefined;
  let receipt: Card | undefined;

  const entry = (card: Card) => ({
    type: 'focus-group',
    title: TITLE,
    date: valueOf(card, 'date'),
    principles: 'p2,p5',
    patients: '12',
    carers: '1',
    public: '0',
    depth: 'co-design',
    whatWeDid: 'Rewrote the leaflet with the group',
    shareable: 'false',
    noPatient: 'true',
  });

  it(
    'brings the form when Priya types "log action", once Ward 7 is tracked',
    async () => {
      const { client, general, personal } = running();
      let since = client.mark();
      await client.install(general.id);
      await nextBotMessage(general.id, since);
      since = client.mark();
      const post = await client.send(general.id, 'track this team', { mentionBot: true });
      const tracked = await nextBotMessage(post.postConversationId ?? '', since);
      expect(tracked.text).toMatch(/^Done\./);

      since = client.mark();
      await client.send(personal, 'log action');
      const arrived = await nextBotMessage(personal, since, (message) =>
        cardText(adaptiveCardOf(message)).includes(t.formTitle),
      );
      form = { messageId: arrived.messageId, card: cardIn(arrived) };
      expect(buttonTitles(form.card)).toEqual([t.save]);
      expect(valueOf(form.card, 'date')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    },
    STEP_MS,
  );

  it(
    'refuses an email address in "What we heard", naming the box, and keeps what was typed',
    async () => {
      const { client, personal } = running();
      if (!form) throw new Error('no form (the first test failed)');
      const whatWeHeard = 'Ask sam.jones@example.org for the easy read version';
      const response = await client.execute({
        conversationId: personal,
        replyToId: form.messageId,
        verb: verbs.actionsSave,
        data: { ...saveOf(form.card)?.data, ...entry(form.card), whatWeHeard },
      });
      expect(response.type).toBe(adaptiveCardType);
      const card = response.value as Card;
      expect(cardText(card)).toContain(
        t.guardBlocked(t.boxes['whatWeHeard']!, text.checkins.guardRules.email),
      );
      expect(JSON.stringify(card)).toContain(whatWeHeard);
      form = { messageId: form.messageId, card };
    },
    STEP_MS,
  );

  it(
    'saves the action once the address is removed, and answers with the receipt',
    async () => {
      const { client, personal } = running();
      if (!form) throw new Error('no form (an earlier test failed)');
      const response = await client.execute({
        conversationId: personal,
        replyToId: form.messageId,
        verb: verbs.actionsSave,
        data: {
          ...saveOf(form.card)?.data,
          ...entry(form.card),
          whatWeHeard: 'People wanted an easy read version',
        },
      });
      receipt = response.value as Card;
      expect(cardText(receipt)).toContain(t.saved);
      expect(cardText(receipt)).toContain(TITLE);
      expect(cardText(receipt)).toContain('Ward 7');
      expect(cardText(receipt)).toContain('12 patients, 1 carer, 0 members of the public');
      expect(buttonTitles(receipt)).toEqual([t.addDetails, t.edit, t.delete]);
    },
    STEP_MS,
  );

  it(
    'adds details from the receipt: the "transition" tag comes back on the receipt',
    async () => {
      const { client, personal } = running();
      if (!form || !receipt) throw new Error('no receipt (an earlier test failed)');
      const add = receipt.actions?.find((action) => action.verb === verbs.actionsDetails);
      const opened = await client.execute({
        conversationId: personal,
        replyToId: form.messageId,
        verb: verbs.actionsDetails,
        data: add?.data,
      });
      const details = opened.value as Card;
      expect(cardText(details)).toContain(t.details.title);
      expect(cardText(details)).toContain(t.details.tagsHint);
      const save = details.actions?.find((action) => action.verb === verbs.actionsDetailsSave);
      const response = await client.execute({
        conversationId: personal,
        replyToId: form.messageId,
        verb: verbs.actionsDetailsSave,
        data: { ...save?.data, tags: 'transition', monitoring: 'estimated', core20: '5', payment: 'yes' },
      });
      const updated = response.value as Card;
      expect(cardText(updated)).toContain(t.details.saved);
      expect(cardText(updated)).toContain(`${t.detailFacts.tags}\ntransition`);
      expect(cardText(updated)).toContain(`${t.detailFacts.core20}\n5`);
      expect(cardText(updated)).toContain(TITLE);
    },
    STEP_MS,
  );

  it(
    'lists the action in "my actions"',
    async () => {
      const { client, personal } = running();
      const since = client.mark();
      await client.send(personal, 'my actions');
      const list = cardIn(await nextBotMessage(personal, since));
      expect(cardText(list)).toContain(t.listTitle);
      expect(cardText(list)).toContain(TITLE);
      expect(cardText(list)).toContain(t.types['focus-group']);
    },
    STEP_MS,
  );
});
