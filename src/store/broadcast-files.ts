// Broadcasts on disk, two files for each, named by its id:
//   broadcasts/<id>.json             { schemaVersion, broadcast }   the broadcast itself, a few kilobytes at most
//   broadcasts/<id>.responses.json   { schemaVersion, acknowledged: { <aadObjectId>: at }, read: { ... } }
// A file per broadcast, not per month: ids are UUIDs that say nothing of the month, so a month's file could not
// be found from an id without an index of every broadcast, and a save would rewrite every other broadcast
// of its month with it. This way a save costs one broadcast's own file, however many broadcasts there are.
// The responses are kept apart because they grow with the audience (tens of thousands of ids) and are read
// only for a report or a new response, while the list (every minute, for the ones due) reads every record.
// Files are opened on first use and kept (partition-files.ts), so start-up reads none of them.
import { readdir } from 'node:fs/promises';
import { z } from 'zod';
import type { Broadcast } from '../domain/broadcasts.js';
import {
  broadcastOrder,
  checkBroadcastId,
  noBroadcastError,
  respondents,
  responsesOf,
  type BroadcastMethods,
  type ResponseKind,
} from './broadcast-changes.js';
import type { Gate, OpenDb } from './db.js';
import { broadcastFilesUpkeep } from './file-upkeep.js';
import { openPartitions } from './partition-files.js';
import { recordSchemas, validRecord } from './records.js';
import { isBroadcastId } from './store.js';

const VERSION = 1 as const;
export const broadcastFileSchema = (id: string) =>
  z
    .object({ schemaVersion: z.literal(VERSION), broadcast: recordSchemas.broadcasts.nullable() })
    .refine((file) => file.broadcast === null || file.broadcast.id === id, {
      message: 'the broadcast must be filed under its own id',
    });
type BroadcastFile = z.infer<ReturnType<typeof broadcastFileSchema>>;

const { aadObjectId, at } = recordSchemas.broadcastResponses.shape;
export const ResponsesFile = z.object({
  schemaVersion: z.literal(VERSION),
  /** When each person first pressed "Got it", by aadObjectId. */
  acknowledged: z.record(aadObjectId, at),
  /** When each person was first seen to have read it, by aadObjectId. */
  read: z.record(aadObjectId, at),
});
type ResponsesFile = z.infer<typeof ResponsesFile>;

/** '<id>.json' only: '<id>.responses.json', temporary files and backups all have a second dot. */
const broadcastFileName = /^([^.]+)\.json$/;

export async function openBroadcastFiles(dir: string, gate: Gate, openDb: OpenDb) {
  const partitions = await openPartitions(dir, gate, openDb);
  const { open, change, flush } = partitions;
  // checkBroadcastId runs before a name is built: an id such as '../x' never names a file.
  const broadcastFile = (id: string) => {
    const checked = checkBroadcastId(id);
    return open<BroadcastFile>([`${checked}.json`], broadcastFileSchema(checked), () => ({
      schemaVersion: VERSION,
      broadcast: null,
    }));
  };
  const responsesFile = (id: string) =>
    open<ResponsesFile>([`${checkBroadcastId(id)}.responses.json`], ResponsesFile, () => ({
      schemaVersion: VERSION,
      acknowledged: {},
      read: {},
    }));

  /** Adds the person to the broadcast's acknowledged or read: true the first time only, once on disk. */
  async function respond(
    kind: ResponseKind,
    broadcastId: string,
    person: string,
    when: string,
  ): Promise<boolean> {
    gate.refuseIfClosed();
    const id = checkBroadcastId(broadcastId);
    const valid = validRecord('broadcastResponses', { aadObjectId: person, at: when });
    if (!(await broadcastFile(id)).db.data.broadcast) throw noBroadcastError(id, kind);
    const { db, writer, settled } = await responsesFile(id);
    for (;;) {
      gate.refuseIfClosed();
      const people = db.data[kind];
      if (!Object.hasOwn(people, valid.aadObjectId)) {
        people[valid.aadObjectId] = valid.at;
        try {
          await writer.write();
        } catch (error) {
          // Not on disk, so not recorded: the caller saw the failure, and its retry must count as the first.
          if (people[valid.aadObjectId] === valid.at) delete people[valid.aadObjectId];
          throw error;
        }
        return true;
      }
      // Known already, perhaps from a save still being written: the answer waits for that write.
      await settled();
      if (Object.hasOwn(db.data[kind], valid.aadObjectId)) {
        if (writer.fileBehind) {
          gate.refuseIfClosed();
          await writer.write();
        }
        return false;
      }
      // That write failed and its save took the person out again: this one is the first after all.
    }
  }

  const methods: BroadcastMethods = {
    broadcast: async (id) => structuredClone((await broadcastFile(id)).db.data.broadcast ?? undefined),
    broadcasts: async () => {
      const names = await readdir(dir);
      const ids = names.map((name) => broadcastFileName.exec(name)?.[1] ?? '').filter(isBroadcastId);
      const found = await Promise.all(ids.map(async (id) => (await broadcastFile(id)).db.data.broadcast));
      return structuredClone(found.filter((b): b is Broadcast => b !== null).sort(broadcastOrder));
    },
    saveBroadcast: async (broadcast) => {
      gate.refuseIfClosed();
      const valid = validRecord('broadcasts', broadcast);
      await change(broadcastFile(valid.id), (data) => {
        // Parsed records share their schema's key order, so equal broadcasts serialise alike.
        if (JSON.stringify(data.broadcast) === JSON.stringify(valid)) return false;
        data.broadcast = valid;
      });
    },
    acknowledge: (broadcastId, person, when) => respond('acknowledged', broadcastId, person, when),
    acknowledgedBy: async (id) => respondents(Object.keys((await responsesFile(id)).db.data.acknowledged)),
    recordRead: (broadcastId, person, when) => respond('read', broadcastId, person, when),
    readBy: async (id) => respondents(Object.keys((await responsesFile(id)).db.data.read)),
    broadcastResponses: async (id) => {
      const { acknowledged, read } = (await responsesFile(id)).db.data;
      return {
        acknowledged: responsesOf(Object.entries(acknowledged)),
        read: responsesOf(Object.entries(read)),
      };
    },
  };

  const upkeep = broadcastFilesUpkeep(partitions, { broadcast: broadcastFile, responses: responsesFile });
  return { methods, flush, upkeep };
}
