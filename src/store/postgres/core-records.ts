// The small records most turns read: people, conversations, teams, units, roles, card action keys and job
// runs. A save that changes nothing writes nothing: an upsert only replaces a document that differs
// (`IS DISTINCT FROM`, which compares jsonb by value, whatever the key order).
import { byAadObjectId, byCode, byId, personOrder, unitOrder } from '../ordering.js';
import { grantsNothing, recordSchemas, validRecord, type RecordTable } from '../records.js';
import type { Store } from '../store.js';
import type { ActionMethods } from '../action-changes.js';
import type { BroadcastMethods } from '../broadcast-changes.js';
import type { CheckinMethods } from '../checkin-changes.js';
import type { DeliveryMethods } from '../delivery-changes.js';
import type { Database } from './connection.js';
import { fieldOf, jsonOf, recordOf, recordsOf, type DocRow } from './documents.js';

export type CoreMethods = Omit<
  Store,
  | 'appendAudit'
  | 'auditEntries'
  | 'close'
  | 'purgeBefore'
  | 'erasePerson'
  | keyof DeliveryMethods
  | keyof CheckinMethods
  | keyof ActionMethods
  | keyof BroadcastMethods
>;

/** A table of whole documents under one key column. */
type DocTable = { name: string; key: string };
const tables = {
  people: { name: 'people', key: 'aad_object_id' },
  conversations: { name: 'conversations', key: 'conversation_id' },
  teams: { name: 'teams', key: 'team_id' },
  units: { name: 'units', key: 'unit_id' },
  roles: { name: 'roles', key: 'aad_object_id' },
} satisfies Partial<Record<RecordTable, DocTable>>;

/**
 * A document saved as $1 → $2, in two data-changing parts for a WITH. Most turns save their person and
 * conversation unchanged, and an upsert whose update is skipped still locks the row: a lock is logged, so each
 * such save waited for a flush to disk. Updating only a row that differs and inserting only one that is
 * missing, a save that changes nothing locks nothing and waits for no disk. A save racing another's insert of
 * the same key meets it in ON CONFLICT, as before.
 */
const savedParts = ({ name, key }: DocTable) => ({
  changed: `UPDATE ${name} SET doc = $2::jsonb WHERE ${key} = $1::text AND doc IS DISTINCT FROM $2::jsonb`,
  added: `INSERT INTO ${name} (${key}, doc) SELECT $1::text, $2::jsonb
          WHERE NOT EXISTS (SELECT 1 FROM ${name} WHERE ${key} = $1::text)
          ON CONFLICT (${key}) DO UPDATE SET doc = EXCLUDED.doc WHERE ${name}.doc IS DISTINCT FROM EXCLUDED.doc`,
});

const upsert = (table: DocTable) => {
  const { changed, added } = savedParts(table);
  return `WITH changed AS (${changed}) ${added}`;
};

export function coreMethods(db: Database): CoreMethods {
  const one = async <K extends keyof typeof tables>(table: K, id: string) => {
    const { name, key } = tables[table];
    const [row] = await db.read<DocRow>(`SELECT ${key} AS key, doc FROM ${name} WHERE ${key} = $1`, [id]);
    return row && recordOf(table, row);
  };
  const all = async <K extends keyof typeof tables>(table: K) => {
    const { name, key } = tables[table];
    return recordsOf(table, await db.read<DocRow>(`SELECT ${key} AS key, doc FROM ${name}`));
  };
  const save = async <K extends keyof typeof tables>(table: K, id: string, record: unknown) => {
    const json = jsonOf(table, record);
    await db.write([`${table}:${id}`], (query) => query(upsert(tables[table]), [id, json]));
  };

  return {
    person: (id) => one('people', id),
    // Sorted here, not by SQL: names are ordered as people read them (ordering.ts), which no collation
    // every PostgreSQL server has can match.
    people: async () => (await all('people')).sort(personOrder),
    savePerson: async (person) => {
      const valid = validRecord('people', person);
      await save('people', valid.aadObjectId, valid);
    },
    conversation: (id) => one('conversations', id),
    personalConversation: async (aadObjectId) => {
      const [row] = await db.read<DocRow>(
        `SELECT c.conversation_id AS key, c.doc FROM personal_chats p
         JOIN conversations c ON c.conversation_id = p.conversation_id WHERE p.aad_object_id = $1`,
        [aadObjectId],
      );
      const chat = row && recordOf('conversations', row);
      return chat?.aadObjectId === aadObjectId ? chat : undefined;
    },
    saveConversation: (conversation) => saveConversation(db, conversation),
    team: (id) => one('teams', id),
    // Two fields of each team, not the documents: a team's document carries every member, and reading and
    // checking whole ones for each look-up was most of the CPU of a broadcast to people not yet in touch.
    teamsOf: async (aadObjectId) => {
      const rows = await db.read<{ team_id: string; service_url: unknown }>(
        `SELECT team_id, doc -> 'serviceUrl' AS service_url FROM teams
         WHERE doc -> 'members' ? $1 AND coalesce(doc -> 'members' -> $1 ->> 'removedAt', '') = ''`,
        [aadObjectId],
      );
      const serviceUrl = recordSchemas.teams.shape.serviceUrl;
      const found = rows.map(({ team_id: teamId, service_url: url }) => ({
        teamId,
        serviceUrl: fieldOf('teams', teamId, 'serviceUrl', serviceUrl, url),
      }));
      return found.sort((a, b) => byCode(a.teamId, b.teamId));
    },
    saveTeam: async (team) => {
      const valid = validRecord('teams', team);
      await save('teams', valid.id, valid);
    },
    unit: (id) => one('units', id),
    units: async () => (await all('units')).sort(unitOrder),
    saveUnit: async (unit) => {
      const valid = validRecord('units', unit);
      await save('units', valid.id, valid);
    },
    roles: (aadObjectId) => one('roles', aadObjectId),
    saveRoles: async (aadObjectId, roles) => {
      const valid = validRecord('roles', roles);
      if (!grantsNothing(valid)) return save('roles', aadObjectId, valid);
      await db.write([`roles:${aadObjectId}`], (query) =>
        query('DELETE FROM roles WHERE aad_object_id = $1', [aadObjectId]),
      );
    },
    peopleWithRoles: async () => {
      const rows = await db.read<DocRow>('SELECT aad_object_id AS key, doc FROM roles');
      return rows.map((row) => ({ aadObjectId: row.key, roles: recordOf('roles', row) })).sort(byAadObjectId);
    },
    claimCardAction: (key, at, forgetBefore) => claimCardAction(db, key, at, forgetBefore),
    claimJobRun: async (job, runKey) => {
      // Only a later run replaces the last one claimed; the upsert's row lock makes racing claims take turns.
      const claimed = await db.write([], (query) =>
        query(
          `INSERT INTO job_runs (job, run_key) VALUES ($1, $2)
           ON CONFLICT (job) DO UPDATE SET run_key = EXCLUDED.run_key WHERE job_runs.run_key < EXCLUDED.run_key
           RETURNING job`,
          [job, runKey],
        ),
      );
      return claimed.length === 1;
    },
    lastJobRun: async (job) => {
      const [row] = await db.read<{ run_key: string }>('SELECT run_key FROM job_runs WHERE job = $1', [job]);
      return row?.run_key;
    },
    // Sorted here, as people are: the JavaScript order of ids, which byte order differs from for a few.
    conversations: async () =>
      (await all('conversations')).sort((a, b) => byCode(a.conversationId, b.conversationId)),
    teams: async () => (await all('teams')).sort(byId),
    jobRuns: async () => {
      const rows = await db.read<{ job: string; run_key: string }>('SELECT job, run_key FROM job_runs');
      return rows.map((row) => ({ job: row.job, runKey: row.run_key })).sort((a, b) => byCode(a.job, b.job));
    },
    settings: async () => {
      const [row] = await db.read<DocRow>("SELECT 'settings' AS key, doc FROM settings");
      return row && recordOf('settings', row);
    },
    saveSettings: async (settings) => {
      const json = jsonOf('settings', validRecord('settings', settings));
      await db.write(['settings'], (query) =>
        query(
          `INSERT INTO settings (doc) VALUES ($1::jsonb)
           ON CONFLICT (only_row) DO UPDATE SET doc = EXCLUDED.doc WHERE settings.doc IS DISTINCT FROM EXCLUDED.doc`,
          [json],
        ),
      );
    },
  };
}

/**
 * The conversation, and for a personal one its person's 1:1 chat, in one statement: both or neither; each part
 * locks nothing when it changes nothing (savedParts).
 */
async function saveConversation(db: Database, conversation: unknown): Promise<void> {
  const valid = validRecord('conversations', conversation);
  const json = jsonOf('conversations', valid);
  const personal = valid.scope === 'personal' && valid.aadObjectId ? valid.aadObjectId : null;
  const keys = [`conversations:${valid.conversationId}`, ...(personal ? [`personal:${personal}`] : [])];
  const saved = savedParts(tables.conversations);
  await db.write(keys, (query) =>
    query(
      `WITH changed AS (${saved.changed}), added AS (${saved.added}),
         chat_changed AS (
           UPDATE personal_chats SET conversation_id = $1::text
           WHERE aad_object_id = $3::text AND conversation_id IS DISTINCT FROM $1::text
         )
       INSERT INTO personal_chats (aad_object_id, conversation_id) SELECT $3::text, $1::text
       WHERE $3::text IS NOT NULL AND NOT EXISTS (SELECT 1 FROM personal_chats WHERE aad_object_id = $3::text)
       ON CONFLICT (aad_object_id) DO UPDATE SET conversation_id = EXCLUDED.conversation_id
       WHERE personal_chats.conversation_id IS DISTINCT FROM EXCLUDED.conversation_id`,
      [valid.conversationId, json, personal],
    ),
  );
}

/**
 * True the first time a key is claimed: a new key, or one whose last claim is older than forgetBefore (as
 * good as forgotten). The other keys past forgetBefore are deleted by the same statement, so a claim and its
 * clean-up are saved together.
 */
async function claimCardAction(
  db: Database,
  key: string,
  at: string,
  forgetBefore: string,
): Promise<boolean> {
  const claimed = await db.write([], (query) =>
    query(
      `WITH forgotten AS (DELETE FROM card_actions WHERE claimed_at < $3 AND action_key <> $1)
       INSERT INTO card_actions (action_key, claimed_at) VALUES ($1, $2)
       ON CONFLICT (action_key) DO UPDATE SET claimed_at = EXCLUDED.claimed_at
       WHERE card_actions.claimed_at < $3
       RETURNING action_key`,
      [key, at, forgetBefore],
    ),
  );
  return claimed.length === 1;
}
