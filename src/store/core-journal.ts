// Saves of single records in core.json (people, conversations, teams, units, roles), appended to a journal
// beside it with group commit:
//   core.journal.jsonl
//   {"schemaVersion":1}                                          a header line, written with the first save
//   {"table":"conversations","key":"a:1…","record":{…}}          a record saved
//   {"table":"roles","key":"aad-…","record":null}                a record removed
// Why: core.json is rewritten whole on each change (4.6 MiB for 10,000 staff), so a broadcast starting
// thousands of 1:1 chats spent its time rewriting it. Saves that arrive together now share one append and one
// fsync.
// core.json stays the record. Every whole rewrite (settings, job runs, erasure, purge, or the journal passing
// CORE_JOURNAL_LIMIT) folds the journal in: core.json is written with everything in memory, then the journal is
// deleted, with no append in between. Opening the store replays the journal and folds it. Replaying a line
// twice changes nothing, so a crash between the rewrite and the delete is safe.
import { z } from 'zod';
import type { CoreFile, CoreTable } from './core-file.js';
import type { Db, TrackedWriter } from './db.js';
import { AppendFile, parseLine, readLines } from './append-file.js';
import { StoreFileError } from './json-file.js';
import { recordSchemas } from './records.js';

const VERSION = 1;
export const CORE_JOURNAL_NAME = 'core.journal.jsonl';
/** Past this size the journal is folded into core.json: thousands of saves, a rewrite now and then. */
export const CORE_JOURNAL_LIMIT = 4 * 1024 * 1024;

const Header = z.object({ schemaVersion: z.number().int().positive() }).strict();
// '__proto__' is refused as an id when saved (lowdb-store.ts): a hand-made line naming it would replace a
// table's prototype when replayed.
const Key = z.string().refine((key) => key !== '__proto__', { message: "'__proto__' cannot be an id" });
const saved = <T extends CoreTable>(table: T) =>
  z.object({ table: z.literal(table), key: Key, record: recordSchemas[table].nullable() }).strict();
const Line = z.union([
  saved('people'),
  saved('conversations'),
  saved('teams'),
  saved('units'),
  saved('roles'),
]);
type Line = z.infer<typeof Line>;

/** The journal's saves, checked, in order; undefined when there is no journal. */
export async function readCoreJournal(file: string, { cut }: { cut: boolean }): Promise<Line[] | undefined> {
  const read = await readLines(file, { cut });
  if (!read) return undefined;
  if (read.lines.length === 0) return [];
  const [first, ...rest] = read.lines;
  const header = Header.safeParse(parseLine(first!, 1, file));
  if (!header.success) throw new StoreFileError(file, `line 1 is not the journal's header`);
  if (header.data.schemaVersion > VERSION)
    throw new StoreFileError(
      file,
      `was written by a newer version of the bot (journal version ${header.data.schemaVersion})`,
    );
  return rest.map((text, index) => {
    const parsed = Line.safeParse(parseLine(text, index + 2, file));
    if (!parsed.success)
      throw new StoreFileError(
        file,
        `line ${index + 2} is not a saved record:\n${z.prettifyError(parsed.error)}`,
      );
    return parsed.data;
  });
}

/** Puts a saved record into the document in memory (null removes it). */
export function applyToCore(data: CoreFile, { table, key, record }: Line): void {
  const records = data[table] as Record<string, unknown>;
  if (record === null) delete records[key];
  else records[key] = record;
}

/**
 * core.json's writer: `save` appends one record's change, `write` rewrites the whole file and folds the
 * journal. A failed append leaves memory ahead of the disk: the next save then rewrites the whole file.
 */
export class CoreJournal implements TrackedWriter {
  private readonly lines: AppendFile;
  private behind = false;
  /** A fold asked for by size is queued or running: the saves behind it need not ask again. */
  private folding = false;

  private constructor(
    file: string,
    private readonly db: Db<CoreFile>,
    private readonly limit: number,
  ) {
    // Opened with nothing on disk: open() folds and deletes any journal it finds before the first save.
    this.lines = new AppendFile(file, `${JSON.stringify({ schemaVersion: VERSION })}\n`);
  }

  /**
   * Replays into `db` what an earlier run left in the journal, and folds it into core.json; writes core.json
   * when there is none yet (`coreMissing`), so a data directory always has one.
   */
  static async open(
    file: string,
    db: Db<CoreFile>,
    { coreMissing = false, limit = CORE_JOURNAL_LIMIT }: { coreMissing?: boolean; limit?: number } = {},
  ): Promise<CoreJournal> {
    const left = await readCoreJournal(file, { cut: true });
    const journal = new CoreJournal(file, db, limit);
    if (left === undefined) {
      if (coreMissing) await journal.write();
      return journal;
    }
    for (const line of left) applyToCore(db.data, line);
    // A journal with nothing to replay (a header alone, or a line cut off) is deleted all the same.
    await journal.write();
    return journal;
  }

  get fileBehind(): boolean {
    return this.behind;
  }

  /** On disk when it resolves. Call after the change is made in memory (applyToCore). */
  async save(table: CoreTable, key: string, record: unknown): Promise<void> {
    if (this.behind) return this.write();
    const line = `${JSON.stringify({ table, key, record: record ?? null })}\n`;
    try {
      await this.lines.append(line, () => this.foldIfLarge());
    } catch (error) {
      this.behind = true;
      throw error;
    }
  }

  /** Rewrites core.json from memory, then deletes the journal: no append runs in between. */
  write(): Promise<void> {
    return this.lines.exclusive(async () => {
      try {
        await this.db.write();
        await this.lines.remove();
        this.behind = false;
      } catch (error) {
        this.behind = true;
        throw error;
      }
    });
  }

  /** Resolves when every write asked for so far has finished. */
  flush(): Promise<void> {
    return this.lines.flush();
  }

  private foldIfLarge(): void {
    if (this.folding || this.lines.size <= this.limit) return;
    this.folding = true;
    // Not awaited by the save that crossed the limit: it is on disk already. A failed fold is tried again by
    // the next save past the limit, and the journal keeps every save meanwhile.
    this.write()
      .catch(() => undefined)
      .finally(() => (this.folding = false));
  }
}
