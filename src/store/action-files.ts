// Patient input actions on disk, one file per month their ids begin with:
//   actions/<YYYY-MM>.json     { schemaVersion, actions: { <id>: action } }
// A save rewrites only its own month's file; a month is opened on first use and kept (partition-files.ts), so
// old months cost nothing until something reads them, and a damaged month stops only what reaches it.
import { readdir } from 'node:fs/promises';
import { z } from 'zod';
import type { Action } from '../domain/actions.js';
import {
  actionOrder,
  checkMonth,
  isActionMonth,
  newestMonthFirst,
  partitionOf,
  unitActionsIn,
  type ActionMethods,
} from './action-changes.js';
import type { Gate, OpenDb } from './db.js';
import { actionFilesUpkeep } from './file-upkeep.js';
import { openPartitions } from './partition-files.js';
import { recordSchemas, validRecord } from './records.js';

const VERSION = 1 as const;
export const MonthFile = z.object({
  schemaVersion: z.literal(VERSION),
  actions: z
    .record(z.string(), recordSchemas.actions)
    .refine((actions) => Object.entries(actions).every(([id, action]) => id === action.id), {
      message: 'every action must be filed under its own id',
    }),
});
type MonthFile = z.infer<typeof MonthFile>;

const monthFileName = /^(.+)\.json$/;

export async function openActionFiles(dir: string, gate: Gate, openDb: OpenDb) {
  const partitions = await openPartitions(dir, gate, openDb);
  const { open, change, flush } = partitions;
  // checkMonth runs before the name is built: an id such as '../2026-11-x' never names a file.
  const monthFile = (month: string) =>
    open<MonthFile>([`${checkMonth(month)}.json`], MonthFile, () => ({
      schemaVersion: VERSION,
      actions: {},
    }));

  const actionMonths = async () => {
    const months = (await readdir(dir)).map((name) => monthFileName.exec(name)?.[1] ?? '');
    return months.filter(isActionMonth).sort(newestMonthFirst);
  };

  const methods: ActionMethods = {
    action: async (id) => {
      const { db } = await monthFile(partitionOf(id));
      return structuredClone(Object.hasOwn(db.data.actions, id) ? db.data.actions[id] : undefined);
    },
    saveAction: async (action) => {
      gate.refuseIfClosed();
      const valid = validRecord('actions', action);
      await change(monthFile(partitionOf(valid.id)), (data) => {
        // Parsed records share their schema's key order, so equal actions serialise alike.
        if (JSON.stringify(data.actions[valid.id]) === JSON.stringify(valid)) return false;
        data.actions[valid.id] = valid;
      });
    },
    monthActions: async (month) => {
      const { db } = await monthFile(month);
      return structuredClone(Object.values(db.data.actions).sort(actionOrder));
    },
    actionMonths,
    // The saved records themselves, frozen: every write above, and upkeep's, replaces a record, never changes
    // one in place, so what was handed out stays as it was read.
    unitActions: async (unitIds, fromMonth) => {
      checkMonth(fromMonth);
      const wanted = new Set(unitIds);
      const found: Action[] = [];
      for (const month of await actionMonths()) {
        if (month < fromMonth) break;
        found.push(...unitActionsIn(Object.values((await monthFile(month)).db.data.actions), wanted));
      }
      return found;
    },
  };

  return { methods, flush, upkeep: actionFilesUpkeep(partitions, monthFile) };
}
