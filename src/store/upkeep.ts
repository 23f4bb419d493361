// Retention purges and erasures reach every kind of data a store keeps. Each part of a store (core records,
// check-ins, actions, broadcasts, deliveries, the audit log) does its own share over its own records, with the
// same pure rules (domain/retention.ts, domain/erasure.ts); these helpers run the shares and add up the counts.
import { addCounts, noErasure, type ErasureCounts } from '../domain/erasure.js';
import { noPurge, type PurgeCounts, type RetentionCutoff } from '../domain/retention.js';

export type UpkeepPart = {
  purge?(cutoff: RetentionCutoff): Promise<Partial<PurgeCounts>>;
  erase?(aadObjectId: string, pseudonym: string): Promise<Partial<ErasureCounts>>;
};

/** One part after another, so a failure stops the rest and the next run starts again from the first. */
export async function purgeParts(
  parts: readonly UpkeepPart[],
  cutoff: RetentionCutoff,
): Promise<PurgeCounts> {
  let total = noPurge();
  for (const part of parts) if (part.purge) total = addCounts(total, await part.purge(cutoff));
  return total;
}

export async function eraseParts(
  parts: readonly UpkeepPart[],
  aadObjectId: string,
  pseudonym: string,
): Promise<ErasureCounts> {
  let total = noErasure();
  for (const part of parts)
    if (part.erase) total = addCounts(total, await part.erase(aadObjectId, pseudonym));
  return total;
}

/**
 * Runs the work for every item, at most `limit` at a time: files are rewritten or deleted side by side, so
 * their fsyncs overlap rather than queue (an erasure reaches hundreds of files, and an admin is waiting).
 */
export async function inTurns<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** How many files upkeep changes at once. */
export const FILES_AT_ONCE = 16;

/**
 * An erasure must name a real person and a pseudonym that is not theirs: refused before anything is read, so a
 * crafted call can neither touch every record (an empty id) nor leave the id in place.
 */
export function checkErasure(aadObjectId: string, pseudonym: string): void {
  if (aadObjectId.trim() === '' || pseudonym.trim() === '' || pseudonym.includes(aadObjectId))
    throw new RangeError(
      'store: an erasure needs the person’s id and a different, fresh pseudonym; nothing was changed.',
    );
}

/** Records of one kind, kept by key, as both stores can present them. */
export type Table<T> = {
  entries(): Iterable<[string, T]>;
  set(key: string, record: T): void;
  delete(key: string): void;
};

/**
 * Applies an erasure rule to every record of a table that mentions the person: removed where the rule says so,
 * replaced where it changed. Returns the counts and whether anything changed.
 */
export function eraseInTable<T>(
  table: Table<T>,
  rule: (record: T) => { record: T | undefined; counts: Partial<ErasureCounts> },
  touches: (record: T, key: string) => boolean,
): { counts: Partial<ErasureCounts>; changed: boolean } {
  let counts: Partial<ErasureCounts> = {};
  let changed = false;
  for (const [key, record] of [...table.entries()]) {
    if (!touches(record, key)) continue;
    const erased = rule(record);
    counts = addCounts(counts, erased.counts);
    if (erased.record === undefined) table.delete(key);
    else table.set(key, erased.record);
    changed = true;
  }
  return { counts, changed };
}
