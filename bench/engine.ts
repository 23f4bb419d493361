// The delivery engine as the composition root builds it (services, Teams sender, worker with its production
// defaults), pointed at the loopback fake Bot Connector, on either store: lowdb on real files, or PostgreSQL
// on a fresh schema seeded from the same files through the Store port, with the send rate counted in the
// database as production counts it with STORE=postgres. The store is wrapped so the benchmark can say where
// the time went: each wrapped call's count and its time from call to resolve.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BotDeps } from '../src/bot/deps.js';
import { createTeamsSender } from '../src/bot/teams-sender.js';
import { WINDOW_MS, type RateGate } from '../src/delivery/rate-gate.js';
import type { Sender } from '../src/delivery/sender.js';
import { createSharedRateGate } from '../src/delivery/shared-rate-gate.js';
import { createDeliveryWorker } from '../src/delivery/worker.js';
import { createLogger } from '../src/log.js';
import { systemClock } from '../src/services/clock.js';
import { createExports } from '../src/services/exports.js';
import { createServices } from '../src/services/index.js';
import { CORE_JOURNAL_NAME } from '../src/store/core-journal.js';
import { openLowdbStore } from '../src/store/lowdb-store.js';
import { openPostgresStore } from '../src/store/postgres-store.js';
import { createPostgresSendSlots } from '../src/store/postgres/rate.js';
import type { Store } from '../src/store/store.js';
import { text } from '../src/text/index.js';
import { startFakeConnector, TEAMS_PER_CONVERSATION } from '../test/support/fake-connector.js';
import { checkinOptions } from '../test/support/checkin-options.js';
import { DATABASE_URL, freshSchema, seedFromLowdb } from './postgres.js';
import { BOT_ID, seedDataDir, TENANT } from './seed.js';

/** How long a send may hold its place in the shared rate, as src/index.ts sets it (the longest request). */
const SEND_HOLD_MS = 30_000;

/** totalMs: call to resolve (waiting included); syncMs: the part run before the call returned (CPU). */
export type CallStats = { calls: number; totalMs: number; maxMs: number; syncMs: number };

const TIMED_STORE = [
  'enqueueDeliveries',
  'claimDeliveries',
  'renewDeliveryLeases',
  'releaseDeliveries',
  'nextDeliveryTime',
  'batchDeliveries',
  'person',
  'personalConversation',
  'conversation',
  'team',
  'teamsOf',
  'unit',
  'saveConversation',
] as const satisfies readonly (keyof Store)[];

/**
 * `target` with the named methods measured into `stats` (as "label.method"); everything else passes straight
 * through.
 */
function timed<T extends object>(
  target: T,
  label: string,
  names: readonly (keyof T & string)[],
  stats: Map<string, CallStats>,
): T {
  const wrapped = { ...target };
  for (const name of names) {
    const original = target[name] as (...args: unknown[]) => Promise<unknown>;
    const entry: CallStats = { calls: 0, totalMs: 0, maxMs: 0, syncMs: 0 };
    stats.set(`${label}.${name}`, entry);
    (wrapped as Record<string, unknown>)[name] = async (...args: unknown[]) => {
      const start = performance.now();
      try {
        const pending = original(...args);
        entry.syncMs += performance.now() - start;
        return await pending;
      } finally {
        const took = performance.now() - start;
        entry.calls++;
        entry.totalMs += took;
        entry.maxMs = Math.max(entry.maxMs, took);
      }
    };
  }
  return wrapped;
}

/** The sender, with each outcome counted: "ok", the HTTP status, or the error it threw. */
function countedSender(sender: Sender) {
  const outcomes: Record<string, number> = {};
  const count = (key: string) => void (outcomes[key] = (outcomes[key] ?? 0) + 1);
  const counted: Sender = {
    async send(delivery, gate) {
      try {
        const result = await sender.send(delivery, gate);
        count(result.ok ? 'ok' : `${result.status}${result.code ? ` ${result.code}` : ''}`);
        return result;
      } catch (error) {
        const { name, message, cause } = error as Error & { cause?: { code?: string } };
        count(`threw ${name}: ${cause?.code ?? message}`);
        throw error;
      }
    },
  };
  return { sender: counted, outcomes };
}

export type StoreKind = 'lowdb' | 'postgres';

export type EngineOptions = {
  store: StoreKind;
  people: number;
  sendRate: number;
  withPersonalChats: boolean;
};

export async function startEngine(options: EngineOptions) {
  const { people, sendRate, withPersonalChats } = options;
  // Teams' per-conversation limits as they are; the app-wide limit above the worker's rate, so only the
  // worker's own gate decides the pace (each person has a conversation of their own, so those never bind).
  const connector = await startFakeConnector({
    globalPerSecond: Math.max(1_000, sendRate * 2),
    perConversation: TEAMS_PER_CONVERSATION,
  });
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-deliveries-'));
  const seed = await seedDataDir(dataDir, { people, serviceUrl: connector.url, withPersonalChats });
  const stats = new Map<string, CallStats>();
  const backing = await openBacking(options.store, dataDir, stats);
  const store = timed(backing.store, 'store', TIMED_STORE, stats);
  const log = createLogger('silent');
  const queued = { wake: () => {} };
  const deps: BotDeps = {
    text,
    log,
    exports: createExports({ clock: systemClock, randomBytes }),
    publicBaseUrl: 'http://127.0.0.1:3978',
    settings: { anonymityMin: 5, timeZone: 'Europe/London', allowedTenantIds: [TENANT] },
    newId: randomUUID,
    clock: systemClock,
    ...createServices({
      ...checkinOptions,
      store,
      clock: systemClock,
      newId: randomUUID,
      bootstrapAdmins: [],
      allowedTenantIds: [TENANT],
      onDeliveriesQueued: () => queued.wake(),
    }),
  };
  const sending = countedSender(createTeamsSender(deps, BOT_ID, async () => undefined));
  const worker = createDeliveryWorker({
    store,
    sender: sending.sender,
    log,
    sendRate,
    quietHours: 'off',
    timeZone: 'Europe/London',
    rateGate: backing.rateGate,
  });
  await worker.start();
  queued.wake = worker.wake;
  return {
    connector,
    deps,
    store,
    /** The store's calls, and on PostgreSQL the shared rate's (sendSlots): "store.batchDeliveries"… */
    callStats: stats,
    sendOutcomes: sending.outcomes,
    /** The lowdb store's core.json before, and with its journal after (undefined on PostgreSQL). */
    coreBytes: options.store === 'lowdb' ? seed.coreBytes : undefined,
    coreBytesNow: async () => {
      if (options.store !== 'lowdb') return undefined;
      const size = (name: string) =>
        stat(join(dataDir, name)).then(
          ({ size }) => size,
          () => 0,
        );
      return (await size('core.json')) + (await size(CORE_JOURNAL_NAME));
    },
    async stop(): Promise<void> {
      await worker.stop();
      await backing.close();
      await connector.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

type Backing = { store: Store; rateGate?: (startRate: number) => RateGate; close(): Promise<void> };

async function openBacking(
  kind: StoreKind,
  dataDir: string,
  stats: Map<string, CallStats>,
): Promise<Backing> {
  if (kind === 'lowdb') {
    const store = await openLowdbStore({ dataDir });
    return { store, close: () => store.close() };
  }
  const schema = freshSchema('delivery');
  try {
    await seedFromLowdb(dataDir, schema.name);
    const connection = { connectionString: DATABASE_URL, schema: schema.name };
    const store = await openPostgresStore(connection);
    const slots = createPostgresSendSlots({ ...connection, holdMs: SEND_HOLD_MS, windowMs: WINDOW_MS });
    // Each request to Teams waits for its place (take) before it goes: the database's share of the send rate.
    const timedSlots = timed(slots, 'sendSlots', ['take', 'answered'], stats);
    return {
      store,
      rateGate: (rate) => createSharedRateGate(timedSlots, rate),
      async close() {
        await slots.close();
        await store.close();
        await schema.drop();
      },
    };
  } catch (error) {
    await schema.drop();
    throw error;
  }
}

export type Engine = Awaited<ReturnType<typeof startEngine>>;
