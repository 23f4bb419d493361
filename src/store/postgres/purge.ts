// Retention purges (domain/retention.ts): everything that ended before the cutoff goes, in one transaction, so
// a stop part-way leaves the data as it was and the next purge does it all. The rules are the domain's, run
// over the few columns they need; only broadcasts are read whole, as their rule looks at several fields.
import { cycleMonday } from '../../domain/cycles.js';
import { FinalState } from '../../domain/delivery.js';
import {
  broadcastExpired,
  cycleExpired,
  deletionExpired,
  monthExpired,
  type PurgeCounts,
  type RetentionCutoff,
} from '../../domain/retention.js';
import type { Query } from './connection.js';
import { recordsOf, type DocRow } from './documents.js';

/** Taken by purges and erasures, so two instances never run one at the same time. */
export const UPKEEP_LOCK_KEY = '7011010002';

export async function purgeBefore(query: Query, cutoff: RetentionCutoff): Promise<PurgeCounts> {
  await query('SELECT pg_advisory_xact_lock($1::bigint)', [UPKEEP_LOCK_KEY]);
  return {
    ...(await purgeCheckins(query, cutoff)),
    ...(await purgeActions(query, cutoff)),
    broadcasts: await purgeBroadcasts(query, cutoff),
    deliveryBatches: await purgeDeliveryBatches(query, cutoff),
    auditMonths: await purgeMonths(query, 'audit_entries', cutoff),
    // Migrations here are SQL in a transaction: no backup copies are made, so none is purged.
    backups: 0,
  };
}

/** A week's check-ins go with its cycle, judged by its opening day (its Monday when no cycle was saved). */
async function purgeCheckins(query: Query, cutoff: RetentionCutoff) {
  const weeks = await query<{ id: string; opening_day: string | null }>(
    `SELECT w.cycle_id AS id, c.doc->>'openingDay' AS opening_day
     FROM (SELECT cycle_id FROM cycles UNION SELECT cycle_id FROM pulses
           UNION SELECT cycle_id FROM measure_answers UNION SELECT cycle_id FROM card_copies) w
     LEFT JOIN cycles c ON c.cycle_id = w.cycle_id`,
  );
  const gone = weeks
    .filter((week) => cycleExpired(week.opening_day ?? cycleMonday(week.id), cutoff))
    .map((week) => week.id);
  for (const table of ['cycles', 'pulses', 'measure_answers', 'card_copies'])
    await query(`DELETE FROM ${table} WHERE cycle_id = ANY($1::text[])`, [gone]);

  const latest = await query<{ unit_id: string; measure_id: string; opening_day: string }>(
    `SELECT unit_id, measure_id, doc->>'openingDay' AS opening_day FROM latest_measure_answers`,
  );
  const stale = latest.filter((answer) => cycleExpired(answer.opening_day, cutoff));
  await query(
    `DELETE FROM latest_measure_answers l USING unnest($1::text[], $2::text[]) AS s(unit_id, measure_id)
     WHERE l.unit_id = s.unit_id AND l.measure_id = s.measure_id`,
    [stale.map((answer) => answer.unit_id), stale.map((answer) => answer.measure_id)],
  );
  return { cycles: gone.length, latestAnswers: stale.length };
}

async function purgeActions(query: Query, cutoff: RetentionCutoff) {
  const actionMonths = await purgeMonths(query, 'actions', cutoff);
  const deleted = await query<{ id: string; deleted_at: string }>(
    `SELECT action_id AS id, doc->>'deletedAt' AS deleted_at FROM actions WHERE doc ? 'deletedAt'`,
  );
  const gone = deleted.filter((action) => deletionExpired({ deletedAt: action.deleted_at }, cutoff));
  await query('DELETE FROM actions WHERE action_id = ANY($1::text[])', [gone.map((action) => action.id)]);
  return { actionMonths, deletedActions: gone.length };
}

/** Whole months of a table partitioned by month (actions, the audit log) that ended by the cutoff. */
async function purgeMonths(query: Query, table: 'actions' | 'audit_entries', cutoff: RetentionCutoff) {
  const months = await query<{ month: string }>(`SELECT DISTINCT month FROM ${table}`);
  const gone = months.map((row) => row.month).filter((month) => monthExpired(month, cutoff));
  await query(`DELETE FROM ${table} WHERE month = ANY($1::text[])`, [gone]);
  return gone.length;
}

/** Finished broadcasts, with their acknowledgements and reads (ON DELETE CASCADE). */
async function purgeBroadcasts(query: Query, cutoff: RetentionCutoff) {
  const finished = await query<DocRow>(
    `SELECT broadcast_id AS key, doc FROM broadcasts WHERE doc->>'state' IN ('sent', 'sending', 'cancelled')`,
  );
  const gone = recordsOf('broadcasts', finished).filter((broadcast) => broadcastExpired(broadcast, cutoff));
  await query('DELETE FROM broadcasts WHERE broadcast_id = ANY($1::text[])', [gone.map((b) => b.id)]);
  return gone.length;
}

/**
 * Batches whose every delivery had ended before the cutoff. Decided in SQL, as a batch may hold thousands:
 * updatedAt is always written by toISOString(), so comparing the strings compares the times (as dueOrder does).
 */
async function purgeDeliveryBatches(query: Query, cutoff: RetentionCutoff) {
  const [gone] = await query<{ batches: number }>(
    `WITH gone AS (
       DELETE FROM deliveries WHERE batch_id IN (
         SELECT batch_id FROM deliveries GROUP BY batch_id
         HAVING bool_and(state = ANY($1::text[]) AND (doc->>'updatedAt') COLLATE "C" < $2)
       ) RETURNING batch_id
     )
     SELECT count(DISTINCT batch_id)::integer AS batches FROM gone`,
    [FinalState.options, cutoff.at],
  );
  return gone?.batches ?? 0;
}
