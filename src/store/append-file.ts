// A file of lines that only grows, written with group commit: appends that arrive while one is being written
// wait, then all go into the next write (one write, one fsync), in the order they arrived. Used for journals
// whose saves must each be on disk before they are acknowledged, many at once (check-ins, card claims, core
// records, deliveries).
import { open, readFile, rm, truncate } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createDirectory, FILE_MODE, StoreFileError, syncPath } from './json-file.js';

const NEWLINE = 0x0a;

type Append = { text: string; written?: () => void; resolve(): void; reject(error: unknown): void };

export class AppendFile {
  private waiting: Append[] = [];
  private committing = false;
  /** Every write, append or other (compaction), runs after the one before. */
  private queue: Promise<void> = Promise.resolve();
  private dirty = false;

  /**
   * @param header the first line of a new file (with its newline)
   * @param size bytes already on disk and known good (0: none; the next append starts the file)
   */
  constructor(
    readonly file: string,
    private readonly header: string,
    public size = 0,
  ) {}

  /**
   * Resolves once the text (whole lines) is on disk; `written` runs as soon as it is, before any later write
   * starts, in the order appends arrived. Rejects if it is not on disk.
   */
  append(text: string, written?: () => void): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ text, written, resolve, reject });
      if (this.committing) return;
      this.committing = true;
      this.queue = this.queue.then(() => this.commit());
    });
  }

  /** Runs the task when the writes asked for so far have finished, and before any asked for later. */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const done = this.queue.then(task);
    this.queue = done.then(
      () => undefined,
      () => undefined,
    );
    return done;
  }

  /** Deletes the file for good (the next append starts a new one). Call it inside exclusive(). */
  async remove(): Promise<void> {
    await rm(this.file, { force: true });
    // Else the file could come back after a power cut.
    await syncPath(dirname(this.file)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    this.size = 0;
    this.dirty = false;
  }

  /** The file was replaced whole, by one of `size` good bytes (an erasure's rewrite), with no append under way. */
  replaced(size: number): void {
    this.size = size;
    this.dirty = false;
  }

  /** Resolves when every write asked for so far has finished. */
  flush(): Promise<void> {
    return this.queue;
  }

  private async commit(): Promise<void> {
    this.committing = false;
    const appends = this.waiting.splice(0);
    const starting = this.size === 0;
    const bytes = Buffer.from((starting ? this.header : '') + appends.map((a) => a.text).join(''), 'utf8');
    try {
      if (starting) await createDirectory(dirname(this.file));
      const handle = await open(this.file, 'a', FILE_MODE);
      try {
        // A failed write may have left part of its lines behind: cut them off, or good lines would follow them.
        if (this.dirty) await handle.truncate(this.size);
        for (let at = 0; at < bytes.length;) at += (await handle.write(bytes, at)).bytesWritten;
        await handle.sync();
      } finally {
        await handle.close();
      }
      if (starting) await syncPath(dirname(this.file));
    } catch (error) {
      this.dirty = true;
      for (const append of appends) append.reject(error);
      return;
    }
    this.size += bytes.length;
    this.dirty = false;
    for (const append of appends) append.written?.();
    for (const append of appends) append.resolve();
  }
}

/**
 * The whole lines of a file of lines, undefined when there is none. A crash in the middle of an append leaves
 * a torn last line: it is left out (its save never resolved), and cut off the file when `cut` is set.
 */
export async function readLines(
  file: string,
  { cut }: { cut: boolean },
): Promise<{ lines: string[]; size: number } | undefined> {
  const bytes = await readIfThere(file);
  if (!bytes) return undefined;
  const size = intactLength(bytes);
  if (cut && size < bytes.length) {
    await truncate(file, size);
    await syncPath(file);
  }
  const lines =
    size === 0
      ? []
      : bytes
          .subarray(0, size - 1)
          .toString('utf8')
          .split('\n');
  return { lines, size };
}

/** One line of a file of lines, parsed; a line that is not JSON is refused with the file's name and line. */
export function parseLine(line: string, number: number, file: string): unknown {
  try {
    return JSON.parse(line);
  } catch (error) {
    throw new StoreFileError(file, `line ${number} is not valid JSON (${(error as Error).message})`);
  }
}

export async function readIfThere(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The length of the file without its torn last line, if it has one (no newline, or a line that is not JSON). */
export function intactLength(bytes: Buffer): number {
  if (bytes.length === 0) return 0;
  if (bytes.at(-1) !== NEWLINE) return bytes.lastIndexOf(NEWLINE) + 1;
  const lastStart = bytes.length >= 2 ? bytes.lastIndexOf(NEWLINE, bytes.length - 2) + 1 : 0;
  return isJson(bytes.subarray(lastStart, bytes.length - 1).toString('utf8')) ? bytes.length : lastStart;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
