// The real composition (restify, TeamsAdapter, teams-ai, lowdb files) with settings saved on the card: what is
// stored wins over the environment from start-up, and a change made on the card survives a restart.
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verbs } from '../src/bot/verbs.js';
import { loadConfig } from '../src/config.js';
import { startBot, type RunningBot } from '../src/index.js';
import { createLogger } from '../src/log.js';
import { openLowdbStore } from '../src/store/lowdb-store.js';
import { text } from '../src/text/index.js';
import { TENANT } from './support/bot-deps.js';
import { cardText, input, type Card } from './support/cards.js';
import { startFakeConnector } from './support/fake-connector.js';
import { botAdded, cardAction, message, PRIYA } from './support/teams-activities.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp() {
  const connector = await startFakeConnector({ members: [{ ...PRIYA, tenantId: TENANT, userRole: 'user' }] });
  const dataDir = mkdtempSync(join(tmpdir(), 'bot-settings-'));
  cleanups.push(
    () => connector.close(),
    () => rmSync(dataDir, { recursive: true, force: true }),
  );
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    ALLOWED_TENANT_IDS: TENANT,
    ADMIN_AAD_IDS: PRIYA.aadObjectId,
    ANONYMITY_MIN: '5',
    SEND_RATE: '30',
    LOG_LEVEL: 'silent',
  });
  const start = async (): Promise<RunningBot> => {
    const bot = await startBot(config, createLogger('silent'));
    cleanups.push(() => bot.stop());
    return bot;
  };
  const post = (bot: RunningBot, activity: object) =>
    fetch(`http://127.0.0.1:${bot.port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...activity, serviceUrl: connector.url }),
    });
  /** The card the bot last sent to Priya's chat. */
  const lastCard = () =>
    (connector.sent.at(-1)?.activity as { attachments?: { content: Card }[] } | undefined)?.attachments?.[0]
      ?.content;
  const settingsCard = async (bot: RunningBot) => {
    await post(bot, message('personal', 'settings'));
    return lastCard()!;
  };
  return { dataDir, start, post, lastCard, settingsCard };
}

describe('start-up with stored settings', () => {
  it('applies what is stored over the environment, and keeps a change made on the card', async () => {
    const { dataDir, start, post, lastCard, settingsCard } = await setUp();
    const seeded = await openLowdbStore({ dataDir });
    await seeded.saveSettings({
      anonymityMin: 9,
      setHere: { anonymityMin: { at: '2026-11-03T10:00:00.000Z', by: PRIYA.aadObjectId } },
      updatedAt: '2026-11-03T10:00:00.000Z',
      updatedBy: PRIYA.aadObjectId,
    });
    await seeded.close();

    const bot = await start();
    const card = await settingsCard(bot);
    expect(input(card, 'anonymityMin')).toMatchObject({ value: 9 });
    expect(input(card, 'sendRate')).toMatchObject({ value: 30 });
    expect(cardText(card)).toContain('Set here on 3 November 2026 by Priya Shah.');
    await post(bot, botAdded('personal'));
    expect(cardText(lastCard())).toContain('at least 9 people have answered');

    const save = card.actions!.find((action) => action.verb === verbs.settingsSave)!;
    const values = Object.fromEntries(
      ['anonymityMin', 'opensDay', 'opensTime', 'nudgeDay', 'nudgeTime', 'closesDay', 'closesTime']
        .concat(['summaryDay', 'summaryTime', 'quietMode', 'quietDays', 'quietFrom', 'quietTo', 'sendRate'])
        .map((id) => [id, String(input(card, id)?.['value'] ?? '')]),
    );
    const response = await post(
      bot,
      cardAction(verbs.settingsSave, { ...values, ...save.data, sendRate: '15' }),
    );
    expect(response.status).toBe(200);
    expect(cardText(await response.json())).toContain(text.settings.saved);
    expect(JSON.parse(readFileSync(join(dataDir, 'core.json'), 'utf8')).settings).toMatchObject({
      anonymityMin: 9,
      sendRate: 15,
    });
    await bot.stop();

    const again = await start();
    const after = await settingsCard(again);
    expect(input(after, 'anonymityMin')).toMatchObject({ value: 9 });
    expect(input(after, 'sendRate')).toMatchObject({ value: 15 });
  }, 30_000);
});
