import { describe, expect, it } from '@jest/globals';
import { createCheckinPreferences } from '../../src/services/checkin-preferences.js';
import { createKeyedLock } from '../../src/services/keyed-lock.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { samplePerson } from '../support/bot-deps.js';

describe('check-in preferences', () => {
  it('snoozes for 14 days, stops, resumes; guests are guests whatever they choose', async () => {
    const store = createMemoryStore();
    let now = new Date('2026-11-23T10:00:00Z');
    const preferences = createCheckinPreferences({
      store,
      clock: () => now,
      withLock: createKeyedLock(),
      timeZone: 'Europe/London',
    });
    await store.savePerson(samplePerson());
    expect(await preferences.snooze('aad-priya')).toEqual({
      kind: 'paused',
      until: '2026-12-07T10:00:00.000Z',
    });
    now = new Date('2026-12-07T10:00:01Z');
    expect(await preferences.state('aad-priya')).toEqual({ kind: 'on' });
    expect(await preferences.stop('aad-priya')).toEqual({ kind: 'stopped' });
    expect(await preferences.resume('aad-priya')).toEqual({ kind: 'on' });
    await store.savePerson(samplePerson({ aadObjectId: 'aad-guest', guest: true }));
    expect(await preferences.resume('aad-guest')).toEqual({ kind: 'guest' });
    expect(await preferences.stop('aad-unknown')).toBeUndefined();
  });
});
