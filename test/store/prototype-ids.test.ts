// Ids named like what every object inherits ('constructor', 'toString'…) are plain ids in every store. The fuzz
// suite found the lowdb store looking them up on Object.prototype: person('constructor') threw DataCloneError
// (every turn of such a person failed), and person('__proto__') found {}. '__proto__' itself cannot be a key of
// a JSON data file (the schema drops it on reading), so the lowdb store refuses it instead of losing it.
import { describe, expect, it } from '@jest/globals';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import type { Store } from '../../src/store/store.js';
import { sampleConversation, samplePerson, sampleTeam, sampleUnit } from './samples.js';
import { useCleanup } from './temp-dir.js';

const cleanup = useCleanup();
const NAMES = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'prototype'];

async function lowdb(dataDir?: string): Promise<Store> {
  const store = await openLowdbStore({ dataDir: dataDir ?? (await cleanup.tempDir()), lock: { waitMs: 0 } });
  cleanup.defer(() => store.close());
  return store;
}

async function expectNothingUnder(store: Store, id: string): Promise<void> {
  expect(await store.person(id)).toBeUndefined();
  expect(await store.conversation(id)).toBeUndefined();
  expect(await store.personalConversation(id)).toBeUndefined();
  expect(await store.team(id)).toBeUndefined();
  expect(await store.unit(id)).toBeUndefined();
  expect(await store.roles(id)).toBeUndefined();
  expect(await store.lastJobRun(id)).toBeUndefined();
}

async function saveUnder(store: Store, id: string): Promise<void> {
  await store.savePerson(samplePerson({ aadObjectId: id }));
  await store.saveConversation(sampleConversation({ conversationId: id }));
  await store.saveTeam(sampleTeam({ id }));
  await store.saveUnit(sampleUnit({ id }));
  await store.saveRoles(id, { admin: true, lead: false, managerOf: [] });
}

describe.each([
  ['memory', async () => createMemoryStore()],
  ['lowdb', () => lowdb()],
])('ids named like what every object inherits, in the %s store', (_name, open) => {
  it('find nothing until saved, then exactly what was saved', async () => {
    const store = await open();
    for (const id of NAMES) {
      await expectNothingUnder(store, id);
      await saveUnder(store, id);
      expect(await store.person(id)).toEqual(samplePerson({ aadObjectId: id }));
      expect((await store.unit(id))?.id).toBe(id);
      expect(await store.roles(id)).toEqual({ admin: true, lead: false, managerOf: [] });
    }
    expect((await store.people()).map((person) => person.aadObjectId).sort()).toEqual([...NAMES].sort());
  });

  it('claim a card action once, like any other card id', async () => {
    const store = await open();
    for (const id of NAMES) {
      expect(await store.claimCardAction(id, '2026-11-23T10:00:00.000Z', '2026-11-01T00:00:00.000Z')).toBe(
        true,
      );
      expect(await store.claimCardAction(id, '2026-11-23T10:00:01.000Z', '2026-11-01T00:00:00.000Z')).toBe(
        false,
      );
    }
  });
});

describe('the lowdb store and __proto__', () => {
  it('keeps those ids across a restart', async () => {
    const dataDir = await cleanup.tempDir();
    const first = await lowdb(dataDir);
    await saveUnder(first, 'constructor');
    await first.close();
    expect(await (await lowdb(dataDir)).person('constructor')).toEqual(
      samplePerson({ aadObjectId: 'constructor' }),
    );
  });

  it('finds nothing under __proto__, and refuses to save under it rather than lose the record', async () => {
    const store = await lowdb();
    await expectNothingUnder(store, '__proto__');
    await expect(store.savePerson(samplePerson({ aadObjectId: '__proto__' }))).rejects.toThrow(
      "'__proto__' cannot be an id",
    );
    await expect(store.saveUnit(sampleUnit({ id: '__proto__' }))).rejects.toThrow(
      "'__proto__' cannot be an id",
    );
    await expectNothingUnder(store, '__proto__');
    expect(await store.people()).toEqual([]);
  });

  it('never claims a card action under __proto__: such a card is answered as already acted on', async () => {
    const store = await lowdb();
    expect(
      await store.claimCardAction('__proto__', '2026-11-23T10:00:00.000Z', '2026-11-01T00:00:00.000Z'),
    ).toBe(false);
    expect(
      await store.claimCardAction('card-1', '2026-11-23T10:00:00.000Z', '2026-11-01T00:00:00.000Z'),
    ).toBe(true);
  });
});
