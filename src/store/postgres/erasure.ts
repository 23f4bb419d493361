// Erasing a person (domain/erasure.ts): every row that mentions their id is changed by the domain's rule for
// its kind, in one transaction, so an erasure is never left half done and the pseudonym it began with is the
// only one. Rows are found by their text first, then checked with the domain's own `mentions`,
// so an id that merely begins with theirs ('aad-ada2' for 'aad-ada') is left alone. The audit log is never
// changed.
//
// Deliveries it renamed while still on their way are handed back, as they were, for the store to note in its
// LateUpdates once the transaction has committed (late-updates.ts), so the worker's late result, saved under
// the old id, lands under the pseudonym. That map lives in this process only, and nothing in the database can
// stand in for it without keeping the very id the erasure removes. So with several instances, a late result
// from another instance's worker for a delivery renamed by an erasure on this one is refused as unknown: the
// delivery stays 'sending', and after a restart it is reported as possibly sent twice.
import {
  addCounts,
  erasedAction,
  erasedBroadcast,
  erasedConversation,
  erasedCycle,
  erasedDelivery,
  erasedTeam,
  erasedUnit,
  mentions,
  noErasure,
  replaceId,
  type Erased,
  type ErasureCounts,
} from '../../domain/erasure.js';
import type { Delivery } from '../../domain/delivery.js';
import { validRecord, type RecordOf, type RecordTable } from '../records.js';
import type { Query, Row } from './connection.js';
import { jsonOf, recordOf } from './documents.js';
import { eraseCheckins } from './erasure-checkins.js';
import { UPKEEP_LOCK_KEY } from './purge.js';

/** How the rows of one table of whole documents are found, changed and written back. */
type DocTable<K extends RecordTable> = {
  table: string;
  kind: K;
  /** The key columns, then any other columns the document fills. */
  keys: readonly string[];
  columns(record: RecordOf<K>): Record<string, string | boolean>;
  rule(record: RecordOf<K>, id: string, pseudonym: string): Erased<RecordOf<K>>;
};

const docTable = <K extends RecordTable>(table: DocTable<K>) => table;

const docTables = [
  docTable({
    table: 'conversations',
    kind: 'conversations',
    keys: ['conversation_id'],
    columns: (c) => ({ conversation_id: c.conversationId }),
    rule: erasedConversation,
  }),
  docTable({
    table: 'teams',
    kind: 'teams',
    keys: ['team_id'],
    columns: (t) => ({ team_id: t.id }),
    rule: erasedTeam,
  }),
  docTable({
    table: 'units',
    kind: 'units',
    keys: ['unit_id'],
    columns: (u) => ({ unit_id: u.id }),
    rule: erasedUnit,
  }),
  docTable({
    table: 'settings',
    kind: 'settings',
    keys: ['only_row'],
    columns: () => ({ only_row: true }),
    rule: (settings, id, pseudonym) => ({ record: replaceId(settings, id, pseudonym), counts: {} }),
  }),
  docTable({
    table: 'cycles',
    kind: 'cycles',
    keys: ['cycle_id'],
    columns: (c) => ({ cycle_id: c.id }),
    rule: erasedCycle,
  }),
  docTable({
    table: 'actions',
    kind: 'actions',
    keys: ['action_id'],
    columns: (a) => ({ action_id: a.id, month: a.id.slice(0, 7), created_at: a.createdAt }),
    rule: erasedAction,
  }),
  docTable({
    table: 'broadcasts',
    kind: 'broadcasts',
    keys: ['broadcast_id'],
    columns: (b) => ({ broadcast_id: b.id, created_at: b.createdAt }),
    rule: erasedBroadcast,
  }),
  docTable({
    table: 'deliveries',
    kind: 'deliveries',
    keys: ['batch_id', 'delivery_id'],
    columns: (d) => ({ batch_id: d.batchId, delivery_id: d.id, state: d.state, not_before: d.notBefore }),
    rule: erasedDelivery,
  }),
];

/** How the id appears in a document's text: as JSON writes it inside a string. */
const needleOf = (id: string) => JSON.stringify(id).slice(1, -1);

export type Erasure = {
  counts: ErasureCounts;
  /** Every delivery that mentioned the person, as it was before: the unfinished ones may yet get a late result. */
  renamedDeliveries: Delivery[];
};

export async function erasePerson(query: Query, id: string, pseudonym: string): Promise<Erasure> {
  await query('SELECT pg_advisory_xact_lock($1::bigint)', [UPKEEP_LOCK_KEY]);
  const needle = needleOf(id);
  const removed = async (table: string) =>
    (await query(`DELETE FROM ${table} WHERE aad_object_id = $1 RETURNING 1`, [id])).length;
  let counts: Partial<ErasureCounts> = { person: await removed('people'), roles: await removed('roles') };
  await removed('personal_chats');
  let renamedDeliveries: Delivery[] = [];
  for (const table of docTables) {
    const erased = await eraseIn(query, table, id, pseudonym, needle);
    counts = addCounts(counts, erased.counts);
    if (table.kind === 'deliveries') renamedDeliveries = erased.before as Delivery[];
  }
  counts = addCounts(counts, await eraseCheckins(query, id, pseudonym, needle));
  let broadcastResponses = 0;
  for (const table of ['broadcast_acks', 'broadcast_reads'])
    broadcastResponses += (
      await query(`UPDATE ${table} SET aad_object_id = $2 WHERE aad_object_id = $1 RETURNING 1`, [
        id,
        pseudonym,
      ])
    ).length;
  return { counts: addCounts(noErasure(), { ...counts, broadcastResponses }), renamedDeliveries };
}

async function eraseIn<K extends RecordTable>(
  query: Query,
  { table, kind, keys, columns, rule }: DocTable<K>,
  id: string,
  pseudonym: string,
  needle: string,
): Promise<{ counts: Partial<ErasureCounts>; before: RecordOf<K>[] }> {
  const rows = await query<Row & { doc: unknown }>(
    `SELECT ${keys.join(', ')}, doc FROM ${table} WHERE strpos(doc::text, $1) > 0`,
    [needle],
  );
  let counts: Partial<ErasureCounts> = {};
  const before: RecordOf<K>[] = [];
  for (const row of rows) {
    const oldKey = keys.map((key) => row[key]);
    const record = recordOf(kind, { key: oldKey.join(' '), doc: row.doc });
    if (!mentions(record, id)) continue;
    before.push(record);
    const erased = rule(record, id, pseudonym);
    counts = addCounts(counts, erased.counts);
    const where = keys.map((key, i) => `${key} = $${i + 1}`).join(' AND ');
    if (erased.record === undefined) {
      await query(`DELETE FROM ${table} WHERE ${where}`, oldKey);
      continue;
    }
    const valid = validRecord(kind, erased.record);
    const values = columns(valid);
    const sameKey = keys.every((key, i) => values[key] === oldKey[i]);
    // Changed in place when its key stays, so rows that hang off it (a broadcast's responses) stay with it.
    if (sameKey) {
      const set = Object.keys(values).map((column, i) => `${column} = $${keys.length + i + 1}`);
      await query(
        `UPDATE ${table} SET ${[...set, `doc = $${keys.length + set.length + 1}::jsonb`].join(', ')} WHERE ${where}`,
        [...oldKey, ...Object.values(values), jsonOf(kind, valid)],
      );
    } else {
      await query(`DELETE FROM ${table} WHERE ${where}`, oldKey);
      const names = [...Object.keys(values), 'doc'];
      await query(
        `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`,
        [...Object.values(values), jsonOf(kind, valid)],
      );
    }
  }
  return { counts, before };
}
