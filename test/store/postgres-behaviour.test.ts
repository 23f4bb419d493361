// What the PostgreSQL store promises beyond the shared contract: saves that change nothing write nothing,
// saves land in the order they were made, a write is committed when it resolves, close() lets the writes
// under way finish, rows are checked when read, and two instances on one database agree on every "first".
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { InvalidRowError } from '../../src/store/postgres/documents.js';
import { openPostgresStore } from '../../src/store/postgres-store.js';
import { InvalidRecordError } from '../../src/store/records.js';
import type { Store } from '../../src/store/store.js';
import {
  adminQuery,
  dropSchema,
  freshSchemaName,
  postgresForTests,
  TEST_DATABASE_URL,
} from './postgres-test-db.js';
import {
  sampleAction,
  sampleBroadcast,
  sampleCycle,
  samplePerson,
  sampleTeam,
  sampleUnit,
} from './samples.js';

const T1 = '2026-11-23T10:00:00.000Z';

if (await postgresForTests('postgres store behaviour')) {
  describe('postgres store behaviour', () => {
    let schema: string;
    let store: Store;
    let other: Store | undefined;
    const open = () => openPostgresStore({ connectionString: TEST_DATABASE_URL, schema });
    const table = (name: string) => `"${schema}".${name}`;
    /** The row version's transaction id: a save that writes makes a new row version, one that does not, none. */
    const rowVersion = async (name: string, where: string) =>
      (await adminQuery<{ xmin: string }>(`SELECT xmin FROM ${table(name)} WHERE ${where}`))[0]?.xmin;

    beforeEach(async () => {
      schema = freshSchemaName();
      store = await open();
    });
    afterEach(async () => {
      await store.close();
      await other?.close();
      other = undefined;
      await dropSchema(schema);
    });

    it('writes nothing for a save that changes nothing, and writes a save that does', async () => {
      await store.savePerson(samplePerson());
      await store.saveUnit(sampleUnit());
      await store.saveAction(sampleAction());
      await store.saveBroadcast(sampleBroadcast());
      await store.createCycle(sampleCycle());
      const rows = [
        ['people', "aad_object_id = 'aad-ada'"],
        ['units', `unit_id = '${sampleUnit().id}'`],
        ['actions', "action_id = '2026-11-a1'"],
        ['broadcasts', "broadcast_id = 'b1'"],
        ['cycles', "cycle_id = '2026-W48'"],
      ] as const;
      const before = await Promise.all(rows.map(([name, where]) => rowVersion(name, where)));

      // Equal records built afresh, with their keys in another order: the same document.
      await store.savePerson({ ...samplePerson(), name: 'Ada Lovelace' });
      await store.saveUnit(sampleUnit());
      await store.saveAction(sampleAction());
      await store.saveBroadcast(sampleBroadcast());
      await store.saveCycle(sampleCycle());
      expect(await Promise.all(rows.map(([name, where]) => rowVersion(name, where)))).toEqual(before);

      await store.savePerson(samplePerson({ name: 'Ada King' }));
      expect(await rowVersion('people', "aad_object_id = 'aad-ada'")).not.toEqual(before[0]);
    });

    it('lands saves of one record in the order they were made, though the pool has many connections', async () => {
      const names = Array.from({ length: 30 }, (_, i) => `Ada ${i}`);
      await Promise.all(names.map((name) => store.savePerson(samplePerson({ name }))));
      expect((await store.person('aad-ada'))?.name).toBe('Ada 29');
    });

    it('has committed a write when it resolves: another connection sees it at once', async () => {
      await store.savePerson(samplePerson());
      const [row] = await adminQuery<{ doc: unknown }>(
        `SELECT doc FROM ${table('people')} WHERE aad_object_id = 'aad-ada'`,
      );
      expect(row?.doc).toEqual(samplePerson());
    });

    it('lets every write asked for before close() finish, and refuses those after', async () => {
      const people = Array.from({ length: 20 }, (_, i) =>
        samplePerson({ aadObjectId: `aad-${i}`, teamsUserId: `29:${i}` }),
      );
      const saving = people.map((person) => store.savePerson(person));
      const closing = store.close();
      await expect(store.savePerson(samplePerson())).rejects.toThrow(/refused a save after close/);
      await Promise.all([...saving, closing]);
      const [row] = await adminQuery<{ count: string }>(`SELECT count(*) FROM ${table('people')}`);
      expect(row?.count).toBe('20');
    });

    it('refuses a row that no longer matches its schema when it is read, naming it', async () => {
      await store.savePerson(samplePerson());
      await adminQuery(
        `UPDATE ${table('people')} SET doc = jsonb_set(doc, '{guest}', '"maybe"') WHERE aad_object_id = 'aad-ada'`,
      );
      await expect(store.person('aad-ada')).rejects.toThrow(InvalidRowError);
      await expect(store.people()).rejects.toThrow(/people record "aad-ada"[\s\S]*guest/);
    });

    it("checks the part of a team it reads for a person's teams, naming the team", async () => {
      await store.saveTeam(sampleTeam());
      await adminQuery(`UPDATE ${table('teams')} SET doc = jsonb_set(doc, '{serviceUrl}', '42')`);
      await expect(store.teamsOf('aad-ada')).rejects.toThrow(
        /teams record "19:ward-7@thread.tacv2"[\s\S]*serviceUrl/,
      );
    });

    it('refuses a record holding a NUL character, which PostgreSQL cannot store, and keeps nothing of it', async () => {
      await expect(store.savePerson(samplePerson({ name: 'Ada\u0000' }))).rejects.toThrow(InvalidRecordError);
      await expect(store.saveUnit(sampleUnit({ id: 'u\u0000' }))).rejects.toThrow(/U\+0000/);
      expect(await store.people()).toEqual([]);
      expect(await store.units()).toEqual([]);
    });

    it('erases all or nothing: a damaged row stops the erasure, and nothing of it is saved', async () => {
      await store.savePerson(samplePerson());
      await store.saveUnit(sampleUnit({ createdBy: 'aad-ada' }));
      await store.saveBroadcast(sampleBroadcast({ sender: 'aad-ada' }));
      await adminQuery(`UPDATE ${table('broadcasts')} SET doc = '{"sender": "aad-ada"}'`);
      await expect(store.erasePerson('aad-ada', 'erased-1')).rejects.toThrow(InvalidRowError);
      expect(await store.person('aad-ada')).toEqual(samplePerson());
      expect((await store.unit(sampleUnit().id))?.createdBy).toBe('aad-ada');
    });

    it('gives a person one pseudonym when two instances erase them at once', async () => {
      other = await open();
      await store.savePerson(samplePerson());
      await store.saveUnit(sampleUnit({ createdBy: 'aad-ada' }));
      const [first, second] = await Promise.all([
        store.erasePerson('aad-ada', 'erased-1'),
        other.erasePerson('aad-ada', 'erased-2'),
      ]);
      expect(first.counts.person + second.counts.person).toBe(1);
      const winner = first.counts.person === 1 ? first.pseudonym : second.pseudonym;
      expect((await store.unit(sampleUnit().id))?.createdBy).toBe(winner);
    });

    it('gives one "first" to two instances racing on one database', async () => {
      other = await open();
      await store.saveBroadcast(sampleBroadcast());
      const both = <T>(act: (s: Store) => Promise<T>) => Promise.all([act(store), act(other!)]);
      const firsts = [
        ...(await both((s) => s.claimCardAction('card-1:v1', T1, T1))),
        ...(await both((s) => s.claimJobRun('checkin-opens', T1))),
        ...(await both((s) => s.createCycle(sampleCycle()))),
        ...(await both((s) => s.acknowledge('b1', 'aad-ada', T1))),
        ...(await both((s) => s.recordRead('b1', 'aad-ada', T1))),
      ];
      expect(firsts.filter(Boolean)).toHaveLength(5);
      expect(await other.acknowledgedBy('b1')).toEqual(['aad-ada']);
    });
  });
}
