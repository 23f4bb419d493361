// The audit log: appended to, never changed. An id already logged in its month is ignored (a retried append
// carries the same `at`), as the lowdb store keeps a file per month; a page is one index scan, newest first.
import { auditMonth, type AuditEntry } from '../../domain/audit.js';
import { checkPageLimit } from '../ordering.js';
import { validRecord } from '../records.js';
import type { Store } from '../store.js';
import type { Database } from './connection.js';
import { jsonOf, recordsOf, type DocRow } from './documents.js';

export type AuditMethods = Pick<Store, 'appendAudit' | 'auditEntries'>;

export function auditMethods(db: Database): AuditMethods {
  return {
    appendAudit: async (entry) => {
      const valid = validRecord('audit', entry);
      const json = jsonOf('audit', valid);
      await db.write([], (query) =>
        query(
          `INSERT INTO audit_entries (month, entry_id, at, doc) VALUES ($1, $2, $3, $4::jsonb)
           ON CONFLICT (month, entry_id) DO NOTHING`,
          [auditMonth(valid.at), valid.id, valid.at, json],
        ),
      );
    },
    auditEntries: async ({ limit, before }): Promise<AuditEntry[]> => {
      checkPageLimit(limit);
      const rows = before
        ? await db.read<DocRow>(
            `SELECT entry_id AS key, doc FROM audit_entries WHERE (at, entry_id) < ($1, $2)
             ORDER BY at DESC, entry_id DESC LIMIT $3`,
            [before.at, before.id, limit],
          )
        : await db.read<DocRow>(
            'SELECT entry_id AS key, doc FROM audit_entries ORDER BY at DESC, entry_id DESC LIMIT $1',
            [limit],
          );
      return recordsOf('audit', rows);
    },
  };
}
