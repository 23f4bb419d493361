// The PostgreSQL store's one door to the database (the only importer of `pg`): a pool whose connections all
// use the store's schema, reads and writes through it, and a close that finishes what is under way first.
// Writes resolve after COMMIT: each is one autocommitted statement or one transaction.
import pg from 'pg';
import { StoreClosedError } from '../store.js';
import { writeQueue } from './write-queue.js';

export type Row = Record<string, unknown>;

/** Runs one statement; `values` are bound as $1, $2… (never spliced into the text). */
export type Query = <R extends Row = Row>(text: string, values?: readonly unknown[]) => Promise<R[]>;

export type Database = {
  /** A read: answered even after close(), on a connection made for it alone, as reads of closed stores are. */
  read: Query;
  /**
   * A write, refused once close() has been called. Writes naming the same key run one after another in
   * the order they were asked for, as the in-process stores apply them; others run side by side.
   */
  write<T>(keys: readonly string[], work: (query: Query) => Promise<T>): Promise<T>;
  /**
   * As write, inside one transaction: all of it is saved, or (when `work` throws) none of it. `committed`
   * runs once it is saved, before the next write on the same keys starts.
   */
  transaction<T>(
    keys: readonly string[],
    work: (query: Query) => Promise<T>,
    committed?: (result: T) => void,
  ): Promise<T>;
  /** Refuses writes from now on, waits for those under way, then ends every connection. */
  close(): Promise<void>;
};

export type ConnectionOptions = {
  /** postgres://user:password@host:port/database, as DATABASE_URL. */
  connectionString: string;
  /** The schema every table lives in (DATABASE_SCHEMA): a plain lower-case name, checked by the caller. */
  schema: string;
};

// A database that does not answer stops start-up with a message, instead of hanging it.
const CONNECT_TIMEOUT_MS = 10_000;

export function openDatabase({ connectionString, schema }: ConnectionOptions): Database {
  const settings = { connectionString, options: `-c search_path=${schema}` };
  const pool = new pg.Pool({ ...settings, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // A pooled connection that breaks while idle (a database restart) is dropped by the pool and the next query
  // gets a new one; without a listener the error event would end the process.
  pool.on('error', () => {});
  const queue = writeQueue();
  const underWay = new Set<Promise<unknown>>();
  let closed = false;
  let ended: Promise<void> | undefined;

  const track = <T>(work: Promise<T>): Promise<T> => {
    underWay.add(work);
    const forget = () => void underWay.delete(work);
    work.then(forget, forget);
    return work;
  };
  const poolQuery: Query = async (text, values) =>
    (await pool.query(text, values as unknown[] | undefined)).rows as never;

  const readAlone: Query = async (text, values) => {
    const client = new pg.Client({ ...settings, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    await client.connect();
    try {
      return (await client.query(text, values as unknown[] | undefined)).rows as never;
    } finally {
      await client.end();
    }
  };

  const inTransaction = async <T>(
    work: (query: Query) => Promise<T>,
    committed?: (result: T) => void,
  ): Promise<T> => {
    const client = await pool.connect();
    const query: Query = async (text, values) =>
      (await client.query(text, values as unknown[] | undefined)).rows as never;
    let result: T;
    try {
      await client.query('BEGIN');
      result = await work(query);
      await client.query('COMMIT');
      client.release();
    } catch (error) {
      // A connection whose ROLLBACK fails is broken: destroyed rather than handed to the next caller.
      await client.query('ROLLBACK').then(
        () => client.release(),
        (broken: Error) => client.release(broken),
      );
      throw error;
    }
    // Outside the try: what it does cannot roll back (or release twice) what is already committed.
    committed?.(result);
    return result;
  };

  const refuseIfClosed = () => {
    if (closed) throw new StoreClosedError();
  };

  return {
    read: (text, values) => (closed ? readAlone(text, values) : track(poolQuery(text, values))),
    write: async (keys, work) => {
      refuseIfClosed();
      return track(queue(keys, () => work(poolQuery)));
    },
    transaction: async (keys, work, committed) => {
      refuseIfClosed();
      return track(queue(keys, () => inTransaction(work, committed)));
    },
    close: () => {
      closed = true;
      ended ??= (async () => {
        while (underWay.size > 0) await Promise.allSettled([...underWay]);
        await pool.end();
      })();
      return ended;
    },
  };
}

/** A connection of its own, outside the pool, for what lasts as long as a session: an advisory lock. */
export type Session = {
  /** Runs one statement; one that gets no answer within the session's queryTimeoutMs fails. */
  query: Query;
  /** Resolves, never rejects, once the connection has ended: broken, ended by the server, or by end(). */
  ended: Promise<void>;
  /** Ends the connection, and with it whatever the session held; waits at most a few seconds for the server. */
  end(): Promise<void>;
};

export type SessionOptions = ConnectionOptions & {
  /** Names the connection in pg_stat_activity, so an operator can see what it is for. */
  applicationName: string;
  queryTimeoutMs: number;
};

const END_WAIT_MS = 3_000;

export async function openSession({
  connectionString,
  schema,
  applicationName,
  queryTimeoutMs,
}: SessionOptions): Promise<Session> {
  const client = new pg.Client({
    connectionString,
    options: `-c search_path=${schema}`,
    application_name: applicationName,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    query_timeout: queryTimeoutMs,
    // The operating system notices a peer gone silent, as well as the pings the session's owner sends.
    keepAlive: true,
  });
  let markEnded!: () => void;
  const ended = new Promise<void>((resolve) => (markEnded = resolve));
  // A connection ended by the server (a restart, pg_terminate_backend) or broken emits 'error' then 'end';
  // without a listener the error event would end the process.
  client.on('error', () => markEnded());
  client.on('end', () => markEnded());
  try {
    await client.connect();
  } catch (error) {
    markEnded();
    throw error;
  }
  return {
    query: async (text, values) => (await client.query(text, values as unknown[] | undefined)).rows as never,
    ended,
    end: async () => {
      // Over a dead network the goodbye may never be answered: the server ends the session on its own then.
      const gaveUp = new Promise<void>((resolve) => setTimeout(resolve, END_WAIT_MS).unref());
      await Promise.race([client.end().catch(() => undefined), gaveUp]);
      markEnded();
    },
  };
}
