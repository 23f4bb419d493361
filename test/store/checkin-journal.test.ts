// The week's check-in journal (checkin-journal.ts) on real files: saves land in it, it is folded into the unit
// files when the store opens the week again, when it grows too large and before upkeep, and a torn or damaged
// journal is handled as a crash or as damage.
import { describe, expect, it } from '@jest/globals';
import { appendFile, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { batchFileStem } from '../../src/store/batch-names.js';
import { CheckinJournal, type Pending } from '../../src/store/checkin-journal.js';
import { checkDataDir } from '../../src/store/check-data-dir.js';
import { sampleCycle, samplePulse } from './samples.js';
import { fileExists as exists, useCleanup } from './temp-dir.js';

const cleanup = useCleanup();
const WARD = '19:ward-7@thread.tacv2';

const open = (dataDir: string) => cleanup.openStore(dataDir);

async function weekWithPulses(dataDir: string, people: string[]) {
  const store = await open(dataDir);
  const cycle = sampleCycle();
  await store.createCycle(cycle);
  await Promise.all(people.map((aadObjectId) => store.savePulse(cycle.id, samplePulse({ aadObjectId }))));
  const week = join(dataDir, 'checkins', cycle.id);
  const unitFile = join(week, `${batchFileStem(WARD)}.json`);
  return { store, cycle, week, journal: join(week, 'journal.jsonl'), unitFile };
}

describe('check-in journal', () => {
  it('keeps saves in the journal, not the unit file, and folds them in when the store opens the week again', async () => {
    const dataDir = await cleanup.tempDir();
    const { store, cycle, journal, unitFile } = await weekWithPulses(dataDir, ['aad-ada', 'aad-grace']);
    const lines = (await readFile(journal, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(3); // the header and one line per save
    expect(JSON.parse(lines[0]!)).toEqual({ schemaVersion: 1, cycleId: cycle.id });
    expect(await exists(unitFile)).toBe(false);
    expect(await store.checkinUnits(cycle.id)).toEqual([WARD]);
    await store.close();

    const again = await open(dataDir);
    const { pulses } = await again.unitCheckins(cycle.id, WARD);
    expect(Object.keys(pulses).sort()).toEqual(['aad-ada', 'aad-grace']);
    expect(await exists(journal)).toBe(false);
    expect(Object.keys(JSON.parse(await readFile(unitFile, 'utf8')).pulses).sort()).toEqual([
      'aad-ada',
      'aad-grace',
    ]);
  });

  it('leaves out a save torn by a crash mid-append (it was never acknowledged) and keeps the rest', async () => {
    const dataDir = await cleanup.tempDir();
    const { store, cycle, journal } = await weekWithPulses(dataDir, ['aad-ada']);
    await store.close();
    await appendFile(journal, '{"unitId":"19:ward-7@thread.tacv2","pulse":{"aadObjectId":"aad-gr');

    const again = await open(dataDir);
    expect(Object.keys((await again.unitCheckins(cycle.id, WARD)).pulses)).toEqual(['aad-ada']);
  });

  it('refuses a damaged journal with its name and leaves it as it was', async () => {
    const dataDir = await cleanup.tempDir();
    const { store, cycle, journal } = await weekWithPulses(dataDir, ['aad-ada', 'aad-grace']);
    await store.close();
    const lines = (await readFile(journal, 'utf8')).split('\n');
    lines[1] = '{"unitId":"19:ward-7@thread.tacv2","pulse":{"aadObjectId":42}}';
    const damaged = lines.join('\n');
    await writeFile(journal, damaged);

    const again = await open(dataDir);
    await expect(again.unitCheckins(cycle.id, WARD)).rejects.toThrow(/journal\.jsonl.*line 2/s);
    await expect(again.savePulse(cycle.id, samplePulse({ aadObjectId: 'aad-alan' }))).rejects.toThrow(
      /journal\.jsonl/,
    );
    expect(await readFile(journal, 'utf8')).toBe(damaged);
    expect((await checkDataDir(dataDir)).map((problem) => problem.file)).toEqual([
      `checkins/${cycle.id}/journal.jsonl`,
    ]);
  });

  it('folds the journal in before an erasure, so the person is found in saves not yet folded', async () => {
    const dataDir = await cleanup.tempDir();
    const { store, cycle, journal } = await weekWithPulses(dataDir, ['aad-ada', 'aad-grace']);
    const erasure = await store.erasePerson('aad-ada', 'former-1');
    expect(erasure.counts.pulses).toBe(1);
    expect(await exists(journal)).toBe(false);
    expect(Object.keys((await store.unitCheckins(cycle.id, WARD)).pulses).sort()).toEqual([
      'aad-grace',
      'former-1',
    ]);
  });

  it('folds itself into the unit files once it grows past its limit, losing no save', async () => {
    const dataDir = await cleanup.tempDir();
    const file = join(dataDir, 'journal.jsonl');
    const folded: string[] = [];
    const fold = async (unitId: string, pending: Pending) => void folded.push(...pending.pulses.keys());
    const journal = await CheckinJournal.open(file, '2026-W48', fold, 1_000);
    const people = Array.from({ length: 12 }, (_, n) => `aad-${n}`);
    for (const aadObjectId of people)
      await journal.append({ unitId: WARD, pulse: samplePulse({ aadObjectId }) });
    await journal.flush();

    const inFile = folded;
    const inJournal = [...(journal.pendingFor(WARD)?.pulses.keys() ?? [])];
    expect(inFile.length).toBeGreaterThan(0);
    expect(new Set([...inFile, ...inJournal])).toEqual(new Set(people));
    const size = await stat(file).then(
      (found) => found.size,
      () => 0,
    );
    expect(size).toBeLessThan(1_000 + 500);
  });
});
