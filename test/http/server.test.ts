// The real composition: restify, TeamsAdapter, teams-ai and lowdb files, against a loopback Bot Connector.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config.js';
import { MAX_BODY_BYTES } from '../../src/http/server.js';
import { startBot, type RunningBot } from '../../src/index.js';
import { createLogger } from '../../src/log.js';
import { text } from '../../src/text/index.js';
import { TENANT } from '../support/bot-deps.js';
import { cardText } from '../support/cards.js';
import { coreOnDisk } from '../support/core-on-disk.js';
import { startFakeConnector } from '../support/fake-connector.js';
import { cardAction, message, PRIYA, TEAM, teamsActivity } from '../support/teams-activities.js';

let bot: RunningBot;
let connector: Awaited<ReturnType<typeof startFakeConnector>>;
let dataDir: string;
let logs = '';
const post = (body: string | object) =>
  fetch(`http://127.0.0.1:${bot.port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const viaConnector = <T extends object>(activity: T) => ({ ...activity, serviceUrl: connector.url });

beforeAll(async () => {
  connector = await startFakeConnector({
    members: [
      { ...PRIYA, tenantId: TENANT, userRole: 'user' },
      { id: '29:sam', name: 'Sam Lee', aadObjectId: 'aad-sam', tenantId: TENANT, userRole: 'user' },
      { id: '29:ola', name: 'Ola Ade', aadObjectId: 'aad-ola', tenantId: TENANT, userRole: 'guest' },
    ],
    delayMs: 50,
  });
  dataDir = mkdtempSync(join(tmpdir(), 'bot-http-'));
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    ALLOWED_TENANT_IDS: TENANT,
    ADMIN_AAD_IDS: 'aad-priya',
    LOG_LEVEL: 'debug',
  });
  bot = await startBot(
    config,
    createLogger('debug', new Writable({ write: (c, _e, done) => ((logs += c), done()) })),
  );
});

afterAll(async () => {
  await bot.stop();
  await connector.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('http', () => {
  it('is alive and ready', async () => {
    expect((await fetch(`http://127.0.0.1:${bot.port}/healthz`)).status).toBe(200);
    expect(await (await fetch(`http://127.0.0.1:${bot.port}/readyz`)).json()).toEqual({
      status: 'ready',
      waiting: [],
    });
  });

  it('answers malformed JSON with 400', async () => {
    expect((await post('{"type": "message",')).status).toBe(400);
  });

  it('answers a body over the limit with 413', async () => {
    expect((await post({ type: 'message', text: 'x'.repeat(MAX_BODY_BYTES) })).status).toBe(413);
  });

  it('answers an activity missing fields with 400 and a reason', async () => {
    const response = await post({ type: 'message', text: 'help' });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('needs type, channelId, serviceUrl');
  });

  it('replies through the Bot Connector and saves the person and the conversation on real files', async () => {
    const response = await post(viaConnector(message('personal', 'help')));
    expect(response.status).toBe(200);
    const reply = connector.sent.find((sent) => sent.conversationId === 'a:personal-priya');
    expect(cardText(reply?.activity)).toContain(text.help.title);
    const core = await coreOnDisk(dataDir);
    expect(core.people['aad-priya']).toMatchObject({ name: 'Priya Shah', guest: false, tenantId: TENANT });
    expect(core.conversations['a:personal-priya']).toMatchObject({
      serviceUrl: connector.url,
      scope: 'personal',
    });
  });

  it('reads every page of the team members when a team is tracked, guests marked', async () => {
    const response = await post(viaConnector(message('channel', 'track this team')));
    expect(response.status).toBe(200);
    expect(connector.pagedRequests()).toBe(2);
    const core = await coreOnDisk(dataDir);
    expect(Object.keys(core.teams[TEAM.id]!.members).sort()).toEqual(['aad-ola', 'aad-priya', 'aad-sam']);
    expect(core.people['aad-ola']).toMatchObject({ name: 'Ola Ade', guest: true });
    expect(core.units[TEAM.id]).toMatchObject({ tracked: true, teamId: TEAM.id });
  });

  it('answers an unknown card verb with HTTP 200 and an error card', async () => {
    const response = await post(viaConnector(cardAction('no.such.verb', { cardId: 'c' })));
    expect(response.status).toBe(200);
    expect(cardText(await response.json())).toContain(text.errors.unknownAction);
  });

  it('ignores another tenant: no reply, nothing saved', async () => {
    const before = connector.sent.length;
    const activity = viaConnector(
      teamsActivity(
        'personal',
        { text: 'help', conversation: { id: 'a:stranger' } as never },
        'other-tenant',
      ),
    );
    expect((await post(activity)).status).toBe(200);
    expect(connector.sent.length).toBe(before);
    expect((await coreOnDisk(dataDir)).conversations['a:stranger']).toBeUndefined();
  });

  it('survives Teams refusing the reply (403) and keeps serving', async () => {
    connector.failNext(
      'a:personal-priya',
      { status: 403, body: { error: { code: 'ConversationBlockedByUser' } } },
      { status: 403 },
    );
    await post(viaConnector(message('personal', 'help')));
    expect((await fetch(`http://127.0.0.1:${bot.port}/healthz`)).status).toBe(200);
    expect(logs).toContain('bot: turn failed');
  });

  it('never logs message text, and tags every line of a turn with its turn id', () => {
    expect(logs).not.toMatch(/"text":"[^[]/);
    const handled = logs.split('\n').find((line) => line.includes('http: activity handled'));
    const turnId = JSON.parse(handled ?? '{}').turnId as string;
    expect(turnId).toMatch(/^[0-9a-f-]{36}$/);
    expect(logs.split('\n').filter((line) => line.includes(turnId)).length).toBeGreaterThan(1);
  });
});

describe('graceful shutdown', () => {
  it('finishes the turn in flight, then stops accepting and releases the data directory', async () => {
    const slowConnector = await startFakeConnector({
      members: [{ ...PRIYA, tenantId: TENANT }],
      delayMs: 400,
    });
    const dir = mkdtempSync(join(tmpdir(), 'bot-stop-'));
    const config = loadConfig({ PORT: '0', DATA_DIR: dir, ALLOWED_TENANT_IDS: TENANT, LOG_LEVEL: 'silent' });
    const running = await startBot(config, createLogger('silent'));
    try {
      const turn = fetch(`http://127.0.0.1:${running.port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...message('personal', 'help'), serviceUrl: slowConnector.url }),
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      await running.stop();
      expect((await turn).status).toBe(200);
      expect(slowConnector.sent).toHaveLength(1);
      await expect(fetch(`http://127.0.0.1:${running.port}/healthz`)).rejects.toThrow();
      const again = await startBot(config, createLogger('silent'));
      await again.stop();
    } finally {
      await slowConnector.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
