// The real bot for the fuzz suite: startBot with a test environment (anonymous mode, a temporary DATA_DIR,
// port 0), a loopback Bot Connector for its replies, and a record of everything that would mean it broke:
// an answer of 5xx, an uncaught exception or unhandled rejection anywhere in the process, a turn that failed
// (hostile input must meet an expected refusal, never the catch-all), a log line that repeats free text, a
// card too big for Teams, a data file the store would refuse.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config.js';
import { startBot, type RunningBot } from '../../src/index.js';
import { createLogger } from '../../src/log.js';
import { checkDataDir } from '../../src/store/check-data-dir.js';
import { TENANT } from './bot-deps.js';
import { startFakeConnector, type FakeConnector } from './fake-connector.js';
import { cardPool, type CardPool } from './fuzz-cards.js';
import { ADMIN, GUEST, STAFF } from './fuzz-people.js';
import { CANARY } from './fuzz-values.js';

export type Answer = { status: number; body: unknown };

export type FuzzBot = {
  connector: FakeConnector;
  dataDir: string;
  /** Actions found on the cards the bot answered or sent, to be pressed again with hostile data. */
  pool: CardPool;
  /** POSTs a body (a string as it is, anything else as JSON) to /api/messages and records the answer. */
  post(body: unknown, contentType?: string): Promise<Answer>;
  /** The same, with the connector's address as the activity's serviceUrl so that replies have a home. */
  send(activity: Record<string, unknown>): Promise<Answer>;
  /** Every way the bot broke since last asked, in words; empty while it holds up. */
  failures(): Promise<string[]>;
  stop(): Promise<void>;
};

/** Teams refuses a bot's message, cards included, over about 28 KB. */
export const TEAMS_MESSAGE_BYTES = 28 * 1024;

export async function startFuzzBot(): Promise<FuzzBot> {
  const connector = await startFakeConnector({
    members: [ADMIN, STAFF, GUEST].map((person) => ({ ...person, tenantId: TENANT })),
    // Teams' sending limits are tested elsewhere; here they would only slow thousands of replies down.
    globalPerSecond: 1_000_000,
    perConversation: [],
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'bot-fuzz-'));
  const broken: string[] = [];
  const log = new Writable({
    write: (chunk, _encoding, done) => (broken.push(...logProblems(chunk)), done()),
  });
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    ALLOWED_TENANT_IDS: TENANT,
    ADMIN_AAD_IDS: ADMIN.aadObjectId,
    QUIET_HOURS: 'off',
    LOG_LEVEL: 'info',
  });
  const bot: RunningBot = await startBot(config, createLogger('info', log));
  const base = `http://127.0.0.1:${bot.port}`;
  const crashed = (kind: string) => (error: unknown) =>
    broken.push(`${kind}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  const onException = crashed('uncaught exception');
  const onRejection = crashed('unhandled rejection');
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  const pool = cardPool();
  let seenSent = 0;

  const checkSize = (how: string, json: string) => {
    const bytes = Buffer.byteLength(json);
    // Long runs of one character shortened, so the report shows which field grew.
    const shape = json.replace(/(.)\1{50,}/gu, '$1…').slice(0, 3000);
    if (bytes > TEAMS_MESSAGE_BYTES) broken.push(`${how} ${bytes} bytes, more than Teams takes: ${shape}`);
  };

  async function post(body: unknown, contentType = 'application/json'): Promise<Answer> {
    const payload = typeof body === 'string' ? body : JSON.stringify(body);
    let response: Response;
    try {
      response = await fetch(`${base}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: payload,
      });
    } catch (error) {
      broken.push(`no answer to a request of ${payload.length} characters: ${(error as Error).message}`);
      return { status: 0, body: undefined };
    }
    const text = await response.text();
    checkSize('answered', text);
    if (response.status >= 500) broken.push(`answered ${response.status}: ${text.slice(0, 300)}`);
    const answer = { status: response.status, body: parsed(text) };
    pool.add(answer.body);
    for (const { activity } of connector.sent.slice(seenSent)) {
      pool.add(activity);
      checkSize('sent', JSON.stringify(activity));
    }
    seenSent = connector.sent.length;
    return answer;
  }

  return {
    connector,
    dataDir,
    pool,
    post,
    send: (activity) => post({ ...activity, serviceUrl: connector.url }),
    failures: async () => {
      const health = await fetch(`${base}/healthz`).then(
        (response) => response.status,
        () => 0,
      );
      const problems = await checkDataDir(dataDir);
      return [
        // Reported once: each property answers for what broke while it ran.
        ...broken.splice(0),
        ...(health === 200 ? [] : [`GET /healthz answered ${health}`]),
        ...problems.map(({ file, problem }) => `data file ${file} ${problem}`),
      ];
    },
    stop: async () => {
      await bot.stop();
      await connector.close();
      process.off('uncaughtException', onException);
      process.off('unhandledRejection', onRejection);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** What a chunk of the bot's log shows went wrong: a line at level error or above, or free text logged. */
function logProblems(chunk: unknown): string[] {
  return String(chunk)
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => {
      if (line.includes(CANARY))
        return [`a log line repeats free text a person typed: ${line.slice(0, 300)}`];
      const { level, msg, err } = parsed(line) as { level?: number; msg?: string; err?: Error };
      return level === undefined || level >= 50
        ? [`logged "${msg}": ${err?.name}: ${String(err?.message).slice(0, 300)}`]
        : [];
    });
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
