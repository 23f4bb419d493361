// Settings in core.json on real files: files written before settings existed still open, saved settings
// survive a restart, and a file whose settings are invalid stops start-up untouched.
import { describe, expect, it } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import { sampleSettings } from './contract-settings.js';
import { samplePerson } from './samples.js';
import { useCleanup } from './temp-dir.js';

const cleanup = useCleanup();

const open = (dataDir: string) => cleanup.openStore(dataDir);

/** core.json as the bot wrote it before the settings card: schemaVersion 2, no settings. */
const beforeSettings = () =>
  JSON.stringify({
    schemaVersion: 2,
    people: { 'aad-ada': samplePerson() },
    conversations: {},
    teams: {},
    units: {},
    roles: {},
    cardActions: {},
    jobRuns: { 'member-sync': '2026-11-24T03:00:00.000Z' },
  });

describe('lowdb store: settings in core.json', () => {
  it('opens a file written before settings existed, with none set, and keeps everything else', async () => {
    const dataDir = await cleanup.tempDir();
    await writeFile(join(dataDir, 'core.json'), beforeSettings());
    const store = await open(dataDir);
    expect(await store.settings()).toBeUndefined();
    expect(await store.person('aad-ada')).toEqual(samplePerson());
    expect(await store.lastJobRun('member-sync')).toBe('2026-11-24T03:00:00.000Z');
  });

  it('keeps saved settings on disk across a restart', async () => {
    const dataDir = await cleanup.tempDir();
    await writeFile(join(dataDir, 'core.json'), beforeSettings());
    const first = await open(dataDir);
    await first.saveSettings(sampleSettings());
    await first.close();
    expect(JSON.parse(await readFile(join(dataDir, 'core.json'), 'utf8')).settings).toEqual(sampleSettings());
    const second = await open(dataDir);
    expect(await second.settings()).toEqual(sampleSettings());
    expect(await second.person('aad-ada')).toEqual(samplePerson());
  });

  it('refuses to start on settings no card could have saved, naming the file, and leaves it as it was', async () => {
    const dataDir = await cleanup.tempDir();
    const core = join(dataDir, 'core.json');
    const invalid = JSON.stringify({
      ...JSON.parse(beforeSettings()),
      settings: sampleSettings({ anonymityMin: 1 }),
    });
    await writeFile(core, invalid);
    await expect(openLowdbStore({ dataDir, lock: { waitMs: 0 } })).rejects.toThrow(
      new RegExp(`${core}[\\s\\S]*anonymityMin`),
    );
    expect(await readFile(core, 'utf8')).toBe(invalid);
  });
});
