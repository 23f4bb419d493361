// Check-ins on disk, partitioned so that a write costs the same in week 52 as in week 1:
//   checkins/<cycle>/cycle.json         the cycle: who is expected, when it opens, nudges and closes
//   checkins/<cycle>/<unit>.json        one unit's pulses, measure answers and card copies in that cycle
//   checkins/<cycle>/journal.jsonl      saves not yet folded into the unit files (checkin-journal.ts)
//   checkins/latest/<unit>.json         each measure's latest answer for the unit, for pre-filling and due dates
// Files are opened on first use and kept while used (partition-files.ts); old cycles cost nothing until read.
import { access, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { CycleId, type CardCopy } from '../domain/checkins.js';
import { batchFileStem, batchIdOfStem, isBatchFileStem } from './batch-names.js';
import { emptyUnitCheckins, isEmptyCheckins, withCardCopy, type CheckinMethods } from './checkin-changes.js';
import type { Gate, OpenDb } from './db.js';
import { CheckinJournal, withPending } from './checkin-journal.js';
import { checkinFilesUpkeep } from './file-upkeep.js';
import { deepFrozen } from './frozen.js';
import { byId } from './ordering.js';
import { openPartitions } from './partition-files.js';
import { recordSchemas, validRecord } from './records.js';
import type { UpkeepPart } from './upkeep.js';

const VERSION = 1 as const;
export const JOURNAL_NAME = 'journal.jsonl';
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
  // Each week's journal, opened (and what a stop left in it folded into the unit files) before any of that
  // week's unit files is read.
  const journals = new Map<string, Promise<CheckinJournal>>();
  const journalOf = (cycleId: string): Promise<CheckinJournal> => {
    const id = CycleId.parse(cycleId);
    let opening = journals.get(id);
    if (!opening) {
      opening = CheckinJournal.open(join(dir, id, JOURNAL_NAME), id, (unitId, pending) =>
        change(unitFile(id, unitId), (data) => {
          Object.assign(data, withPending(data, pending));
        }),
      );
      journals.set(id, opening);
      // A journal that cannot be read is tried afresh next time: someone may have put it right by then.
      opening.catch(() => journals.get(id) === opening && journals.delete(id));
    }
    return opening;
  };
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
    unitCheckins: async (cycleId, unitId) => {
      const journal = await journalOf(cycleId);
      const { db } = await unitFile(cycleId, unitId);
      const { pulses, measures, copies } = withPending(db.data, journal.pendingFor(unitId));
      return Object.freeze({
        pulses: deepFrozen(pulses),
        measures: deepFrozen(measures),
        copies: deepFrozen(copies),
      });
    },
    pulseOf: async (cycleId, unitId, aadObjectId) => {
      const journal = await journalOf(cycleId);
      const { pulses } = (await unitFile(cycleId, unitId)).db.data;
      const saved = Object.hasOwn(pulses, aadObjectId) ? pulses[aadObjectId] : undefined;
      return deepFrozen(journal.pendingFor(unitId)?.pulses.get(aadObjectId) ?? saved);
    },
    copiesOf: async (cycleId, unitId, aadObjectId) => {
      const journal = await journalOf(cycleId);
      const saved = (await unitFile(cycleId, unitId)).db.data.copies;
      const pending = journal.pendingFor(unitId)?.copies ?? [];
      const mine = (copy: CardCopy) => copy.aadObjectId === aadObjectId;
      return deepFrozen(pending.filter(mine).reduce(withCardCopy, saved.filter(mine)));
    },
    // Saves go to the week's journal (one append shared by the saves that arrive together), not the unit's file.
    savePulse: async (cycleId, pulse) => {
      const valid = validRecord('pulses', pulse);
      unitStem(valid.unitId);
      const journal = await journalOf(cycleId);
      gate.refuseIfClosed();
      await journal.append({ unitId: valid.unitId, pulse: valid });
    },
    saveMeasureAnswers: async (cycleId, unitId, answers) => {
      const valid = answers.map((answer) => validRecord('measureAnswers', answer));
      unitStem(unitId);
      const journal = await journalOf(cycleId);
      gate.refuseIfClosed();
      if (valid.length > 0) await journal.append({ unitId, measures: valid });
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
      // First: opening the journal may fold it into unit files not written before.
      const journal = await journalOf(cycleId);
      // A unit's file is named by its id's stem (batch-names.ts); a file only read was never written.
      const stems = (await partitions.list([CycleId.parse(cycleId)])).flatMap((name) => {
        const stem = /^(.*)\.json$/.exec(name)?.[1];
        return stem !== undefined && stem !== 'cycle' && isBatchFileStem(stem) ? [stem] : [];
      });
      const units: string[] = [];
      for (const unitId of new Set([...stems.map(batchIdOfStem), ...journal.units()]))
        if (!isEmptyCheckins(await methods.unitCheckins(cycleId, unitId))) units.push(unitId);
      return units.sort();
    },
    addCardCopy: async (cycleId, unitId, copy) => {
      const valid = validRecord('cardCopies', copy);
      const journal = await journalOf(cycleId);
      const { copies } = (await unitFile(cycleId, unitId)).db.data;
      // A copy already known (and so on disk) changes nothing, so nothing is written for it.
      for (const known of [copies, journal.pendingFor(unitId)?.copies ?? []])
        if (withCardCopy(known, valid).length === known.length) return;
      gate.refuseIfClosed();
      await journal.append({ unitId, copy: valid });
    },
  };

  const files = checkinFilesUpkeep(partitions, {
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

  // Upkeep reads and rewrites the unit files, so every journal is folded into them first, those a stop left in
  // weeks not opened since included.
  const foldJournals = async () => {
    for (const cycleId of await cycleFolders()) {
      const there = journals.has(cycleId) || (await exists(join(dir, cycleId, JOURNAL_NAME)));
      if (there) await (await journalOf(cycleId)).compact();
    }
  };
  const upkeep: UpkeepPart = {
    purge: async (cutoff) => {
      await foldJournals();
      const purged = await files.purge!(cutoff);
      const kept = new Set(await cycleFolders());
      for (const cycleId of journals.keys()) if (!kept.has(cycleId)) journals.delete(cycleId);
      return purged;
    },
    erase: async (aadObjectId, pseudonym) => {
      await foldJournals();
      return files.erase!(aadObjectId, pseudonym);
    },
  };

  return {
    methods,
    flush: async () => {
      await Promise.all(
        [...journals.values()].map((opening) =>
          opening.then(
            (j) => j.flush(),
            () => {},
          ),
        ),
      );
      await flush();
    },
    upkeep,
  };
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );
