// A week's check-in saves, appended to one journal beside its unit files, with group commit:
//   checkins/<cycle>/journal.jsonl
//   {"schemaVersion":1,"cycleId":"2026-W49"}                 a header line, written with the first save
//   {"unitId":"…","pulse":{…}}                                a pulse saved (replacing the person's earlier one)
//   {"unitId":"…","measures":[…]}                             measure answers saved
//   {"unitId":"…","copy":{…}}                                 a card copy landed
// Why: rewriting a ward's whole file for each submission (a temporary file, two fsyncs and a rename) was most
// of a submission's cost in the store, and submissions to a hundred wards at once could not share those writes.
// Saves that arrive together now share one append and one fsync, whichever wards they are for.
// The unit files stay the record. The journal's lines are folded into them (compaction) when it grows past
// JOURNAL_LIMIT, when the store opens the week again after a stop, and before upkeep reads the files (purge,
// erasure); then the journal is deleted. Folding a line twice changes nothing, so a crash mid-fold is safe.
import { z } from 'zod';
import type { CardCopy, MeasureRecord, PulseRecord, UnitCheckins } from '../domain/checkins.js';
import { withCardCopy } from './checkin-changes.js';
import { AppendFile, parseLine, readLines } from './append-file.js';
import { deepFrozen } from './frozen.js';
import { StoreFileError } from './json-file.js';
import { recordSchemas } from './records.js';
import type { ReadOnly } from './store.js';

const VERSION = 1;
/** Past this size the journal is folded into the unit files: about 10,000 pulses, a few times a week at most. */
export const JOURNAL_LIMIT = 4 * 1024 * 1024;

const Header = z.object({ schemaVersion: z.number().int().positive(), cycleId: z.string().min(1) });
const Line = z.union([
  z.object({ unitId: z.string().min(1), pulse: recordSchemas.pulses }).strict(),
  z.object({ unitId: z.string().min(1), measures: z.array(recordSchemas.measureAnswers).min(1) }).strict(),
  z.object({ unitId: z.string().min(1), copy: recordSchemas.cardCopies }).strict(),
]);
export type JournalLine = z.infer<typeof Line>;

/** What the journal holds for one unit beyond its file: the latest of each, in the order saved. */
export type Pending = {
  /** Counts the saves applied, so a view of the unit made before one is known to be out of date. */
  version: number;
  pulses: Map<string, PulseRecord>;
  measures: Map<string, MeasureRecord>;
  copies: CardCopy[];
};

export class CheckinJournal {
  private readonly pending = new Map<string, Pending>();
  private readonly lines: AppendFile;
  /** A fold asked for by size is queued or running: the saves behind it need not ask again. */
  private folding = false;

  private constructor(
    file: string,
    cycleId: string,
    size: number,
    /** Writes a unit's pending saves into its file, on disk before it resolves. */
    private readonly fold: (unitId: string, pending: Pending) => Promise<void>,
    private readonly limit: number,
  ) {
    this.lines = new AppendFile(file, `${JSON.stringify({ schemaVersion: VERSION, cycleId })}\n`, size);
  }

  /** Opens a week's journal, folding into the unit files whatever an earlier run left in it. */
  static async open(
    file: string,
    cycleId: string,
    fold: (unitId: string, pending: Pending) => Promise<void>,
    limit = JOURNAL_LIMIT,
  ): Promise<CheckinJournal> {
    const found = await readCheckinJournal(file, cycleId);
    const journal = new CheckinJournal(file, cycleId, found?.size ?? 0, fold, limit);
    for (const line of found?.lines ?? []) journal.apply(line);
    if (found) await journal.compact();
    return journal;
  }

  /** The saves the journal holds for the unit and its file does not yet, if any. */
  pendingFor(unitId: string): Pending | undefined {
    return this.pending.get(unitId);
  }

  /** Units with saves in the journal. */
  units(): string[] {
    return [...this.pending.keys()];
  }

  /** Resolves once the line is on disk (and from then on in what pendingFor gives); rejects if it is not. */
  async append(line: JournalLine): Promise<void> {
    // Not on disk means not pending either: the caller sees the failure and may retry.
    await this.lines.append(`${JSON.stringify(line)}\n`, () => this.apply(line));
    // A fold that fails leaves the journal as it was, still the record of those saves: a later one retries.
    if (this.lines.size > this.limit && !this.folding) {
      this.folding = true;
      this.compact()
        .catch(() => undefined)
        .finally(() => (this.folding = false));
    }
  }

  /** Folds every pending save into the unit files and deletes the journal; after the writes asked for so far. */
  compact(): Promise<void> {
    return this.lines.exclusive(async () => {
      if (this.lines.size === 0 && this.pending.size === 0) return;
      const units = [...this.pending];
      await Promise.all(units.map(([unitId, pending]) => this.fold(unitId, pending)));
      await this.lines.remove();
      for (const [unitId, pending] of units)
        if (this.pending.get(unitId) === pending) this.pending.delete(unitId);
    });
  }

  /** Resolves when every write asked for so far has finished. */
  flush(): Promise<void> {
    return this.lines.flush();
  }

  private apply(line: JournalLine): void {
    let pending = this.pending.get(line.unitId);
    if (!pending)
      this.pending.set(
        line.unitId,
        (pending = { version: 0, pulses: new Map(), measures: new Map(), copies: [] }),
      );
    pending.version++;
    // Frozen, as unitCheckins hands records out shared.
    if ('pulse' in line) pending.pulses.set(line.pulse.aadObjectId, deepFrozen(line.pulse));
    else if ('measures' in line)
      for (const answer of line.measures) pending.measures.set(answer.measureId, deepFrozen(answer));
    else pending.copies = withCardCopy(pending.copies, deepFrozen(line.copy));
  }
}

type View = { saved: ReadOnly<UnitCheckins>; version: number; view: ReadOnly<UnitCheckins> };
// The last view made of each unit, reused while neither its file nor its pending saves have changed: a
// submission reads its ward three times, and merging a busy ward's saves each time was 6% of the bot's CPU.
const views = new WeakMap<Pending, View>();

/** A unit's file with the journal's pending saves over it (a new object; the file's own is left as it is). */
export function withPending(
  saved: ReadOnly<UnitCheckins>,
  pending: Pending | undefined,
): ReadOnly<UnitCheckins> {
  if (!pending) return saved;
  const last = views.get(pending);
  if (
    last?.version === pending.version &&
    last.saved.pulses === saved.pulses &&
    last.saved.measures === saved.measures &&
    last.saved.copies === saved.copies
  )
    return last.view;
  const view = deepFrozen(merged(saved, pending));
  views.set(pending, {
    saved: { pulses: saved.pulses, measures: saved.measures, copies: saved.copies },
    version: pending.version,
    view,
  });
  return view;
}

function merged(saved: ReadOnly<UnitCheckins>, pending: Pending): ReadOnly<UnitCheckins> {
  return {
    // fromEntries, not assignment: an id such as '__proto__' must be a key like any other.
    pulses: Object.fromEntries([...Object.entries(saved.pulses), ...pending.pulses]),
    measures: Object.fromEntries([...Object.entries(saved.measures), ...pending.measures]),
    copies: pending.copies.reduce<CardCopy[]>(
      (copies, copy) => withCardCopy(copies, copy),
      [...saved.copies],
    ),
  };
}

/**
 * A week's journal as its lines and the size of its whole lines, undefined when there is none. A torn last
 * line (a crash mid-append, whose save never resolved) is left out, and cut off the file when `cut` is set.
 * Any other bad line is refused with the file's name, and the file left untouched.
 */
export async function readCheckinJournal(
  file: string,
  cycleId: string,
  { cut = true }: { cut?: boolean } = {},
): Promise<{ lines: JournalLine[]; size: number } | undefined> {
  const found = await readLines(file, { cut });
  if (!found) return undefined;
  const [first, ...rest] = found.lines;
  if (first === undefined) return { lines: [], size: found.size };
  const header = Header.safeParse(parseLine(first, 1, file));
  if (!header.success) throw new StoreFileError(file, 'has no valid header line (schemaVersion, cycleId)');
  if (header.data.schemaVersion > VERSION)
    throw new StoreFileError(
      file,
      `was written by a newer version of the bot (schemaVersion ${header.data.schemaVersion}, this one reads ${VERSION})`,
    );
  if (header.data.cycleId !== cycleId)
    throw new StoreFileError(file, `holds cycle ${header.data.cycleId}, not its own`);
  const lines = rest.map((text, at) => {
    const line = Line.safeParse(parseLine(text, at + 2, file));
    if (!line.success)
      throw new StoreFileError(
        file,
        `line ${at + 2} is not a valid check-in save:\n${z.prettifyError(line.error)}`,
      );
    return line.data;
  });
  return { lines, size: found.size };
}
