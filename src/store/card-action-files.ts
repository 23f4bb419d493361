// Card-action claims on disk, one file of lines per UTC day of the claim:
//   card-actions/<YYYY-MM-DD>.jsonl    {"schemaVersion":1,"day":"…"}, then one {"key":"…","at":"…"} per claim
// A claim appends one line, and the claims that arrive together share one write and one fsync (append-file.ts),
// so a button press costs the same however many cards were pressed that day or in the last 30; forgetting
// deletes whole days, once a day. Days written before (<YYYY-MM-DD>.json, one document) are still read, never
// written again, and deleted with their day.
// Keys are the random ids the bot puts on its cards (newId), never a person's id: nothing here is erased.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AppendFile, parseLine, readLines } from './append-file.js';
import type { Gate } from './db.js';
import { createDirectory, JsonFile, StoreFileError, syncPath } from './json-file.js';

const VERSION = 1 as const;
/** A day's claims as written before: one whole document. */
export const DayFile = z.object({
  schemaVersion: z.literal(VERSION),
  /** When each card was claimed (UTC ISO), by its key. */
  claims: z.record(z.string(), z.string()),
});
const Header = z.object({ schemaVersion: z.number().int().positive(), day: z.string() });
const Claim = z.object({ key: z.string().min(1), at: z.string() }).strict();

/** A real calendar day written as YYYY-MM-DD: the name of a day file without its ending. */
export const isClaimDay = (name: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(name) &&
  new Date(Date.parse(`${name}T00:00:00.000Z`)).toISOString().startsWith(name);

/** The UTC day of a time as toISOString() writes it; anything else is refused, as it would name no file. */
export function claimDayOf(at: string): string {
  const day = /^(\d{4}-\d{2}-\d{2})T/.exec(at)?.[1];
  if (day === undefined || Number.isNaN(Date.parse(at)) || !isClaimDay(day))
    throw new RangeError('store: a card action time must be a UTC ISO time; nothing was saved.');
  return day;
}

/** The day a claim file holds, from its name: either kind, undefined for any other file. */
export const claimDayOfFile = (name: string): string | undefined => {
  const day = /^(.+)\.jsonl?$/.exec(name)?.[1];
  return day !== undefined && isClaimDay(day) ? day : undefined;
};

type Day = { claims: Map<string, string>; lines: AppendFile };

export async function openCardActionFiles(dir: string, gate: Gate) {
  await createDirectory(dir);
  // The days that have a file, from one listing now and kept up to date after: a claim never lists the folder.
  const known = new Set((await readdir(dir)).map(claimDayOfFile).filter((day) => day !== undefined));
  const opened = new Map<string, Promise<Day>>();

  function dayOf(day: string): Promise<Day> {
    let opening = opened.get(day);
    if (!opening) {
      opening = readDay(dir, day);
      opened.set(day, opening);
      // A file that cannot be read is tried afresh next time: someone may have put it right by then.
      opening.catch(() => opened.get(day) === opening && opened.delete(day));
    }
    return opening;
  }

  // Files of days before this one are deleted already (or were being deleted) by this process.
  let forgottenBefore = '';
  async function forget(forgetDay: string): Promise<void> {
    if (forgetDay <= forgottenBefore) return;
    forgottenBefore = forgetDay;
    for (const day of [...known].filter((kept) => kept < forgetDay)) {
      known.delete(day);
      try {
        await (await opened.get(day)?.catch(() => undefined))?.lines.flush();
        opened.delete(day);
        for (const ending of ['.json', '.jsonl']) await rm(join(dir, `${day}${ending}`), { force: true });
        await syncPath(dir);
      } catch {
        // An old file that cannot be deleted must not stop today's button presses: the next claim tries again.
        known.add(day);
        forgottenBefore = '';
      }
    }
  }

  async function claim(key: string, at: string, forgetBefore: string): Promise<boolean> {
    gate.refuseIfClosed();
    const atDay = claimDayOf(at);
    const forgetDay = claimDayOf(forgetBefore);
    // The bot never makes such a key, and an older day file could not have held it (JSON.parse and the schema
    // drop it): a card carrying it is answered as one already acted on, as before.
    if (key === '__proto__') return false;
    await forget(forgetDay);
    const consulted = [...new Set([...known].filter((day) => day >= forgetDay)).add(atDay)];
    known.add(atDay);
    const days = await Promise.all(consulted.map(dayOf));
    // From here to the append, no await: two claims of one key cannot both find it unclaimed.
    gate.refuseIfClosed();
    const claimed = days.some(({ claims }) => {
      const claimedAt = claims.get(key);
      return claimedAt !== undefined && claimedAt >= forgetBefore;
    });
    if (claimed) return false;
    const { claims, lines } = days[consulted.indexOf(atDay)]!;
    claims.set(key, at);
    try {
      await lines.append(`${JSON.stringify({ key, at })}\n`);
    } catch (error) {
      // Not on disk, so not claimed: the caller saw the failure, and its retry must be able to claim the key.
      if (claims.get(key) === at) claims.delete(key);
      throw error;
    }
    return true;
  }

  /** Files claims kept elsewhere before (core.json's cardActions) under their days; on disk before it resolves. */
  async function adopt(claims: Record<string, string>): Promise<void> {
    const byDay = new Map<string, [string, string][]>();
    for (const [key, at] of Object.entries(claims)) {
      let day: string;
      try {
        day = claimDayOf(at);
      } catch {
        continue; // The bot only ever stored toISOString() times; such an entry could never match a claim.
      }
      byDay.set(day, [...(byDay.get(day) ?? []), [key, at]]);
    }
    for (const [day, entries] of byDay) {
      known.add(day);
      const { claims: held, lines } = await dayOf(day);
      const missing = entries.filter(([key]) => !held.has(key));
      if (missing.length === 0) continue;
      const text = missing.map(([key, at]) => `${JSON.stringify({ key, at })}\n`).join('');
      await lines.append(text, () => missing.forEach(([key, at]) => held.set(key, at)));
    }
  }

  const flush = async () => {
    await Promise.all(
      [...opened.values()].map((day) =>
        day.then(
          ({ lines }) => lines.flush(),
          () => {},
        ),
      ),
    );
  };

  return { claim, adopt, flush };
}

/** A day's claims: its file of lines, and the document an earlier version wrote for it, if any. */
async function readDay(dir: string, day: string): Promise<Day> {
  const claims = new Map<string, string>();
  const old = join(dir, `${day}.json`);
  // Read as the store reads any data file: validated, and refused with its name if damaged.
  const before = await new JsonFile({ file: old, schemaVersion: VERSION, schema: DayFile }).read();
  for (const [key, at] of Object.entries(before?.claims ?? {})) claims.set(key, at);
  const file = join(dir, `${day}.jsonl`);
  const found = await readClaimLines(file, day, { cut: true });
  for (const { key, at } of found?.claims ?? []) claims.set(key, at);
  return { claims, lines: new AppendFile(file, headerOf(day), found?.size ?? 0) };
}

const headerOf = (day: string) => `${JSON.stringify({ schemaVersion: VERSION, day })}\n`;

/**
 * A day's file of claims, undefined when there is none. A torn last line (a crash mid-append, whose claim never
 * resolved) is left out, and cut off when `cut` is set; any other bad line is refused with the file's name.
 */
export async function readClaimLines(
  file: string,
  day: string,
  { cut }: { cut: boolean },
): Promise<{ claims: z.infer<typeof Claim>[]; size: number } | undefined> {
  const found = await readLines(file, { cut });
  if (!found) return undefined;
  const [first, ...rest] = found.lines;
  if (first === undefined) return { claims: [], size: found.size };
  const header = Header.safeParse(parseLine(first, 1, file));
  if (!header.success || header.data.day !== day)
    throw new StoreFileError(file, `has no valid header line (schemaVersion, day ${day})`);
  if (header.data.schemaVersion > VERSION)
    throw new StoreFileError(
      file,
      `was written by a newer version of the bot (schemaVersion ${header.data.schemaVersion})`,
    );
  const claims = rest.map((text, at) => {
    const claim = Claim.safeParse(parseLine(text, at + 2, file));
    if (!claim.success) throw new StoreFileError(file, `line ${at + 2} is not a valid card claim`);
    if (!claim.data.at.startsWith(day))
      throw new StoreFileError(file, `line ${at + 2} holds a claim of another day`);
    return claim.data;
  });
  return { claims, size: found.size };
}
