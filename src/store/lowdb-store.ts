// The embedded Store: lowdb over JSON files in DATA_DIR, guarded by a data-directory lock.
// Partitioned: core.json holds the small, always-needed state (people, conversations, teams, card actions);
// growing history (answers, actions, deliveries, audit) gets files of its own per period as it arrives.
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { z } from 'zod';
import { ConversationRef, Person, Team } from '../domain/roster.js';
import { lockDataDir, type LockOptions } from './data-dir-lock.js';
import { isTemporaryFile, JsonFile } from './json-file.js';
import { validRecord, type RecordOf, type RecordTable } from './records.js';
import { StoreClosedError, type Store } from './store.js';

const CORE_VERSION = 1;
const CoreFile = z.object({
  schemaVersion: z.literal(CORE_VERSION),
  people: z.record(z.string(), Person),
  conversations: z.record(z.string(), ConversationRef),
  teams: z.record(z.string(), Team),
  cardActions: z.record(z.string(), z.string()),
});
type CoreFile = z.infer<typeof CoreFile>;

const emptyCore = (): CoreFile => ({
  schemaVersion: CORE_VERSION,
  people: {},
  conversations: {},
  teams: {},
  cardActions: {},
});

export type LowdbStoreOptions = { dataDir: string; lock?: LockOptions };

export async function openLowdbStore({ dataDir, lock }: LowdbStoreOptions): Promise<Store> {
  await mkdir(dataDir, { recursive: true });
  const unlock = await lockDataDir(dataDir, lock);
  try {
    await removeTemporaryFiles(dataDir);
    const coreFile = new JsonFile({
      file: join(dataDir, 'core.json'),
      schemaVersion: CORE_VERSION,
      schema: CoreFile,
    });
    const core = new Low<CoreFile>(coreFile, emptyCore());
    await core.read();
    return coreStore(core, coreFile, unlock);
  } catch (error) {
    await unlock();
    throw error;
  }
}

function coreStore(core: Low<CoreFile>, file: JsonFile<CoreFile>, unlock: () => Promise<void>): Store {
  const copy = <T>(value: T | undefined): T | undefined =>
    value === undefined ? undefined : structuredClone(value);
  const writer = coreWriter(core);
  const put = <K extends RecordTable>(table: K, key: string, value: RecordOf<K>) =>
    putRecord(core, writer, table, key, value);
  return {
    person: async (id) => copy(core.data.people[id]),
    savePerson: (person) => put('people', person.aadObjectId, person),
    conversation: async (id) => copy(core.data.conversations[id]),
    personalConversation: async (aadObjectId) =>
      copy(
        Object.values(core.data.conversations).find(
          (c) => c.scope === 'personal' && c.aadObjectId === aadObjectId,
        ),
      ),
    saveConversation: (conversation) => put('conversations', conversation.conversationId, conversation),
    team: async (id) => copy(core.data.teams[id]),
    saveTeam: (team) => put('teams', team.id, team),
    claimCardAction: (key, at, forgetBefore) => claimCardAction(core, writer, key, at, forgetBefore),
    close: async () => {
      if (writer.closed) return;
      writer.close();
      await file.flush();
      await unlock();
    },
  };
}

type CoreWriter = {
  write(): Promise<void>;
  /** Refuses saves from now on: a write queued after close() could land after the lock is released. */
  close(): void;
  readonly closed: boolean;
  /** The last write to finish failed: a retried save must write, though it changes nothing in memory. */
  readonly fileBehind: boolean;
};

function coreWriter(core: Low<CoreFile>): CoreWriter {
  let closed = false;
  let fileBehind = false;
  return {
    get closed() {
      return closed;
    },
    get fileBehind() {
      return fileBehind;
    },
    close: () => void (closed = true),
    async write() {
      try {
        await core.write();
        fileBehind = false;
      } catch (error) {
        fileBehind = true;
        throw error;
      }
    },
  };
}

// Every record write goes through here: records that did not change are not written again.
async function putRecord<K extends RecordTable>(
  core: Low<CoreFile>,
  writer: CoreWriter,
  table: K,
  key: string,
  value: RecordOf<K>,
): Promise<void> {
  if (writer.closed) throw new StoreClosedError();
  const record = validRecord(table, value);
  const records = core.data[table] as Record<string, RecordOf<K>>;
  if (!writer.fileBehind && JSON.stringify(records[key]) === JSON.stringify(record)) return;
  records[key] = record;
  await writer.write();
}

async function claimCardAction(
  core: Low<CoreFile>,
  writer: CoreWriter,
  key: string,
  at: string,
  forgetBefore: string,
): Promise<boolean> {
  if (writer.closed) throw new StoreClosedError();
  const actions = core.data.cardActions;
  for (const [known, claimedAt] of Object.entries(actions))
    if (claimedAt < forgetBefore) delete actions[known];
  if (actions[key] !== undefined) return false;
  actions[key] = at;
  try {
    await writer.write();
  } catch (error) {
    // Not on disk, so not claimed: the caller saw the failure, and its retry must be able to claim the key.
    if (actions[key] === at) delete actions[key];
    throw error;
  }
  return true;
}

async function removeTemporaryFiles(dataDir: string): Promise<void> {
  for (const name of await readdir(dataDir)) {
    if (isTemporaryFile(name)) await rm(join(dataDir, name), { force: true });
  }
}
