// The lowdb store's share of retention purges and erasures for data kept as many small files (partition-files.ts):
// check-ins, actions and broadcasts. A whole file is deleted when all it holds has expired (an unlink is atomic);
// a file that keeps some of its records is rewritten through the same atomic write as every save. A file is
// read for an erasure only when its text holds the person's id, so an erasure opens just the files about them.
import type { Action } from '../domain/actions.js';
import type { Broadcast } from '../domain/broadcasts.js';
import { CycleId, type Cycle, type MeasureRecord, type UnitCheckins } from '../domain/checkins.js';
import { cycleMonday } from '../domain/cycles.js';
import {
  addCounts,
  erasedAction,
  erasedBroadcast,
  erasedCycle,
  erasedLatestAnswers,
  erasedResponses,
  erasedUnitCheckins,
  mentions,
  type ErasureCounts,
} from '../domain/erasure.js';
import {
  broadcastExpired,
  cycleExpired,
  deletionExpired,
  monthExpired,
  type RetentionCutoff,
} from '../domain/retention.js';
import { isActionMonth } from './action-changes.js';
import { isBatchFileStem } from './batch-names.js';
import { isBroadcastId } from './store.js';
import type { Opened, Partitions } from './partition-files.js';
import { validRecord } from './records.js';
import { FILES_AT_ONCE, inTurns, type UpkeepPart } from './upkeep.js';

type Versioned = { schemaVersion: number };
type Opener<T extends Versioned> = (name: string) => Promise<Opened<T>>;

const isCycleFolder = (name: string) => CycleId.safeParse(name).success;
/** A unit's file in a cycle's folder or in latest/: temporary files and backups have other endings. */
const isUnitFile = (name: string) => name.endsWith('.json') && isBatchFileStem(name.slice(0, -5));

export type CheckinOpeners = {
  cycle: Opener<Versioned & { cycle: Cycle | null }>;
  unit: (cycleId: string, name: string) => Promise<Opened<Versioned & UnitCheckins>>;
  latest: Opener<Versioned & { measures: Record<string, MeasureRecord> }>;
};

export function checkinFilesUpkeep(files: Partitions, open: CheckinOpeners): UpkeepPart {
  /** Whether the week has expired: by its cycle's opening day, or by its Monday when it has none. */
  async function expired(cycleId: string, cutoff: RetentionCutoff): Promise<boolean> {
    const monday = cycleMonday(cycleId);
    // A cycle opens on or after its Monday: a week that starts at or after the cutoff is kept unread.
    if (!cycleExpired(monday, cutoff)) return false;
    const cycle = (await open.cycle(cycleId)).db.data.cycle;
    return cycleExpired(cycle?.openingDay ?? monday, cutoff);
  }

  return {
    purge: async (cutoff) => {
      let cycles = 0;
      const weeks = (await files.list([])).filter(isCycleFolder);
      await inTurns(weeks, FILES_AT_ONCE, async (name) => {
        if (!(await expired(name, cutoff))) return;
        // The cycle's file goes last, so a week cut short is still found by its cycle.
        await files.removeFolder([name], 'cycle.json');
        cycles++;
      });
      let latestAnswers = 0;
      await inTurns((await files.list(['latest'])).filter(isUnitFile), FILES_AT_ONCE, (file) =>
        files.change(open.latest(file), (data) => {
          const gone = Object.entries(data.measures).filter(([, a]) => cycleExpired(a.openingDay, cutoff));
          for (const [measureId] of gone) delete data.measures[measureId];
          latestAnswers += gone.length;
          return gone.length > 0;
        }),
      );
      return { cycles, latestAnswers };
    },

    erase: async (id, pseudonym) => {
      let counts: Partial<ErasureCounts> = {};
      const eraseCycle = (name: string) =>
        files.change(open.cycle(name), (data) => {
          if (!data.cycle || !mentions(data.cycle, id)) return false;
          const erased = erasedCycle(data.cycle, id, pseudonym);
          data.cycle = validRecord('cycles', erased.record);
          counts = addCounts(counts, erased.counts);
        });
      const eraseUnit = (name: string, file: string) =>
        files.change(open.unit(name, file), (data) => {
          const { pulses, measures, copies } = data;
          if (!mentions({ pulses, measures, copies }, id)) return false;
          const erased = erasedUnitCheckins({ pulses, measures, copies }, id, pseudonym);
          Object.assign(data, erased.record);
          counts = addCounts(counts, erased.counts);
        });
      const eraseLatest = (file: string) =>
        files.change(open.latest(file), (data) => {
          if (!mentions(data.measures, id)) return false;
          data.measures = erasedLatestAnswers(data.measures, id, pseudonym).record!;
        });
      const paths: string[][] = [];
      for (const folder of [...(await files.list([])).filter(isCycleFolder), 'latest'])
        for (const file of (await files.list([folder])).filter(isUnitFile)) paths.push([folder, file]);
      await inTurns(paths, FILES_AT_ONCE, async ([folder, file]) => {
        if (!(await files.mentions([folder!, file!], id))) return;
        if (folder === 'latest') await eraseLatest(file!);
        else if (file === 'cycle.json') await eraseCycle(folder!);
        else await eraseUnit(folder!, file!);
      });
      return counts;
    },
  };
}

const monthOf = (name: string) => /^(\d{4}-\d{2})\.json$/.exec(name)?.[1];

export function actionFilesUpkeep(
  files: Partitions,
  month: Opener<Versioned & { actions: Record<string, Action> }>,
): UpkeepPart {
  const months = async () =>
    (await files.list([])).flatMap((name) => {
      const found = monthOf(name);
      return found && isActionMonth(found) ? [found] : [];
    });
  return {
    purge: async (cutoff) => {
      let actionMonths = 0;
      let deletedActions = 0;
      await inTurns(await months(), FILES_AT_ONCE, async (name) => {
        if (monthExpired(name, cutoff)) {
          await files.remove([`${name}.json`]);
          actionMonths++;
          return;
        }
        await files.change(month(name), (data) => {
          const gone = Object.values(data.actions).filter((action) => deletionExpired(action, cutoff));
          for (const action of gone) delete data.actions[action.id];
          deletedActions += gone.length;
          return gone.length > 0;
        });
      });
      return { actionMonths, deletedActions };
    },
    erase: async (id, pseudonym) => {
      let counts: Partial<ErasureCounts> = {};
      await inTurns(await months(), FILES_AT_ONCE, async (name) => {
        if (!(await files.mentions([`${name}.json`], id))) return;
        await files.change(month(name), (data) => {
          const touched = Object.values(data.actions).filter((action) => mentions(action, id));
          for (const action of touched) {
            const erased = erasedAction(action, id, pseudonym);
            data.actions[action.id] = validRecord('actions', erased.record);
            counts = addCounts(counts, erased.counts);
          }
          return touched.length > 0;
        });
      });
      return counts;
    },
  };
}

export type BroadcastOpeners = {
  broadcast: Opener<Versioned & { broadcast: Broadcast | null }>;
  responses: Opener<Versioned & { acknowledged: Record<string, string>; read: Record<string, string> }>;
};

export function broadcastFilesUpkeep(files: Partitions, open: BroadcastOpeners): UpkeepPart {
  const ids = async () =>
    (await files.list([])).flatMap((name) => {
      const id = /^([^.]+)\.json$/.exec(name)?.[1];
      return id !== undefined && isBroadcastId(id) ? [id] : [];
    });
  return {
    purge: async (cutoff) => {
      let broadcasts = 0;
      await inTurns(await ids(), FILES_AT_ONCE, async (id) => {
        const broadcast = (await open.broadcast(id)).db.data.broadcast;
        if (!broadcast || !broadcastExpired(broadcast, cutoff)) return;
        // Responses first: a broadcast cut short is still listed, and found again by the next purge.
        await files.remove([`${id}.responses.json`]);
        await files.remove([`${id}.json`]);
        broadcasts++;
      });
      return { broadcasts };
    },
    erase: async (id, pseudonym) => {
      let counts: Partial<ErasureCounts> = {};
      await inTurns(await ids(), FILES_AT_ONCE, async (broadcastId) => {
        if (await files.mentions([`${broadcastId}.json`], id))
          await files.change(open.broadcast(broadcastId), (data) => {
            if (!data.broadcast || !mentions(data.broadcast, id)) return false;
            const erased = erasedBroadcast(data.broadcast, id, pseudonym);
            data.broadcast = validRecord('broadcasts', erased.record);
            counts = addCounts(counts, erased.counts);
          });
        if (await files.mentions([`${broadcastId}.responses.json`], id))
          await files.change(open.responses(broadcastId), (data) => {
            if (!mentions([data.acknowledged, data.read], id)) return false;
            for (const kind of ['acknowledged', 'read'] as const) {
              const erased = erasedResponses(data[kind], id, pseudonym);
              data[kind] = erased.record!;
              counts = addCounts(counts, erased.counts);
            }
          });
      });
      return counts;
    },
  };
}
