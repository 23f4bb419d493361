// Versioned plain-SQL migrations, applied at start-up. The files live in migrations/ at the project top level,
// beside adaptiveCards/ and reference-data/, and are read from there at run time: `tsc` copies no .sql into
// dist/, and dist/store/postgres/ is as deep as src/store/postgres/, so one relative URL finds them from both.
//
// Every pending migration is applied in one transaction holding a transaction-level advisory lock on a fixed
// key, and recorded in schema_migrations: instances starting together queue on the lock, and the second finds
// the work done. A migration changed after it was applied, or one applied by a newer version of the bot,
// stops start-up with a message instead of leaving a schema nobody planned.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import type { Query } from './connection.js';

export const MIGRATIONS_DIR = new URL('../../../migrations/', import.meta.url);

/** The advisory lock every migration run takes: one number, the same for every instance and version. */
export const MIGRATION_LOCK_KEY = '7011010001';

export type Migration = { version: number; name: string; sql: string; checksum: string };

const fileName = /^(\d{4})_[a-z0-9_]+\.sql$/;

/** The migrations in the directory, by version; a .sql file not named NNNN_words.sql is refused. */
export async function readMigrations(dir: URL = MIGRATIONS_DIR): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const name of names) {
    const version = Number(fileName.exec(name)?.[1] ?? NaN);
    if (!Number.isInteger(version) || version < 1)
      throw new Error(`store: migration file ${name} must be named like 0002_what_it_does.sql.`);
    if (migrations.some((known) => known.version === version))
      throw new Error(`store: two migration files have version ${version}; give ${name} the next number.`);
    const sql = await readFile(new URL(name, dir), 'utf8');
    migrations.push({ version, name, sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  return migrations;
}

type Applied = { version: number; name: string; checksum: string };

/**
 * Brings the schema up to date, inside the caller's transaction (see module comment). Creates the schema when
 * it is missing: only then, so a deployment without the right to create schemas can use one made for it.
 * Answers the versions it applied.
 */
export async function migrate(query: Query, schema: string, migrations: Migration[]): Promise<number[]> {
  await query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
  const [found] = await query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
  if (!found) await query(`CREATE SCHEMA "${schema}"`);
  await query(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       version integer PRIMARY KEY,
       name text NOT NULL,
       checksum text NOT NULL,
       applied_at timestamptz NOT NULL DEFAULT now()
     )`,
  );
  const applied = await query<Applied>('SELECT version, name, checksum FROM schema_migrations');
  checkApplied(schema, applied, migrations);
  const done = new Set(applied.map((row) => row.version));
  const pending = migrations.filter((migration) => !done.has(migration.version));
  for (const migration of pending) {
    await query(migration.sql);
    await query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
      migration.version,
      migration.name,
      migration.checksum,
    ]);
  }
  return pending.map((migration) => migration.version);
}

function checkApplied(schema: string, applied: readonly Applied[], migrations: readonly Migration[]): void {
  for (const row of applied) {
    const known = migrations.find((migration) => migration.version === row.version);
    if (!known)
      throw new Error(
        `store: PostgreSQL schema ${schema} has migration ${row.name}, which this version of the bot does ` +
          'not know: a newer version has used this database. Run that version, or restore a backup.',
      );
    if (known.checksum !== row.checksum)
      throw new Error(
        `store: migrations/${known.name} has changed since it was applied to PostgreSQL schema ${schema}. ` +
          'A released migration is never edited: put it back as it was and add a new migration instead.',
      );
  }
}
