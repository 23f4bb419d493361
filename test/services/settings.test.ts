// The settings service over the in-memory store: permission, audit, listeners, loading what is stored, and the
// services that read the settings live (summaries, broadcast estimates, the check-in schedule).
import { describe, expect, it } from '@jest/globals';
import { cronSchedule } from '../../src/scheduler/checkin-schedule.js';
import { createServices } from '../../src/services/index.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/store.js';
import { checkinOptions } from '../support/checkin-options.js';
import { CLEAN, person, setup, TENANT, ward, WARD } from '../support/checkin-trust.js';

const ADMIN = 'aad-admin';
const MONDAY = '2026-11-23T09:00:00Z';

function build(store: Store = createMemoryStore(), start = MONDAY) {
  let now = new Date(start);
  let id = 0;
  const services = createServices({
    ...checkinOptions,
    schedule: (crons) => cronSchedule(crons, 'Europe/London'),
    store,
    clock: () => now,
    newId: () => `id-${++id}`,
    bootstrapAdmins: [ADMIN],
    allowedTenantIds: [TENANT],
    anonymityMin: 5,
    sendRate: 30,
  });
  const audit = async () =>
    (await store.auditEntries({ limit: 20 })).map(
      (e) => `${e.actor} ${e.action} ${e.targets.join(',')} ${e.outcome}`,
    );
  return {
    store,
    services,
    settings: services.adminSettings,
    audit,
    at: (iso: string) => (now = new Date(iso)),
  };
}

describe('settings service', () => {
  it('refuses anyone but an admin, audits the refusal and changes nothing', async () => {
    const { settings, store, audit } = build();
    expect(await settings.update('aad-staff', { anonymityMin: 9 })).toEqual({
      kind: 'refused',
      action: 'manageSettings',
    });
    expect(await settings.reset('aad-staff')).toEqual({ kind: 'refused', action: 'manageSettings' });
    expect(settings.current().anonymityMin).toBe(5);
    expect(await store.settings()).toBeUndefined();
    expect(await audit()).toEqual(['aad-staff manageSettings  refused', 'aad-staff manageSettings  refused']);
  });

  it('saves what really changed, audits the names of the settings (never values), and tells listeners', async () => {
    const { settings, store, audit } = build();
    const heard: unknown[] = [];
    settings.onChange((values, changed) => void heard.push([values.anonymityMin, values.sendRate, changed]));
    const outcome = await settings.update(ADMIN, { anonymityMin: 9, sendRate: 30, quietHours: 'off' });
    expect(outcome).toMatchObject({ kind: 'saved', changed: ['anonymityMin', 'quietHours'] });
    expect(settings.current()).toMatchObject({ anonymityMin: 9, sendRate: 30, quietHours: 'off' });
    expect(await store.settings()).toEqual({
      anonymityMin: 9,
      quietHours: 'off',
      setHere: {
        anonymityMin: { at: '2026-11-23T09:00:00.000Z', by: ADMIN },
        quietHours: { at: '2026-11-23T09:00:00.000Z', by: ADMIN },
      },
      updatedAt: '2026-11-23T09:00:00.000Z',
      updatedBy: ADMIN,
    });
    expect(heard).toEqual([[9, 30, ['anonymityMin', 'quietHours']]]);
    expect(await audit()).toEqual([`${ADMIN} settings.change anonymityMin,quietHours done`]);
    expect(JSON.stringify(await store.auditEntries({ limit: 5 }))).not.toContain('off');
  });

  it('says unchanged, saving and telling nothing, when the values already apply', async () => {
    const { settings, store, audit } = build();
    let heard = 0;
    settings.onChange(() => void heard++);
    expect(await settings.update(ADMIN, { anonymityMin: 5, sendRate: 30 })).toEqual({ kind: 'unchanged' });
    expect(await store.settings()).toBeUndefined();
    expect(heard).toBe(0);
    expect(await audit()).toEqual([]);
  });

  it('refuses a week out of order, even from a crafted change', async () => {
    const { settings, store } = build();
    expect(await settings.update(ADMIN, { checkinNudge: '0 8 * * 1' })).toEqual({
      kind: 'problems',
      problems: [{ field: 'nudge', problem: 'nudgeOrder' }],
    });
    expect(await store.settings()).toBeUndefined();
  });

  it('keeps who set each setting and when, and resets to the environment, audited', async () => {
    const { settings, audit, at } = build();
    await settings.update(ADMIN, { anonymityMin: 9 });
    at('2026-11-24T10:00:00Z');
    await settings.update(ADMIN, { sendRate: 12 });
    expect(settings.describe()).toMatchObject({
      stored: ['anonymityMin', 'sendRate'],
      sources: {
        anonymityMin: { kind: 'here', at: '2026-11-23T09:00:00.000Z', by: ADMIN },
        sendRate: { kind: 'here', at: '2026-11-24T10:00:00.000Z', by: ADMIN },
        quietHours: { kind: 'environment' },
      },
    });
    const heard: string[][] = [];
    settings.onChange((_values, changed) => void heard.push([...changed]));
    expect(await settings.reset(ADMIN)).toMatchObject({
      kind: 'reset',
      cleared: ['anonymityMin', 'sendRate'],
    });
    expect(settings.current()).toMatchObject({ anonymityMin: 5, sendRate: 30 });
    expect(settings.describe().stored).toEqual([]);
    expect(heard).toEqual([['anonymityMin', 'sendRate']]);
    expect(await settings.reset(ADMIN)).toEqual({ kind: 'unchanged' });
    expect((await audit())[0]).toBe(`${ADMIN} settings.reset anonymityMin,sendRate done`);
  });

  it('applies the environment until loaded, then what is stored, over the environment', async () => {
    const first = build();
    await first.settings.update(ADMIN, { anonymityMin: 11, checkinNudge: '30 13 * * 3' });
    const again = build(first.store);
    expect(again.settings.current().anonymityMin).toBe(5);
    await again.settings.load();
    expect(again.settings.current()).toMatchObject({
      anonymityMin: 11,
      checkinNudge: '30 13 * * 3',
      sendRate: 30,
    });
  });
});

describe('services reading the settings live', () => {
  it('summaries use a new threshold at once', async () => {
    const trust = await setup();
    await trust.store.saveRoles(ADMIN, { admin: true, lead: false, managerOf: [] });
    const staff = ['ada', 'bo', 'cy', 'di', 'ed'];
    await trust.store.saveTeam(ward([...staff, 'manager']));
    for (const id of staff.slice(2)) await trust.store.savePerson(person(id));
    const cycle = (await trust.services.checkinCycles.openDue())!;
    for (const id of staff)
      await trust.services.checkins.submitPulse(id, { cycleId: cycle.id, inputs: CLEAN });
    const shown = async () =>
      (await trust.services.summaries.digestOf(WARD, cycle.id, 'manager'))!.digest.principles.map(
        (tile) => tile.pulse.shown,
      );
    // Five answered: every principle someone answered yes or no to shows at the default threshold of 5.
    expect((await shown()).filter(Boolean)).toHaveLength(5);
    await trust.services.adminSettings.update(ADMIN, { anonymityMin: 6 });
    expect(await shown()).toEqual([false, false, false, false, false, false]);
    const organisation = await trust.services.summaries.organisationDigestOf(cycle.id);
    expect(organisation?.digest.principles.every((tile) => !tile.pulse.shown)).toBe(true);
  });

  it('broadcast estimates use a new send rate and new quiet hours at once', async () => {
    const trust = await setup();
    await trust.store.saveRoles(ADMIN, { admin: true, lead: false, managerOf: [] });
    const lead = { aadObjectId: 'lead', roles: { admin: false, lead: true, managerOf: [] } };
    const everyone = {
      title: 'Pulse closes on Sunday',
      message: 'Six questions.',
      audience: { kind: 'everyone' as const },
    };
    const estimate = async () => {
      const preview = await trust.services.broadcasts.preview(lead, everyone);
      if (preview.kind !== 'preview') throw new Error(preview.kind);
      return preview.estimate;
    };
    trust.at('2026-11-28T12:00:00Z');
    const before = await estimate();
    expect(before.waitingSeconds).toBeGreaterThan(0);
    await trust.services.adminSettings.update(ADMIN, { sendRate: 1, quietHours: 'off' });
    const after = await estimate();
    expect(after.waitingSeconds).toBe(0);
    expect(after.requests).toBe(before.requests);
    expect(after.sendingSeconds).toBeGreaterThan(before.sendingSeconds * 2);
  });
});

describe('the check-in schedule following the settings', () => {
  async function openWeek() {
    const built = build();
    await built.store.saveTeam(ward(['ada', 'bo']));
    for (const id of ['ada', 'bo']) await built.store.savePerson(person(id));
    await built.store.saveUnit({
      id: WARD,
      name: 'Ward 7',
      level: 'unit',
      teamId: WARD,
      tracked: true,
      createdAt: '2026-11-01T00:00:00Z',
      createdBy: ADMIN,
    });
    const cycle = (await built.services.checkinCycles.openDue())!;
    return { ...built, cycle };
  }

  it('moves the open cycle’s reminder and close, and sends the reminder once however often it moves', async () => {
    const { services, store, cycle, at } = await openWeek();
    expect([cycle.nudgeAt, cycle.closesAt]).toEqual(['2026-11-25T12:00:00.000Z', '2026-11-29T23:59:00.000Z']);
    await services.adminSettings.update(ADMIN, { checkinNudge: '0 10 * * 2', checkinCloses: '0 17 * * 5' });
    expect(await store.cycle(cycle.id)).toMatchObject({
      nudgeAt: '2026-11-24T10:00:00.000Z',
      closesAt: '2026-11-27T17:00:00.000Z',
    });
    at('2026-11-24T10:00:00Z');
    expect(await services.checkinCycles.nudgeDue()).toBe(2);
    // Moved later in the same week after it went: the cycle keeps its reminder, and it is not sent again.
    await services.adminSettings.update(ADMIN, { checkinNudge: '0 12 * * 4' });
    expect((await store.cycle(cycle.id))!.nudgeAt).toBe('2026-11-24T10:00:00.000Z');
    at('2026-11-26T12:00:00Z');
    expect(await services.checkinCycles.nudgeDue()).toBe(0);
    at('2026-11-27T17:00:00Z');
    expect(await services.checkinCycles.closeDue()).toMatchObject({ closedAt: '2026-11-27T17:00:00.000Z' });
  });

  it('sends a reminder moved to a time already past at once, and never closes the check-in early', async () => {
    const { services, store, cycle, at } = await openWeek();
    at('2026-11-26T10:00:00Z');
    await services.adminSettings.update(ADMIN, { checkinNudge: '0 10 * * 2', checkinCloses: '0 17 * * 3' });
    expect(await store.cycle(cycle.id)).toMatchObject({
      nudgeAt: '2026-11-24T10:00:00.000Z',
      closesAt: '2026-11-29T23:59:00.000Z',
    });
    expect(await services.checkinCycles.nudgeDue()).toBe(2);
    expect(await services.checkinCycles.closeDue()).toBeUndefined();
  });

  it('opens the next week on the new schedule', async () => {
    const { services, at } = await openWeek();
    const saved = await services.adminSettings.update(ADMIN, {
      checkinOpens: '30 8 * * 2',
      checkinNudge: '0 12 * * 4',
      checkinCloses: '0 17 * * 1',
      summaryPosts: '0 8 * * 2',
    });
    expect(saved).toMatchObject({ kind: 'saved' });
    at('2026-11-30T09:00:00Z');
    await services.checkinCycles.closeDue();
    expect(await services.checkinCycles.openDue()).toBeUndefined();
    at('2026-12-01T08:30:00Z');
    expect(await services.checkinCycles.openDue()).toMatchObject({
      opensAt: '2026-12-01T08:30:00.000Z',
      nudgeAt: '2026-12-03T12:00:00.000Z',
      closesAt: '2026-12-07T17:00:00.000Z',
    });
  });
});
