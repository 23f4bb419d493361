// Incoming-request authentication for real: the adapter built from the configuration checks Bot Framework
// tokens against a loopback OpenID metadata document and key set, signed here with a local RSA key. Only a
// token for this bot, from the configured issuer, in date and signed by a published key, reaches a handler.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTeamsAdapter } from '../../src/bot/adapter.js';
import { loadConfig } from '../../src/config.js';
import { createHttpServer, type HttpServer } from '../../src/http/server.js';
import { startBot } from '../../src/index.js';
import { createLogger } from '../../src/log.js';
import { testDeps, TENANT } from '../support/bot-deps.js';
import { message, teamsActivity } from '../support/teams-activities.js';

const BOT_ID = '00000000-0000-4000-8000-00000000b07a';
const KID = 'local-signing-key';
const activity = message('personal', 'help');
const serviceUrl = activity.serviceUrl as string;

let keys: { privateKey: CryptoKey; publicKey: CryptoKey };
let otherKeys: { privateKey: CryptoKey };
let openId: Server;
let openIdBase: string;
const openIdRequests: string[] = [];
let issuer: string;

type Claims = { aud?: string; iss?: string; nbf?: number; exp?: number; serviceurl?: string };

const now = () => Math.floor(Date.now() / 1000);
function token(
  claims: Claims = {},
  { key = keys.privateKey, kid = KID }: { key?: CryptoKey; kid?: string } = {},
) {
  const payload = {
    aud: BOT_ID,
    iss: issuer,
    nbf: now() - 60,
    exp: now() + 3600,
    serviceurl: serviceUrl,
    ...claims,
  };
  return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' }).sign(key);
}

function botConfig(overrides: Record<string, string> = {}) {
  return loadConfig({
    PORT: '0',
    BOT_ID,
    BOT_PASSWORD: 'not-used-here',
    BOT_TENANT_ID: TENANT,
    BOT_OPENID_METADATA_URL: `${openIdBase}/.well-known/openidconfiguration`,
    BOT_TOKEN_ISSUER: issuer,
    LOG_LEVEL: 'silent',
    ...overrides,
  });
}

const postTo = (port: number, body: object, authorization?: string) =>
  fetch(`http://127.0.0.1:${port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  keys = await generateKeyPair('RS256');
  otherKeys = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: KID, use: 'sig', endorsements: ['msteams'] };
  openId = createServer((req, res) => {
    openIdRequests.push(req.url ?? '');
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openidconfiguration') {
      res.end(JSON.stringify({ issuer, jwks_uri: `${openIdBase}/keys` }));
    } else if (req.url === '/keys') {
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => openId.listen(0, '127.0.0.1', resolve));
  openIdBase = `http://127.0.0.1:${(openId.address() as AddressInfo).port}`;
  issuer = `${openIdBase}/issuer`;
  // botbuilder reports each refused token with console.error; the tests check the answers instead.
  jest.spyOn(console, 'error').mockImplementation(() => {});
});

afterAll(async () => {
  jest.restoreAllMocks();
  await new Promise((resolve) => openId.close(resolve));
});

describe('with BOT_ID set, through the real restify route and Teams adapter', () => {
  const handled: string[] = [];
  let http: HttpServer;
  let port: number;
  const post = (authorization?: string) => postTo(port, activity, authorization);

  beforeAll(async () => {
    const config = botConfig();
    const adapter = createTeamsAdapter(config.bot);
    http = createHttpServer({
      processActivity: (req, res) =>
        adapter.handle(req, res, async (context) => void handled.push(context.activity.text ?? '')),
      notReady: () => [],
      exports: { peek: () => undefined, download: async () => undefined },
      log: testDeps().deps.log,
    });
    port = (await http.listen(0, '127.0.0.1')).port;
  });

  afterAll(async () => {
    await http.close();
  });

  it('processes a valid token for this bot, with keys from the configured metadata', async () => {
    const response = await post(`Bearer ${await token()}`);
    expect(response.status).toBe(200);
    expect(handled).toEqual([activity.text]);
    expect(openIdRequests).toEqual(['/.well-known/openidconfiguration', '/keys']);
  });

  const refused: [string, () => Promise<string | undefined>][] = [
    ['no Authorization header', async () => undefined],
    ['a token for another bot', async () => `Bearer ${await token({ aud: 'another-bot-id' })}`],
    ['an expired token', async () => `Bearer ${await token({ nbf: now() - 7200, exp: now() - 3600 })}`],
    ['a token not yet valid', async () => `Bearer ${await token({ nbf: now() + 3600, exp: now() + 7200 })}`],
    [
      'a token signed with another key',
      async () => `Bearer ${await token({}, { key: otherKeys.privateKey })}`,
    ],
    ['a token with an unknown key id', async () => `Bearer ${await token({}, { kid: 'unknown-key' })}`],
    ['a token from another issuer', async () => `Bearer ${await token({ iss: 'https://issuer.example' })}`],
    [
      'a token for another service URL',
      async () => `Bearer ${await token({ serviceurl: 'https://elsewhere.example/' })}`,
    ],
    ['a header that is not a bearer token', async () => 'Basic dXNlcjpwYXNz'],
  ];

  it.each(refused)('answers %s with 401 and runs no handler', async (_case, authorization) => {
    const before = handled.length;
    const response = await post(await authorization());
    expect(response.status).toBe(401);
    expect(handled.length).toBe(before);
  });

  it('still processes a valid token after the refusals', async () => {
    const before = handled.length;
    expect((await post(`Bearer ${await token()}`)).status).toBe(200);
    expect(handled.length).toBe(before + 1);
  });
});

describe('the composition root', () => {
  it('passes the settings to the adapter: no token is refused and saves nothing, a valid one is accepted', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bot-auth-'));
    const bot = await startBot(botConfig({ DATA_DIR: dataDir }), createLogger('silent'));
    try {
      // Another tenant's message is accepted and then ignored by the bot, so it needs no reply.
      const stranger = teamsActivity('personal', { text: 'help' }, 'other-tenant');
      expect((await postTo(bot.port, activity)).status).toBe(401);
      expect((await postTo(bot.port, stranger, `Bearer ${await token({ aud: 'x' })}`)).status).toBe(401);
      expect((await postTo(bot.port, stranger, `Bearer ${await token()}`)).status).toBe(200);
      const core = join(dataDir, 'core.json');
      const people = existsSync(core) ? JSON.parse(readFileSync(core, 'utf8')).people : {};
      expect(people['aad-priya']).toBeUndefined();
    } finally {
      await bot.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
