// The lowdb store refusing core.json when it cannot trust it: the open stops, naming the file and the
// problem, the file is left exactly as it was, and the lock is released so a repaired file opens at once.
import { describe, expect, it } from '@jest/globals';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StoreFileError } from '../../src/store/json-file.js';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import { samplePerson } from './samples.js';
import { useCleanup } from './temp-dir.js';

const cleanup = useCleanup();
const lock = { waitMs: 0 };

describe('lowdb store refusing a data file it cannot trust', () => {
  const valid = () => ({
    schemaVersion: 2,
    people: {},
    conversations: {},
    teams: {},
    units: {},
    roles: {},
    cardActions: {},
  });
  const cases: Array<[string, string, RegExp]> = [
    ['is not valid JSON', '{"schemaVersion": 1, "people": {"aad-ada": {"name": "Ada', /not valid JSON/],
    [
      'fails its schema',
      JSON.stringify({ ...valid(), people: { 'aad-ada': { ...samplePerson(), guest: 'no' } } }),
      /does not match its schema[\s\S]*people[\s\S]*guest/,
    ],
    ['has no schemaVersion', JSON.stringify({ ...valid(), schemaVersion: undefined }), /no schemaVersion/],
    [
      'comes from a newer version',
      JSON.stringify({ ...valid(), schemaVersion: 3 }),
      /newer version.*schemaVersion 3/,
    ],
  ];

  it.each(cases)(
    'stops the open when core.json %s, naming the file, and leaves it untouched',
    async (_, text, problem) => {
      const dataDir = await cleanup.tempDir();
      const core = join(dataDir, 'core.json');
      await writeFile(core, text);
      const before = await stat(core);

      const opening = openLowdbStore({ dataDir, lock });
      opening.then(
        (store) => cleanup.defer(() => store.close()),
        () => undefined,
      );
      await expect(opening).rejects.toThrow(StoreFileError);
      await expect(opening).rejects.toThrow(problem);
      await expect(opening).rejects.toThrow(core);
      expect(await readFile(core, 'utf8')).toBe(text);
      expect((await stat(core)).ino).toBe(before.ino);
      expect((await readdir(dataDir)).filter((name) => name.startsWith('core.json'))).toEqual(['core.json']);

      // The refused open released its lock: once the file is put right, the store opens at once.
      await writeFile(core, JSON.stringify(valid()));
      const store = await openLowdbStore({ dataDir, lock });
      await store.close();
    },
  );
});
