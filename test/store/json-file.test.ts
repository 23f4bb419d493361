// The JsonFile adapter on its own, with a toy schema: validation, migration with a backup, ordered writes.
import { describe, expect, it } from '@jest/globals';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { JsonFile, StoreFileError, type Migration } from '../../src/store/json-file.js';
import { useCleanup } from './temp-dir.js';

const cleanup = useCleanup();

const NoteV1 = z.object({ schemaVersion: z.literal(1), name: z.string() });
const NoteV2 = z.object({ schemaVersion: z.literal(2), title: z.string(), tags: z.array(z.string()) });
const NoteV3 = z.object({
  schemaVersion: z.literal(3),
  title: z.string(),
  tags: z.array(z.string()),
  pinned: z.boolean(),
});

const renameToTitle: Migration = ({ name, ...rest }) => ({ ...rest, title: name, tags: [] });
const addPinned: Migration = (data) => ({ ...data, pinned: false });

async function noteFile(contents?: unknown): Promise<string> {
  const file = join(await cleanup.tempDir(), 'notes.json');
  if (contents !== undefined) await writeFile(file, JSON.stringify(contents, null, 2));
  return file;
}

describe('JsonFile', () => {
  it('reads nothing (null) when the file does not exist yet, and creates nothing', async () => {
    const file = await noteFile();
    expect(await new JsonFile({ file, schemaVersion: 1, schema: NoteV1 }).read()).toBeNull();
    expect(await readdir(join(file, '..'))).toEqual([]);
  });

  it('reads back what it wrote', async () => {
    const file = await noteFile();
    const notes = new JsonFile({ file, schemaVersion: 1, schema: NoteV1 });
    await notes.write({ schemaVersion: 1, name: 'ward round' });
    expect(await new JsonFile({ file, schemaVersion: 1, schema: NoteV1 }).read()).toEqual({
      schemaVersion: 1,
      name: 'ward round',
    });
  });

  it('refuses a document that fails the schema, naming the file and the field', async () => {
    const file = await noteFile({ schemaVersion: 1, name: 42 });
    const reading = new JsonFile({ file, schemaVersion: 1, schema: NoteV1 }).read();
    await expect(reading).rejects.toThrow(StoreFileError);
    await expect(reading).rejects.toThrow(
      /notes\.json does not match its schema[\s\S]*expected string[\s\S]*name/,
    );
  });

  describe('migration', () => {
    it('backs the old file up, migrates it, writes it with the new schemaVersion and validates it', async () => {
      const file = await noteFile({ schemaVersion: 1, name: 'ward round' });
      const original = await readFile(file);
      const notes = new JsonFile({
        file,
        schemaVersion: 2,
        schema: NoteV2,
        migrations: { 1: renameToTitle },
      });

      const migrated = { schemaVersion: 2, title: 'ward round', tags: [] };
      expect(await notes.read()).toEqual(migrated);
      expect(await readFile(`${file}.v1.bak`)).toEqual(original);
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(migrated);
    });

    it('runs each step in turn from an older version, with one backup of the file as it was', async () => {
      const file = await noteFile({ schemaVersion: 1, name: 'ward round' });
      const original = await readFile(file);
      const notes = new JsonFile({
        file,
        schemaVersion: 3,
        schema: NoteV3,
        migrations: { 1: renameToTitle, 2: addPinned },
      });

      expect(await notes.read()).toEqual({ schemaVersion: 3, title: 'ward round', tags: [], pinned: false });
      expect(await readFile(`${file}.v1.bak`)).toEqual(original);
      expect((await readdir(join(file, '..'))).sort()).toEqual(['notes.json', 'notes.json.v1.bak']);
    });

    it('migrates once: a file already at the current version is read as it is, with no new backup', async () => {
      const file = await noteFile({ schemaVersion: 1, name: 'ward round' });
      const options = { file, schemaVersion: 2, schema: NoteV2, migrations: { 1: renameToTitle } };
      await new JsonFile(options).read();
      await rm(`${file}.v1.bak`);
      const written = (await stat(file)).ino;

      expect(await new JsonFile(options).read()).toEqual({ schemaVersion: 2, title: 'ward round', tags: [] });
      expect((await stat(file)).ino).toBe(written);
      expect(await readdir(join(file, '..'))).toEqual(['notes.json']);
    });

    it('refuses a file with no migration from its version, and leaves it untouched', async () => {
      const file = await noteFile({ schemaVersion: 1, name: 'ward round' });
      const original = await readFile(file);
      const reading = new JsonFile({
        file,
        schemaVersion: 3,
        schema: NoteV3,
        migrations: { 1: renameToTitle },
      }).read();

      await expect(reading).rejects.toThrow(StoreFileError);
      await expect(reading).rejects.toThrow(/notes\.json has schemaVersion 2 and no migration from it/);
      expect(await readFile(file)).toEqual(original);
    });

    it('refuses a migration whose result fails the schema, and leaves the file untouched', async () => {
      const file = await noteFile({ schemaVersion: 1, name: 'ward round' });
      const original = await readFile(file);
      const forgetsTags: Migration = ({ name, ...rest }) => ({ ...rest, title: name });
      const reading = new JsonFile({
        file,
        schemaVersion: 2,
        schema: NoteV2,
        migrations: { 1: forgetsTags },
      }).read();

      await expect(reading).rejects.toThrow(/does not match its schema[\s\S]*tags/);
      expect(await readFile(file)).toEqual(original);
    });
  });

  it('lands writes in call order, so the last one asked for is the one on disk', async () => {
    const file = await noteFile();
    const notes = new JsonFile({ file, schemaVersion: 1, schema: NoteV1 });
    // Earlier writes are larger and so slower: writes that overtook each other would leave an early one last.
    const count = 10;
    const writes = Array.from({ length: count }, (_, n) =>
      notes.write({ schemaVersion: 1, name: `${n}:${'x'.repeat((count - n) * 100_000)}` }),
    );
    await Promise.all(writes);
    await notes.flush();

    const onDisk = JSON.parse(await readFile(file, 'utf8')) as { name: string };
    expect(onDisk.name.split(':')[0]).toBe(String(count - 1));
    expect(await readdir(join(file, '..'))).toEqual(['notes.json']);
  });

  it('lets saves that arrive during a write share the next one, which writes the latest state', async () => {
    const file = await noteFile();
    const notes = new JsonFile({ file, schemaVersion: 1, schema: NoteV1 });
    const data = { schemaVersion: 1 as const, name: 'first' };
    const writes = [notes.write(data)];
    for (let i = 0; i < 20; i++) {
      data.name = `change ${i}`;
      writes.push(notes.write(data));
    }
    await Promise.all(writes);
    // Each whole-file write takes the next temporary file number.
    expect((notes as unknown as { sequence: number }).sequence).toBeLessThanOrEqual(2);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ schemaVersion: 1, name: 'change 19' });
  });
});
