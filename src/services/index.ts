// Builds every service over one store, clock and lock, the same way for the bot and for tests.
import type { Catalogue } from '../domain/catalogue.js';
import type { CheckinSchedule } from '../domain/checkins.js';
import type { LocalDate } from '../domain/cycles.js';
import type { QuietHours } from '../domain/quiet-hours.js';
import { isScheduleSetting, type ScheduleCrons } from '../domain/settings.js';
import type { Store } from '../store/store.js';
import { createAccess } from './access.js';
import { createActions } from './actions.js';
import { createAuditLog } from './audit-log.js';
import { createBroadcasts } from './broadcasts.js';
import { createCardActions } from './card-actions.js';
import { createCheckinCycles } from './checkin-cycles.js';
import { createCheckinPreferences } from './checkin-preferences.js';
import { createCheckins } from './checkins.js';
import { createDeliveries } from './deliveries.js';
import { createErasure } from './erasure.js';
import type { Clock } from './clock.js';
import { createKeyedLock } from './keyed-lock.js';
import { createOwnerChanges } from './owner-changes.js';
import { createRoles } from './roles.js';
import { createRetention } from './retention.js';
import { createRosterService } from './roster.js';
import { createSettings, followingSchedule } from './settings.js';
import { createSummaries } from './summaries.js';
import { createUnits } from './units.js';

export type ServiceOptions = {
  store: Store;
  clock: Clock;
  newId: () => string;
  bootstrapAdmins: readonly string[];
  /** Tenants whose people count as staff; empty means any (anonymous local mode only). */
  allowedTenantIds: readonly string[];
  catalogue: Catalogue;
  holidays: ReadonlySet<LocalDate>;
  /**
   * The check-in schedule: fixed (tests), or how to build one from cron expressions, so that it follows the
   * settings card (the composition root passes the scheduler's cronSchedule).
   */
  schedule: CheckinSchedule | ((crons: ScheduleCrons) => CheckinSchedule);
  /** CHECKIN_OPENS, CHECKIN_NUDGE, CHECKIN_CLOSES, SUMMARY_POSTS: the weekly schedule (DESIGN's defaults when not given). */
  crons?: ScheduleCrons;
  /** The organisation's IANA zone: cycles, days and schedules are in it. */
  timeZone: string;
  /** ANONYMITY_MIN: the fewest answers a shown result may rest on (5 when not given). */
  anonymityMin?: number;
  /** Domains evidence links on actions may point at (EVIDENCE_LINK_DOMAINS); empty or absent allows any. */
  evidenceDomains?: readonly string[];
  /** SEND_RATE: requests a second the delivery worker starts, for broadcast estimates (30 when not given). */
  sendRate?: number;
  /** QUIET_HOURS: when broadcasts may be delivered, for their estimates (Mon-Fri 08:00-18:00 when not given). */
  quietHours?: QuietHours;
  /** RETENTION_MONTHS: whole months of history kept before the current month (24 when not given). */
  retentionMonths?: number;
  /** Called when deliveries are queued, so the delivery worker sends them now rather than at its next look. */
  onDeliveriesQueued?: () => void;
};

/** The configuration's defaults for SEND_RATE and QUIET_HOURS. */
const DEFAULT_SEND_RATE = 30;
const DEFAULT_QUIET_HOURS: QuietHours = { days: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' };
const DEFAULT_CRONS: ScheduleCrons = {
  checkinOpens: '0 9 * * 1',
  checkinNudge: '0 12 * * 3',
  checkinCloses: '59 23 * * 0',
  summaryPosts: '0 8 * * 1',
};

export function createServices(options: ServiceOptions) {
  const { store, clock, newId, bootstrapAdmins, allowedTenantIds } = options;
  const withLock = createKeyedLock();
  const audit = createAuditLog({ store, clock, newId });
  const access = createAccess({ store, audit, bootstrapAdmins });
  const deliveries = createDeliveries({
    store,
    clock,
    newId,
    onEnqueued: () => options.onDeliveriesQueued?.(),
  });
  // The environment's values are the defaults; what admins set on the settings card wins, read at each use.
  const adminSettings = createSettings({
    store,
    audit,
    access,
    clock,
    withLock,
    defaults: {
      anonymityMin: options.anonymityMin ?? 5,
      ...(options.crons ?? DEFAULT_CRONS),
      quietHours: options.quietHours ?? DEFAULT_QUIET_HOURS,
      sendRate: options.sendRate ?? DEFAULT_SEND_RATE,
    },
  });
  const live = adminSettings.current;
  const { catalogue, holidays, timeZone } = options;
  const schedule =
    typeof options.schedule === 'function' ? followingSchedule(live, options.schedule) : options.schedule;
  const ownerChanges = createOwnerChanges({ store, clock, deliveries, timeZone });
  const units = createUnits({ store, clock, newId, audit, withLock, allowedTenantIds });
  const actions = createActions({
    store,
    clock,
    newId,
    timeZone,
    audit,
    withLock,
    units,
    deliveries,
    evidenceDomains: options.evidenceDomains ?? [],
    catalogue,
  });
  const checkinCycles = createCheckinCycles({
    store,
    clock,
    catalogue,
    holidays,
    schedule,
    timeZone,
    allowedTenantIds,
    deliveries,
    audit,
  });
  // The open cycle's steps still to come move to a new schedule before the scheduler acts on it.
  adminSettings.onChange(async (_values, changed) => {
    if (changed.some(isScheduleSetting)) await checkinCycles.followSchedule();
  });
  return {
    audit,
    access,
    adminSettings,
    roster: createRosterService({ store, clock, withLock, onLeft: ownerChanges.left }),
    ownerChanges,
    preferences: createCheckinPreferences({ store, clock, withLock, timeZone }),
    cardActions: createCardActions({ store, clock }),
    units,
    actions,
    summaries: createSummaries({
      store,
      clock,
      catalogue,
      timeZone,
      anonymityMin: () => live().anonymityMin,
      deliveries,
      audit,
      withLock,
      actions,
    }),
    roles: createRoles({ store, audit, access, withLock, bootstrapAdmins }),
    retention: createRetention({
      store,
      clock,
      timeZone: options.timeZone,
      retentionMonths: options.retentionMonths ?? 24,
      audit,
    }),
    erasure: createErasure({ store, audit, ownerChanges, withLock, newId }),
    deliveries,
    checkinCycles,
    checkins: createCheckins({ store, clock, catalogue, deliveries, withLock }),
    broadcasts: createBroadcasts({
      store,
      clock,
      newId,
      timeZone,
      deliveries,
      audit,
      withLock,
      allowedTenantIds,
      sendRate: () => live().sendRate,
      quietHours: () => live().quietHours,
      bootstrapAdmins,
    }),
  };
}

export type Services = ReturnType<typeof createServices>;
