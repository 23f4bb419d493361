// The outbound queue: a row per delivery, known by batch and id together, with its state and notBefore as
// columns so the worker's questions (what is due, what was cut off mid-send) are partial-index scans. A call
// is one statement or one transaction however many items it carries: the items travel as one jsonb array.
// Writes to the queue run one after another in the order asked for, as the in-process stores apply them; an
// erasure waits its turn among them too, so a late update from the sender (late-updates.ts) sees its renames.
// Claims, leases and releases are in delivery-claims.ts; an update here leaves a row's lease as it is.
import type { Delivery } from '../../domain/delivery.js';
import {
  checkKnown,
  dueQuery,
  newDeliveries,
  validDeliveries,
  type DeliveryMethods,
} from '../delivery-changes.js';
import { ProgressTally } from '../delivery-progress.js';
import type { LateUpdates } from '../late-updates.js';
import { byId, dueOrder } from '../ordering.js';
import type { Database } from './connection.js';
import { jsonOf, recordsOf, type DocRow } from './documents.js';
import { claimMethods } from './delivery-claims.js';

/** The write-order key of the queue: every write to it, and every erasure, names it. */
export const DELIVERY_QUEUE = ['deliveries'];
const keyOf = (delivery: Pick<Delivery, 'batchId' | 'id'>) => JSON.stringify([delivery.batchId, delivery.id]);
const asRow = "SELECT batch_id || ' ' || delivery_id AS key, doc FROM deliveries";

/** Deliveries of a batch alike in all that its progress counts, and how many they are. */
type ProgressRow = {
  state: Delivery['state'];
  possibly_duplicated: boolean;
  status: number | null;
  code: string | null;
  count: number;
};

export function deliveryMethods(db: Database, late: LateUpdates): DeliveryMethods {
  return {
    enqueueDeliveries: async (items) => {
      // The first of a repeated id in one call wins; one already in the store is left as it is.
      const added = newDeliveries(validDeliveries(items), () => false);
      const json = jsonOf('deliveries', added);
      await db.write(DELIVERY_QUEUE, (query) =>
        query(
          `INSERT INTO deliveries (batch_id, delivery_id, state, not_before, doc)
           SELECT d->>'batchId', d->>'id', d->>'state', d->>'notBefore', d FROM jsonb_array_elements($1::jsonb) d
           ON CONFLICT (batch_id, delivery_id) DO NOTHING`,
          [json],
        ),
      );
    },
    dueDeliveries: async (now, limit) => {
      const rows = await db.read<DocRow>(
        `${asRow} WHERE state = 'pending' AND not_before <= $1
         ORDER BY not_before, delivery_id, batch_id LIMIT $2`,
        [dueQuery(now, limit), limit],
      );
      return recordsOf('deliveries', rows).sort(dueOrder);
    },
    nextDeliveryTime: async () => {
      const [row] = await db.read<{ next: string | null }>(
        "SELECT min(not_before) AS next FROM deliveries WHERE state = 'pending'",
      );
      return row?.next ?? undefined;
    },
    interruptedDeliveries: async () => {
      const rows = await db.read<DocRow>(`${asRow} WHERE state = 'sending'`);
      return recordsOf('deliveries', rows).sort(dueOrder);
    },
    updateDeliveries: async (items) => {
      const valid = validDeliveries(items);
      await db.transaction(DELIVERY_QUEUE, async (query) => {
        // Translated here, in turn, so an update that waited for an erasure sees its renames.
        const translated = late.translate(valid);
        // A later state for the same delivery in one call wins, as it would saved one by one.
        const changed = [...new Map(translated.map((item) => [keyOf(item), item])).values()];
        const json = jsonOf('deliveries', changed);
        const updated = await query<{ batch_id: string; delivery_id: string }>(
          `UPDATE deliveries t SET state = d->>'state', not_before = d->>'notBefore', doc = d
           FROM jsonb_array_elements($1::jsonb) d
           WHERE t.batch_id = d->>'batchId' AND t.delivery_id = d->>'id'
           RETURNING t.batch_id, t.delivery_id`,
          [json],
        );
        const known = new Set(updated.map((row) => keyOf({ batchId: row.batch_id, id: row.delivery_id })));
        // Throwing rolls the transaction back: an unknown item refuses the whole call.
        checkKnown(changed, (item) => known.has(keyOf(item)));
      });
    },
    batchDeliveries: async (batchId) => {
      const rows = await db.read<DocRow>(`${asRow} WHERE batch_id = $1`, [batchId]);
      return recordsOf('deliveries', rows).sort(byId);
    },
    batchProgress: async (batchId) => {
      // Counted in the database (the primary key starts with batch_id): no delivery leaves it.
      const rows = await db.read<ProgressRow>(
        `SELECT state, (doc->>'possiblyDuplicated')::boolean AS possibly_duplicated,
           (doc->'failure'->>'status')::int AS status, doc->'failure'->>'code' AS code, count(*)::int AS count
         FROM deliveries WHERE batch_id = $1 GROUP BY 1, 2, 3, 4`,
        [batchId],
      );
      const tally = new ProgressTally();
      for (const row of rows) {
        const failure =
          row.status === null
            ? undefined
            : { status: row.status, ...(row.code === null ? {} : { code: row.code }) };
        tally.add({ state: row.state, possiblyDuplicated: row.possibly_duplicated, failure }, row.count);
      }
      return tally.progress();
    },
    deliveryBatches: async () => {
      const rows = await db.read<{ batch_id: string }>('SELECT DISTINCT batch_id FROM deliveries');
      return rows.map((row) => row.batch_id).sort();
    },
    ...claimMethods(db, late, DELIVERY_QUEUE),
  };
}
