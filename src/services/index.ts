// Builds every service over one store, clock and lock, the same way for the bot and for tests.
import type { Catalogue } from '../domain/catalogue.js';
import type { CheckinSchedule } from '../domain/checkins.js';
import type { LocalDate } from '../domain/cycles.js';
import type { QuietHours } from '../domain/quiet-hours.js';
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
import type { Clock } from './clock.js';
import { createKeyedLock } from './keyed-lock.js';
import { createOwnerChanges } from './owner-changes.js';
import { createRoles } from './roles.js';
import { createRosterService } from './roster.js';
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
  schedule: CheckinSchedule;
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
  /** Called when deliveries are queued, so the delivery worker sends them now rather than at its next look. */
  onDeliveriesQueued?: () => void;
};

/** The configuration's defaults for SEND_RATE and QUIET_HOURS. */
const DEFAULT_SEND_RATE = 30;
const DEFAULT_QUIET_HOURS: QuietHours = { days: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' };

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
  const { catalogue, holidays, schedule, timeZone } = options;
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
  return {
    audit,
    access,
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
      anonymityMin: options.anonymityMin ?? 5,
      deliveries,
      audit,
      withLock,
      actions,
    }),
    roles: createRoles({ store, audit, access, withLock, bootstrapAdmins }),
    deliveries,
    checkinCycles: createCheckinCycles({
      store,
      clock,
      catalogue,
      holidays,
      schedule,
      timeZone,
      allowedTenantIds,
      deliveries,
      audit,
    }),
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
      sendRate: options.sendRate ?? DEFAULT_SEND_RATE,
      quietHours: options.quietHours ?? DEFAULT_QUIET_HOURS,
      bootstrapAdmins,
    }),
  };
}

export type Services = ReturnType<typeof createServices>;
