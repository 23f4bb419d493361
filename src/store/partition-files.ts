// Data kept as many small files under one directory (check-ins per cycle and unit, actions per month), so a
// write costs the same however much history there is. A file is opened on first use and kept while it is
// used (kept-files.ts bounds how many): what is never asked for costs nothing, and a damaged file stops only
// what reads or writes it.
import { readdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { z } from 'zod';
import { readIfThere } from './append-file.js';
import { trackedWriter, type Db, type Gate, type OpenDb, type TrackedWriter } from './db.js';
import { createDirectory, JsonFile, removeTemporaryFiles, syncPath } from './json-file.js';
import { KEEP_LIMITS, KeptFiles, type KeepLimits } from './kept-files.js';

type Versioned = { schemaVersion: number };

/** An open file: its document, its adapter and the writer every change goes through. */
export type Opened<T extends Versioned> = {
  db: Db<T>;
  file: JsonFile<T>;
  writer: TrackedWriter;
  /** Resolves once the last write asked for through `writer` has finished, on disk or failed. */
  settled(): Promise<void>;
};

export type Partitions = {
  /**
   * The file at `path` (names of folders under the directory, then the file's name), opened on first use and
   * kept while used; a file let go is read again, validated as the first time. A file not there yet reads as
   * `empty()`, whose schemaVersion is the one the file is written with. Whoever holds what this gives holds
   * the file's one document: the same one is given to everyone while anyone holds it (kept-files.ts).
   */
  open<T extends Versioned>(path: string[], schema: z.ZodType<T>, empty: () => T): Promise<Opened<T>>;
  /**
   * Changes a file's document in memory (no await in between, so concurrent changes never interleave) and
   * writes it, on disk before it resolves. An edit that returns false changed nothing: nothing is written,
   * and the change resolves once the writes already asked for are on disk (or writes again if the last one
   * failed, as the file is behind then).
   */
  change<T extends Versioned>(opening: Promise<Opened<T>>, edit: (data: T) => boolean | void): Promise<void>;
  /** Resolves when every write asked for so far, in every open file, is on disk. */
  flush(): Promise<void>;
  /** The names in a folder (files and folders), none when it is not there. */
  list(folder: string[]): Promise<string[]>;
  /** Whether a file holds this text, as its document stands if open, else as on disk: nothing is opened. */
  mentions(path: string[], text: string): Promise<boolean>;
  /**
   * Deletes a file for good: forgotten if open (its writes finish first), unlinked, and the folder's entry
   * fsynced. Nothing else is touched, so a stop part-way leaves every other file as it was.
   */
  remove(path: string[]): Promise<void>;
  /**
   * Deletes a folder with everything in it (leftovers of crashes and backups too): its files, then (once
   * their deletion is on disk) the file named `last`, then the folder itself.
   */
  removeFolder(folder: string[], last?: string): Promise<void>;
};

// A name made by code from checked ids, but checked here too: no part of a path may leave the directory.
const isPlainName = (name: string): boolean =>
  name !== '' && name !== '.' && name !== '..' && !/[/\\\0]/.test(name);

type Kept = { opened: Opened<Versioned>; settledNow(): boolean };

export async function openPartitions(
  dir: string,
  gate: Gate,
  openDb: OpenDb,
  limits: KeepLimits = KEEP_LIMITS,
): Promise<Partitions> {
  await createDirectory(dir);
  const kept = new KeptFiles<Kept>({
    limits,
    // What callers use of an Opened reaches its db: the writer and settled() through `state` below (`file`
    // does not, but only this module uses it).
    anchorOf: ({ opened }) => opened.db,
    isSettled: (file) => file.settledNow(),
    isClosed: () => gate.closed,
  });
  const opened = (opening: Promise<Kept>) => opening.then((file) => file.opened);
  const folders = new Map<string, Promise<void>>();

  // Leftovers of a crash are removed once per folder, before any file in it is opened: later, a temporary
  // file there may be a write of this store's in flight.
  function prepare(folder: string): Promise<void> {
    let preparing = folders.get(folder);
    if (!preparing) {
      preparing = (async () => {
        // Once closed, another process may own the directory: its temporary files are its own.
        if (gate.closed) return;
        await createDirectory(folder);
        await removeTemporaryFiles(folder);
      })();
      folders.set(folder, preparing);
      preparing.catch(() => folders.get(folder) === preparing && folders.delete(folder));
    }
    return preparing;
  }

  function open<T extends Versioned>(path: string[], schema: z.ZodType<T>, empty: () => T) {
    if (path.length === 0 || !path.every(isPlainName))
      throw new Error(
        `store: refused the data file path ${JSON.stringify(path)}; nothing was read or written.`,
      );
    const key = join(...path);
    const found = kept.find(key);
    if (found) return opened(found) as Promise<Opened<T>>;
    const opening = (async (): Promise<Kept> => {
      await prepare(join(dir, ...path.slice(0, -1)));
      const document = empty();
      const file = new JsonFile({ file: join(dir, key), schemaVersion: document.schemaVersion, schema });
      const db = openDb(file, document);
      await db.read();
      const tracked = trackedWriter(db);
      const state = { db, last: Promise.resolve(), writing: 0 };
      const writer: TrackedWriter = {
        write: () => {
          // Counted first, so the file is not let go again at once: a write through a document let go keeps
          // it again, as flush() must wait for the write and the next opener must find it.
          state.writing++;
          kept.use(key, self);
          state.last = tracked.write().finally(() => state.writing--);
          return state.last;
        },
        get fileBehind() {
          return tracked.fileBehind;
        },
      };
      const self: Kept = {
        opened: { db, file, writer, settled: () => state.last.catch(() => undefined) },
        settledNow: () => state.writing === 0 && !tracked.fileBehind,
      };
      return self;
    })();
    // A file that cannot be read is tried afresh next time: someone may have put it right by then.
    kept.add(key, opening);
    return opened(opening) as Promise<Opened<T>>;
  }

  async function change<T extends Versioned>(
    opening: Promise<Opened<T>>,
    edit: (data: T) => boolean | void,
  ): Promise<void> {
    const { db, writer, settled } = await opening;
    gate.refuseIfClosed();
    if (edit(db.data) === false) {
      // Another save may have made the same change and still be writing it: this one is done when that is.
      await settled();
      if (!writer.fileBehind) return;
      gate.refuseIfClosed();
    }
    await writer.write();
  }

  const pathOf = (path: string[]) => {
    if (path.length === 0 || !path.every(isPlainName))
      throw new Error(`store: refused the data file path ${JSON.stringify(path)}; nothing was changed.`);
    return join(...path);
  };

  /** Forgets the file if open, once its writes have finished, and unlinks it (not yet durably). */
  async function unlink(path: string[]): Promise<void> {
    gate.refuseIfClosed();
    const key = pathOf(path);
    const opening = kept.take(key);
    if (opening) {
      await opened(opening).then(
        ({ file, settled }) => Promise.all([file.flush(), settled()]),
        () => undefined,
      );
    }
    await rm(join(dir, key), { force: true });
  }

  async function remove(path: string[]): Promise<void> {
    await unlink(path);
    await syncPath(dirname(join(dir, pathOf(path))));
  }

  async function removeFolder(folder: string[], last?: string): Promise<void> {
    const key = join(dir, pathOf(folder));
    const names = await listOf(key);
    for (const name of names) if (name !== last) await unlink([...folder, name]);
    if (last !== undefined && names.includes(last)) {
      await syncPath(key);
      await unlink([...folder, last]);
    }
    folders.delete(key);
    await rm(key, { recursive: true, force: true });
    await syncPath(dirname(key));
  }

  return {
    open,
    change,
    list: async (folder) => listOf(folder.length === 0 ? dir : join(dir, pathOf(folder))),
    mentions: async (path, text) => {
      const key = pathOf(path);
      const needle = JSON.stringify(text).slice(1, -1);
      const opening = kept.peek(key);
      if (opening) return JSON.stringify((await opened(opening)).db.data).includes(needle);
      return (await readIfThere(join(dir, key)))?.includes(needle) ?? false;
    },
    remove,
    removeFolder,
    flush: async () => {
      await Promise.all(
        kept.openings().map((opening) =>
          opened(opening).then(
            ({ file }) => file.flush(),
            () => {},
          ),
        ),
      );
    },
  };
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

async function listOf(folder: string): Promise<string[]> {
  try {
    return await readdir(folder);
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
}
