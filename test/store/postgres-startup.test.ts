// The real composition on PostgreSQL: STORE=postgres on a fresh schema migrates it, becomes ready, saves what
// a turn brings, and after a restart reads it back, applying no migration twice.
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { startBot } from '../../src/index.js';
import { createLogger } from '../../src/log.js';
import { TENANT } from '../support/bot-deps.js';
import { startFakeConnector } from '../support/fake-connector.js';
import { message, PRIYA } from '../support/teams-activities.js';
import {
  adminQuery,
  dropSchema,
  freshSchemaName,
  postgresForTests,
  TEST_DATABASE_URL,
} from './postgres-test-db.js';

const schema = freshSchemaName();
let dataDir = '';

const ready = async (port: number) => (await fetch(`http://127.0.0.1:${port}/readyz`)).json();
const priya = async () =>
  (
    await adminQuery<{ doc: { name: string; firstSeenAt: string } }>(
      `SELECT doc FROM "${schema}".people WHERE aad_object_id = $1`,
      [PRIYA.aadObjectId],
    )
  )[0]?.doc;
const migrations = () => adminQuery(`SELECT version, applied_at FROM "${schema}".schema_migrations`);

if (await postgresForTests('postgres start-up')) {
  describe('start-up with STORE=postgres', () => {
    afterAll(async () => {
      await dropSchema(schema);
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('reaches /readyz on a fresh schema, saves a turn, and keeps it across a restart', async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'bot-pg-start-'));
      const connector = await startFakeConnector({ members: [{ ...PRIYA, tenantId: TENANT }] });
      const config = loadConfig({
        PORT: '0',
        STORE: 'postgres',
        DATABASE_URL: TEST_DATABASE_URL,
        DATABASE_SCHEMA: schema,
        DATA_DIR: dataDir,
        ALLOWED_TENANT_IDS: TENANT,
        LOG_LEVEL: 'silent',
      });
      const say = (port: number, text: string) =>
        fetch(`http://127.0.0.1:${port}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...message('personal', text), serviceUrl: connector.url }),
        });
      try {
        const first = await startBot(config, createLogger('silent'));
        try {
          expect(await ready(first.port)).toEqual({ status: 'ready', waiting: [] });
          expect((await say(first.port, 'help')).status).toBe(200);
          expect(connector.sent.some((sent) => sent.conversationId === 'a:personal-priya')).toBe(true);
        } finally {
          await first.stop();
        }
        const saved = await priya();
        expect(saved).toMatchObject({ name: PRIYA.name });
        const applied = await migrations();
        expect(applied.length).toBeGreaterThan(0);

        const second = await startBot(config, createLogger('silent'));
        try {
          expect(await ready(second.port)).toEqual({ status: 'ready', waiting: [] });
          expect((await say(second.port, 'help')).status).toBe(200);
        } finally {
          await second.stop();
        }
        // The second turn found Priya already known: the restart read what the first run saved.
        expect(await priya()).toEqual(saved);
        expect(await migrations()).toEqual(applied);
        // Nothing of the store went to the data directory.
        expect(readdirSync(dataDir)).toEqual([]);
      } finally {
        await connector.close();
      }
    }, 60_000);
  });
}
