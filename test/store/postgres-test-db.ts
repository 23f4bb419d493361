// The PostgreSQL the store tests run against: TEST_DATABASE_URL, else the local server on 127.0.0.1:5432.
// Each store under test gets a schema of its own (pp_test_<random>), dropped afterwards. When the server cannot
// be reached the tests skip with a loud message, unless STORE_TESTS_REQUIRE_POSTGRES is set (CI sets it):
// then they fail, so the PostgreSQL store can never go untested there without anyone noticing.
import { afterAll, describe, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgresStore } from '../../src/store/postgres-store.js';
import type { OpenStore } from './store-contract.js';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const freshSchemaName = (): string => `pp_test_${randomBytes(6).toString('hex')}`;

/** Runs one statement on a connection of its own (the test's view of the database, not the store's). */
export async function adminQuery<R extends pg.QueryResultRow = pg.QueryResultRow>(
  text: string,
  values: unknown[] = [],
): Promise<R[]> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

export const dropSchema = (schema: string): Promise<unknown> =>
  adminQuery(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);

/**
 * Opens stores for a test file on one schema of its own: migrated by the first open, emptied after each test
 * (a few milliseconds, where a fresh schema costs a few hundred), dropped when the file is done.
 */
export function storesOnOneSchema(): OpenStore {
  const schema = freshSchemaName();
  let admin: pg.Client | undefined;
  let emptyAll: string | undefined;
  afterAll(async () => {
    await admin?.end();
    await dropSchema(schema);
  });
  const emptySchema = async () => {
    if (!admin) {
      admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await admin.connect();
    }
    if (!emptyAll) {
      const { rows } = await admin.query<{ tablename: string }>(
        "SELECT tablename FROM pg_tables WHERE schemaname = $1 AND tablename <> 'schema_migrations'",
        [schema],
      );
      emptyAll = rows.map(({ tablename }) => `DELETE FROM "${schema}"."${tablename}";`).join('\n');
    }
    await admin.query(emptyAll);
  };
  return async () => {
    const store = await openPostgresStore({ connectionString: TEST_DATABASE_URL, schema });
    return {
      store,
      cleanup: async () => {
        await store.close();
        await emptySchema();
      },
    };
  };
}

async function reachable(): Promise<Error | undefined> {
  try {
    await adminQuery('SELECT 1');
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

/**
 * True when the tests can run. Unreachable: with STORE_TESTS_REQUIRE_POSTGRES set this throws (the test file
 * fails); without it, it says so loudly and registers one skipped test that names the reason.
 */
export async function postgresForTests(suite: string): Promise<boolean> {
  const problem = await reachable();
  if (!problem) return true;
  const where = TEST_DATABASE_URL.replace(/\/\/[^@/]*@/, '//');
  if (process.env.STORE_TESTS_REQUIRE_POSTGRES)
    throw new Error(
      `${suite}: PostgreSQL at ${where} is unreachable (${problem.message}) and STORE_TESTS_REQUIRE_POSTGRES ` +
        'is set. Start it (pg_ctlcluster --skip-systemctl-redirect <version> main start) or set TEST_DATABASE_URL.',
    );
  console.warn(
    `\n!!! ${suite}: SKIPPED. PostgreSQL at ${where} is unreachable (${problem.message}).\n` +
      '!!! Start it, or set TEST_DATABASE_URL; set STORE_TESTS_REQUIRE_POSTGRES=1 to make this a failure.\n',
  );
  describe(suite, () => {
    it.skip(`skipped: PostgreSQL at ${where} is unreachable`, () => {});
  });
  return false;
}
