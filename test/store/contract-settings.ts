// The Store contract for the settings admins save on the settings card: part of describeStoreContract.
import { describe, expect, it } from '@jest/globals';
import type { StoredSettings } from '../../src/domain/settings.js';
import { StoreClosedError, type Store } from '../../src/store/store.js';

const T1 = '2026-11-03T10:00:00.000Z';
const T2 = '2026-11-10T10:00:00.000Z';

export const sampleSettings = (overrides: Partial<StoredSettings> = {}): StoredSettings => ({
  anonymityMin: 7,
  checkinNudge: '30 14 * * 3',
  quietHours: { days: [1, 2, 3, 4, 5, 6], from: '07:00', to: '20:00' },
  sendRate: 20,
  setHere: {
    anonymityMin: { at: T1, by: 'aad-priya' },
    checkinNudge: { at: T1, by: 'aad-priya' },
    quietHours: { at: T1, by: 'aad-priya' },
    sendRate: { at: T1, by: 'aad-priya' },
  },
  updatedAt: T1,
  updatedBy: 'aad-priya',
  ...overrides,
});

export function describeSettingsContract(current: () => Store): void {
  describe('settings', () => {
    it('has none until some are saved, then reads back what was saved', async () => {
      const store = current();
      expect(await store.settings()).toBeUndefined();
      await store.saveSettings(sampleSettings());
      expect(await store.settings()).toEqual(sampleSettings());
    });

    it('replaces the whole record on a later save, so a cleared value is gone', async () => {
      const store = current();
      await store.saveSettings(sampleSettings());
      const reset = { setHere: {}, updatedAt: T2, updatedBy: 'aad-sam' };
      await store.saveSettings(reset);
      expect(await store.settings()).toEqual(reset);
    });

    it('keeps its own copy on the way in and out', async () => {
      const store = current();
      const passed = sampleSettings();
      await store.saveSettings(passed);
      passed.sendRate = 1;
      (passed.quietHours as { days: number[] }).days.push(0);
      const read = await store.settings();
      read!.anonymityMin = 3;
      expect(await store.settings()).toEqual(sampleSettings());
    });

    it.each([
      ['a threshold below 3', { anonymityMin: 2 }, /anonymityMin/],
      ['a threshold above 25', { anonymityMin: 26 }, /anonymityMin/],
      ['a send rate above Teams’ limit', { sendRate: 51 }, /sendRate/],
      ['a schedule that is not one weekly time', { checkinOpens: '0 9 * * 1-5' }, /checkinOpens/],
      ['quiet hours with no days', { quietHours: { days: [], from: '08:00', to: '18:00' } }, /days/],
    ])('refuses %s and keeps what was saved before', async (_name, overrides, field) => {
      const store = current();
      await store.saveSettings(sampleSettings());
      await expect(store.saveSettings(sampleSettings(overrides as Partial<StoredSettings>))).rejects.toThrow(
        field,
      );
      expect(await store.settings()).toEqual(sampleSettings());
    });

    it('refuses a save once closed', async () => {
      const store = current();
      const closing = store.close();
      await expect(store.saveSettings(sampleSettings())).rejects.toThrow(StoreClosedError);
      await closing;
      expect(await store.settings()).toBeUndefined();
    });
  });
}
