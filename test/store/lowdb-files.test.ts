// What the lowdb store does with core.json on disk: durability across restarts, no needless writes, leftovers
// of a crash ignored. Refusing a file it cannot trust: lowdb-refusal.test.ts; the audit log: lowdb-audit.test.ts.
import { describe, expect, it } from '@jest/globals';
import { mkdir, readdir, readFile, rmdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CORE_JOURNAL_NAME } from '../../src/store/core-journal.js';
import {
  sampleAudit,
  sampleConversation,
  sampleCycle,
  samplePerson,
  samplePulse,
  sampleTeam,
  sampleUnit,
} from './samples.js';
import { coreOnDisk } from '../support/core-on-disk.js';
import { useCleanup } from './temp-dir.js';

const cleanup = useCleanup();

const open = (dataDir: string) => cleanup.openStore(dataDir);

/** Changes with every write of core.json's data: a new file is renamed into place, or the journal grows. */
const coreWrites = async (dataDir: string) => ({
  core: await stat(join(dataDir, 'core.json')).then(
    ({ ino }) => ino,
    () => undefined,
  ),
  journal: await stat(join(dataDir, CORE_JOURNAL_NAME)).then(
    ({ size }) => size,
    () => 0,
  ),
});

describe('lowdb store files', () => {
  it('keeps everything across close and reopen', async () => {
    const dataDir = await cleanup.tempDir();
    const first = await open(dataDir);
    await first.savePerson(samplePerson());
    await first.saveConversation(sampleConversation());
    await first.saveTeam(sampleTeam());
    await first.saveUnit(sampleUnit());
    await first.saveRoles('aad-ada', { admin: false, lead: true, managerOf: ['u1'] });
    await first.appendAudit(sampleAudit('a1', '2025-03-04T09:00:00.000Z'));
    expect(
      await first.claimCardAction('card-1:v1', '2025-03-04T09:00:00.000Z', '2025-03-01T00:00:00.000Z'),
    ).toBe(true);
    await first.close();

    const second = await open(dataDir);
    expect(await second.person('aad-ada')).toEqual(samplePerson());
    expect(await second.conversation(sampleConversation().conversationId)).toEqual(sampleConversation());
    expect(await second.personalConversation('aad-ada')).toEqual(sampleConversation());
    expect(await second.team(sampleTeam().id)).toEqual(sampleTeam());
    expect(await second.units()).toEqual([sampleUnit()]);
    expect(await second.peopleWithRoles()).toEqual([
      { aadObjectId: 'aad-ada', roles: { admin: false, lead: true, managerOf: ['u1'] } },
    ]);
    expect(await second.auditEntries({ limit: 10 })).toEqual([sampleAudit('a1', '2025-03-04T09:00:00.000Z')]);
    expect(
      await second.claimCardAction('card-1:v1', '2025-03-04T10:00:00.000Z', '2025-03-01T00:00:00.000Z'),
    ).toBe(false);
  });

  it("refuses the unit id 'cycle', whose week file would be the week's own cycle.json, and keeps the cycle", async () => {
    const dataDir = await cleanup.tempDir();
    const store = await open(dataDir);
    const cycle = sampleCycle();
    await store.createCycle(cycle);
    await expect(store.savePulse(cycle.id, samplePulse({ unitId: 'cycle' }))).rejects.toThrow(/'cycle'/);
    await expect(store.unitCheckins(cycle.id, 'cycle')).rejects.toThrow(/'cycle'/);
    expect(await store.cycle(cycle.id)).toEqual(cycle);
  });

  it('writes nothing for a card copy it already knows', async () => {
    const dataDir = await cleanup.tempDir();
    const store = await open(dataDir);
    const cycle = sampleCycle();
    await store.createCycle(cycle);
    const copy = { aadObjectId: 'aad-ada', card: 'pulse', conversationId: 'a:chat', activityId: 'act-1' };
    await store.addCardCopy(cycle.id, 'u1', copy);
    const journal = join(dataDir, 'checkins', cycle.id, 'journal.jsonl');
    const written = (await stat(journal)).size;

    await store.addCardCopy(cycle.id, 'u1', { ...copy });
    expect((await stat(journal)).size).toBe(written);
    await store.addCardCopy(cycle.id, 'u1', { ...copy, activityId: 'act-2' });
    expect((await stat(journal)).size).toBeGreaterThan(written);
    expect((await store.unitCheckins(cycle.id, 'u1')).copies).toHaveLength(2);
  });

  it('writes core.json with schemaVersion 2', async () => {
    const dataDir = await cleanup.tempDir();
    const store = await open(dataDir);
    await store.savePerson(samplePerson());
    await store.close();
    // Opening again folds the saves journalled into core.json itself.
    await open(dataDir);
    expect(await coreWrites(dataDir)).toMatchObject({ journal: 0 });
    const core = JSON.parse(await readFile(join(dataDir, 'core.json'), 'utf8'));
    expect(core.schemaVersion).toBe(2);
    expect(core.people).toEqual({ 'aad-ada': samplePerson() });
    expect(core.units).toEqual({});
    expect(core.roles).toEqual({});
  });

  it('does not write for a save that changes nothing', async () => {
    const dataDir = await cleanup.tempDir();
    const store = await open(dataDir);
    await store.savePerson(samplePerson());
    await store.saveConversation(sampleConversation());
    await store.saveTeam(sampleTeam());
    await store.saveUnit(sampleUnit());
    await store.saveRoles('aad-ada', { admin: true, lead: false, managerOf: [] });
    const written = await coreWrites(dataDir);

    await store.savePerson(samplePerson());
    await store.saveConversation(sampleConversation());
    await store.saveTeam(sampleTeam());
    await store.saveUnit(sampleUnit());
    await store.saveRoles('aad-ada', { admin: true, lead: false, managerOf: [] });
    await store.saveRoles('aad-nobody', { admin: false, lead: false, managerOf: [] });
    expect(await coreWrites(dataDir)).toEqual(written);

    await store.savePerson(samplePerson({ name: 'Ada King' }));
    expect(await coreWrites(dataDir)).not.toEqual(written);
  });

  it('does not write after a restart when an equal record arrives with its keys in another order', async () => {
    const dataDir = await cleanup.tempDir();
    const first = await open(dataDir);
    await first.savePerson(samplePerson());
    await first.close();

    const second = await open(dataDir);
    const written = await coreWrites(dataDir);
    const reordered = Object.fromEntries(Object.entries(samplePerson()).reverse()) as ReturnType<
      typeof samplePerson
    >;
    await second.savePerson(reordered);
    expect(await coreWrites(dataDir)).toEqual(written);
  });

  it('refuses a record that fails its schema, so the file stays readable at the next start', async () => {
    const dataDir = await cleanup.tempDir();
    const first = await open(dataDir);
    await first.savePerson(samplePerson());
    const invalid = { ...sampleTeam(), channels: [{ id: '19:x@thread.tacv2', name: 'x', state: 'gone' }] };
    await expect(first.saveTeam(invalid as never)).rejects.toThrow(/channels/);
    await first.close();

    const second = await open(dataDir);
    expect(await second.person('aad-ada')).toEqual(samplePerson());
    expect(await second.team(sampleTeam().id)).toBeUndefined();
  });

  it('writes again when the same save is retried after a failed write', async () => {
    const dataDir = await cleanup.tempDir();
    const core = join(dataDir, CORE_JOURNAL_NAME);
    const store = await open(dataDir);
    // A directory where a data file belongs makes the write of it fail.
    const day = join(dataDir, 'card-actions', '2025-03-04.jsonl');
    await mkdir(join(core, 'blocker'), { recursive: true });
    await mkdir(join(day, 'blocker'), { recursive: true });
    await expect(store.savePerson(samplePerson())).rejects.toThrow();
    await expect(
      store.claimCardAction('card-1:v1', '2025-03-04T09:00:00.000Z', '2025-03-01T00:00:00.000Z'),
    ).rejects.toThrow();
    for (const blocked of [core, day]) {
      await rmdir(join(blocked, 'blocker'));
      await rmdir(blocked);
    }

    // The journal is behind memory now: the retried save rewrites core.json whole.
    await store.savePerson(samplePerson());
    expect(JSON.parse(await readFile(join(dataDir, 'core.json'), 'utf8')).people).toEqual({
      'aad-ada': samplePerson(),
    });
    expect(await coreWrites(dataDir)).toMatchObject({ journal: 0 });
    expect(
      await store.claimCardAction('card-1:v1', '2025-03-04T09:00:00.000Z', '2025-03-01T00:00:00.000Z'),
    ).toBe(true);
  });

  it('keeps the last of many saves fired without waiting, and loses none when closed at once', async () => {
    const dataDir = await cleanup.tempDir();
    const store = await open(dataDir);
    const people = 25;
    // Each person is saved twice; the second version of everyone is fired after the first of everyone.
    const saves = Array.from({ length: 50 }, (_, call) =>
      store.savePerson(
        samplePerson({
          aadObjectId: `aad-${call % people}`,
          teamsUserId: `29:${call % people}`,
          name: `version ${Math.floor(call / people)}`,
        }),
      ),
    );
    // close() finishes the writes still pending: the files are complete as soon as it resolves.
    await store.close();
    const onDisk = (await coreOnDisk(dataDir)).people as Record<string, { name: string }>;
    await Promise.all(saves);
    expect(Object.keys(onDisk)).toHaveLength(people);
    expect(Object.values(onDisk).every(({ name }) => name === 'version 1')).toBe(true);

    const reopened = await open(dataDir);
    for (let person = 0; person < people; person++) {
      expect((await reopened.person(`aad-${person}`))?.name).toBe('version 1');
    }
  });

  it('ignores a half-written temporary file left by a crash, and removes it', async () => {
    const dataDir = await cleanup.tempDir();
    const first = await open(dataDir);
    await first.savePerson(samplePerson());
    await first.close();
    const newer = JSON.stringify({
      schemaVersion: 1,
      people: { 'aad-ada': samplePerson({ name: 'Ada King' }) },
    });
    const leftover = join(dataDir, 'core.json.tmp-4242-7');
    await writeFile(leftover, newer.slice(0, newer.length / 2));

    const second = await open(dataDir);
    expect(await second.person('aad-ada')).toEqual(samplePerson());
    expect(await readdir(dataDir)).not.toContain('core.json.tmp-4242-7');
  });
});
