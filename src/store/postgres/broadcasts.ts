// Broadcasts, a row each, and the people who acknowledged or read them, a row per person: the first answer
// is kept (ON CONFLICT DO NOTHING), so a double click or a retried invoke counts once, whichever instance
// takes it. A response to a broadcast never saved is refused, as the other stores refuse it.
import {
  broadcastOrder,
  checkBroadcastId,
  noBroadcastError,
  respondents,
  responsesOf,
  type BroadcastMethods,
  type ResponseKind,
} from '../broadcast-changes.js';
import { validRecord } from '../records.js';
import type { Database } from './connection.js';
import { jsonOf, recordOf, recordsOf, type DocRow } from './documents.js';

const responseTables: Record<ResponseKind, string> = {
  acknowledged: 'broadcast_acks',
  read: 'broadcast_reads',
};

export function broadcastMethods(db: Database): BroadcastMethods {
  const respond = async (kind: ResponseKind, broadcastId: string, aadObjectId: string, at: string) => {
    const id = checkBroadcastId(broadcastId);
    const valid = validRecord('broadcastResponses', { aadObjectId, at });
    const [answer] = await db.write([], (query) =>
      query<{ saved: boolean; known: boolean }>(
        `WITH saved AS (
           INSERT INTO ${responseTables[kind]} (broadcast_id, aad_object_id, at)
           SELECT broadcast_id, $2::text, $3::text FROM broadcasts WHERE broadcast_id = $1
           ON CONFLICT DO NOTHING RETURNING 1
         )
         SELECT EXISTS (SELECT 1 FROM saved) AS saved,
                EXISTS (SELECT 1 FROM broadcasts WHERE broadcast_id = $1) AS known`,
        [id, valid.aadObjectId, valid.at],
      ),
    );
    if (!answer?.known) throw noBroadcastError(id, kind);
    return answer.saved;
  };
  const answered = async (kind: ResponseKind, broadcastId: string) => {
    const rows = await db.read<{ aad_object_id: string }>(
      `SELECT aad_object_id FROM ${responseTables[kind]} WHERE broadcast_id = $1`,
      [checkBroadcastId(broadcastId)],
    );
    return respondents(rows.map((row) => row.aad_object_id));
  };

  return {
    broadcast: async (id) => {
      const [row] = await db.read<DocRow>(
        'SELECT broadcast_id AS key, doc FROM broadcasts WHERE broadcast_id = $1',
        [checkBroadcastId(id)],
      );
      return row && recordOf('broadcasts', row);
    },
    broadcasts: async () => {
      const rows = await db.read<DocRow>(
        'SELECT broadcast_id AS key, doc FROM broadcasts ORDER BY created_at DESC, broadcast_id DESC',
      );
      return recordsOf('broadcasts', rows).sort(broadcastOrder);
    },
    saveBroadcast: async (broadcast) => {
      const valid = validRecord('broadcasts', broadcast);
      const json = jsonOf('broadcasts', valid);
      await db.write([`broadcast:${valid.id}`], (query) =>
        query(
          `INSERT INTO broadcasts (broadcast_id, created_at, doc) VALUES ($1, $2, $3::jsonb)
           ON CONFLICT (broadcast_id) DO UPDATE SET created_at = EXCLUDED.created_at, doc = EXCLUDED.doc
           WHERE broadcasts.doc IS DISTINCT FROM EXCLUDED.doc`,
          [valid.id, valid.createdAt, json],
        ),
      );
    },
    acknowledge: (broadcastId, aadObjectId, at) => respond('acknowledged', broadcastId, aadObjectId, at),
    acknowledgedBy: (broadcastId) => answered('acknowledged', broadcastId),
    recordRead: (broadcastId, aadObjectId, at) => respond('read', broadcastId, aadObjectId, at),
    readBy: (broadcastId) => answered('read', broadcastId),
    broadcastResponses: async (broadcastId) => {
      const rows = await db.read<{ kind: ResponseKind; aad_object_id: string; at: string }>(
        `SELECT 'acknowledged' AS kind, aad_object_id, at FROM broadcast_acks WHERE broadcast_id = $1
         UNION ALL SELECT 'read', aad_object_id, at FROM broadcast_reads WHERE broadcast_id = $1`,
        [checkBroadcastId(broadcastId)],
      );
      const of = (kind: ResponseKind) =>
        responsesOf(rows.filter((row) => row.kind === kind).map((row) => [row.aad_object_id, row.at]));
      return { acknowledged: of('acknowledged'), read: of('read') };
    },
  };
}
