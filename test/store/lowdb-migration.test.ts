// core.json written by an older bot: migrated once on open, after a backup copy of the file as it was.
import { describe, expect, it } from '@jest/globals';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sampleConversation, samplePerson, sampleTeam, sampleUnit } from './samples.js';
import { useCleanup } from './temp-dir.js';

const cleanup = useCleanup();

const open = (dataDir: string) => cleanup.openStore(dataDir);

/** core.json as version 1 of the bot wrote it: no units, no roles. */
const versionOne = () =>
  JSON.stringify({
    schemaVersion: 1,
    people: { 'aad-ada': samplePerson() },
    conversations: { [sampleConversation().conversationId]: sampleConversation() },
    teams: { [sampleTeam().id]: sampleTeam() },
    cardActions: { 'card-1:v1': '2025-03-04T09:00:00.000Z' },
  });

describe('lowdb store migrating core.json from schemaVersion 1 to 2', () => {
  it('keeps everything, adds empty units and roles, and leaves a backup of the version-1 file', async () => {
    const dataDir = await cleanup.tempDir();
    const core = join(dataDir, 'core.json');
    await writeFile(core, versionOne());

    const store = await open(dataDir);
    expect(await store.person('aad-ada')).toEqual(samplePerson());
    expect(await store.personalConversation('aad-ada')).toEqual(sampleConversation());
    expect(await store.team(sampleTeam().id)).toEqual(sampleTeam());
    expect(
      await store.claimCardAction('card-1:v1', '2025-03-04T10:00:00.000Z', '2025-03-01T00:00:00.000Z'),
    ).toBe(false);
    expect(await store.units()).toEqual([]);
    expect(await store.peopleWithRoles()).toEqual([]);

    expect(await readFile(`${core}.v1.bak`, 'utf8')).toBe(versionOne());
    const migrated = JSON.parse(await readFile(core, 'utf8'));
    expect(migrated).toEqual({
      ...JSON.parse(versionOne()),
      schemaVersion: 2,
      units: {},
      roles: {},
      jobRuns: {},
      // Moved to their day's file, where the claim above found it.
      cardActions: {},
    });
    const day = await readFile(join(dataDir, 'card-actions', '2025-03-04.jsonl'), 'utf8');
    expect(
      day
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual([
      { schemaVersion: 1, day: '2025-03-04' },
      { key: 'card-1:v1', at: '2025-03-04T09:00:00.000Z' },
    ]);
  });

  it('migrates once: the next open reads version 2 as it is, with no new backup', async () => {
    const dataDir = await cleanup.tempDir();
    const core = join(dataDir, 'core.json');
    await writeFile(core, versionOne());
    const first = await open(dataDir);
    await first.saveUnit(sampleUnit());
    await first.close();
    // Opened again, the store folds the save journalled into core.json: after that it has no reason to write.
    await (await open(dataDir)).close();
    await rm(`${core}.v1.bak`);
    const written = (await stat(core)).ino;

    const second = await open(dataDir);
    expect(await second.units()).toEqual([sampleUnit()]);
    expect((await stat(core)).ino).toBe(written);
    expect((await readdir(dataDir)).filter((name) => name.startsWith('core.json'))).toEqual(['core.json']);
  });
});
