// One JSON data file as a lowdb adapter: validated on every read, durable on every write.
// - A file that is not valid JSON, or fails its schema, stops the read with the file's name and the problem,
//   and is left exactly as it was (nothing writes to it until a person has looked).
// - A write goes to a temporary file that is fsynced, renamed over the old one, then the directory is
//   fsynced: a crash leaves either the old file or the new one, never half of one.
// - Writes to one file run in call order, so an older snapshot can never land after a newer one.
import { chmod, copyFile, mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import { z } from 'zod';

export class StoreFileError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(
      `store: the data file ${file} ${problem}. It has been left untouched. ` +
        'Restore it from a backup, or move it aside to start that part afresh.',
    );
    this.name = 'StoreFileError';
  }
}

export type Migration = (data: Record<string, unknown>) => Record<string, unknown>;

export type JsonFileOptions<T> = {
  file: string;
  schemaVersion: number;
  schema: z.ZodType<T>;
  /** migrations[n] turns a version-n document into version n+1. */
  migrations?: Readonly<Record<number, Migration>>;
};

type Versioned = { schemaVersion: number };

export class JsonFile<T extends Versioned> implements Adapter<T> {
  private queue: Promise<void> = Promise.resolve();
  /** The write not yet started, which later saves join. */
  private next: Promise<void> | undefined;
  private latest: T | undefined;
  private sequence = 0;

  constructor(private readonly options: JsonFileOptions<T>) {}

  async read(): Promise<T | null> {
    const { file, schemaVersion, schema } = this.options;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (error) {
      throw new StoreFileError(file, `is not valid JSON (${(error as Error).message})`);
    }
    const version = z.object({ schemaVersion: z.number().int().positive() }).safeParse(document);
    if (!version.success) throw new StoreFileError(file, 'has no schemaVersion');
    if (version.data.schemaVersion > schemaVersion) {
      throw new StoreFileError(
        file,
        `was written by a newer version of the bot (schemaVersion ${version.data.schemaVersion}, this one reads ${schemaVersion})`,
      );
    }
    const migrated = version.data.schemaVersion < schemaVersion;
    if (migrated)
      document = await this.migrate(document as Record<string, unknown>, version.data.schemaVersion);
    const parsed = schema.safeParse(document);
    if (!parsed.success)
      throw new StoreFileError(file, `does not match its schema:\n${z.prettifyError(parsed.error)}`);
    if (migrated) await this.write(parsed.data);
    return parsed.data;
  }

  /**
   * Writes run one at a time. Saves that arrive while one is on its way share the next write, which
   * serialises the document when it starts: a burst of changes costs two whole-file writes, not one each.
   */
  write(data: T): Promise<void> {
    this.latest = data;
    if (this.next) return this.next;
    const done = this.queue.then(() => {
      this.next = undefined;
      return this.writeNow(JSON.stringify(this.latest));
    });
    this.next = done;
    this.queue = done.catch(() => undefined);
    return done;
  }

  /** Resolves when every write asked for so far is on disk. */
  flush(): Promise<void> {
    return this.queue;
  }

  private async writeNow(text: string): Promise<void> {
    const { file } = this.options;
    const temporary = `${file}.tmp-${process.pid}-${++this.sequence}`;
    const handle = await open(temporary, 'w', FILE_MODE);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temporary, file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    await syncPath(dirname(file));
  }

  private async migrate(document: Record<string, unknown>, from: number): Promise<Record<string, unknown>> {
    const { file, schemaVersion, migrations = {} } = this.options;
    // The backup must be on disk before the migrated file can replace the original.
    const backup = `${file}.v${from}.bak`;
    await copyFile(file, backup);
    await chmod(backup, FILE_MODE);
    await syncPath(backup);
    await syncPath(dirname(file));
    let current = document;
    for (let version = from; version < schemaVersion; version++) {
      const step = migrations[version];
      if (!step) throw new StoreFileError(file, `has schemaVersion ${version} and no migration from it`);
      current = { ...step(current), schemaVersion: version + 1 };
    }
    return current;
  }
}

export const isTemporaryFile = (name: string): boolean => /\.tmp-\d+-\d+$/.test(basename(name));

/** Removes what writes interrupted by a crash left in `dir`: nothing reads them, and they would pile up. */
export async function removeTemporaryFiles(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if (isTemporaryFile(name)) await rm(join(dir, name), { force: true });
  }
}

/** Flushes a file, or a directory's entries (a file created or renamed in it), to disk. */
export async function syncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Data files and their directories are the bot's alone: no other account on the host may read them. */
export const FILE_MODE = 0o600;
export const DIRECTORY_MODE = 0o700;

/** A directory for data files: it must itself be on disk before a file in it can be durable. */
export async function createDirectory(dir: string): Promise<void> {
  const created = await mkdir(dir, { recursive: true, mode: DIRECTORY_MODE });
  if (created !== undefined) await syncPath(dirname(dir));
}
