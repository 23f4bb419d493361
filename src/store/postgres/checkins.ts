// Check-ins: cycles by ISO week, and each unit's pulses, measure answers and card copies in a cycle, a row
// each, so saving one person's pulse costs the same in week 52 as in week 1. Cycle and unit ids are checked as
// the lowdb store checks them, so both stores refuse the same calls.
import { CycleId, type UnitCheckins } from '../../domain/checkins.js';
import { emptyUnitCheckins, type CheckinMethods } from '../checkin-changes.js';
import { deepFrozen } from '../frozen.js';
import { validRecord } from '../records.js';
import type { Database, Query } from './connection.js';
import { byId } from '../ordering.js';
import { cycleReads } from './cycle-reads.js';
import { jsonOf, recordOf, type DocRow } from './documents.js';

// Cycles are frozen as the other stores hand them out (frozen.ts), so a caller that changes one fails alike, and
// kept between reads (cycle-reads.ts).
export function checkinMethods(db: Database): CheckinMethods {
  const cycles = cycleReads(db.read);
  return {
    cycle: async (cycleId) => (await cycles.read('WHERE cycle_id = $2', [CycleId.parse(cycleId)]))[0],
    latestCycle: async () => (await cycles.read('ORDER BY cycle_id DESC LIMIT 1'))[0],
    createCycle: async (cycle) => {
      const valid = validRecord('cycles', cycle);
      const json = jsonOf('cycles', valid);
      const created = await db.write([`cycle:${valid.id}`], (query) =>
        query(
          'INSERT INTO cycles (cycle_id, doc) VALUES ($1, $2::jsonb) ON CONFLICT DO NOTHING RETURNING cycle_id',
          [valid.id, json],
        ),
      );
      return created.length === 1;
    },
    saveCycle: async (cycle) => {
      const valid = validRecord('cycles', cycle);
      const json = jsonOf('cycles', valid);
      const [found] = await db.write([`cycle:${valid.id}`], (query) =>
        query(
          `WITH changed AS (
             UPDATE cycles SET doc = $2::jsonb WHERE cycle_id = $1 AND doc IS DISTINCT FROM $2::jsonb
           )
           SELECT 1 FROM cycles WHERE cycle_id = $1`,
          [valid.id, json],
        ),
      );
      if (!found) throw new Error(`store: no cycle ${valid.id} to save; create it first`);
    },
    // Frozen, as the other stores hand it out (they share it rather than copy it).
    unitCheckins: async (cycleId, unitId) =>
      deepFrozen(await unitCheckins(db.read, CycleId.parse(cycleId), unitId)),
    pulseOf: async (cycleId, unitId, aadObjectId) => {
      const [row] = await db.read<DocRow>(
        `SELECT aad_object_id AS key, doc FROM pulses WHERE cycle_id = $1 AND unit_id = $2 AND aad_object_id = $3`,
        [CycleId.parse(cycleId), unitId, aadObjectId],
      );
      return row && deepFrozen(recordOf('pulses', row));
    },
    copiesOf: async (cycleId, unitId, aadObjectId) => {
      const rows = await db.read<DocRow>(
        `SELECT conversation_id AS key, doc FROM card_copies
         WHERE cycle_id = $1 AND unit_id = $2 AND doc->>'aadObjectId' = $3 ORDER BY seq`,
        [CycleId.parse(cycleId), unitId, aadObjectId],
      );
      return deepFrozen(rows.map((row) => recordOf('cardCopies', row)));
    },
    savePulse: async (cycleId, pulse) => {
      const valid = validRecord('pulses', pulse);
      const json = jsonOf('pulses', valid);
      const row = [CycleId.parse(cycleId), valid.unitId, valid.aadObjectId];
      await db.write([`pulse:${JSON.stringify(row)}`], (query) =>
        query(
          `INSERT INTO pulses (cycle_id, unit_id, aad_object_id, doc) VALUES ($1, $2, $3, $4::jsonb)
           ON CONFLICT (cycle_id, unit_id, aad_object_id) DO UPDATE SET doc = EXCLUDED.doc
           WHERE pulses.doc IS DISTINCT FROM EXCLUDED.doc`,
          [...row, json],
        ),
      );
    },
    saveMeasureAnswers: async (cycleId, unitId, answers) => {
      const valid = answers.map((answer) => validRecord('measureAnswers', answer));
      const json = jsonOf('measureAnswers', valid);
      const cycle = CycleId.parse(cycleId);
      // One transaction: the cycle's answers and the unit's latest are saved together or not at all. The key
      // keeps the unit's saves in order, so the answer saved last is the latest.
      await db.transaction([`latest:${unitId}`], async (query) => {
        // The last answer given for a measure wins, as it would saved one by one.
        const lastPerMeasure = (from: string) =>
          `SELECT DISTINCT ON (a.doc->>'measureId') ${from}, a.doc->>'measureId', a.doc
           FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS a(doc, n)
           ORDER BY a.doc->>'measureId', a.n DESC`;
        await query(
          `INSERT INTO measure_answers (cycle_id, unit_id, measure_id, doc) ${lastPerMeasure('$2::text, $3::text')}
           ON CONFLICT (cycle_id, unit_id, measure_id) DO UPDATE SET doc = EXCLUDED.doc
           WHERE measure_answers.doc IS DISTINCT FROM EXCLUDED.doc`,
          [json, cycle, unitId],
        );
        await query(
          `INSERT INTO latest_measure_answers (unit_id, measure_id, doc) ${lastPerMeasure('$2::text')}
           ON CONFLICT (unit_id, measure_id) DO UPDATE SET doc = EXCLUDED.doc
           WHERE latest_measure_answers.doc IS DISTINCT FROM EXCLUDED.doc`,
          [json, unitId],
        );
      });
    },
    latestMeasureAnswers: async (unitId) => {
      const rows = await db.read<DocRow>(
        'SELECT measure_id AS key, doc FROM latest_measure_answers WHERE unit_id = $1',
        [unitId],
      );
      return Object.fromEntries(rows.map((row) => [row.key, recordOf('measureAnswers', row)]));
    },
    cycles: async () => (await cycles.read('ORDER BY cycle_id')).sort(byId),
    checkinUnits: async (cycleId) => {
      const rows = await db.read<{ unit_id: string }>(
        `SELECT unit_id FROM pulses WHERE cycle_id = $1
         UNION SELECT unit_id FROM measure_answers WHERE cycle_id = $1
         UNION SELECT unit_id FROM card_copies WHERE cycle_id = $1`,
        [CycleId.parse(cycleId)],
      );
      return rows.map((row) => row.unit_id).sort();
    },
    addCardCopy: async (cycleId, unitId, copy) => {
      const valid = validRecord('cardCopies', copy);
      const json = jsonOf('cardCopies', valid);
      const cycle = CycleId.parse(cycleId);
      await db.write([`copies:${JSON.stringify([cycle, unitId])}`], (query) =>
        query(
          `INSERT INTO card_copies (cycle_id, unit_id, conversation_id, activity_id, doc)
           VALUES ($1, $2, $3, $4, $5::jsonb) ON CONFLICT DO NOTHING`,
          [cycle, unitId, valid.conversationId, valid.activityId, json],
        ),
      );
    },
  };
}

/** One unit's check-ins in a cycle, in one statement, so the three parts come from one snapshot. */
export async function unitCheckins(read: Query, cycleId: string, unitId: string): Promise<UnitCheckins> {
  const rows = await read<DocRow & { part: 'pulse' | 'measure' | 'copy' }>(
    `SELECT 'pulse' AS part, aad_object_id AS key, doc, 0 AS seq FROM pulses
       WHERE cycle_id = $1 AND unit_id = $2
     UNION ALL
     SELECT 'measure', measure_id, doc, 0 FROM measure_answers WHERE cycle_id = $1 AND unit_id = $2
     UNION ALL
     SELECT 'copy', conversation_id, doc, seq FROM card_copies WHERE cycle_id = $1 AND unit_id = $2
     ORDER BY seq`,
    [cycleId, unitId],
  );
  const found = emptyUnitCheckins();
  for (const row of rows) {
    if (row.part === 'pulse') found.pulses[row.key] = recordOf('pulses', row);
    else if (row.part === 'measure') found.measures[row.key] = recordOf('measureAnswers', row);
    else found.copies.push(recordOf('cardCopies', row));
  }
  return found;
}
