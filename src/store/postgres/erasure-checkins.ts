// An erasure's share of the check-ins (see erasure.ts): each unit's pulses, measure answers and card copies in
// a cycle are rewritten whole where they mention the person, as the domain's rule works on a unit's check-ins
// in a cycle together; and each unit's latest answers likewise.
import {
  addCounts,
  erasedLatestAnswers,
  erasedUnitCheckins,
  mentions,
  type ErasureCounts,
} from '../../domain/erasure.js';
import { validRecord, type RecordTable } from '../records.js';
import { unitCheckins } from './checkins.js';
import type { Query } from './connection.js';
import { jsonOf, recordOf } from './documents.js';

/** `needle` is the id as it appears in a document's text, for finding the rows to look at. */
export async function eraseCheckins(
  query: Query,
  id: string,
  pseudonym: string,
  needle: string,
): Promise<Partial<ErasureCounts>> {
  const partitions = await query<{ cycle_id: string; unit_id: string }>(
    `SELECT cycle_id, unit_id FROM pulses WHERE strpos(doc::text, $1) > 0
     UNION SELECT cycle_id, unit_id FROM measure_answers WHERE strpos(doc::text, $1) > 0
     UNION SELECT cycle_id, unit_id FROM card_copies WHERE strpos(doc::text, $1) > 0`,
    [needle],
  );
  let counts: Partial<ErasureCounts> = {};
  for (const { cycle_id: cycleId, unit_id: unitId } of partitions) {
    const checkins = await unitCheckins(query, cycleId, unitId);
    if (!mentions(checkins, id)) continue;
    const erased = erasedUnitCheckins(checkins, id, pseudonym);
    counts = addCounts(counts, erased.counts);
    const { pulses, measures, copies } = erased.record!;
    for (const table of ['pulses', 'measure_answers', 'card_copies'])
      await query(`DELETE FROM ${table} WHERE cycle_id = $1 AND unit_id = $2`, [cycleId, unitId]);
    const each = (kind: RecordTable, records: unknown[]) =>
      jsonOf(
        kind,
        records.map((record) => validRecord(kind, record)),
      );
    await query(
      `INSERT INTO pulses (cycle_id, unit_id, aad_object_id, doc)
       SELECT $1::text, $2::text, p.doc->>'aadObjectId', p.doc FROM jsonb_array_elements($3::jsonb) AS p(doc)`,
      [cycleId, unitId, each('pulses', Object.values(pulses))],
    );
    await query(
      `INSERT INTO measure_answers (cycle_id, unit_id, measure_id, doc)
       SELECT $1::text, $2::text, m.doc->>'measureId', m.doc FROM jsonb_array_elements($3::jsonb) AS m(doc)`,
      [cycleId, unitId, each('measureAnswers', Object.values(measures))],
    );
    await query(
      `INSERT INTO card_copies (cycle_id, unit_id, conversation_id, activity_id, doc)
       SELECT $1::text, $2::text, c.doc->>'conversationId', c.doc->>'activityId', c.doc
       FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS c(doc, n) ORDER BY c.n`,
      [cycleId, unitId, each('cardCopies', copies)],
    );
  }
  return addCounts(counts, await eraseLatestAnswers(query, id, pseudonym, needle));
}

async function eraseLatestAnswers(query: Query, id: string, pseudonym: string, needle: string) {
  const units = await query<{ unit_id: string }>(
    'SELECT DISTINCT unit_id FROM latest_measure_answers WHERE strpos(doc::text, $1) > 0',
    [needle],
  );
  let counts: Partial<ErasureCounts> = {};
  for (const { unit_id: unitId } of units) {
    const rows = await query<{ measure_id: string; doc: unknown }>(
      'SELECT measure_id, doc FROM latest_measure_answers WHERE unit_id = $1',
      [unitId],
    );
    const answers = Object.fromEntries(
      rows.map((row) => [row.measure_id, recordOf('measureAnswers', { key: row.measure_id, doc: row.doc })]),
    );
    if (!mentions(answers, id)) continue;
    const erased = erasedLatestAnswers(answers, id, pseudonym);
    counts = addCounts(counts, erased.counts);
    const kept = Object.entries(erased.record ?? {}).map(([measureId, answer]) => ({
      measureId,
      answer: validRecord('measureAnswers', answer),
    }));
    await query('DELETE FROM latest_measure_answers WHERE unit_id = $1', [unitId]);
    await query(
      `INSERT INTO latest_measure_answers (unit_id, measure_id, doc)
       SELECT $1::text, a.doc->>'measureId', a.doc->'answer' FROM jsonb_array_elements($2::jsonb) AS a(doc)`,
      [unitId, jsonOf('measureAnswers', kept)],
    );
  }
  return counts;
}
