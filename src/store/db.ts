// What the lowdb store's modules need from a database and from each other. Only lowdb-store.ts creates lowdb
// databases (test/architecture.test.ts keeps lowdb to it and its file adapter); the others get this shape.
import type { JsonFile } from './json-file.js';
import { StoreClosedError } from './store.js';

/** A lowdb database: the whole document in memory, read from and written to its file as one. */
export type Db<T> = { data: T; read(): Promise<void>; write(): Promise<void> };
export type OpenDb = <T extends { schemaVersion: number }>(file: JsonFile<T>, empty: T) => Db<T>;

/** The store's open/closed state, shared by every file it writes. */
export type Gate = {
  readonly closed: boolean;
  /** Refuses saves from now on: a write queued after close() could land after the lock is released. */
  close(): void;
  refuseIfClosed(): void;
};

export function openGate(): Gate {
  let closed = false;
  return {
    get closed() {
      return closed;
    },
    close: () => void (closed = true),
    refuseIfClosed: () => {
      if (closed) throw new StoreClosedError();
    },
  };
}

export type TrackedWriter = {
  write(): Promise<void>;
  /** The last write to finish failed: a retried save must write, though it changes nothing in memory. */
  readonly fileBehind: boolean;
};

export function trackedWriter(db: Pick<Db<unknown>, 'write'>): TrackedWriter {
  let fileBehind = false;
  return {
    get fileBehind() {
      return fileBehind;
    },
    async write() {
      try {
        await db.write();
        fileBehind = false;
      } catch (error) {
        fileBehind = true;
        throw error;
      }
    },
  };
}
