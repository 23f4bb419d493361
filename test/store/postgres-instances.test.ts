// Two instances of the real composition on one PostgreSQL schema: both serve traffic and report ready, only
// one holds the scheduler's leadership lock and runs the scheduler, and stopping it frees the lock for the other.
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { startBot, type RunningBot } from '../../src/index.js';
import { createLogger } from '../../src/log.js';
import { leadershipApplicationName } from '../../src/store/postgres/leadership.js';
import { TENANT } from '../support/bot-deps.js';
import {
  adminQuery,
  dropSchema,
  freshSchemaName,
  postgresForTests,
  TEST_DATABASE_URL,
} from './postgres-test-db.js';

const schema = freshSchemaName();
const dataDir = mkdtempSync(join(tmpdir(), 'bot-pg-instances-'));

const ready = async (port: number) => (await fetch(`http://127.0.0.1:${port}/readyz`)).json();
/** The sessions holding the leadership lock, and all the leadership sessions, as the server sees them. */
const leadershipSessions = async () => {
  const rows = await adminQuery<{ pid: number; leads: boolean }>(
    `SELECT a.pid, EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.locktype = 'advisory' AND l.granted)
       AS leads
     FROM pg_stat_activity a WHERE a.application_name = $1`,
    [leadershipApplicationName(schema)],
  );
  return { all: rows.length, leaders: rows.filter((row) => row.leads).length };
};

if (await postgresForTests('postgres instances')) {
  describe('two instances on one schema', () => {
    afterAll(async () => {
      await dropSchema(schema);
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('are both ready, with exactly one leading, and the leader lets go when it stops', async () => {
      const config = loadConfig({
        PORT: '0',
        STORE: 'postgres',
        DATABASE_URL: TEST_DATABASE_URL,
        DATABASE_SCHEMA: schema,
        DATA_DIR: dataDir,
        ALLOWED_TENANT_IDS: TENANT,
        LOG_LEVEL: 'silent',
      });
      const bots: RunningBot[] = [];
      try {
        bots.push(await startBot(config, createLogger('silent')));
        bots.push(await startBot(config, createLogger('silent')));
        // The follower's scheduler is stopped, as it should be: it is ready all the same.
        for (const bot of bots) expect(await ready(bot.port)).toEqual({ status: 'ready', waiting: [] });
        expect(await leadershipSessions()).toEqual({ all: 2, leaders: 1 });

        await bots.shift()!.stop();
        const after = await leadershipSessions();
        // The first leads (it started first): stopping it ended its session and freed the lock at once.
        expect(after.all).toBe(1);
        expect(await ready(bots[0]!.port)).toEqual({ status: 'ready', waiting: [] });
      } finally {
        for (const bot of bots) await bot.stop();
      }
      expect(await leadershipSessions()).toEqual({ all: 0, leaders: 0 });
    }, 60_000);
  });
}
