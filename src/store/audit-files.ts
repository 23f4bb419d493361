// The audit log on disk: DATA_DIR/audit/YYYY-MM.json, one file per calendar month (UTC). An append rewrites
// only its own month's file, and a page reads only the months it reaches, newest first: a month is opened on
// first use and then kept, so a long history costs nothing at start-up, and a damaged old month stops only
// the pages that reach it.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { auditMonth, type AuditEntry } from '../domain/audit.js';
import { monthExpired, type RetentionCutoff } from '../domain/retention.js';
import { trackedWriter, type Db, type Gate, type OpenDb, type TrackedWriter } from './db.js';
import { createDirectory, JsonFile, removeTemporaryFiles, syncPath } from './json-file.js';
import { checkPageLimit, pageOf } from './ordering.js';
import { recordSchemas, validRecord } from './records.js';
import type { AuditPage } from './store.js';

const AUDIT_VERSION = 1;
export const AuditFile = z.object({
  schemaVersion: z.literal(AUDIT_VERSION),
  entries: z.array(recordSchemas.audit),
});
type AuditFile = z.infer<typeof AuditFile>;

const monthFileName = /^(\d{4}-\d{2})\.json$/;

type Month = { db: Db<AuditFile>; file: JsonFile<AuditFile>; writer: TrackedWriter; ids: Set<string> };

export type AuditFiles = {
  append(entry: AuditEntry): Promise<void>;
  entries(page: AuditPage): Promise<AuditEntry[]>;
  /** Resolves when every write asked for so far, in every open month, is on disk. */
  flush(): Promise<void>;
  /** Deletes the months that ended by the cutoff, durably: the one thing ever taken from the log. */
  purge(cutoff: RetentionCutoff): Promise<{ auditMonths: number }>;
};

export async function openAuditFiles(dir: string, gate: Gate, openDb: OpenDb): Promise<AuditFiles> {
  await createDirectory(dir);
  await removeTemporaryFiles(dir);
  const months = new Map<string, Promise<Month>>();
  const month = (name: string): Promise<Month> => {
    let opening = months.get(name);
    if (!opening) {
      opening = openMonth(join(dir, `${name}.json`), openDb);
      months.set(name, opening);
      // A month that cannot be read is tried afresh next time: someone may have put its file right by then.
      opening.catch(() => months.get(name) === opening && months.delete(name));
    }
    return opening;
  };
  return {
    append: async (entry) => {
      gate.refuseIfClosed();
      const record = validRecord('audit', entry);
      const opened = await month(auditMonth(record.at));
      await appendTo(opened, record, gate);
    },
    entries: async (page) => {
      checkPageLimit(page.limit);
      const found: AuditEntry[] = [];
      for (const name of await monthsOf(dir, months.keys(), page)) {
        if (found.length >= page.limit) break;
        const { db } = await month(name);
        found.push(...pageOf(db.data.entries, { ...page, limit: page.limit - found.length }));
      }
      return structuredClone(found);
    },
    purge: async (cutoff) => {
      gate.refuseIfClosed();
      let auditMonths = 0;
      for (const name of await readdir(dir)) {
        const expired = monthFileName.exec(name)?.[1];
        if (expired === undefined || !monthExpired(expired, cutoff)) continue;
        const opening = months.get(expired);
        months.delete(expired);
        await opening?.then(({ file }) => file.flush()).catch(() => undefined);
        await rm(join(dir, name), { force: true });
        auditMonths++;
      }
      if (auditMonths > 0) await syncPath(dir);
      return { auditMonths };
    },
    flush: async () => {
      const open = [...months.values()].map((opening) =>
        opening.then(
          ({ file }) => file.flush(),
          () => {},
        ),
      );
      await Promise.all(open);
    },
  };
}

async function openMonth(file: string, openDb: OpenDb): Promise<Month> {
  const json = new JsonFile({ file, schemaVersion: AUDIT_VERSION, schema: AuditFile });
  const db = openDb(json, { schemaVersion: AUDIT_VERSION, entries: [] });
  await db.read();
  const ids = new Set(db.data.entries.map((entry) => entry.id));
  return { db, file: json, writer: trackedWriter(db), ids };
}

async function appendTo({ db, file, writer, ids }: Month, entry: AuditEntry, gate: Gate): Promise<void> {
  // Opening the month took a while: close() may have been called meanwhile.
  gate.refuseIfClosed();
  if (ids.has(entry.id)) {
    // A retry may overlap the first append: it is acknowledged only once that append's write is on disk,
    // and writes again if that write failed.
    await file.flush();
    if (!writer.fileBehind) return;
    gate.refuseIfClosed();
  } else {
    ids.add(entry.id);
    db.data.entries.push(entry);
  }
  await writer.write();
}

/** The months a page may reach, newest first: those on disk or open, none newer than the cursor. */
async function monthsOf(dir: string, open: Iterable<string>, { before }: AuditPage): Promise<string[]> {
  const names = new Set(open);
  for (const name of await readdir(dir)) {
    const month = monthFileName.exec(name)?.[1];
    if (month) names.add(month);
  }
  const last = before ? auditMonth(before.at) : undefined;
  return [...names]
    .filter((name) => last === undefined || name <= last)
    .sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
}
