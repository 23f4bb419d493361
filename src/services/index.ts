// Builds every service over one store, clock and lock, the same way for the bot and for tests.
import type { Store } from '../store/store.js';
import { createAccess } from './access.js';
import { createAuditLog } from './audit-log.js';
import { createCardActions } from './card-actions.js';
import { createCheckinPreferences } from './checkin-preferences.js';
import { createDeliveries } from './deliveries.js';
import type { Clock } from './clock.js';
import { createKeyedLock } from './keyed-lock.js';
import { createRoles } from './roles.js';
import { createRosterService } from './roster.js';
import { createUnits } from './units.js';

export type ServiceOptions = {
  store: Store;
  clock: Clock;
  newId: () => string;
  bootstrapAdmins: readonly string[];
  /** Tenants whose people count as staff; empty means any (anonymous local mode only). */
  allowedTenantIds: readonly string[];
  /** Called when deliveries are queued, so the delivery worker sends them now rather than at its next look. */
  onDeliveriesQueued?: () => void;
};

export function createServices(options: ServiceOptions) {
  const { store, clock, newId, bootstrapAdmins, allowedTenantIds } = options;
  const withLock = createKeyedLock();
  const audit = createAuditLog({ store, clock, newId });
  const access = createAccess({ store, audit, bootstrapAdmins });
  return {
    audit,
    access,
    roster: createRosterService({ store, clock, withLock }),
    preferences: createCheckinPreferences({ store, clock, withLock }),
    cardActions: createCardActions({ store, clock }),
    units: createUnits({ store, clock, newId, audit, withLock, allowedTenantIds }),
    roles: createRoles({ store, audit, access, withLock, bootstrapAdmins }),
    deliveries: createDeliveries({ store, clock, newId, onEnqueued: () => options.onDeliveriesQueued?.() }),
  };
}

export type Services = ReturnType<typeof createServices>;
