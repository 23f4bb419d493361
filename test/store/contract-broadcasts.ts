// The Store contract for broadcasts, the people who acknowledged or read them, and muted reminders: part of
// describeStoreContract.
import { describe, expect, it } from '@jest/globals';
import { InvalidRecordError } from '../../src/store/records.js';
import type { Store } from '../../src/store/store.js';
import { sampleBroadcast, samplePerson } from './samples.js';

const T1 = '2026-11-23T10:00:00.000Z';
const T2 = '2026-11-23T11:00:00.000Z';
const CRAFTED = ['../b1', '../../x', 'b1/../b2', 'B1', 'b1.json', 'b_1', '', '-b1', 'a'.repeat(65), 'b1\0'];

export function describeBroadcastContract(current: () => Store): void {
  describe('broadcasts', () => {
    it('reads back a saved broadcast by id, and nothing for an id never saved', async () => {
      const store = current();
      expect(await store.broadcast('b1')).toBeUndefined();
      await store.saveBroadcast(sampleBroadcast());
      expect(await store.broadcast('b1')).toEqual(sampleBroadcast());
      expect(await store.broadcast('b2')).toBeUndefined();
    });

    it('replaces a broadcast on a later save', async () => {
      const store = current();
      const scheduled = sampleBroadcast({
        state: 'scheduled',
        scheduledFor: '2026-11-24T09:00:00.000Z',
        sentAt: undefined,
        counts: undefined,
      });
      await store.saveBroadcast(scheduled);
      expect(await store.broadcast('b1')).toEqual(scheduled);
      const cancelled = { ...scheduled, state: 'cancelled' as const, cancelledAt: T1, cancelledBy: 'system' };
      await store.saveBroadcast(cancelled);
      expect(await store.broadcast('b1')).toEqual(cancelled);
      expect(await store.broadcasts()).toEqual([cancelled]);
    });

    it('lists every broadcast newest first: by createdAt, then by id, both descending', async () => {
      const store = current();
      expect(await store.broadcasts()).toEqual([]);
      const oldest = sampleBroadcast({ id: 'b9', createdAt: '2026-10-01T09:00:00.000Z' });
      const tiedA = sampleBroadcast({ id: 'b2', createdAt: '2026-11-23T09:00:00.000Z' });
      const tiedB = sampleBroadcast({ id: 'b3', createdAt: '2026-11-23T09:00:00.000Z', state: 'sent' });
      const newest = sampleBroadcast({
        id: 'b1',
        createdAt: '2027-01-04T09:00:00.000Z',
        state: 'scheduled',
        scheduledFor: '2027-01-05T09:00:00.000Z',
        sentAt: undefined,
      });
      for (const broadcast of [tiedA, oldest, newest, tiedB]) await store.saveBroadcast(broadcast);
      expect(await store.broadcasts()).toEqual([newest, tiedB, tiedA, oldest]);
    });

    it('counts an acknowledgement the first time only, each person once, apart from reads', async () => {
      const store = current();
      await store.saveBroadcast(sampleBroadcast());
      await store.saveBroadcast(sampleBroadcast({ id: 'b2' }));
      expect(await store.acknowledgedBy('b1')).toEqual([]);
      expect(await store.acknowledge('b1', 'aad-grace', T1)).toBe(true);
      expect(await store.acknowledge('b1', 'aad-grace', T1)).toBe(false);
      expect(await store.acknowledge('b1', 'aad-grace', T2)).toBe(false);
      expect(await store.acknowledge('b1', 'aad-ada', T2)).toBe(true);
      expect(await store.acknowledgedBy('b1')).toEqual(['aad-ada', 'aad-grace']);
      expect(await store.acknowledgedBy('b2')).toEqual([]);
      expect(await store.readBy('b1')).toEqual([]);
      expect(await store.acknowledge('b2', 'aad-grace', T2)).toBe(true);
      expect(await store.acknowledgedBy('b2')).toEqual(['aad-grace']);
    });

    it('counts a read the first time only, each person once, apart from acknowledgements', async () => {
      const store = current();
      await store.saveBroadcast(sampleBroadcast());
      expect(await store.readBy('b1')).toEqual([]);
      expect(await store.recordRead('b1', 'aad-grace', T1)).toBe(true);
      expect(await store.recordRead('b1', 'aad-grace', T2)).toBe(false);
      expect(await store.recordRead('b1', 'aad-ada', T1)).toBe(true);
      expect(await store.readBy('b1')).toEqual(['aad-ada', 'aad-grace']);
      expect(await store.acknowledgedBy('b1')).toEqual([]);
      // Having read it is no acknowledgement: that is still a first.
      expect(await store.acknowledge('b1', 'aad-grace', T2)).toBe(true);
    });

    it('lands every one of many acknowledgements and reads made at once, each counted once', async () => {
      const store = current();
      await store.saveBroadcast(sampleBroadcast());
      const people = Array.from({ length: 60 }, (_, i) => `aad-${String(i).padStart(3, '0')}`);
      // Each person twice (a double click), acknowledgements and reads interleaved.
      const results = await Promise.all(
        [...people, ...people].flatMap((person) => [
          store.acknowledge('b1', person, T1),
          store.recordRead('b1', person, T1),
        ]),
      );
      expect(results.filter(Boolean)).toHaveLength(people.length * 2);
      expect(await store.acknowledgedBy('b1')).toEqual(people);
      expect(await store.readBy('b1')).toEqual(people);
    });

    it('refuses a response to a broadcast never saved, and keeps nothing of it', async () => {
      const store = current();
      await expect(store.acknowledge('b1', 'aad-grace', T1)).rejects.toThrow(/no broadcast b1/);
      await expect(store.recordRead('b1', 'aad-grace', T1)).rejects.toThrow(/no broadcast b1/);
      await store.saveBroadcast(sampleBroadcast());
      expect(await store.acknowledgedBy('b1')).toEqual([]);
      expect(await store.readBy('b1')).toEqual([]);
      expect(await store.acknowledge('b1', 'aad-grace', T1)).toBe(true);
    });

    it('refuses a broadcast that fails its schema, and keeps nothing of it', async () => {
      const store = current();
      const invalid = [
        sampleBroadcast({ title: '' }),
        sampleBroadcast({ button: { title: 'Go', url: 'http://nhs.example.net' } }),
        sampleBroadcast({ state: 'scheduled', scheduledFor: undefined }),
        sampleBroadcast({ state: 'scheduled', scheduledFor: 'tomorrow at nine' }),
        sampleBroadcast({ createdAt: '2026-11-23T09:00:00Z' }),
        sampleBroadcast({ createdAt: '23/11/2026' }),
        { ...sampleBroadcast(), state: 'lost' },
        ...CRAFTED.map((id) => sampleBroadcast({ id })),
      ];
      for (const broadcast of invalid)
        await expect(store.saveBroadcast(broadcast as never)).rejects.toThrow(InvalidRecordError);
      await expect(store.saveBroadcast(sampleBroadcast({ title: '' }))).rejects.toThrow(
        /a broadcast[\s\S]*title/,
      );
      await expect(store.saveBroadcast(sampleBroadcast({ id: '../b1' }))).rejects.toThrow(/id/);
      expect(await store.broadcast('b1')).toBeUndefined();
      expect(await store.broadcasts()).toEqual([]);
    });

    it('refuses a response with no person or no UTC time, and counts nothing', async () => {
      const store = current();
      await store.saveBroadcast(sampleBroadcast());
      await expect(store.acknowledge('b1', '', T1)).rejects.toThrow(InvalidRecordError);
      await expect(store.acknowledge('b1', 'aad-grace', 'today')).rejects.toThrow(InvalidRecordError);
      await expect(store.recordRead('b1', 'aad-grace', '2026-11-23T10:00:00+01:00')).rejects.toThrow(
        /response to a broadcast[\s\S]*at/,
      );
      expect(await store.acknowledgedBy('b1')).toEqual([]);
      expect(await store.readBy('b1')).toEqual([]);
    });

    it('refuses crafted ids before looking for anything under them', async () => {
      const store = current();
      await store.saveBroadcast(sampleBroadcast());
      for (const id of CRAFTED) {
        await expect(store.broadcast(id)).rejects.toThrow(/is not a broadcast id/);
        await expect(store.acknowledge(id, 'aad-grace', T1)).rejects.toThrow(/is not a broadcast id/);
        await expect(store.acknowledgedBy(id)).rejects.toThrow(/is not a broadcast id/);
        await expect(store.recordRead(id, 'aad-grace', T1)).rejects.toThrow(/is not a broadcast id/);
        await expect(store.readBy(id)).rejects.toThrow(/is not a broadcast id/);
      }
      expect(await store.broadcasts()).toEqual([sampleBroadcast()]);
      expect(await store.acknowledgedBy('b1')).toEqual([]);
    });

    it('keeps its own copy on the way in and out', async () => {
      const store = current();
      const passed = sampleBroadcast();
      await store.saveBroadcast(passed);
      passed.title = 'changed';
      passed.counts!.unreachable.push({ reason: 'otherTenant', count: 2 });
      const read = await store.broadcast('b1');
      read!.button!.url = 'https://changed.example.net';
      const listed = await store.broadcasts();
      listed[0]!.counts!.recipients = 99;
      (await store.acknowledgedBy('b1')).push('aad-changed');
      expect(await store.broadcast('b1')).toEqual(sampleBroadcast());
      expect(await store.acknowledgedBy('b1')).toEqual([]);
    });
  });

  describe('muted reminders', () => {
    it("keeps a person's muted broadcast reminders with the person, apart from check-ins", async () => {
      const store = current();
      const muted = samplePerson({ remindersMuted: true, checkins: { stopped: false, pausedUntil: T2 } });
      await store.savePerson(muted);
      expect(await store.person('aad-ada')).toEqual(muted);
      expect((await store.people()).map((person) => person.remindersMuted)).toEqual([true]);
      const unmuted = samplePerson({ checkins: muted.checkins });
      await store.savePerson(unmuted);
      expect(await store.person('aad-ada')).toEqual(unmuted);
      expect(await store.person('aad-ada')).not.toHaveProperty('remindersMuted');
    });

    it('refuses a mute that is not true or false', async () => {
      const store = current();
      await expect(store.savePerson({ ...samplePerson(), remindersMuted: 'yes' } as never)).rejects.toThrow(
        /remindersMuted/,
      );
      expect(await store.person('aad-ada')).toBeUndefined();
    });
  });
}
