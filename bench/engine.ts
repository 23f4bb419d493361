// The delivery engine as the composition root builds it (services, Teams sender, worker with its production
// defaults, lowdb store on real files), pointed at the loopback fake Bot Connector. The store is wrapped so
// the benchmark can say where the time went: each wrapped call's count and its time from call to resolve.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BotDeps } from '../src/bot/deps.js';
import { createTeamsSender } from '../src/bot/teams-sender.js';
import type { Sender } from '../src/delivery/sender.js';
import { createDeliveryWorker } from '../src/delivery/worker.js';
import { createLogger } from '../src/log.js';
import { systemClock } from '../src/services/clock.js';
import { createExports } from '../src/services/exports.js';
import { createServices } from '../src/services/index.js';
import { openLowdbStore } from '../src/store/lowdb-store.js';
import type { Store } from '../src/store/store.js';
import { text } from '../src/text/index.js';
import { startFakeConnector, TEAMS_PER_CONVERSATION } from '../test/support/fake-connector.js';
import { BOT_ID, seedDataDir, TENANT } from './seed.js';
import { checkinOptions } from '../test/support/checkin-options.js';

/** totalMs: call to resolve (waiting included); syncMs: the part run before the call returned (CPU). */
export type CallStats = { calls: number; totalMs: number; maxMs: number; syncMs: number };

const TIMED = [
  'enqueueDeliveries',
  'dueDeliveries',
  'updateDeliveries',
  'batchDeliveries',
  'person',
  'personalConversation',
  'conversation',
  'team',
  'saveConversation',
] as const satisfies readonly (keyof Store)[];

/** The store with the TIMED methods measured; everything else passes straight through. */
function timedStore(store: Store) {
  const stats = new Map<string, CallStats>();
  const wrapped: Store = { ...store };
  for (const name of TIMED) {
    const original = store[name] as (...args: unknown[]) => Promise<unknown>;
    const entry: CallStats = { calls: 0, totalMs: 0, maxMs: 0, syncMs: 0 };
    stats.set(name, entry);
    (wrapped as unknown as Record<string, unknown>)[name] = async (...args: unknown[]) => {
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
  return { store: wrapped, stats };
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

export type EngineOptions = {
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
  const opened = await openLowdbStore({ dataDir });
  const timed = timedStore(opened);
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
      store: timed.store,
      clock: systemClock,
      newId: randomUUID,
      bootstrapAdmins: [],
      allowedTenantIds: [TENANT],
      onDeliveriesQueued: () => queued.wake(),
    }),
  };
  const sending = countedSender(createTeamsSender(deps, BOT_ID, async () => undefined));
  const worker = createDeliveryWorker({
    store: timed.store,
    sender: sending.sender,
    log,
    sendRate,
    quietHours: 'off',
    timeZone: 'Europe/London',
  });
  await worker.start();
  queued.wake = worker.wake;
  return {
    connector,
    deps,
    store: timed.store,
    storeStats: timed.stats,
    sendOutcomes: sending.outcomes,
    coreBytes: seed.coreBytes,
    coreBytesNow: async () => (await stat(join(dataDir, 'core.json'))).size,
    async stop(): Promise<void> {
      await worker.stop();
      await timed.store.close();
      await connector.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export type Engine = Awaited<ReturnType<typeof startEngine>>;
