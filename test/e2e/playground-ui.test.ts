// End to end through the Agents Playground's web UI, as a person would use it: headless Debian Chromium
// (playwright-core, never a downloaded browser) against the real bot process and the real Playground.
// Hermetic: Chromium resolves no host but loopback, and every non-loopback request is aborted.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Locator, Page } from 'playwright-core';
import { text } from '../../src/text/index.js';
import { launchChromium } from './support/chromium.js';
import { projectRoot, startBotProcess, type BotProcess } from './support/bot-process.js';
import { startPlaygroundProcess, type PlaygroundProcess } from './support/playground-process.js';

const artifactsDir = join(projectRoot, 'artifacts', 'e2e');
const SETUP_MS = 40_000;
const TEST_MS = 45_000;

let bot: BotProcess | undefined;
let playground: PlaygroundProcess | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  bot = await startBotProcess();
  playground = await startPlaygroundProcess(bot.url);
}, SETUP_MS);

afterAll(async () => {
  await browser?.close();
  await playground?.stop();
  await bot?.stop();
}, SETUP_MS);

describe('the bot in the Agents Playground web UI (headless Chromium)', () => {
  it(
    'shows the welcome card on opening, and the help card with its buttons after typing "help"',
    async () => {
      browser = await launchChromium();
      if (!bot || !playground) throw new Error('the bot or the Playground did not start (see beforeAll)');
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      // The UI asks a CDN for fonts and an animation script; fallbacks are fine, and tests stay offline.
      await context.route(/^(?!(https?|wss?):\/\/(127\.0\.0\.1|localhost)[:/])[a-z]+:\/\//, (route) =>
        route.abort(),
      );
      const page = await context.newPage();
      try {
        await page.goto(`${playground.url}/`, { waitUntil: 'domcontentloaded' });
        const composer = page.locator('[data-lexical-editor="true"][role="textbox"]');
        await composer.waitFor({ state: 'visible', timeout: 30_000 });

        // Opening the personal chat installs the bot there. Scope to bot cards: the same words also appear
        // in the conversation list and the log panel.
        const botCards = page.locator('.fai-OutputCard');
        await botCards
          .filter({ hasText: text.welcome.title })
          .first()
          .waitFor({ state: 'visible', timeout: 15_000 });
        const helpCards = botCards.filter({ hasText: text.help.intro });
        expect(await helpCards.count()).toBe(0);

        await composer.click();
        await page.keyboard.type('help');
        await page.keyboard.press('Enter');

        const helpCard = helpCards.last();
        await helpCard.waitFor({ state: 'visible', timeout: 10_000 });
        await expectVisible(helpCard.getByRole('heading', { name: text.help.title, exact: true }));
        for (const title of [
          text.buttons.checkin,
          text.buttons.logAction,
          text.buttons.snooze,
          text.buttons.stop,
        ]) {
          await expectVisible(helpCard.getByRole('button', { name: title, exact: true }));
        }
        expect(await helpCard.getByRole('button').count()).toBe(4);

        await helpCard.scrollIntoViewIfNeeded();
        await mkdir(artifactsDir, { recursive: true });
        await page.screenshot({ path: join(artifactsDir, 'help-card.png') });
      } catch (error) {
        await saveFailureScreenshot(page);
        throw new Error(`${(error as Error).message}\n--- bot log ---\n${bot.logs()}`, { cause: error });
      }
    },
    TEST_MS,
  );
});

async function expectVisible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout: 5_000 });
  expect(await locator.isVisible()).toBe(true);
}

async function saveFailureScreenshot(page: Page): Promise<void> {
  try {
    await mkdir(artifactsDir, { recursive: true });
    await page.screenshot({ path: join(artifactsDir, 'ui-failure.png') });
  } catch {
    // The page may be gone; the original error matters more.
  }
}
