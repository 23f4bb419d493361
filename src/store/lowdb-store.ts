// The embedded Store: lowdb over JSON files in DATA_DIR, guarded by a data-directory lock.
// Partitioned: core.json holds the small, always-needed state (people, conversations, teams, units, roles,
// settings), with a journal of single-record saves beside it (core-journal.ts); growing history gets files of
// its own per period as it arrives (the audit log per month, check-ins per cycle and unit, patient input
// actions per month, card-action claims per day, broadcasts a file each and their responses another), and
// deliveries a journal per batch (plain files, not lowdb: see delivery-journal.ts).
import { access, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import type { ActionMethods } from './action-changes.js';
import { openActionFiles } from './action-files.js';
import { openAuditFiles } from './audit-files.js';
import type { BroadcastMethods } from './broadcast-changes.js';
import { openBroadcastFiles } from './broadcast-files.js';
import { openCardActionFiles } from './card-action-files.js';
import { openCheckinFiles } from './checkin-files.js';
import type { CheckinMethods } from './checkin-changes.js';
import { coreJsonFile, emptyCore, type CoreFile, type CoreTable } from './core-file.js';
import { CORE_JOURNAL_NAME, CoreJournal } from './core-journal.js';
import type { DeliveryMethods } from './delivery-changes.js';
import { openDeliveryFiles } from './delivery-files.js';
import { lockDataDir, type LockOptions } from './data-dir-lock.js';
import { lowdbUpkeep } from './lowdb-upkeep.js';
import { backupUpkeep } from './backup-upkeep.js';
import { openGate, type Gate, type OpenDb } from './db.js';
import { DIRECTORY_MODE, removeTemporaryFiles } from './json-file.js';
import { byAadObjectId, byCode, byId, personOrder, teamsOf, unitOrder } from './ordering.js';
import { grantsNothing, validRecord, type RecordOf } from './records.js';
import type { Store } from './store.js';

export type LowdbStoreOptions = { dataDir: string; lock?: LockOptions };

type Core = { db: Low<CoreFile>; writer: CoreJournal; gate: Gate };
type CoreRecords = Omit<
  Store,
  | 'appendAudit'
  | 'auditEntries'
  | 'claimCardAction'
  | 'close'
  | 'purgeBefore'
  | 'erasePerson'
  | keyof DeliveryMethods
  | keyof CheckinMethods
  | keyof ActionMethods
  | keyof BroadcastMethods
>;

const openDb: OpenDb = (file, empty) => new Low(file, empty);

export async function openLowdbStore({ dataDir, lock }: LowdbStoreOptions): Promise<Store> {
  await mkdir(dataDir, { recursive: true, mode: DIRECTORY_MODE });
  const unlock = await lockDataDir(dataDir, lock);
  try {
    await removeTemporaryFiles(dataDir);
    const file = coreJsonFile(dataDir);
    const coreMissing = await access(join(dataDir, 'core.json')).then(
      () => false,
      () => true,
    );
    const db = new Low<CoreFile>(file, emptyCore());
    await db.read();
    const gate = openGate();
    const audit = await openAuditFiles(join(dataDir, 'audit'), gate, openDb);
    const deliveries = await openDeliveryFiles(join(dataDir, 'deliveries'), gate);
    const checkins = await openCheckinFiles(join(dataDir, 'checkins'), gate, openDb);
    const actions = await openActionFiles(join(dataDir, 'actions'), gate, openDb);
    const broadcasts = await openBroadcastFiles(join(dataDir, 'broadcasts'), gate, openDb);
    const cardActions = await openCardActionFiles(join(dataDir, 'card-actions'), gate);
    const writer = await CoreJournal.open(join(dataDir, CORE_JOURNAL_NAME), db, { coreMissing });
    const core = { db, writer, gate };
    await moveCardActionsOutOfCore(core, cardActions.adopt);
    const upkeep = lowdbUpkeep(core, [
      checkins.upkeep,
      actions.upkeep,
      broadcasts.upkeep,
      deliveries.upkeep,
      { purge: audit.purge },
      backupUpkeep(dataDir),
    ]);
    const store: Store = {
      ...coreRecords(core),
      appendAudit: audit.append,
      auditEntries: audit.entries,
      claimCardAction: cardActions.claim,
      ...deliveries.methods,
      ...checkins.methods,
      ...actions.methods,
      ...broadcasts.methods,
      purgeBefore: upkeep.purgeBefore,
      erasePerson: upkeep.erasePerson,
      close: async () => {
        if (gate.closed) return;
        gate.close();
        await core.writer.flush();
        await Promise.all([
          file.flush(),
          audit.flush(),
          deliveries.flush(),
          checkins.flush(),
          actions.flush(),
          broadcasts.flush(),
          cardActions.flush(),
        ]);
        await unlock();
      },
    };
    await upkeep.resume();
    return store;
  } catch (error) {
    await unlock();
    throw error;
  }
}

// Ids come from outside (Teams, card data): 'constructor' or 'toString' must find no record, not what every
// object inherits.
const own = <T>(table: Record<string, T>, key: string): T | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;

// A JSON object cannot keep a record under '__proto__' (assigning it replaces the prototype, and the schema
// drops the key when the file is read), so that one id is refused rather than silently lost.
function refuseInheritedName(key: string): void {
  if (key === '__proto__')
    throw new RangeError("store: '__proto__' cannot be an id in a data file; nothing was saved.");
}

function coreRecords(core: Core): CoreRecords {
  // Read through db.data on every call rather than hold its tables: the document is lowdb's to replace.
  const data = () => core.db.data;
  const copy = <T>(value: T): T => structuredClone(value);
  const put = async <K extends CoreTable>(table: K, key: string, value: unknown) => {
    core.gate.refuseIfClosed();
    return putRecord(core, table, key, validRecord(table, value));
  };
  // Each person's 1:1 chat by their Entra id: every proactive send looks one up, so no scan of all chats.
  const personalChats = new Map<string, string>();
  for (const chat of Object.values(data().conversations)) {
    if (chat.scope === 'personal' && chat.aadObjectId)
      personalChats.set(chat.aadObjectId, chat.conversationId);
  }
  return {
    person: async (id) => copy(own(data().people, id)),
    people: async () => copy(Object.values(data().people).sort(personOrder)),
    savePerson: (person) => put('people', person.aadObjectId, person),
    conversation: async (id) => copy(own(data().conversations, id)),
    personalConversation: async (aadObjectId) => {
      const id = personalChats.get(aadObjectId);
      const chat = id === undefined ? undefined : own(data().conversations, id);
      return chat?.aadObjectId === aadObjectId ? copy(chat) : undefined;
    },
    saveConversation: async (conversation) => {
      await put('conversations', conversation.conversationId, conversation);
      if (conversation.scope === 'personal' && conversation.aadObjectId) {
        personalChats.set(conversation.aadObjectId, conversation.conversationId);
      }
    },
    team: async (id) => copy(own(data().teams, id)),
    teamsOf: async (aadObjectId) => teamsOf(Object.values(data().teams), aadObjectId),
    saveTeam: (team) => put('teams', team.id, team),
    unit: async (id) => copy(own(data().units, id)),
    units: async () => copy(Object.values(data().units).sort(unitOrder)),
    saveUnit: (unit) => put('units', unit.id, unit),
    roles: async (aadObjectId) => copy(own(data().roles, aadObjectId)),
    saveRoles: async (aadObjectId, saved) => {
      core.gate.refuseIfClosed();
      const record = validRecord('roles', saved);
      return putRecord(core, 'roles', aadObjectId, grantsNothing(record) ? undefined : record);
    },
    peopleWithRoles: async () => {
      const held = Object.entries(data().roles).map(([aadObjectId, roles]) => ({ aadObjectId, roles }));
      return copy(held.sort(byAadObjectId));
    },
    claimJobRun: (job, runKey) => claimJobRun(core, job, runKey),
    lastJobRun: async (job) => own(data().jobRuns, job),
    conversations: async () =>
      copy(Object.values(data().conversations).sort((a, b) => byCode(a.conversationId, b.conversationId))),
    teams: async () => copy(Object.values(data().teams).sort(byId)),
    jobRuns: async () =>
      Object.entries(data().jobRuns)
        .map(([job, runKey]) => ({ job, runKey }))
        .sort((a, b) => byCode(a.job, b.job)),
    settings: async () => copy(data().settings),
    saveSettings: async (settings) => saveSettings(core, validRecord('settings', settings)),
  };
}

// Every record write goes through here (undefined removes the record): a save that changes nothing writes
// nothing, unless the last write failed and the file is behind.
async function putRecord<K extends CoreTable>(
  { db, writer, gate }: Core,
  table: K,
  key: string,
  record: RecordOf<K> | undefined,
): Promise<void> {
  gate.refuseIfClosed();
  const records = db.data[table] as Record<string, RecordOf<K>>;
  refuseInheritedName(key);
  if (!writer.fileBehind && JSON.stringify(own(records, key)) === JSON.stringify(record)) return;
  if (record === undefined) delete records[key];
  else records[key] = record;
  await writer.save(table, key, record);
}

// Claims kept in core.json by earlier versions are moved to the day files once, here, rather than consulted
// read-only until they age out: read-only, core.json would keep them (and every core write would rewrite them)
// until something cleared them. The day files are on disk before core.json is cleared, so a stop in between
// leaves the claims in both, and the next open moves them again (a claim already filed is left as it is).
async function moveCardActionsOutOfCore(
  { db, writer }: Core,
  adopt: (claims: Record<string, string>) => Promise<void>,
): Promise<void> {
  if (Object.keys(db.data.cardActions).length === 0) return;
  await adopt(db.data.cardActions);
  db.data.cardActions = {};
  await writer.write();
}

async function saveSettings({ db, writer, gate }: Core, settings: RecordOf<'settings'>): Promise<void> {
  gate.refuseIfClosed();
  if (!writer.fileBehind && JSON.stringify(db.data.settings) === JSON.stringify(settings)) return;
  db.data.settings = settings;
  await writer.write();
}

async function claimJobRun({ db, writer, gate }: Core, job: string, runKey: string): Promise<boolean> {
  gate.refuseIfClosed();
  const runs = db.data.jobRuns;
  const before = runs[job];
  if (before !== undefined && before >= runKey) return false;
  runs[job] = runKey;
  try {
    await writer.write();
  } catch (error) {
    if (runs[job] === runKey) {
      if (before === undefined) delete runs[job];
      else runs[job] = before;
    }
    throw error;
  }
  return true;
}
