// A trust with one tracked ward for check-in service tests: the in-memory store, real services and a clock
// the test moves.
import type { Delivery } from '../../src/domain/delivery.js';
import type { Person, Team } from '../../src/domain/roster.js';
import { createServices } from '../../src/services/index.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/store.js';
import { checkinOptions } from './checkin-options.js';

export const TENANT = 'tenant-trust';
export const WARD = '19:ward7';
export const CLEAN = { p1: 'yes', p2: 'no', p3: 'notApplicable', p4: 'yes', p5: 'yes', p6: 'no' };

export const person = (id: string, overrides: Partial<Person> = {}): Person => ({
  aadObjectId: id,
  teamsUserId: `29:${id}`,
  name: id,
  tenantId: TENANT,
  guest: false,
  checkins: { stopped: false },
  firstSeenAt: '2026-11-01T09:00:00.000Z',
  ...overrides,
});

export const ward = (members: string[], removed: string[] = []): Team => ({
  id: WARD,
  name: 'Ward 7',
  tenantId: TENANT,
  serviceUrl: 'https://smba.example.test/',
  state: 'active',
  channels: [],
  members: Object.fromEntries([
    ...members.map((id) => [id, { addedAt: '2026-11-01T00:00:00Z' }]),
    ...removed.map((id) => [id, { addedAt: '2026-11-01T00:00:00Z', removedAt: '2026-11-10T00:00:00Z' }]),
  ]),
  installed: true,
});

/** A trust with one tracked ward: staff, a guest, someone from another tenant, a leaver, a stopper; a manager. */
export async function setup(start = '2026-11-23T09:00:00Z', wrap: (store: Store) => Store = (s) => s) {
  const memory = createMemoryStore();
  const store = wrap(memory);
  let now = new Date(start);
  let id = 0;
  const services = createServices({
    ...checkinOptions,
    store,
    clock: () => now,
    newId: () => `id-${++id}`,
    bootstrapAdmins: [],
    allowedTenantIds: [TENANT],
  });
  await memory.saveTeam(ward(['ada', 'bo', 'guest', 'other', 'stopper', 'manager'], ['leaver']));
  for (const p of [
    person('ada'),
    person('bo'),
    person('guest', { guest: true }),
    person('other', { tenantId: 'another-tenant' }),
    person('stopper', { checkins: { stopped: true } }),
    person('leaver'),
    person('manager'),
  ])
    await memory.savePerson(p);
  await memory.saveUnit({
    id: WARD,
    name: 'Ward 7',
    level: 'unit',
    teamId: WARD,
    tracked: true,
    createdAt: '2026-11-01T00:00:00Z',
    createdBy: 'manager',
  });
  await memory.saveRoles('manager', { admin: false, lead: false, managerOf: [WARD] });
  await memory.saveRoles('lead', { admin: false, lead: true, managerOf: [] });
  const batch = async (batchId: string) => memory.batchDeliveries(batchId);
  const recipients = (deliveries: Delivery[]) =>
    deliveries.map((d) => (d.recipient.kind === 'person' ? d.recipient.aadObjectId : '?')).sort();
  return {
    store: memory,
    services,
    batch,
    recipients,
    at: (iso: string) => (now = new Date(iso)),
  };
}
