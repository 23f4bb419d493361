// core.json's journal (core-journal.ts) on real files: single-record saves land in it, it is folded into
// core.json when the store opens, when it grows too large and by every whole rewrite (erasure included), and
// a torn or damaged journal is handled as a crash or as damage.
import { describe, expect, it } from '@jest/globals';
import { appendFile, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { checkDataDir } from '../../src/store/check-data-dir.js';
import { coreJsonFile, emptyCore, type CoreFile } from '../../src/store/core-file.js';
import { CORE_JOURNAL_NAME, CoreJournal } from '../../src/store/core-journal.js';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import { sampleSettings } from './contract-settings.js';
import { sampleConversation, samplePerson } from './samples.js';
import { fileExists as exists, useCleanup } from './temp-dir.js';

const cleanup = useCleanup();
const lock = { waitMs: 0 };

const open = (dataDir: string) => cleanup.openStore(dataDir);

const paths = (dataDir: string) => ({
  core: join(dataDir, 'core.json'),
  journal: join(dataDir, CORE_JOURNAL_NAME),
});

const coreOnDisk = async (dataDir: string): Promise<CoreFile> =>
  JSON.parse(await readFile(paths(dataDir).core, 'utf8')) as CoreFile;

/** A store whose core.json exists (a rewrite on its first settings save), with people saved after it. */
async function withPeopleSaved(dataDir: string, names: string[]) {
  const store = await open(dataDir);
  await store.saveSettings(sampleSettings());
  for (const name of names) await store.savePerson(samplePerson({ aadObjectId: `aad-${name}`, name }));
  return store;
}

describe('core journal', () => {
  it('keeps single-record saves in the journal, not core.json, and folds them in when the store opens again', async () => {
    const dataDir = await cleanup.tempDir();
    const { journal } = paths(dataDir);
    const store = await withPeopleSaved(dataDir, ['ada', 'grace']);
    await store.saveConversation(sampleConversation());
    const lines = (await readFile(journal, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(4); // the header and one line per save
    expect(JSON.parse(lines[0]!)).toEqual({ schemaVersion: 1 });
    expect(JSON.parse(lines[3]!)).toEqual({
      table: 'conversations',
      key: sampleConversation().conversationId,
      record: sampleConversation(),
    });
    expect((await coreOnDisk(dataDir)).people).toEqual({});
    expect(await store.personalConversation('aad-ada')).toEqual(sampleConversation());
    await store.close();

    const again = await open(dataDir);
    expect(await exists(journal)).toBe(false);
    expect(Object.keys((await coreOnDisk(dataDir)).people).sort()).toEqual(['aad-ada', 'aad-grace']);
    expect(await again.person('aad-grace')).toEqual(
      samplePerson({ aadObjectId: 'aad-grace', name: 'grace' }),
    );
    expect(await again.personalConversation('aad-ada')).toEqual(sampleConversation());
  });

  it('replays a removal, and the later of two saves of one record', async () => {
    const dataDir = await cleanup.tempDir();
    const store = await open(dataDir);
    await store.saveRoles('aad-ada', { admin: true, lead: false, managerOf: [] });
    await store.saveRoles('aad-grace', { admin: true, lead: false, managerOf: [] });
    await store.saveRoles('aad-ada', { admin: false, lead: false, managerOf: [] });
    await store.savePerson(samplePerson({ name: 'Ada' }));
    await store.savePerson(samplePerson({ name: 'Ada L.' }));
    await store.close();

    const again = await open(dataDir);
    expect((await again.peopleWithRoles()).map((held) => held.aadObjectId)).toEqual(['aad-grace']);
    expect((await again.person('aad-ada'))?.name).toBe('Ada L.');
  });

  it('folds the journal into core.json with every whole rewrite', async () => {
    const dataDir = await cleanup.tempDir();
    const store = await withPeopleSaved(dataDir, ['ada']);
    expect(await exists(paths(dataDir).journal)).toBe(true);
    await store.saveSettings(sampleSettings({ anonymityMin: 9 }));
    expect(await exists(paths(dataDir).journal)).toBe(false);
    expect(Object.keys((await coreOnDisk(dataDir)).people)).toEqual(['aad-ada']);
    await store.savePerson(samplePerson({ aadObjectId: 'aad-grace' }));
    expect(await exists(paths(dataDir).journal)).toBe(true);
  });

  it('leaves no trace of an erased person in the journal or core.json', async () => {
    const dataDir = await cleanup.tempDir();
    const store = await withPeopleSaved(dataDir, []);
    await store.savePerson(samplePerson({ name: 'Ada Lovelace' }));
    await store.savePerson(samplePerson({ aadObjectId: 'aad-grace', name: 'Grace Hopper' }));
    await store.erasePerson('aad-ada', 'erased-1');
    expect(await exists(paths(dataDir).journal)).toBe(false);
    const core = await readFile(paths(dataDir).core, 'utf8');
    expect(core).not.toContain('Ada Lovelace');
    expect(core).toContain('Grace Hopper');
  });

  it('folds the journal once it passes its limit, and every save is kept', async () => {
    const dataDir = await cleanup.tempDir();
    const db = new Low<CoreFile>(coreJsonFile(dataDir), emptyCore());
    await db.read();
    const journal = await CoreJournal.open(paths(dataDir).journal, db, { limit: 2_000 });
    const save = async (n: number) => {
      const person = samplePerson({ aadObjectId: `aad-${n}` });
      db.data.people[person.aadObjectId] = person;
      await journal.save('people', person.aadObjectId, person);
    };
    await Promise.all(Array.from({ length: 30 }, (_, n) => save(n)));
    await journal.flush();
    const folded = Object.keys((await coreOnDisk(dataDir)).people).length;
    expect(folded).toBeGreaterThan(0);
    const left = (await exists(paths(dataDir).journal))
      ? (await readFile(paths(dataDir).journal, 'utf8')).trimEnd().split('\n').length - 1
      : 0;
    expect((await stat(paths(dataDir).core)).size).toBeGreaterThan(2_000);
    expect(left).toBeLessThan(30);
    // Every save is in core.json or in what is left of the journal, and a reopen has them all.
    const reread = new Low<CoreFile>(coreJsonFile(dataDir), emptyCore());
    await reread.read();
    await CoreJournal.open(paths(dataDir).journal, reread);
    expect(Object.keys(reread.data.people)).toHaveLength(30);
  });

  it('leaves out a line torn by a crash, keeping the saves before it', async () => {
    const dataDir = await cleanup.tempDir();
    const store = await withPeopleSaved(dataDir, ['ada']);
    await store.close();
    await appendFile(paths(dataDir).journal, '{"table":"people","key":"aad-grace","rec');
    expect(await checkDataDir(dataDir)).toEqual([]);
    const again = await open(dataDir);
    expect(await again.person('aad-ada')).toBeDefined();
    expect(await again.person('aad-grace')).toBeUndefined();
    expect(await exists(paths(dataDir).journal)).toBe(false);
  });

  it('refuses a damaged journal, naming it and the line, and changes nothing', async () => {
    const dataDir = await cleanup.tempDir();
    const store = await withPeopleSaved(dataDir, ['ada', 'grace']);
    await store.close();
    const { journal, core } = paths(dataDir);
    const lines = (await readFile(journal, 'utf8')).split('\n');
    lines[2] = '{"table":"people","key":"aad-grace","record":{"name":42}}';
    const damaged = lines.join('\n');
    await writeFile(journal, damaged);
    const coreBefore = await readFile(core, 'utf8');

    await expect(openLowdbStore({ dataDir, lock })).rejects.toThrow(/core\.journal\.jsonl[\s\S]*line 3/);
    expect(await readFile(journal, 'utf8')).toBe(damaged);
    expect(await readFile(core, 'utf8')).toBe(coreBefore);
    expect(await checkDataDir(dataDir)).toEqual([
      { file: CORE_JOURNAL_NAME, problem: expect.stringMatching(/line 3/) },
    ]);
  });

  it("refuses a line naming '__proto__', which would replace a table's prototype", async () => {
    const dataDir = await cleanup.tempDir();
    await writeFile(
      paths(dataDir).journal,
      '{"schemaVersion":1}\n' +
        `${JSON.stringify({ table: 'people', key: '__proto__', record: samplePerson() })}\n`,
    );
    await expect(openLowdbStore({ dataDir, lock })).rejects.toThrow(/line 2/);
    expect(({} as Record<string, unknown>).aadObjectId).toBeUndefined();
  });
});
