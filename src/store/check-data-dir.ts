// Checks every file of a lowdb data directory against the schema the store reads it with, and changes nothing:
// the store reads partitions lazily, so a file written wrongly today may be read only months later, and this
// finds it now. It uses the store's own schemas and readers, so it can never pass a file the store would refuse.
// Safe on a directory in use: data files are replaced whole by rename, and a journal's torn last line (an
// append in progress) is left out as start-up would cut it off.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { auditMonth } from '../domain/audit.js';
import { CycleId } from '../domain/checkins.js';
import { isActionMonth, partitionOf } from './action-changes.js';
import { MonthFile as ActionMonthFile } from './action-files.js';
import { AuditFile } from './audit-files.js';
import { isBatchFileStem } from './batch-names.js';
import { broadcastFileSchema, ResponsesFile } from './broadcast-files.js';
import { claimDayOf, DayFile as CardActionDayFile, isClaimDay, readClaimLines } from './card-action-files.js';
import { CycleFile, JOURNAL_NAME, LatestFile, UnitFile } from './checkin-files.js';
import { readCheckinJournal } from './checkin-journal.js';
import { CoreFile } from './core-file.js';
import { CORE_JOURNAL_NAME, readCoreJournal } from './core-journal.js';
import { lockPath } from './data-dir-lock.js';
import { peekJournal, readDoneFile } from './delivery-journal.js';
import { isTemporaryFile } from './json-file.js';
import { isBroadcastId } from './store.js';

/** A file that the store would refuse, or that it never writes: its path in the directory and why. */
export type DataFileProblem = { file: string; problem: string };

type Check = (file: string) => Promise<string | undefined>;

/** Every problem found under `dataDir`, in path order; none when every file is one the store can read. */
export async function checkDataDir(dataDir: string): Promise<DataFileProblem[]> {
  const problems: DataFileProblem[] = [];
  for (const path of await filesUnder(dataDir, [])) {
    const name = path.at(-1)!;
    // A write in flight, and the copy made before a migration: neither is ever read as data.
    if (isTemporaryFile(name) || /\.v\d+\.bak$/.test(name)) continue;
    const check = checkFor(path);
    const problem = check ? await check(join(dataDir, ...path)) : 'is not a file the bot writes';
    if (problem) problems.push({ file: path.join('/'), problem });
  }
  return problems;
}

/** How the store reads the file at `path` (folders, then the name), or undefined when it has no such file. */
function checkFor(path: string[]): Check | undefined {
  const [top, second, third, extra] = path;
  if (extra !== undefined) return undefined;
  if (path.length === 1) {
    if (top === CORE_JOURNAL_NAME) return journal((file) => readCoreJournal(file, { cut: false }), top);
    return top === 'core.json' ? json(CoreFile) : undefined;
  }
  const stem = (suffix: string) => (second?.endsWith(suffix) ? second.slice(0, -suffix.length) : undefined);
  if (third === undefined) {
    if (top === 'audit') return ifName(stem('.json'), isMonth, (month) => json(AuditFile, auditIn(month)));
    if (top === 'actions') return ifName(stem('.json'), isActionMonth, (month) => actionsIn(month));
    if (top === 'card-actions') {
      const lines = (day: string) => journal((file) => readClaimLines(file, day, { cut: false }), day);
      return ifName(stem('.json'), isClaimDay, cardActionsIn) ?? ifName(stem('.jsonl'), isClaimDay, lines);
    }
    if (top === 'broadcasts') return broadcastCheck(second!);
    if (top === 'deliveries') return deliveryCheck(second!);
    return undefined;
  }
  if (top !== 'checkins') return undefined;
  const unitFile = third.endsWith('.json') ? third.slice(0, -'.json'.length) : '';
  if (second === 'latest') return ifName(unitFile, isBatchFileStem, () => json(LatestFile));
  if (!CycleId.safeParse(second).success) return undefined;
  if (third === 'cycle.json') return json(CycleFile, (data) => cycleIn(second!, data));
  if (third === JOURNAL_NAME)
    return journal((file, cycleId) => readCheckinJournal(file, cycleId, { cut: false }), second!);
  return ifName(unitFile, isBatchFileStem, () => json(UnitFile));
}

function broadcastCheck(name: string): Check | undefined {
  const responses = /^(.+)\.responses\.json$/.exec(name)?.[1];
  if (responses !== undefined) return ifName(responses, isBroadcastId, () => json(ResponsesFile));
  const own = /^(.+)\.json$/.exec(name)?.[1];
  return ifName(own, isBroadcastId, (id) => json(broadcastFileSchema(id)));
}

function deliveryCheck(name: string): Check | undefined {
  const done = /^(.+)\.done\.jsonl$/.exec(name)?.[1];
  if (done !== undefined) return ifName(done, isBatchFileStem, (stem) => journal(readDoneFile, stem));
  const open = /^(.+)\.jsonl$/.exec(name)?.[1];
  return ifName(open, isBatchFileStem, (stem) => journal(peekJournal, stem));
}

const ifName = (
  name: string | undefined,
  fits: (name: string) => boolean,
  check: (name: string) => Check,
): Check | undefined => (name !== undefined && fits(name) ? check(name) : undefined);

const isMonth = (name: string): boolean => /^\d{4}-\d{2}$/.test(name);

/** A JSON data file: it parses, matches its schema, and passes what else places a record in that file. */
function json<T>(schema: z.ZodType<T>, placed: (data: T) => string | undefined = () => undefined): Check {
  return async (file) => {
    let document: unknown;
    try {
      document = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      return `is not valid JSON (${(error as Error).message})`;
    }
    const parsed = schema.safeParse(document);
    return parsed.success
      ? placed(parsed.data)
      : `does not match its schema:\n${z.prettifyError(parsed.error)}`;
  };
}

// The store finds a record by the file its month or id names: one in another file would never be found.
const auditIn =
  (month: string) =>
  ({ entries }: z.infer<typeof AuditFile>) =>
    entries.some((entry) => auditMonth(entry.at) !== month) ? `holds entries of another month` : undefined;

const actionsIn = (month: string) =>
  json(ActionMonthFile, ({ actions }) =>
    Object.keys(actions).some((id) => partitionOf(id) !== month)
      ? 'holds actions of another month'
      : undefined,
  );

const cardActionsIn = (day: string) =>
  json(CardActionDayFile, ({ claims }) =>
    Object.values(claims).some((at) => !dayIs(at, day)) ? 'holds claims of another day' : undefined,
  );

const dayIs = (at: string, day: string): boolean => {
  try {
    return claimDayOf(at) === day;
  } catch {
    return false;
  }
};

const cycleIn = (cycleId: string, { cycle }: z.infer<typeof CycleFile>) =>
  cycle && cycle.id !== cycleId ? `holds cycle ${cycle.id}, not its own` : undefined;

function journal(read: (file: string, stem: string) => Promise<unknown>, stem: string): Check {
  return async (file) => {
    try {
      await read(file, stem);
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  };
}

/** Paths of every file under `dir`, as lists of names; the data-directory lock is not data. */
async function filesUnder(root: string, folders: string[]): Promise<string[][]> {
  const here = join(root, ...folders);
  const entries = await readdir(here, { withFileTypes: true });
  const found: string[][] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = [...folders, entry.name];
    if (join(root, ...path) === lockPath(root)) continue;
    if (entry.isDirectory()) found.push(...(await filesUnder(root, path)));
    else found.push(path);
  }
  return found;
}
