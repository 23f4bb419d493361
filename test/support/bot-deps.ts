// Builds the bot's dependencies the way the composition root does, on an in-memory store with a fixed
// clock and a log that tests can read.
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { BotDeps } from '../../src/bot/deps.js';
import type { Person } from '../../src/domain/roster.js';
import { createLogger } from '../../src/log.js';
import { createExports } from '../../src/services/exports.js';
import { createServices } from '../../src/services/index.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/store.js';
import { text } from '../../src/text/index.js';
import { checkinOptions } from './checkin-options.js';

export const NOW = new Date('2026-11-23T10:00:00Z');
export const TENANT = 'tenant-nhs-trust';
export const PUBLIC_BASE_URL = 'https://bot.example.nhs.uk';

export function testDeps(
  overrides: {
    store?: Store;
    allowedTenantIds?: string[];
    bootstrapAdmins?: string[];
    clock?: () => Date;
  } = {},
) {
  const store = overrides.store ?? createMemoryStore();
  const clock = overrides.clock ?? (() => NOW);
  const logLines: string[] = [];
  const sink = new Writable({ write: (chunk, _encoding, done) => (logLines.push(String(chunk)), done()) });
  let id = 0;
  const newId = () => `card-${++id}`;
  const deps: BotDeps = {
    text,
    log: createLogger('debug', sink),
    settings: {
      anonymityMin: 5,
      timeZone: 'Europe/London',
      allowedTenantIds: overrides.allowedTenantIds ?? [TENANT],
    },
    newId,
    clock,
    ...createServices({
      store,
      clock,
      newId,
      bootstrapAdmins: overrides.bootstrapAdmins ?? [],
      allowedTenantIds: overrides.allowedTenantIds ?? [TENANT],
      ...checkinOptions,
    }),
    exports: createExports({ clock, randomBytes }),
    publicBaseUrl: PUBLIC_BASE_URL,
  };
  return { deps, store, logs: () => logLines.join('') };
}

export function samplePerson(overrides: Partial<Person> = {}): Person {
  return {
    aadObjectId: 'aad-priya',
    teamsUserId: '29:priya',
    name: 'Priya Shah',
    tenantId: TENANT,
    guest: false,
    checkins: { stopped: false },
    firstSeenAt: '2026-11-01T09:00:00.000Z',
    ...overrides,
  };
}

/** Ward 7 as a tracked Teams team with Priya in it, as the bot tests set it up. */
export async function saveTrackedWard(store: Store, ward: { id: string; name: string }, member: string) {
  await store.saveTeam({
    id: ward.id,
    name: ward.name,
    tenantId: TENANT,
    serviceUrl: 'https://smba.example.test/emea/',
    state: 'active',
    channels: [],
    members: { [member]: { addedAt: '2026-11-01T00:00:00Z' } },
    installed: true,
  });
  await store.saveUnit({
    id: ward.id,
    name: ward.name,
    level: 'unit',
    teamId: ward.id,
    tracked: true,
    createdAt: '2026-11-01T00:00:00Z',
    createdBy: member,
  });
}
