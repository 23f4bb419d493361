// Cycles read without reading their documents again. A cycle names every member of staff it expects (over half a
// megabyte at 10,000 staff), and every pulse submission reads its week's cycle: fetching, checking and freezing
// that document each time was most of the bot's work on a busy Monday. Each store instance keeps the cycles it
// read last, frozen, with their row version: xmin, the transaction that last wrote the row, which every write
// changes whoever makes it (another instance's saveCycle, an erasure, a purge, a hand edit). Each read sends the
// versions it holds and the database sends a document back only when the row's version differs, so a change
// made anywhere is seen at the next read, for one small round trip.
import type { Cycle } from '../../domain/checkins.js';
import { deepFrozen } from '../frozen.js';
import type { Query } from './connection.js';
import { recordOf } from './documents.js';

/** The current week's and a few before it: a year of cycles held would be tens of megabytes at 10,000 staff. */
export const KEPT_CYCLES = 8;

type Kept = { version: string; cycle: Cycle };
type VersionedRow = { key: string; version: string; doc: unknown };

export type CycleReads = {
  /** The cycles `clause` picks, in its order, read-only; its `$2`, `$3`… are `values`. */
  read(clause: string, values?: readonly unknown[]): Promise<Cycle[]>;
};

export function cycleReads(query: Query): CycleReads {
  // In the order last read, so the first is the one to let go.
  const kept = new Map<string, Kept>();

  const keep = (id: string, entry: Kept) => {
    kept.delete(id);
    kept.set(id, entry);
    for (const old of kept.keys()) {
      if (kept.size <= KEPT_CYCLES) break;
      kept.delete(old);
    }
  };

  return {
    async read(clause, values = []) {
      // What was held when asking: the answer leaves out the documents of these, whatever is let go meanwhile.
      const asked = new Map(kept);
      const versions = Object.fromEntries([...asked].map(([id, { version }]) => [id, version]));
      const rows = await query<VersionedRow>(
        `SELECT cycle_id AS key, xmin::text AS version,
                CASE WHEN xmin::text = $1::jsonb ->> cycle_id THEN NULL ELSE doc END AS doc
         FROM cycles ${clause}`,
        [JSON.stringify(versions), ...values],
      );
      return rows.map((row) => {
        const held = asked.get(row.key);
        const cycle =
          row.doc === null && held ? held.cycle : deepFrozen(recordOf('cycles', row as VersionedRow));
        keep(row.key, { version: row.version, cycle });
        return cycle;
      });
    },
  };
}
