// Check-ins on disk, partitioned so that a write costs the same in week 52 as in week 1:
//   checkins/<cycle>/cycle.json         the cycle: who is expected, when it opens, nudges and closes
//   checkins/<cycle>/<unit>.json        one unit's pulses, measure answers and card copies in that cycle
//   checkins/latest/<unit>.json         each measure's latest answer for the unit, for pre-filling and due dates
// Files are opened on first use and kept (partition-files.ts); old cycles cost nothing until something reads them.
import { readdir } from 'node:fs/promises';
import { z } from 'zod';
import { CycleId, type UnitCheckins } from '../domain/checkins.js';
import { batchFileStem, batchIdOfStem, isBatchFileStem } from './batch-names.js';
import { emptyUnitCheckins, isEmptyCheckins, withCardCopy, type CheckinMethods } from './checkin-changes.js';
import type { Gate, OpenDb } from './db.js';
import { checkinFilesUpkeep } from './file-upkeep.js';
import { deepFrozen } from './frozen.js';
import { byId } from './ordering.js';
import { openPartitions } from './partition-files.js';
import { recordSchemas, validRecord } from './records.js';

const VERSION = 1 as const;
export const CycleFile = z.object({
  schemaVersion: z.literal(VERSION),
  cycle: recordSchemas.cycles.nullable(),
});
export const UnitFile = z.object({
  schemaVersion: z.literal(VERSION),
  pulses: z.record(z.string(), recordSchemas.pulses),
  measures: z.record(z.string(), recordSchemas.measureAnswers),
  copies: z.array(recordSchemas.cardCopies),
});
export const LatestFile = z.object({
  schemaVersion: z.literal(VERSION),
  measures: z.record(z.string(), recordSchemas.measureAnswers),
});

// A unit's week file sits beside the week's cycle.json, so the one unit id whose file would be that file is
// refused before anything is read or written. Real ids never are: Teams' ids start "19:", ours are UUIDs.
function unitStem(unitId: string): string {
  const stem = batchFileStem(unitId);
  if (stem === 'cycle')
    throw new RangeError(
      "store: 'cycle' cannot be a unit id: it names the week's own file; nothing was saved.",
    );
  return stem;
}

export async function openCheckinFiles(dir: string, gate: Gate, openDb: OpenDb) {
  const partitions = await openPartitions(dir, gate, openDb);
  const { open, change, flush } = partitions;
  const cycleFolders = async () => (await readdir(dir)).filter((name) => CycleId.safeParse(name).success);

  const cycleFile = (cycleId: string) =>
    open<z.infer<typeof CycleFile>>([CycleId.parse(cycleId), 'cycle.json'], CycleFile, () => ({
      schemaVersion: VERSION,
      cycle: null,
    }));
  const unitFile = (cycleId: string, unitId: string) =>
    open<z.infer<typeof UnitFile>>([CycleId.parse(cycleId), `${unitStem(unitId)}.json`], UnitFile, () => ({
      schemaVersion: VERSION,
      ...emptyUnitCheckins(),
    }));
  const latestFile = (unitId: string) =>
    open<z.infer<typeof LatestFile>>(['latest', `${batchFileStem(unitId)}.json`], LatestFile, () => ({
      schemaVersion: VERSION,
      measures: {},
    }));

  const methods: CheckinMethods = {
    // The saved cycle itself, frozen (see frozen.ts): a change is a new object given to saveCycle, and every
    // write here and in upkeep replaces data.cycle, so what was handed out never changes underneath a reader.
    cycle: async (cycleId) => deepFrozen((await cycleFile(cycleId)).db.data.cycle ?? undefined),
    latestCycle: async () => {
      const names = await cycleFolders();
      for (const name of names.sort().reverse()) {
        const cycle = await methods.cycle(name);
        if (cycle) return cycle;
      }
      return undefined;
    },
    createCycle: async (cycle) => {
      const valid = deepFrozen(validRecord('cycles', cycle));
      const { db, writer } = await cycleFile(valid.id);
      gate.refuseIfClosed();
      if (db.data.cycle) return false;
      db.data.cycle = valid;
      try {
        await writer.write();
      } catch (error) {
        // Not on disk, so not created: a retry must be able to create it.
        if (db.data.cycle === valid) db.data.cycle = null;
        throw error;
      }
      return true;
    },
    saveCycle: async (cycle) => {
      const valid = deepFrozen(validRecord('cycles', cycle));
      await change(cycleFile(valid.id), (data) => {
        if (!data.cycle) throw new Error(`store: no cycle ${valid.id} to save; create it first`);
        data.cycle = valid;
      });
    },
    // The unit's week as saved, frozen and shared rather than copied (a submission reads it three times, and a
    // copy of a ward's week was a quarter of the bot's CPU under load). Writes below replace a part of it,
    // never change one in place, so what was handed out stays as it was read.
    unitCheckins: async (cycleId, unitId): Promise<UnitCheckins> => {
      const { db } = await unitFile(cycleId, unitId);
      const { pulses, measures, copies } = db.data;
      return Object.freeze({
        pulses: deepFrozen(pulses),
        measures: deepFrozen(measures),
        copies: deepFrozen(copies),
      });
    },
    savePulse: async (cycleId, pulse) => {
      const valid = validRecord('pulses', pulse);
      await change(unitFile(cycleId, valid.unitId), (data) => {
        data.pulses = { ...data.pulses, [valid.aadObjectId]: valid };
      });
    },
    saveMeasureAnswers: async (cycleId, unitId, answers) => {
      const valid = answers.map((answer) => validRecord('measureAnswers', answer));
      await change(unitFile(cycleId, unitId), (data) => {
        data.measures = {
          ...data.measures,
          ...Object.fromEntries(valid.map((answer) => [answer.measureId, answer])),
        };
      });
      // After the cycle's own file: a crash in between leaves the latest behind, never ahead of the history.
      await change(latestFile(unitId), (data) => {
        for (const answer of valid) data.measures[answer.measureId] = answer;
      });
    },
    latestMeasureAnswers: async (unitId) => structuredClone((await latestFile(unitId)).db.data.measures),
    cycles: async () => {
      const found = await Promise.all((await cycleFolders()).map((name) => methods.cycle(name)));
      return found.filter((cycle) => cycle !== undefined).sort(byId);
    },
    checkinUnits: async (cycleId) => {
      // A unit's file is named by its id's stem (batch-names.ts); a file only read was never written.
      const stems = (await partitions.list([CycleId.parse(cycleId)])).flatMap((name) => {
        const stem = /^(.*)\.json$/.exec(name)?.[1];
        return stem !== undefined && stem !== 'cycle' && isBatchFileStem(stem) ? [stem] : [];
      });
      const units: string[] = [];
      for (const unitId of stems.map(batchIdOfStem))
        if (!isEmptyCheckins(await methods.unitCheckins(cycleId, unitId))) units.push(unitId);
      return units.sort();
    },
    addCardCopy: async (cycleId, unitId, copy) => {
      const valid = validRecord('cardCopies', copy);
      await change(unitFile(cycleId, unitId), (data) => {
        const copies = withCardCopy(data.copies, valid);
        // A copy already known changes nothing, so the ward's file is not written again for it.
        if (copies.length === data.copies.length) return false;
        data.copies = copies;
      });
    },
  };

  const upkeep = checkinFilesUpkeep(partitions, {
    cycle: cycleFile,
    unit: (cycleId, name) =>
      open<z.infer<typeof UnitFile>>([CycleId.parse(cycleId), name], UnitFile, () => ({
        schemaVersion: VERSION,
        ...emptyUnitCheckins(),
      })),
    latest: (name) =>
      open<z.infer<typeof LatestFile>>(['latest', name], LatestFile, () => ({
        schemaVersion: VERSION,
        measures: {},
      })),
  });

  return { methods, flush, upkeep };
}
