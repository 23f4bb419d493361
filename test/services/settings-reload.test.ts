// Settings across instances: two settings services on one store stand for two instances of the bot sharing a
// PostgreSQL store. A change saved on one reaches the other when it reloads, announced to its listeners, and a
// change made on either builds on what the other saved instead of overwriting it.
import { describe, expect, it } from '@jest/globals';
import type { SettingName } from '../../src/domain/settings.js';
import { cronSchedule } from '../../src/scheduler/checkin-schedule.js';
import { createServices } from '../../src/services/index.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/store.js';
import { checkinOptions } from '../support/checkin-options.js';
import { TENANT } from '../support/checkin-trust.js';

const ADMIN = 'aad-admin';
const MONDAY = new Date('2026-11-23T09:00:00Z');

async function instance(store: Store) {
  const { adminSettings } = createServices({
    ...checkinOptions,
    schedule: (crons) => cronSchedule(crons, 'Europe/London'),
    store,
    clock: () => MONDAY,
    newId: () => 'id',
    bootstrapAdmins: [ADMIN],
    allowedTenantIds: [TENANT],
    anonymityMin: 5,
    sendRate: 30,
  });
  await adminSettings.load();
  const heard: SettingName[][] = [];
  adminSettings.onChange((_values, changed) => void heard.push([...changed]));
  return { settings: adminSettings, heard };
}

describe('settings shared by instances', () => {
  it('reaches another instance when it reloads, announced there once', async () => {
    const store = createMemoryStore();
    const [one, two] = [await instance(store), await instance(store)];
    await one.settings.update(ADMIN, { sendRate: 12, quietHours: 'off' });
    expect(two.settings.current()).toMatchObject({ sendRate: 30 });

    expect(await two.settings.reload()).toEqual(['quietHours', 'sendRate']);
    expect(two.settings.current()).toMatchObject({ sendRate: 12, quietHours: 'off' });
    expect(two.settings.describe()).toEqual(one.settings.describe());
    expect(two.heard).toEqual([['quietHours', 'sendRate']]);
    // Nothing new: nothing announced, nothing changed.
    expect(await two.settings.reload()).toEqual([]);
    expect(await one.settings.reload()).toEqual([]);
    expect(two.heard).toHaveLength(1);
    expect(one.heard).toEqual([['quietHours', 'sendRate']]);
  });

  it('builds a change on what another instance saved, never overwriting it', async () => {
    const store = createMemoryStore();
    const [one, two] = [await instance(store), await instance(store)];
    await one.settings.update(ADMIN, { sendRate: 12 });
    // Two has not reloaded: its save still keeps one's send rate.
    expect(await two.settings.update(ADMIN, { anonymityMin: 9 })).toMatchObject({ kind: 'saved' });
    expect(await store.settings()).toMatchObject({ sendRate: 12, anonymityMin: 9 });
    expect(two.heard).toEqual([['sendRate'], ['anonymityMin']]);
    await one.settings.reload();
    expect(one.settings.current()).toMatchObject({ sendRate: 12, anonymityMin: 9 });
  });

  it('takes a reset made on another instance: the environment applies again', async () => {
    const store = createMemoryStore();
    const [one, two] = [await instance(store), await instance(store)];
    await one.settings.update(ADMIN, { sendRate: 12 });
    await two.settings.reload();
    await one.settings.reset(ADMIN);
    expect(await two.settings.reload()).toEqual(['sendRate']);
    expect(two.settings.current().sendRate).toBe(30);
    expect(two.settings.describe().stored).toEqual([]);
  });
});
