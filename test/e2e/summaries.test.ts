// Weekly summaries end to end in the Agents Playground, with the real bot and the real clock. Priya (the
// Playground's current user, an admin through ADMIN_AAD_IDS) opts Ward 7 in and @mentions the bot with `post
// summaries here` in its General channel; the week's check-in is sent and she answers it.
// 1. With the default schedule: `digest` previews the week so far, marked as a preview, one section per
//    principle; `post summaries now` says no week has finished; and in headless Chromium 375 px wide the
//    preview shows its principle headings with no horizontal scrolling (a screenshot is saved).
// 2. With check-ins closing on every minute (CHECKIN_CLOSES), so that a week finishes within a minute of
//    opening: `post summaries now` posts it, and the summary arrives in the channel through the delivery engine.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { verbs } from '../../src/bot/verbs.js';
import { text } from '../../src/text/index.js';
import { buttonTitles, cardText, elements, type Card } from '../support/cards.js';
import { catalogue } from '../support/checkin-options.js';
import { launchChromium } from './support/chromium.js';
import { projectRoot } from './support/bot-process.js';
import { cardIn } from './support/card-reading.js';
import { adaptiveCardOf, type PlaygroundMessage } from './support/playground-client.js';
import { mockCurrentUserAadObjectId } from './support/playground-process.js';
import { nextBotMessage, playgroundSession, type Session } from './support/session.js';

const SETUP_MS = 30_000;
const STEP_MS = 15_000;
const REPLY_MS = 6_000;
const BROWSER_MS = 45_000;
/** Up to a minute for the week to close, and a little more for the summary to go out. */
const CLOSING_MS = 90_000;
const t = text.summaries;
const CLEAN = { p1: 'yes', p2: 'no', p3: 'notApplicable', p4: 'yes', p5: 'yes', p6: 'no' };
const principleNames = catalogue.principles.map((principle) => principle.name);
const artifactsDir = join(projectRoot, 'artifacts', 'e2e');
const PHONE_WIDTH = 375;

const places = (session: Session) => {
  const { client } = session;
  const general = client.config.teams[0]?.channels.find((channel) => channel.name === 'General');
  if (!general) throw new Error('the mock data lacks the team’s General channel');
  return { general: general.id, personal: client.config.personalChat.id };
};

const cardSays = (words: string) => (message: PlaygroundMessage) =>
  cardText(adaptiveCardOf(message)).includes(words);
const headings = (card: Card) =>
  elements(card)
    .filter((node) => node['style'] === 'heading')
    .map((node) => node['text']);

/** Installs the bot in General, tracks Ward 7 and chooses General for its summary: the reply is in the thread. */
async function postSummariesHere(session: Session): Promise<string> {
  const { client } = session;
  const { general } = places(session);
  let since = client.mark();
  await client.install(general);
  await nextBotMessage(session, general, since, { timeoutMs: REPLY_MS });
  since = client.mark();
  const tracked = await client.send(general, 'track this team', { mentionBot: true });
  await nextBotMessage(session, tracked.postConversationId ?? '', since, { timeoutMs: REPLY_MS });
  since = client.mark();
  const post = await client.send(general, 'post summaries here', { mentionBot: true });
  const reply = await nextBotMessage(session, post.postConversationId ?? '', since, { timeoutMs: REPLY_MS });
  return reply.text ?? '';
}

/** Sends this week's check-in and answers the pulse that arrives. */
async function answerThisWeek(session: Session): Promise<void> {
  const { client } = session;
  const { personal } = places(session);
  const since = client.mark();
  await client.send(personal, 'send check-ins now');
  const arrived = await nextBotMessage(session, personal, since, {
    timeoutMs: REPLY_MS,
    match: cardSays(text.checkins.pulseTitle),
  });
  const card = cardIn(arrived);
  const submit = card.actions?.find((action) => action.verb === verbs.pulseSubmit);
  const answer = await client.execute({
    conversationId: personal,
    replyToId: arrived.messageId,
    verb: verbs.pulseSubmit,
    data: { ...submit?.data, ...CLEAN },
  });
  expect(cardText(answer.value)).toContain(text.checkins.change);
}

async function say(
  session: Session,
  conversationId: string,
  words: string,
  match?: (m: PlaygroundMessage) => boolean,
) {
  const since = session.client.mark();
  await session.client.send(conversationId, words);
  return nextBotMessage(session, conversationId, since, { timeoutMs: REPLY_MS, ...(match ? { match } : {}) });
}

describe('summaries in the Agents Playground: `post summaries here` and the `digest` preview', () => {
  /** The preview card as the bot sent it to the Playground. */
  let preview: Card | undefined;
  const session = playgroundSession(
    async () => ({ ADMIN_AAD_IDS: await mockCurrentUserAadObjectId(), QUIET_HOURS: 'off' }),
    SETUP_MS,
  );

  it(
    '@mentioned with `post summaries here`, answers in the thread that the channel will get the summary',
    async () => {
      expect(await postSummariesHere(session())).toBe(t.here('Ward 7'));
    },
    STEP_MS,
  );

  it(
    '`digest` previews the week so far, marked as a preview, with a section for each principle',
    async () => {
      await answerThisWeek(session());
      const { personal } = places(session());
      const message = await say(session(), personal, 'digest', cardSays(t.digestTitle('Ward 7')));
      const card = cardIn(message);
      preview = card;
      expect(cardText(card).split('\n')[0]).toMatch(/^Preview: this week is not over yet\./);
      expect(headings(card)).toEqual(expect.arrayContaining(principleNames));
      expect(cardText(card)).toContain(t.hidden.tooFew(5));
      expect(buttonTitles(card)).toEqual([]);

      // The real clock has not finished a week yet, so there is nothing to post by hand.
      const now = await say(session(), personal, 'post summaries now');
      expect(now.text).toBe(t.noClosedCycle);
    },
    STEP_MS,
  );

  it(
    'on a phone 375 px wide, shows the preview’s principle headings with no horizontal scrolling',
    async () => {
      if (!preview) throw new Error('no digest preview (the test before failed)');
      const browser = await launchChromium();
      const page = await browser.newPage({
        viewport: { width: PHONE_WIDTH, height: 812 },
        deviceScaleFactor: 2,
      });
      try {
        await renderCard(page, preview);
        for (const name of principleNames) {
          const heading = page.getByRole('heading', { name, exact: true });
          await heading.scrollIntoViewIfNeeded();
          expect(await heading.isVisible()).toBe(true);
          const box = (await heading.boundingBox())!;
          expect(box.x).toBeGreaterThanOrEqual(0);
          expect(box.x + box.width).toBeLessThanOrEqual(PHONE_WIDTH);
        }
        // Nothing on the page, the card or inside it is wider than the screen.
        const overflow = await page.evaluate(() => {
          const root = document.documentElement;
          const wider = Array.from(document.querySelectorAll('#card *')).filter(
            (element) => element.getBoundingClientRect().right > root.clientWidth + 0.5,
          );
          return {
            page: root.scrollWidth - root.clientWidth,
            wider: wider.map((e) => e.textContent?.slice(0, 40)),
          };
        });
        expect(overflow).toEqual({ page: 0, wider: [] });
        await page.evaluate(() => window.scrollTo(0, 0));
        await mkdir(artifactsDir, { recursive: true });
        await page.screenshot({ path: join(artifactsDir, 'digest-preview-375px.png'), fullPage: true });
      } finally {
        await browser.close();
      }
    },
    BROWSER_MS,
  );
});

describe('summaries in the Agents Playground: `post summaries now` after a week has closed', () => {
  // Check-ins close on every minute, so the week opened below finishes within a minute, by the real clock.
  const session = playgroundSession(
    async () => ({
      ADMIN_AAD_IDS: await mockCurrentUserAadObjectId(),
      QUIET_HOURS: 'off',
      CHECKIN_CLOSES: '* * * * *',
    }),
    SETUP_MS,
  );

  it(
    'posts the finished week’s summary, and it arrives in the channel with a section for each principle',
    async () => {
      expect(await postSummariesHere(session())).toBe(t.here('Ward 7'));
      await answerThisWeek(session());
      const { general, personal } = places(session());
      // The week closes at the next minute.
      const closes = Math.ceil((Date.now() + 1) / 60_000) * 60_000;
      await new Promise((resolve) => setTimeout(resolve, closes - Date.now() + 1_000));

      const since = session().client.mark();
      const posted = await say(session(), personal, 'post summaries now');
      expect(posted.text).toMatch(
        /^Done\. Posted 1 summary and 0 digests for the week of \d{1,2} \w+ \d{4}\.$/,
      );
      const summary = await nextBotMessage(session(), general, since, {
        timeoutMs: REPLY_MS,
        match: cardSays(t.summaryTitle('Ward 7')),
      });
      const card = cardIn(summary);
      expect(cardText(card)).toContain(t.why.channel('Ward 7'));
      expect(cardText(card)).not.toContain('Preview');
      expect(headings(card)).toEqual(expect.arrayContaining(principleNames));
      expect(JSON.stringify(card)).not.toContain('Priya');

      const again = await say(session(), personal, 'post summaries now');
      expect(again.text).toMatch(/^Summaries for the week of .* were already posted\./);
    },
    CLOSING_MS,
  );
});

/**
 * Renders a card on a blank page with Microsoft's Adaptive Cards renderer, as a phone client would: the
 * Playground's own page is a desktop tool at least 790 px wide, so it cannot show what a phone shows. Charts,
 * which phone clients do not render, give way to their fallbacks; **bold** is rendered as Teams does.
 */
async function renderCard(page: Page, card: Card): Promise<void> {
  const dist = join(projectRoot, 'node_modules', 'adaptivecards', 'dist');
  await page.setContent(
    '<!doctype html><html lang="en-GB"><head><meta name="viewport" content="width=device-width">' +
      '<style>body{margin:0;font-family:sans-serif}#card{padding:8px}</style></head>' +
      '<body><div id="card"></div></body></html>',
  );
  await page.addStyleTag({ path: join(dist, 'adaptivecards.css') });
  await page.addScriptTag({ path: join(dist, 'adaptivecards.min.js') });
  await page.evaluate((json) => {
    type Markdown = { outputHtml?: string; didProcess?: boolean };
    const AC = (window as unknown as { AdaptiveCards: Record<string, any> }).AdaptiveCards; // eslint-disable-line @typescript-eslint/no-explicit-any
    AC['AdaptiveCard'].onProcessMarkdown = (words: string, result: Markdown) => {
      const escaped = words.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      result.outputHtml = escaped.replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>');
      result.didProcess = true;
    };
    const adaptive = new AC['AdaptiveCard']();
    adaptive.parse(json);
    document.getElementById('card')!.appendChild(adaptive.render());
  }, card);
}
