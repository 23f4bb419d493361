// Issue 11's inbound comparison: the same pulse submissions (pulse-load.ts) to two bots in processes of their
// own, one on the lowdb store and one with STORE=postgres on a fresh schema seeded from the same data through
// the Store port, loaded in turns so both share the machine's noise. Afterwards each store is read back:
// every 2xx a bot gave must be a pulse version in its store.
import { openLowdbStore } from '../src/store/lowdb-store.js';
import { openPostgresStore } from '../src/store/postgres-store.js';
import type { Store } from '../src/store/store.js';
import { startFakeConnector } from '../test/support/fake-connector.js';
import { startBotProcess, type BotProcess } from './bot-process.js';
import { pointAtConnector } from './connector-data.js';
import { scratchCopy } from './files.js';
import type { Generated } from './generate.js';
import { loadInTurns, probe, pulseVersions, side, type InboundOptions, type Side } from './inbound.js';
import { DATABASE_URL, freshSchema, seedFromLowdb } from './postgres.js';
import { sum } from './stats.js';
import { TENANT } from './synthetic-org.js';
import type { Usage } from './usage.js';

export type StoreSide = Side & {
  /** Pulse versions added in the store during the run, and the 2xx answers its bot gave to submissions. */
  writes: number;
  answered: number;
  usage: Usage;
};
export type InboundStoresResult = {
  options: InboundOptions;
  staff: number;
  weeks: number;
  seedSeconds: number;
  lowdb: StoreSide;
  postgres: StoreSide;
};

const log = (line: string) => process.stderr.write(`${line}\n`);

export async function runInboundOnStores(
  data: Generated,
  options: InboundOptions,
): Promise<InboundStoresResult> {
  const { staff, weeks, currentCycleId: cycleId } = data.manifest;
  const scratch = await scratchCopy(data.dataDir, 'inbound-stores');
  const schema = freshSchema('inbound');
  const connector = await startFakeConnector();
  const started: BotProcess[] = [];
  const opened = {
    lowdb: () => openLowdbStore({ dataDir: scratch.dataDir }),
    postgres: () => openPostgresStore({ connectionString: DATABASE_URL, schema: schema.name }),
  };
  try {
    await pointAtConnector(scratch.dataDir, connector.url);
    log(`bench: inbound on PostgreSQL: copying ${staff} staff, ${weeks} week(s) into ${schema.name}…`);
    const seedSeconds = await seedFromLowdb(scratch.dataDir, schema.name);
    log(`bench: inbound on PostgreSQL: copied and checked in ${seedSeconds.toFixed(0)} s`);
    // The copy was checked to hold the same pulses: one count before serves both stores.
    const before = await versions(opened.lowdb, cycleId);
    const common = { ALLOWED_TENANT_IDS: TENANT };
    const { nodeArgs } = options;
    const lowdb = await startBotProcess(
      'bot',
      { ...common, STORE: 'lowdb', DATA_DIR: scratch.dataDir },
      nodeArgs,
    );
    started.push(lowdb);
    const postgres = await startBotProcess(
      'bot',
      { ...common, STORE: 'postgres', DATABASE_URL, DATABASE_SCHEMA: schema.name },
      nodeArgs,
    );
    started.push(postgres);
    for (const bot of started) await probe(bot.url, connector.url, cycleId);
    const { rounds, warmUp } = await loadInTurns(
      { lowdb: lowdb.url, postgres: postgres.url },
      { ...options, serviceUrl: connector.url, cycleId, staff },
    );
    const usage = { lowdb: await lowdb.usage(), postgres: await postgres.usage() };
    await Promise.all(started.splice(0).map((bot) => bot.stop()));
    const storeSide = async (name: 'lowdb' | 'postgres'): Promise<StoreSide> => ({
      ...side(rounds[name]),
      writes: (await versions(opened[name], cycleId)) - before,
      // The probe and the warm-up were answered too.
      answered: 1 + warmUp[name].completed + sum(rounds[name].map((r) => r.completed)),
      usage: usage[name],
    });
    return {
      options,
      staff,
      weeks,
      seedSeconds,
      lowdb: await storeSide('lowdb'),
      postgres: await storeSide('postgres'),
    };
  } finally {
    await Promise.all(started.map((bot) => bot.stop()));
    await connector.close();
    await scratch.remove();
    await schema.drop();
  }
}

async function versions(open: () => Promise<Store>, cycleId: string): Promise<number> {
  const store = await open();
  try {
    return await pulseVersions(store, cycleId);
  } finally {
    await store.close();
  }
}
