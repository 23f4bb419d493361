// The settings admins change on the settings card (ANONYMITY_MIN, the weekly schedule, QUIET_HOURS, SEND_RATE),
// held in memory once loaded so every reader gets them synchronously, saved through the store, audited by
// field name, and announced to listeners so the scheduler and the delivery worker take them without a restart.
import { isDeepStrictEqual } from 'node:util';
import type { CheckinSchedule } from '../domain/checkins.js';
import type { Action } from '../domain/permissions.js';
import {
  changedNames,
  effectiveSettings,
  sourcesOf,
  storedNames,
  type ScheduleCrons,
  type SettingName,
  type SettingSource,
  type SettingsChange,
  type SettingValues,
  type StoredSettings,
} from '../domain/settings.js';
import { scheduleProblems, type SettingsProblem } from '../domain/settings-form.js';
import type { Store } from '../store/store.js';
import type { AccessService } from './access.js';
import type { AuditLog } from './audit-log.js';
import type { Clock } from './clock.js';
import type { KeyedLock } from './keyed-lock.js';

type Deps = {
  store: Store;
  audit: AuditLog;
  access: AccessService;
  clock: Clock;
  withLock: KeyedLock;
  /** What the environment says: what applies wherever nothing is stored. */
  defaults: SettingValues;
};

export type SettingsListener = (
  values: SettingValues,
  changed: readonly SettingName[],
) => void | Promise<void>;
export type Described = {
  values: SettingValues;
  sources: Record<SettingName, SettingSource>;
  stored: SettingName[];
  /** Changes with every save or reset: a card shown at another version is out of date. */
  version: string;
};
export type UpdateOutcome =
  | { kind: 'saved'; changed: SettingName[]; values: SettingValues }
  | { kind: 'unchanged' }
  | { kind: 'problems'; problems: SettingsProblem[] }
  | { kind: 'refused'; action: Action };
export type ResetOutcome =
  | { kind: 'reset'; cleared: SettingName[]; values: SettingValues }
  | { kind: 'unchanged' }
  | { kind: 'refused'; action: Action };

const LOCK = 'settings';

export function createSettings({ store, audit, access, clock, withLock, defaults }: Deps) {
  let stored: StoredSettings | undefined;
  let values = Object.freeze(effectiveSettings(defaults));
  const listeners: SettingsListener[] = [];

  async function save(next: StoredSettings): Promise<void> {
    await store.saveSettings(next);
    stored = next;
    values = Object.freeze(effectiveSettings(defaults, next));
  }

  // In order, awaited: the open cycle moves to a new schedule before the scheduler's catch-up reads it.
  async function announce(changed: SettingName[]): Promise<void> {
    for (const listener of listeners) await listener(values, changed);
  }

  /** Takes what another instance saved since this one last looked, and announces what it changed. */
  async function refresh(): Promise<SettingName[]> {
    const latest = await store.settings();
    if (isDeepStrictEqual(latest, stored)) return [];
    const next = effectiveSettings(defaults, latest);
    const changed = changedNames(values, next);
    stored = latest;
    values = Object.freeze(next);
    if (changed.length > 0) await announce(changed);
    return changed;
  }

  return {
    /** Reads what is stored; until then (and in tests that never call it) the environment applies. */
    async load(): Promise<void> {
      stored = await store.settings();
      values = Object.freeze(effectiveSettings(defaults, stored));
    },

    /**
     * Reads the stored settings again, for instances sharing a store: a change saved on another one applies
     * here from now on, announced to the listeners as if made here. Answers the settings whose values changed.
     */
    reload: (): Promise<SettingName[]> => withLock(LOCK, refresh),

    /** What applies now. Cheap: read it at every use rather than keep a copy. */
    current: (): SettingValues => values,

    /** What applies, and for each setting whether it was set here (when, by whom) or comes from the environment. */
    describe: (): Described => ({
      values,
      sources: sourcesOf(stored),
      stored: storedNames(stored),
      version: stored?.updatedAt ?? 'environment',
    }),

    environment: (): SettingValues => defaults,

    /** Saves the settings that really change, for admins only; audited with their names, never their values. */
    async update(actor: string, change: SettingsChange): Promise<UpdateOutcome> {
      const allowed = await access.check(actor, 'manageSettings');
      if (!allowed.allowed) return { kind: 'refused', action: allowed.action };
      return withLock(LOCK, async () => {
        // Built on what is stored now, so a change saved on another instance is kept, not overwritten.
        await refresh();
        const changed = changedNames(values, change);
        if (changed.length === 0) return { kind: 'unchanged' };
        const next = { ...values, ...change };
        const problems = scheduleProblems(next, new Set(changed));
        if (problems.length > 0) return { kind: 'problems', problems };
        const at = clock().toISOString();
        const setHere = { ...stored?.setHere };
        for (const name of changed) setHere[name] = { at, by: actor };
        const record: StoredSettings = {
          ...stored,
          ...Object.fromEntries(changed.map((name) => [name, change[name]])),
          setHere,
          updatedAt: at,
          updatedBy: actor,
        };
        await save(record);
        await audit.record(actor, 'settings.change', changed);
        await announce(changed);
        return { kind: 'saved', changed, values };
      });
    },

    /** Clears every stored value, so the environment applies again; audited with the names cleared. */
    async reset(actor: string): Promise<ResetOutcome> {
      const allowed = await access.check(actor, 'manageSettings');
      if (!allowed.allowed) return { kind: 'refused', action: allowed.action };
      return withLock(LOCK, async () => {
        await refresh();
        const cleared = storedNames(stored);
        if (cleared.length === 0) return { kind: 'unchanged' };
        const at = clock().toISOString();
        const changed = changedNames(values, effectiveSettings(defaults));
        await save({ setHere: {}, updatedAt: at, updatedBy: actor });
        await audit.record(actor, 'settings.reset', cleared);
        await announce(changed);
        return { kind: 'reset', cleared, values };
      });
    },

    /** Called after each saved change with what applies now and the settings whose values changed. */
    onChange(listener: SettingsListener): () => void {
      listeners.push(listener);
      return () => void listeners.splice(listeners.indexOf(listener), 1);
    },
  };
}

export type SettingsService = ReturnType<typeof createSettings>;

/**
 * A check-in schedule that follows the settings: rebuilt from the crons whenever they change, so the services
 * holding it need nothing new. `build` comes from the scheduler, which owns cron parsing.
 */
export function followingSchedule(
  crons: () => ScheduleCrons,
  build: (crons: ScheduleCrons) => CheckinSchedule,
): CheckinSchedule {
  let built: { key: string; schedule: CheckinSchedule } | undefined;
  const current = () => {
    const now = crons();
    const key = [now.checkinOpens, now.checkinNudge, now.checkinCloses].join('|');
    if (built?.key !== key) built = { key, schedule: build(now) };
    return built.schedule;
  };
  return {
    openingIn: (monday) => current().openingIn(monday),
    nudgeAfter: (at) => current().nudgeAfter(at),
    closeAfter: (at) => current().closeAfter(at),
  };
}
