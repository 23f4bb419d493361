// One delivery batch on disk. While any of its deliveries is unfinished, a journal:
//   DATA_DIR/deliveries/<stem>.jsonl   (stem: the batch id encoded for a file name, see batch-names.ts)
//   {"schemaVersion":1,"batchId":"…"}  a header line, written with the first records
//   {…a Delivery…}                      one line per saved state of a delivery; the last line for an id wins
// Once all are final it is compacted to <stem>.done.jsonl: the same format, one line per delivery, by id.
// Start-up reads only journals; a done file is read when its batch is asked for.
//
// Why plain node:fs and not lowdb: lowdb reads and writes a whole document at a time, so each of the ~20,000
// state changes of a broadcast to 10,000 people would rewrite every record of the batch, and each must be on
// disk before the sender acts on it. A journal appends only what changed: one write and one fsync per save,
// whatever the size of the batch.
import { open, rename, rm, truncate } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { Delivery } from '../domain/delivery.js';
import { AppendFile, intactLength, readIfThere } from './append-file.js';
import { batchFileStem } from './batch-names.js';
import { FILE_MODE, StoreFileError, syncPath } from './json-file.js';
import { recordSchemas } from './records.js';

const JOURNAL_VERSION = 1;
const NEWLINE = 0x0a;
const Header = z.object({ schemaVersion: z.number().int().positive(), batchId: z.string().min(1) });

export type Journal = AppendFile;
export type JournalContents = { batchId: string; records: Delivery[]; size: number };

const headerLine = (batchId: string): string =>
  `${JSON.stringify({ schemaVersion: JOURNAL_VERSION, batchId })}\n`;

/** A batch's journal as a file of lines with group commit; `size` bytes already on disk and known good. */
export const journalFile = (file: string, batchId: string, size = 0): Journal =>
  new AppendFile(file, headerLine(batchId), size);

/** The records' lines, to append. */
export const journalLines = (records: readonly Delivery[]): string =>
  records.map((record) => `${JSON.stringify(record)}\n`).join('');

let sequence = 0;

/** Replaces the journal by its done file: temporary file, fsync, rename, fsync the directory, then delete. */
export async function compactJournal(
  journal: Journal,
  done: string,
  batchId: string,
  records: Delivery[],
): Promise<void> {
  const temporary = `${done}.tmp-${process.pid}-${++sequence}`;
  try {
    const handle = await open(temporary, 'w', FILE_MODE);
    try {
      await handle.writeFile(headerLine(batchId) + journalLines(records));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, done);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncPath(dirname(done));
  // Durably (AppendFile.remove): a journal back after a power cut, read over a newer done file, would undo
  // later states.
  await journal.exclusive(() => journal.remove());
}

/**
 * Replaces a journal or done file whole with these records (temporary file, fsync, rename, fsync the
 * directory): for an erasure, which changes records' ids, so appending new states would leave the old ones.
 */
export async function rewriteBatchFile(file: string, batchId: string, records: Delivery[]): Promise<number> {
  const temporary = `${file}.tmp-${process.pid}-${++sequence}`;
  const text = headerLine(batchId) + journalLines(records);
  try {
    const handle = await open(temporary, 'w', FILE_MODE);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncPath(dirname(file));
  return Buffer.byteLength(text);
}

/**
 * Reads a journal at start-up. A crash in the middle of an append leaves a torn last line (no newline at the
 * end, or a last line that is not JSON): it is cut off, since its save never resolved. Any other bad line is
 * refused with the file's name, and the file left untouched. A journal with no delivery left is deleted.
 */
export async function readJournal(file: string, stem: string): Promise<JournalContents | undefined> {
  const bytes = await readIfThere(file);
  if (!bytes) return undefined;
  const size = intactLength(bytes);
  const contents = size === 0 ? undefined : parseLines(bytes.subarray(0, size).toString('utf8'), file, stem);
  if (!contents || contents.records.length === 0) {
    await rm(file);
    await syncPath(dirname(file));
    return undefined;
  }
  if (size < bytes.length) {
    await truncate(file, size);
    await syncPath(file);
  }
  return { ...contents, size };
}

/** Reads a done file: written whole and renamed into place, so any flaw in it is damage, never a crash. */
export async function readDoneFile(file: string, stem: string): Promise<Delivery[] | undefined> {
  const bytes = await readIfThere(file);
  if (!bytes) return undefined;
  if (bytes.at(-1) !== NEWLINE) throw new StoreFileError(file, 'does not end with a whole line');
  return parseLines(bytes.toString('utf8'), file, stem).records;
}

/**
 * Reads a journal as start-up would, changing nothing (for checking a data directory in use): a torn last
 * line is left out rather than cut off, as a crash or an append still in progress may leave one.
 */
export async function peekJournal(file: string, stem: string): Promise<Delivery[] | undefined> {
  const bytes = await readIfThere(file);
  if (!bytes) return undefined;
  const size = intactLength(bytes);
  return size === 0 ? [] : parseLines(bytes.subarray(0, size).toString('utf8'), file, stem).records;
}

/** Parses whole lines (the text ends with a newline): the header, then deliveries of that batch only. */
function parseLines(text: string, file: string, stem: string): Omit<JournalContents, 'size'> {
  const [first = '', ...rest] = text.slice(0, -1).split('\n');
  const header = Header.safeParse(parseJson(first, 1, file));
  if (!header.success) throw new StoreFileError(file, 'has no valid header line (schemaVersion, batchId)');
  const { schemaVersion, batchId } = header.data;
  if (schemaVersion > JOURNAL_VERSION)
    throw new StoreFileError(
      file,
      `was written by a newer version of the bot (schemaVersion ${schemaVersion}, this one reads ${JOURNAL_VERSION})`,
    );
  if (batchFileStem(batchId) !== stem)
    throw new StoreFileError(file, `holds batch "${batchId}", not its own`);
  const records = rest.map((line, at) => parseRecord(line, at + 2, file, batchId));
  return { batchId, records };
}

function parseRecord(line: string, number: number, file: string, batchId: string): Delivery {
  const parsed = recordSchemas.deliveries.safeParse(parseJson(line, number, file));
  if (!parsed.success)
    throw new StoreFileError(
      file,
      `line ${number} is not a valid delivery:\n${z.prettifyError(parsed.error)}`,
    );
  if (parsed.data.batchId !== batchId)
    throw new StoreFileError(file, `line ${number} belongs to batch "${parsed.data.batchId}"`);
  return parsed.data;
}

function parseJson(line: string, number: number, file: string): unknown {
  try {
    return JSON.parse(line);
  } catch (error) {
    throw new StoreFileError(file, `line ${number} is not valid JSON (${(error as Error).message})`);
  }
}
