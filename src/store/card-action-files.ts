// Card-action claims on disk, one small file per UTC day of the claim:
//   card-actions/<YYYY-MM-DD>.json     { schemaVersion, claims: { <key>: at } }
// A claim rewrites only its own day's file, so a button press costs the same however many cards were pressed
// in the last 30 days; forgetting deletes whole days, once a day, instead of walking every key on every claim.
// Keys are the random ids the bot puts on its cards (newId), never a person's id: nothing here is erased.
import { z } from 'zod';
import type { Gate, OpenDb } from './db.js';
import { openPartitions, type Opened } from './partition-files.js';

const VERSION = 1 as const;
export const DayFile = z.object({
  schemaVersion: z.literal(VERSION),
  /** When each card was claimed (UTC ISO), by its key. */
  claims: z.record(z.string(), z.string()),
});
type DayFile = z.infer<typeof DayFile>;

/** A real calendar day written as YYYY-MM-DD: the name of a day file without '.json'. */
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

const own = (claims: Record<string, string>, key: string): string | undefined =>
  Object.hasOwn(claims, key) ? claims[key] : undefined;

export async function openCardActionFiles(dir: string, gate: Gate, openDb: OpenDb) {
  const { open, change, flush, list, remove } = await openPartitions(dir, gate, openDb);
  const dayFile = (day: string): Promise<Opened<DayFile>> =>
    open<DayFile>([`${day}.json`], DayFile, () => ({ schemaVersion: VERSION, claims: {} }));
  // The days that have a file, from one listing now and kept up to date after: a claim never lists the folder.
  const days = new Set(
    (await list([])).map((name) => /^(.+)\.json$/.exec(name)?.[1] ?? '').filter(isClaimDay),
  );

  // Files of days before this one are deleted already (or were being deleted) by this process.
  let forgottenBefore = '';
  async function forget(forgetDay: string): Promise<void> {
    if (forgetDay <= forgottenBefore) return;
    forgottenBefore = forgetDay;
    for (const day of [...days].filter((known) => known < forgetDay)) {
      days.delete(day);
      try {
        await remove([`${day}.json`]);
      } catch {
        // An old file that cannot be deleted must not stop today's button presses: the next claim tries again.
        days.add(day);
        forgottenBefore = '';
      }
    }
  }

  async function claim(key: string, at: string, forgetBefore: string): Promise<boolean> {
    gate.refuseIfClosed();
    const atDay = claimDayOf(at);
    const forgetDay = claimDayOf(forgetBefore);
    // No data file can hold a claim under '__proto__' (JSON.parse and the schema drop it): such a card, which
    // the bot never made, is answered as one already acted on.
    if (key === '__proto__') return false;
    await forget(forgetDay);
    const consulted = [...new Set([...days].filter((day) => day >= forgetDay)).add(atDay)];
    days.add(atDay);
    const files = await Promise.all(consulted.map(dayFile));
    // From here to the write, no await: two claims of one key cannot both find it unclaimed.
    gate.refuseIfClosed();
    const claimed = files.some(({ db }) => {
      const claimedAt = own(db.data.claims, key);
      return claimedAt !== undefined && claimedAt >= forgetBefore;
    });
    if (claimed) return false;
    const { db, writer } = files[consulted.indexOf(atDay)]!;
    db.data.claims[key] = at;
    try {
      await writer.write();
    } catch (error) {
      // Not on disk, so not claimed: the caller saw the failure, and its retry must be able to claim the key.
      if (db.data.claims[key] === at) delete db.data.claims[key];
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
      days.add(day);
      await change(dayFile(day), (data) => {
        const missing = entries.filter(([key]) => key !== '__proto__' && own(data.claims, key) === undefined);
        for (const [key, at] of missing) data.claims[key] = at;
        return missing.length > 0;
      });
    }
  }

  return { claim, adopt, flush };
}
