// How many partition files the lowdb store keeps in memory (kept-files.ts): files past the limit, or unused for
// a while, are let go and read again from disk when next used, and forgetting never loses or reorders a write.
// Letting go leaves a document to the garbage collector, so these tests run it (Node's gc, exposed here).
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Low } from 'lowdb';
import { z } from 'zod';
import { openGate, type OpenDb } from '../../src/store/db.js';
import { JsonFile, StoreFileError } from '../../src/store/json-file.js';
import type { KeepLimits } from '../../src/store/kept-files.js';
import { openPartitions, type Partitions } from '../../src/store/partition-files.js';
import { useCleanup } from './temp-dir.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const cleanup = useCleanup();
// Each test collects garbage a few times: in a test worker that has already run many suites, a full
// collection of its heap takes seconds on a busy machine, not the milliseconds it takes here alone.
jest.setTimeout(60_000);

const Notes = z.object({ schemaVersion: z.literal(1), notes: z.record(z.string(), z.string()) });
type Notes = z.infer<typeof Notes>;

const openDb: OpenDb = (file, empty) => new Low(file, empty);

afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

// A disk that writes nothing until told to, or fails the next write: JsonFile's own step that writes a file.
type WritesFiles = { writeNow(text: string): Promise<void> };
const diskWrites = () => jest.spyOn(JsonFile.prototype as unknown as WritesFiles, 'writeNow');
function slowDisk(): () => void {
  const writeNow = (JsonFile.prototype as unknown as WritesFiles).writeNow;
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  diskWrites().mockImplementation(async function (this: WritesFiles, text) {
    await released;
    return writeNow.call(this, text);
  });
  return release;
}

const FAR: KeepLimits = { maxOpen: 1_000, idleMs: 3_600_000 };
/** Lets go of every settled file at every chance: what must be kept is then kept only by the rules. */
const EAGER: KeepLimits = { maxOpen: 0, idleMs: 0 };

async function setUp(limits: KeepLimits) {
  const dir = await cleanup.tempDir();
  const files = await openPartitions(dir, openGate(), openDb, limits);
  const reads = jest.spyOn(JsonFile.prototype, 'read');
  return { dir, files, reads };
}

const open = (files: Partitions, name: string) =>
  files.open<Notes>([`${name}.json`], Notes, () => ({ schemaVersion: 1, notes: {} }));
const note = (files: Partitions, name: string, key: string, value: string) =>
  files.change(open(files, name), (data) => void (data.notes[key] = value));
const notesOf = async (files: Partitions, name: string) => ({ ...(await open(files, name)).db.data.notes });
const onDisk = async (dir: string, name: string) =>
  (JSON.parse(await readFile(join(dir, `${name}.json`), 'utf8')) as Notes).notes;

/** Ends the current turn (a WeakRef holds its target until then) and collects what nothing reaches. */
async function letGoOfUnreachable(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
  await new Promise((resolve) => setImmediate(resolve));
}

describe('lowdb partition files kept in memory', () => {
  it('reads a file again from disk, as saved, once more than maxOpen files were used after it', async () => {
    const { dir, files, reads } = await setUp({ ...FAR, maxOpen: 2 });
    await note(files, 'a', 'k', 'saved');
    await note(files, 'b', 'k', 'b');
    await note(files, 'c', 'k', 'c');
    await letGoOfUnreachable();
    reads.mockClear();

    // Changed behind the store's back: only a file read again shows it.
    await writeFile(join(dir, 'a.json'), JSON.stringify({ schemaVersion: 1, notes: { k: 'on disk' } }));
    await writeFile(join(dir, 'c.json'), JSON.stringify({ schemaVersion: 1, notes: { k: 'on disk' } }));
    expect(await notesOf(files, 'a')).toEqual({ k: 'on disk' });
    expect(await notesOf(files, 'c')).toEqual({ k: 'c' });
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it('keeps the files used most recently, not the ones opened first', async () => {
    const { dir, files, reads } = await setUp({ ...FAR, maxOpen: 2 });
    await note(files, 'a', 'k', 'a');
    await note(files, 'b', 'k', 'b');
    await notesOf(files, 'a');
    await note(files, 'c', 'k', 'c');
    await letGoOfUnreachable();
    reads.mockClear();

    expect(await notesOf(files, 'a')).toEqual({ k: 'a' });
    expect(reads).not.toHaveBeenCalled();
    expect(await notesOf(files, 'b')).toEqual({ k: 'b' });
    expect(reads).toHaveBeenCalledTimes(1);
    expect(await onDisk(dir, 'b')).toEqual({ k: 'b' });
  });

  it('validates a file read again as on first open, and leaves a damaged one untouched', async () => {
    const { dir, files } = await setUp(EAGER);
    await note(files, 'a', 'k', 'saved');
    await note(files, 'b', 'k', 'b');
    await letGoOfUnreachable();
    await writeFile(join(dir, 'a.json'), '{"schemaVersion":1,"notes":{"k":7}}');

    await expect(open(files, 'a')).rejects.toThrow(StoreFileError);
    await expect(note(files, 'a', 'k', 'new')).rejects.toThrow(StoreFileError);
    expect(await readFile(join(dir, 'a.json'), 'utf8')).toBe('{"schemaVersion":1,"notes":{"k":7}}');
  });

  it('lets go of a file nobody has used for idleMs, on a timer that looks every idleMs', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    const { files, reads } = await setUp({ maxOpen: 1_000, idleMs: 60_000 });
    await note(files, 'a', 'k', 'a');
    jest.advanceTimersByTime(30_000);
    await notesOf(files, 'a');
    // The timer looks a minute after the file was opened, when it was last used only 30 seconds before.
    jest.advanceTimersByTime(30_000);
    await letGoOfUnreachable();
    reads.mockClear();
    await notesOf(files, 'a');
    expect(reads).not.toHaveBeenCalled();

    jest.advanceTimersByTime(60_000);
    await letGoOfUnreachable();
    expect(await notesOf(files, 'a')).toEqual({ k: 'a' });
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it('gives a later opener the document someone still holds, so neither of their writes is lost', async () => {
    const { dir, files, reads } = await setUp(EAGER);
    const held = await open(files, 'a');
    // Other files used meanwhile, and a garbage collection: the file is let go, its document is not.
    await note(files, 'b', 'k', 'b');
    await letGoOfUnreachable();
    reads.mockClear();

    await note(files, 'a', 'other', 'saved by another request');
    held.db.data.notes.held = 'saved by the holder';
    await held.writer.write();

    expect(reads).not.toHaveBeenCalled();
    expect(await onDisk(dir, 'a')).toEqual({
      other: 'saved by another request',
      held: 'saved by the holder',
    });
  });

  it('never reads a file again while its write is in flight, and the write lands', async () => {
    const { dir, files, reads } = await setUp(EAGER);
    const release = slowDisk();
    const first = note(files, 'a', 'first', '1');
    await open(files, 'b');
    await letGoOfUnreachable();
    reads.mockClear();

    const second = note(files, 'a', 'second', '2');
    expect(reads).not.toHaveBeenCalled();
    release();
    await Promise.all([first, second]);
    expect(await onDisk(dir, 'a')).toEqual({ first: '1', second: '2' });
  });

  it('keeps a file whose last write failed, so the next save writes the change it holds', async () => {
    const { dir, files, reads } = await setUp(EAGER);
    diskWrites().mockRejectedValueOnce(new Error('test: the disk refused this write'));
    await expect(note(files, 'a', 'failed', 'not yet on disk')).rejects.toThrow(/refused/);
    await note(files, 'b', 'k', 'b');
    await letGoOfUnreachable();
    reads.mockClear();

    await files.change(open(files, 'a'), () => false);
    expect(reads).not.toHaveBeenCalled();
    expect(await onDisk(dir, 'a')).toEqual({ failed: 'not yet on disk' });
  });

  it('flush waits for a write through a document that had been let go', async () => {
    const { dir, files } = await setUp(EAGER);
    const held = await open(files, 'a');
    await note(files, 'b', 'k', 'b');
    await letGoOfUnreachable();

    const release = slowDisk();
    held.db.data.notes.late = 'held';
    const writing = held.writer.write();
    let flushed = false;
    const flushing = files.flush().then(() => (flushed = true));
    await letGoOfUnreachable();
    expect(flushed).toBe(false);
    release();
    await Promise.all([writing, flushing]);
    expect(await onDisk(dir, 'a')).toEqual({ late: 'held' });
  });

  it('opens a removed file afresh, though someone still holds its old document', async () => {
    const { files } = await setUp(EAGER);
    const held = await open(files, 'a');
    await note(files, 'a', 'k', 'old');
    await note(files, 'b', 'k', 'b');
    await files.remove(['a.json']);

    expect(await notesOf(files, 'a')).toEqual({});
    expect((await open(files, 'a')).db).not.toBe(held.db);
  });
});
