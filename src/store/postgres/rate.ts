// The app-wide send rate held across every instance sharing one PostgreSQL schema: each request to Teams takes a
// place in send_slots first (take_send_slots, migrations/0003), held from when it is let go until a second after
// its answer, as the in-process rate gate holds its places; so however the requests of several instances
// interleave, no more than the rate of them can reach Teams within any rolling second. An instance takes places
// for its waiting requests in one statement, and reports answers in one, so a few hundred sends a second cost
// tens of trips to the database, not a thousand. A 429 from Teams pauses every instance (send_pause). A pool of
// its own, so sends never queue behind the store's bigger writes.
// Shaped as delivery/shared-rate-gate.ts's SendSlots port, which this layer may not import.
import { openDatabase, type Database } from './connection.js';

export type PostgresSendSlotsOptions = {
  connectionString: string;
  schema: string;
  /** The longest a request can take: a place whose instance died before the answer is freed after it. */
  holdMs: number;
  /** How long after its answer a request still counts (a second, and a margin). */
  windowMs: number;
};

export type PostgresSendSlots = {
  /** Places for up to `wanted` requests (at least one), or how long to wait before asking again. */
  take(rate: number, wanted: number): Promise<{ slots: string[] } | { waitMs: number }>;
  /** These requests' answers have come back: their places free windowMs from now. */
  answered(slots: readonly string[]): Promise<void>;
  /** Holds every instance's requests for `ms`, or longer if a pause already runs past it. */
  pause(ms: number): Promise<void>;
  close(): Promise<void>;
};

export function createPostgresSendSlots({
  connectionString,
  schema,
  holdMs,
  windowMs,
}: PostgresSendSlotsOptions): PostgresSendSlots {
  const db: Database = openDatabase({ connectionString, schema });
  return {
    take: async (rate, wanted) => {
      const rows = await db.write([], (query) =>
        query<{ slot_id: string | null; wait_ms: number | null }>(
          'SELECT slot_id, wait_ms FROM take_send_slots($1, $2, $3, $4)',
          [rate, Math.max(1, wanted), holdMs, windowMs],
        ),
      );
      const slots = rows.flatMap((row) => (row.slot_id ? [String(row.slot_id)] : []));
      if (slots.length > 0) return { slots };
      return { waitMs: rows[0]?.wait_ms ?? windowMs };
    },
    answered: async (slots) => {
      if (slots.length === 0) return;
      await db.write([], (query) =>
        query(
          `UPDATE send_slots SET held_until = clock_timestamp() + $2 * interval '1 millisecond'
           WHERE slot_id = ANY($1::bigint[])`,
          [slots, windowMs],
        ),
      );
    },
    pause: async (ms) => {
      await db.write([], (query) =>
        query(
          `INSERT INTO send_pause (paused_until) VALUES (clock_timestamp() + $1 * interval '1 millisecond')
           ON CONFLICT (only_row) DO UPDATE
           SET paused_until = greatest(send_pause.paused_until, excluded.paused_until)`,
          [Math.ceil(ms)],
        ),
      );
    },
    close: () => db.close(),
  };
}
