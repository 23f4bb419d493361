// Migrations at start-up: applied once under a lock however many instances start together, recorded, all or
// nothing, and a schema nobody planned (an edited migration, a newer bot's) refused by name.
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase } from '../../src/store/postgres/connection.js';
import { migrate, readMigrations } from '../../src/store/postgres/migrations.js';
import { openPostgresStore } from '../../src/store/postgres-store.js';
import type { Store } from '../../src/store/store.js';
import {
  adminQuery,
  dropSchema,
  freshSchemaName,
  postgresForTests,
  TEST_DATABASE_URL,
} from './postgres-test-db.js';
import { samplePerson } from './samples.js';

const schemas: string[] = [];
const stores: Store[] = [];
const newSchema = () => {
  const schema = freshSchemaName();
  schemas.push(schema);
  return schema;
};
const open = async (schema: string) => {
  const store = await openPostgresStore({ connectionString: TEST_DATABASE_URL, schema });
  stores.push(store);
  return store;
};
const applied = (schema: string) =>
  adminQuery<{ version: number; name: string; applied_at: Date }>(
    `SELECT version, name, applied_at FROM "${schema}".schema_migrations ORDER BY version`,
  );

afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  for (const schema of schemas.splice(0)) await dropSchema(schema);
});

if (await postgresForTests('postgres migrations')) {
  describe('postgres migrations', () => {
    it('migrates once when several instances open an empty schema together, and all of them work', async () => {
      const schema = newSchema();
      const files = await readMigrations();
      expect(files.map((file) => file.name)).toContain('0001_initial.sql');

      const [first, second, third] = await Promise.all([open(schema), open(schema), open(schema)]);
      expect((await applied(schema)).map((row) => row.name)).toEqual(files.map((file) => file.name));
      await first!.savePerson(samplePerson());
      expect(await second!.person('aad-ada')).toEqual(samplePerson());
      expect(await third!.people()).toEqual([samplePerson()]);
    });

    it('applies nothing again when the schema is up to date, and keeps the data', async () => {
      const schema = newSchema();
      const store = await open(schema);
      await store.savePerson(samplePerson());
      const before = await applied(schema);
      await store.close();
      const reopened = await open(schema);
      expect(await applied(schema)).toEqual(before);
      expect(await reopened.person('aad-ada')).toEqual(samplePerson());
    });

    it('uses a schema made for it, without asking to create one', async () => {
      const schema = newSchema();
      await adminQuery(`CREATE SCHEMA "${schema}"`);
      await open(schema);
      expect((await applied(schema)).length).toBeGreaterThan(0);
    });

    it('refuses to start when a migration changed after it was applied, naming the file', async () => {
      const schema = newSchema();
      await (await open(schema)).close();
      await adminQuery(`UPDATE "${schema}".schema_migrations SET checksum = 'edited' WHERE version = 1`);
      await expect(open(schema)).rejects.toThrow(/0001_initial\.sql has changed since it was applied/);
    });

    it('refuses to start on a schema a newer version of the bot has migrated', async () => {
      const schema = newSchema();
      await (await open(schema)).close();
      await adminQuery(
        `INSERT INTO "${schema}".schema_migrations (version, name, checksum) VALUES (9999, '9999_later.sql', 'x')`,
      );
      await expect(open(schema)).rejects.toThrow(/has migration 9999_later\.sql, which this version/);
    });

    it('applies all pending migrations or none: a failing one leaves no schema behind', async () => {
      const schema = newSchema();
      const dir = await mkdtemp(join(tmpdir(), 'pp-migrations-'));
      try {
        await writeFile(join(dir, '0001_people.sql'), 'CREATE TABLE people (id text PRIMARY KEY);');
        await writeFile(join(dir, '0002_broken.sql'), 'CREATE TABLE nonsense (id no_such_type);');
        const migrations = await readMigrations(pathToFileURL(`${dir}/`));
        const db = openDatabase({ connectionString: TEST_DATABASE_URL, schema });
        try {
          await expect(db.transaction([], (query) => migrate(query, schema, migrations))).rejects.toThrow(
            /no_such_type/,
          );
        } finally {
          await db.close();
        }
        const found = await adminQuery('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
        expect(found).toEqual([]);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('refuses migration files not named NNNN_words.sql, or two with one number', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'pp-migrations-'));
      try {
        await writeFile(join(dir, '0001_initial.sql'), 'SELECT 1;');
        await writeFile(join(dir, 'notes.md'), 'not a migration, not read');
        expect((await readMigrations(pathToFileURL(`${dir}/`))).map((m) => m.version)).toEqual([1]);
        await writeFile(join(dir, '0001_again.sql'), 'SELECT 1;');
        await expect(readMigrations(pathToFileURL(`${dir}/`))).rejects.toThrow(/two migration files/);
        await rm(join(dir, '0001_again.sql'));
        await writeFile(join(dir, 'Add Users.sql'), 'SELECT 1;');
        await expect(readMigrations(pathToFileURL(`${dir}/`))).rejects.toThrow(
          /Add Users\.sql must be named/,
        );
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('refuses a schema name that would need quoting, before connecting', async () => {
      await expect(
        openPostgresStore({ connectionString: TEST_DATABASE_URL, schema: 'x; DROP SCHEMA public' }),
      ).rejects.toThrow(/is not a schema name the store can use/);
    });

    it('names the server it could not reach, never the password', async () => {
      const unreachable = 'postgres://bot:hunter2-secret@127.0.0.1:1/partnership';
      const opening = openPostgresStore({ connectionString: unreachable, schema: 'public' });
      await expect(opening).rejects.toThrow(
        /could not open schema public of PostgreSQL at 127\.0\.0\.1:1\/partnership/,
      );
      await expect(opening).rejects.not.toThrow(/hunter2/);
    });
  });
}
