// PostgreSQL for the benchmarks of issue 11: the server (DATABASE_URL, else the local one the store tests use),
// whether it answers, a fresh schema for each benchmark that is dropped afterwards, and seeding it from a lowdb
// data directory through the Store port, as an organisation moving to PostgreSQL would (scripts/).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrateLowdbToPostgres } from '../scripts/migrate-lowdb-to-postgres.js';
import { TABLES } from '../scripts/store-copy.js';

export const DATABASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

/** Runs one statement on a connection of its own, outside any store. */
async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Why PostgreSQL cannot be benchmarked here, or undefined when its server answers. */
export async function postgresProblem(): Promise<string | undefined> {
  try {
    await adminQuery('SELECT 1');
    return undefined;
  } catch (error) {
    // The error's code, not its message: the report names no server, and DATABASE_URL may hold a password.
    const { code, name } = error as Error & { code?: string };
    return `no PostgreSQL server answered at DATABASE_URL (${code ?? name})`;
  }
}

export type Schema = { name: string; drop(): Promise<void> };

/** A schema name no one uses (the store creates it when first opened), and how to drop it with everything in it. */
export function freshSchema(label: string): Schema {
  const name = `bench_${label}_${randomBytes(4).toString('hex')}`;
  return { name, drop: () => adminQuery(`DROP SCHEMA IF EXISTS "${name}" CASCADE`) };
}

/**
 * Copies a lowdb data directory into the schema through the Store port (the migration script's copy, then
 * its check that both stores hold the same records), so both stores of a comparison start alike.
 * Returns the seconds the copy and check took.
 */
export async function seedFromLowdb(dataDir: string, schema: string): Promise<number> {
  const started = performance.now();
  const report = await migrateLowdbToPostgres({ from: dataDir, connectionString: DATABASE_URL, schema });
  if (report.differing.length > 0)
    throw new Error(
      `bench: the copy into PostgreSQL differs from the lowdb store in ${report.differing.map((table) => TABLES[table]).join(', ')}`,
    );
  return (performance.now() - started) / 1_000;
}
