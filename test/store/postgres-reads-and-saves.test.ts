// What the PostgreSQL store does to stay quick under load, against a real server: it keeps the cycles it read and
// fetches one again only when its row changed, whoever changed it (another instance on the schema, a hand edit),
// and a save that changes nothing locks no row (a lock is a write to the log, and a wait for the disk).
import { afterAll, describe, expect, it } from '@jest/globals';
import { openPostgresStore } from '../../src/store/postgres-store.js';
import { KEPT_CYCLES } from '../../src/store/postgres/cycle-reads.js';
import type { Store } from '../../src/store/store.js';
import {
  adminQuery,
  dropSchema,
  freshSchemaName,
  postgresForTests,
  TEST_DATABASE_URL,
} from './postgres-test-db.js';
import { sampleConversation, sampleCycle, samplePerson } from './samples.js';

if (await postgresForTests('postgres reads and saves')) {
  describe('postgres store: cycles kept between reads, saves that change nothing', () => {
    const schema = freshSchemaName();
    const stores: Store[] = [];
    const open = async () => {
      const store = await openPostgresStore({ connectionString: TEST_DATABASE_URL, schema });
      stores.push(store);
      return store;
    };
    afterAll(async () => {
      for (const store of stores) await store.close();
      await dropSchema(schema);
    });
    const week = (n: number) => `2026-W${String(n).padStart(2, '0')}`;

    it('hands out the same cycle again while its row is unchanged, and sees another instance change it', async () => {
      const [one, two] = [await open(), await open()];
      await one.createCycle(sampleCycle({ id: week(10) }));
      const first = await one.cycle(week(10));
      expect(await one.cycle(week(10))).toBe(first);
      expect(await one.latestCycle()).toBe(first);

      const nudged = '2026-03-04T12:05:00.000Z';
      await two.saveCycle({ ...(await two.cycle(week(10)))!, nudgedAt: nudged });
      expect((await one.cycle(week(10)))?.nudgedAt).toBe(nudged);
      expect((await one.latestCycle())?.nudgedAt).toBe(nudged);
      expect((await one.cycles()).find((cycle) => cycle.id === week(10))?.nudgedAt).toBe(nudged);
      expect(Object.isFrozen(await one.cycle(week(10)))).toBe(true);
    });

    it('sees a change made by hand in the database, and a cycle deleted', async () => {
      const store = await open();
      await store.createCycle(sampleCycle({ id: week(11) }));
      expect((await store.cycle(week(11)))?.expected).toEqual({ 'aad-ada': '19:ward-7@thread.tacv2' });
      await adminQuery(
        `UPDATE "${schema}".cycles SET doc = jsonb_set(doc, '{expected}', '{"aad-grace": "19:ward-8"}')
         WHERE cycle_id = $1`,
        [week(11)],
      );
      expect((await store.cycle(week(11)))?.expected).toEqual({ 'aad-grace': '19:ward-8' });
      await adminQuery(`DELETE FROM "${schema}".cycles WHERE cycle_id = $1`, [week(11)]);
      expect(await store.cycle(week(11))).toBeUndefined();
    });

    it('keeps only the last few cycles read, and reads a let-go one again correctly', async () => {
      const store = await open();
      const ids = Array.from({ length: KEPT_CYCLES + 3 }, (_, i) => week(20 + i));
      for (const id of ids) await store.createCycle(sampleCycle({ id }));
      const firstRead = await store.cycle(ids[0]!);
      for (const id of ids.slice(1)) await store.cycle(id);
      // Let go: read again, equal but not the same object.
      const again = await store.cycle(ids[0]!);
      expect(again).toEqual(firstRead);
      expect(again).not.toBe(firstRead);
      // The last read is still kept.
      const last = ids.at(-1)!;
      expect(await store.cycle(last)).toBe(await store.cycle(last));
    });

    /** The row's xmax: the last transaction to lock or delete it; a save that locks it changes this. */
    const lastLocker = async (table: string, key: string, id: string) => {
      const [row] = await adminQuery<{ xmax: string }>(
        `SELECT xmax::text FROM "${schema}".${table} WHERE ${key} = $1`,
        [id],
      );
      return row?.xmax;
    };

    it('locks no row when a person or a conversation is saved unchanged, and still saves changes', async () => {
      const store = await open();
      const person = samplePerson({ aadObjectId: 'aad-unchanged' });
      await store.savePerson(person);
      const personLocker = await lastLocker('people', 'aad_object_id', 'aad-unchanged');
      await store.savePerson({ ...person });
      expect(await lastLocker('people', 'aad_object_id', 'aad-unchanged')).toBe(personLocker);
      await store.savePerson({ ...person, name: 'Ada King' });
      expect((await store.person('aad-unchanged'))?.name).toBe('Ada King');

      const chat = sampleConversation({ conversationId: 'a:unchanged', aadObjectId: 'aad-unchanged' });
      await store.saveConversation(chat);
      const lockers = async () => [
        await lastLocker('conversations', 'conversation_id', 'a:unchanged'),
        await lastLocker('personal_chats', 'aad_object_id', 'aad-unchanged'),
      ];
      const before = await lockers();
      await store.saveConversation({ ...chat });
      expect(await lockers()).toEqual(before);
      expect((await store.personalConversation('aad-unchanged'))?.conversationId).toBe('a:unchanged');
      // The person's chat moves to a new conversation: both saved.
      await store.saveConversation({ ...chat, conversationId: 'a:unchanged-2' });
      expect((await store.personalConversation('aad-unchanged'))?.conversationId).toBe('a:unchanged-2');
    });
  });
}
