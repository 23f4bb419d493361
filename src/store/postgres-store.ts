// The shared Store: PostgreSQL, for organisations that run several instances of the bot behind a load balancer
// (STORE=postgres). Every table lives in one schema (DATABASE_SCHEMA), brought up to date at start-up by the
// versioned migrations in migrations/. Split by concern as the lowdb store is: see src/store/postgres/.
import type { Store } from './store.js';
import { actionMethods } from './postgres/actions.js';
import { auditMethods } from './postgres/audit.js';
import { broadcastMethods } from './postgres/broadcasts.js';
import { checkinMethods } from './postgres/checkins.js';
import { openDatabase } from './postgres/connection.js';
import { coreMethods } from './postgres/core-records.js';
import { DELIVERY_QUEUE, deliveryMethods } from './postgres/deliveries.js';
import { erasePerson } from './postgres/erasure.js';
import { migrate, readMigrations } from './postgres/migrations.js';
import { purgeBefore } from './postgres/purge.js';
import { LateUpdates } from './late-updates.js';
import { checkErasure } from './upkeep.js';

export type PostgresStoreOptions = {
  /** postgres://user:password@host:port/database */
  connectionString: string;
  /** Lower-case letters, digits and '_'; created at start-up when missing. */
  schema: string;
};

/** A name that needs no quoting anywhere, so it can travel in the connection's search_path safely. */
export const isSchemaName = (name: string): boolean => /^[a-z_][a-z0-9_]{0,62}$/.test(name);

export async function openPostgresStore({ connectionString, schema }: PostgresStoreOptions): Promise<Store> {
  if (!isSchemaName(schema))
    throw new Error(
      `store: ${JSON.stringify(schema)} is not a schema name the store can use: lower-case letters, ` +
        "digits and '_', starting with a letter or '_', at most 63.",
    );
  const migrations = await readMigrations();
  const db = openDatabase({ connectionString, schema });
  try {
    await db.transaction([], (query) => migrate(query, schema, migrations));
  } catch (error) {
    await db.close();
    throw startupError(error as Error, connectionString, schema);
  }
  const late = new LateUpdates();
  return {
    ...coreMethods(db),
    ...auditMethods(db),
    ...deliveryMethods(db, late),
    ...checkinMethods(db),
    ...actionMethods(db),
    ...broadcastMethods(db),
    // Each in one transaction under a lock (purge.ts, erasure.ts): never half done, never two at once.
    purgeBefore: (cutoff) => db.transaction([], (query) => purgeBefore(query, cutoff)),
    erasePerson: async (aadObjectId, pseudonym) => {
      checkErasure(aadObjectId, pseudonym);
      // In turn with the queue's writes, and noted once committed, before the next of them runs: a late
      // update from the sender then lands under the pseudonym (the limits are in postgres/erasure.ts).
      const { counts } = await db.transaction(
        DELIVERY_QUEUE,
        (query) => erasePerson(query, aadObjectId, pseudonym),
        ({ renamedDeliveries }) => {
          for (const delivery of renamedDeliveries) late.note(delivery, aadObjectId, pseudonym);
        },
      );
      return { pseudonym, counts };
    },
    close: () => db.close(),
  };
}

/** Start-up failures name the server and schema, never the password in the connection string. */
function startupError(error: Error, connectionString: string, schema: string): Error {
  if (error.message.startsWith('store:')) return error;
  let where = 'the PostgreSQL server in DATABASE_URL';
  try {
    const url = new URL(connectionString);
    where = `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
  } catch {
    // Not a URL (a key=value string): the generic description will do.
  }
  return new Error(
    `store: could not open schema ${schema} of ${where}: ${error.message}. ` +
      'Check DATABASE_URL and DATABASE_SCHEMA, and that the server is running and lets this user in.',
    { cause: error },
  );
}
