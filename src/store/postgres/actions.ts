// Patient input actions, a row each, with the month their id begins with as a column: a month's list is one
// index range, and an edit rewrites one row only when it changes something.
import {
  actionOrder,
  checkMonth,
  newestMonthThenOrder,
  partitionOf,
  type ActionMethods,
} from '../action-changes.js';
import { deepFrozen } from '../frozen.js';
import { validRecord } from '../records.js';
import type { Database } from './connection.js';
import { jsonOf, recordOf, recordsOf, type DocRow } from './documents.js';

export function actionMethods(db: Database): ActionMethods {
  return {
    action: async (id) => {
      partitionOf(id);
      const [row] = await db.read<DocRow>('SELECT action_id AS key, doc FROM actions WHERE action_id = $1', [
        id,
      ]);
      return row && recordOf('actions', row);
    },
    saveAction: async (action) => {
      const valid = validRecord('actions', action);
      const json = jsonOf('actions', valid);
      await db.write([`action:${valid.id}`], (query) =>
        query(
          `INSERT INTO actions (action_id, month, created_at, doc) VALUES ($1, $2, $3, $4::jsonb)
           ON CONFLICT (action_id) DO UPDATE SET created_at = EXCLUDED.created_at, doc = EXCLUDED.doc
           WHERE actions.doc IS DISTINCT FROM EXCLUDED.doc`,
          [valid.id, partitionOf(valid.id), valid.createdAt, json],
        ),
      );
    },
    monthActions: async (month) => {
      const rows = await db.read<DocRow>(
        'SELECT action_id AS key, doc FROM actions WHERE month = $1 ORDER BY created_at, action_id',
        [checkMonth(month)],
      );
      // Sorted again by the shared order: the SQL order is the index's, the answer is the port's.
      return recordsOf('actions', rows).sort(actionOrder);
    },
    // Only these units' rows leave the database; each is frozen as the other stores hand them out (frozen.ts).
    unitActions: async (unitIds, fromMonth) => {
      const rows = await db.read<DocRow>(
        `SELECT action_id AS key, doc FROM actions
         WHERE month >= $1 AND doc->>'unitId' = ANY($2::text[])
         ORDER BY month DESC, created_at, action_id`,
        [checkMonth(fromMonth), [...unitIds]],
      );
      // Sorted again by the shared order, as monthActions is: the SQL order is the index's.
      return recordsOf('actions', rows).sort(newestMonthThenOrder).map(deepFrozen);
    },
    actionMonths: async () => {
      const rows = await db.read<{ month: string }>('SELECT DISTINCT month FROM actions ORDER BY month DESC');
      return rows.map((row) => row.month);
    },
  };
}
