// Claims on the shared queue: each instance's delivery worker takes due items in one short statement that
// locks the rows it picks with FOR UPDATE SKIP LOCKED (so two instances claiming at once pick different rows,
// neither waiting for the other) and marks them "sending" with a lease (lease_owner, lease_until). No row lock
// outlives that statement: the HTTP sends happen after it has committed. A row "sending" whose lease ran out
// belonged to an instance that stopped mid-send, and the next claim takes it back, flagged.
// Lease times come from the workers' clocks, as the due times do; they only need to agree to within seconds
// of leases lasting tens of seconds.
import type { Delivery } from '../../domain/delivery.js';
import {
  claimTimes,
  deliveryKey,
  leaseTimes,
  validDeliveries,
  type DeliveryMethods,
} from '../delivery-changes.js';
import type { LateUpdates } from '../late-updates.js';
import { dueOrder } from '../ordering.js';
import type { Database } from './connection.js';
import { jsonOf, recordsOf, type DocRow } from './documents.js';

type ClaimMethods = Pick<DeliveryMethods, 'claimDeliveries' | 'renewDeliveryLeases' | 'releaseDeliveries'>;
type KeyRow = { batch_id: string; delivery_id: string };

const iso = (ms: number) => new Date(ms).toISOString();
const keyOfRow = (row: KeyRow) => deliveryKey({ batchId: row.batch_id, id: row.delivery_id });

// Each side reads its partial index in due order and stops at the limit; rows one side locked that the final
// LIMIT leaves out are free again when the statement ends, a moment later.
const CLAIM = `
  WITH due AS (
    SELECT batch_id, delivery_id, not_before, state FROM deliveries
    WHERE state = 'pending' AND not_before <= $1
    ORDER BY not_before, delivery_id, batch_id LIMIT $3
    FOR UPDATE SKIP LOCKED
  ), lapsed AS (
    SELECT batch_id, delivery_id, not_before, state FROM deliveries
    WHERE state = 'sending' AND (lease_until IS NULL OR lease_until <= $2::timestamptz)
    ORDER BY not_before, delivery_id, batch_id LIMIT $3
    FOR UPDATE SKIP LOCKED
  ), picked AS (
    SELECT * FROM due UNION ALL SELECT * FROM lapsed
    ORDER BY not_before, delivery_id, batch_id LIMIT $3
  )
  UPDATE deliveries t
  SET state = 'sending', lease_owner = $4, lease_until = $5::timestamptz,
    doc = t.doc || jsonb_build_object(
      'state', 'sending',
      'attempts', (t.doc->>'attempts')::int + 1,
      'possiblyDuplicated', (t.doc->>'possiblyDuplicated')::boolean OR picked.state = 'sending',
      'updatedAt', $1::text)
  FROM picked
  WHERE t.batch_id = picked.batch_id AND t.delivery_id = picked.delivery_id
  RETURNING t.batch_id || ' ' || t.delivery_id AS key, t.doc, picked.state AS was`;

/** `queue` is the write-order key of the queue (deliveries.ts): claims take their turn among its writes. */
export function claimMethods(db: Database, late: LateUpdates, queue: readonly string[]): ClaimMethods {
  /** The items as an erasure may have renamed them, the last of any repeated key, as jsonb text. */
  const current = (items: Delivery[]) => {
    const translated = late.translate(items);
    const latest = [...new Map(translated.map((item) => [deliveryKey(item), item])).values()];
    return { translated, json: jsonOf('deliveries', latest) };
  };
  /** The asked-for items whose (renamed) key is not among the rows the statement touched. */
  const missing = (asked: Delivery[], translated: Delivery[], rows: KeyRow[]) => {
    const touched = new Set(rows.map(keyOfRow));
    return asked.filter((_, i) => !touched.has(deliveryKey(translated[i]!)));
  };

  return {
    claimDeliveries: async (claim) => {
      const { now, at, until } = claimTimes(claim);
      const rows = await db.write(queue, (query) =>
        query<DocRow & { was: string }>(CLAIM, [now, iso(at), claim.limit, claim.owner, iso(until)]),
      );
      return {
        items: recordsOf('deliveries', rows).sort(dueOrder),
        reclaimed: rows.filter((row) => row.was === 'sending').length,
      };
    },
    renewDeliveryLeases: async (lease, items) => {
      const { until } = leaseTimes(lease);
      const asked = validDeliveries(items);
      return db.write(queue, async (query) => {
        const { translated, json } = current(asked);
        const rows = await query<KeyRow>(
          `UPDATE deliveries t SET lease_until = $3::timestamptz
           FROM jsonb_array_elements($1::jsonb) d
           WHERE t.batch_id = d->>'batchId' AND t.delivery_id = d->>'id' AND t.lease_owner = $2
           RETURNING t.batch_id, t.delivery_id`,
          [json, lease.owner, iso(until)],
        );
        return missing(asked, translated, rows);
      });
    },
    releaseDeliveries: async (owner, items) => {
      const asked = validDeliveries(items);
      return db.write(queue, async (query) => {
        // Translated here, in turn, so a release that waited for an erasure sees its renames.
        const { translated, json } = current(asked);
        const rows = await query<KeyRow>(
          `UPDATE deliveries t
           SET state = d->>'state', not_before = d->>'notBefore', doc = d, lease_owner = NULL, lease_until = NULL
           FROM jsonb_array_elements($1::jsonb) d
           WHERE t.batch_id = d->>'batchId' AND t.delivery_id = d->>'id' AND t.lease_owner = $2
           RETURNING t.batch_id, t.delivery_id`,
          [json, owner],
        );
        return missing(asked, translated, rows);
      });
    },
  };
}
