// `npm run migrate:lowdb-to-postgres -- --from ./data`: copies an embedded (lowdb) store into PostgreSQL through
// the Store port, then reads both back and prints, table by table, how many records each holds and whether
// their contents match. Running it again changes nothing. Stop the bot first: the copy takes the data
// directory's lock, so a running bot makes it refuse, and a bot still writing would leave the copy behind.
//
//   node --import tsx scripts/migrate-lowdb-to-postgres.ts --from ./data [--to postgres://…] [--schema name]
//
// Where to copy to comes from DATABASE_URL and DATABASE_SCHEMA (the environment or .env, as the bot reads
// them), unless --to or --schema say otherwise. Card action keys (which only stop a double click counting twice,
// and are forgotten within days) are not copied.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, withDotEnv } from '../src/config.js';
import { DataDirLockedError } from '../src/store/data-dir-lock.js';
import { openLowdbStore } from '../src/store/lowdb-store.js';
import { openPostgresStore } from '../src/store/postgres-store.js';
import type { Store } from '../src/store/store.js';
import { copyStore, TABLES, tally, type Table, type Tally } from './store-copy.js';

export type MigrationOptions = { from: string; connectionString: string; schema: string };

export type MigrationReport = {
  /** What each store holds after the copy, table by table. */
  lowdb: Tally;
  postgres: Tally;
  /** The tables whose count or contents differ: none when the copy is whole. */
  differing: Table[];
};

/** Why the migration will not run: said to the person, without a stack trace. */
export class MigrationRefused extends Error {
  override readonly name = 'MigrationRefused';
}

export async function migrateLowdbToPostgres({
  from,
  connectionString,
  schema,
}: MigrationOptions): Promise<MigrationReport> {
  // Opening a directory that holds no store would make an empty one there, and copy nothing.
  if (!existsSync(join(from, 'core.json')))
    throw new MigrationRefused(`migrate: ${from} holds no embedded store (there is no core.json in it).`);
  const lowdb = await openLowdb(from);
  let postgres: Store | undefined;
  try {
    postgres = await openPostgresStore({ connectionString, schema });
    await copyStore(lowdb, postgres);
    const [before, after] = [await tally(lowdb), await tally(postgres)];
    const differing = (Object.keys(TABLES) as Table[]).filter(
      (table) =>
        before[table].count !== after[table].count || before[table].fingerprint !== after[table].fingerprint,
    );
    return { lowdb: before, postgres: after, differing };
  } finally {
    await postgres?.close();
    await lowdb.close();
  }
}

async function openLowdb(dataDir: string): Promise<Store> {
  try {
    // No waiting: a live bot's lock is refused at once; one left by a crash (gone stale) is taken over.
    return await openLowdbStore({ dataDir, lock: { waitMs: 0 } });
  } catch (error) {
    if (error instanceof DataDirLockedError)
      throw new MigrationRefused(
        `migrate: the bot is running on ${dataDir} (it holds the data directory's lock). Stop it, then run ` +
          'this again: the copy must see the store as it stands, with nothing more being written.',
      );
    throw error;
  }
}

/** The counts side by side, one table a line, with whether the table's contents match. */
export function reportTable({ lowdb, postgres, differing }: MigrationReport): string {
  const rows = (Object.keys(TABLES) as Table[]).map((table) => [
    TABLES[table],
    String(lowdb[table].count),
    String(postgres[table].count),
    differing.includes(table) ? 'NO' : 'yes',
  ]);
  const all = [['table', 'lowdb', 'postgres', 'same'], ...rows];
  const widths = all[0]!.map((_, column) => Math.max(...all.map((row) => row[column]!.length)));
  return all
    .map((row) =>
      row
        .map((cell, column) => (column === 0 ? cell.padEnd(widths[0]!) : cell.padStart(widths[column]!)))
        .join('  '),
    )
    .join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      schema: { type: 'string' },
    },
  });
  if (!values.from)
    throw new MigrationRefused('migrate: say which data directory to copy, e.g. --from ./data');
  const config = loadConfig(
    withDotEnv('.env', {
      ...process.env,
      ...(values.to ? { DATABASE_URL: values.to } : {}),
      ...(values.schema ? { DATABASE_SCHEMA: values.schema } : {}),
    }),
  );
  const connectionString = config.store.databaseUrl;
  if (!connectionString)
    throw new MigrationRefused('migrate: say where to copy to: set DATABASE_URL, or pass --to postgres://…');
  const schema = config.store.databaseSchema;
  console.log(`Copying the embedded store in ${values.from} to PostgreSQL (schema ${schema})…`);
  const report = await migrateLowdbToPostgres({ from: values.from, connectionString, schema });
  console.log(`\n${reportTable(report)}\n`);
  if (report.differing.length > 0) {
    console.error(
      `migrate: ${report.differing.map((table) => TABLES[table]).join(', ')} differ after the copy. ` +
        'Was the schema used by a bot already? Copy into an empty schema, or find what changed.',
    );
    process.exitCode = 1;
    return;
  }
  console.log(
    'Every table matches. Point the bot at PostgreSQL with STORE=postgres, DATABASE_URL and DATABASE_SCHEMA; ' +
      `keep ${values.from} as a backup until you are happy.`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof MigrationRefused || error instanceof ConfigError ? error.message : error);
    process.exit(1);
  });
}
