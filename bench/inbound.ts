// Benchmark 1, inbound: pulse submissions through the whole HTTP stack (restify, the Teams adapter, teams-ai's
// route table, the roster, the idempotency claim, the check-ins service, durable writes to the lowdb store),
// from 10,000 distinct people at 50 connections, against the bare botbuilder bot (bare-bot.ts) answering the
// same invokes with the same card. Both run in processes of their own, loaded in turns (bare, real, real,
// bare…) so both share the machine's noise. Afterwards the store is read back: every 2xx the real bot gave
// must be a pulse on disk.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openLowdbStore } from '../src/store/lowdb-store.js';
import type { Store } from '../src/store/store.js';
import { startFakeConnector } from '../test/support/fake-connector.js';
import { startBotProcess, type BotProcess } from './bot-process.js';
import { pointAtConnector } from './connector-data.js';
import { scratchCopy } from './files.js';
import type { Generated } from './generate.js';
import { load, pulseSubmit, pulseTraffic, type LoadResult, type Traffic } from './pulse-load.js';
import { interleave, median, sum } from './stats.js';
import { TENANT, unitIdOf, UNITS } from './synthetic-org.js';
import type { Usage } from './usage.js';

export type InboundOptions = {
  rounds: number;
  seconds: number;
  connections: number;
  warmUpSeconds: number;
  /** Node options for the real bot's process (--cpu-prof). */
  nodeArgs?: string[];
};
export type Side = { rounds: LoadResult[]; perSecond: number; p50Ms: number; p99Ms: number; failed: number };
export type InboundResult = {
  options: InboundOptions;
  staff: number;
  bare: Side;
  real: Side;
  ratio: number;
  /** Pulse versions added on disk during the run, and the 2xx answers the real bot gave to submissions. */
  writesOnDisk: number;
  answered: number;
  realUsage: Usage;
};

const log = (line: string) => process.stderr.write(`${line}\n`);

export async function runInbound(data: Generated, options: InboundOptions): Promise<InboundResult> {
  const { staff, currentCycleId: cycleId } = data.manifest;
  const scratch = await scratchCopy(data.dataDir, 'inbound');
  const connector = await startFakeConnector();
  const started: BotProcess[] = [];
  try {
    await pointAtConnector(scratch.dataDir, connector.url);
    const before = await lowdbPulseVersions(scratch.dataDir, cycleId);
    const real = await startBotProcess(
      'bot',
      { DATA_DIR: scratch.dataDir, ALLOWED_TENANT_IDS: TENANT },
      options.nodeArgs,
    );
    started.push(real);
    const cardFile = join(scratch.dataDir, '..', 'bare-card.json');
    await writeFile(cardFile, JSON.stringify(await probe(real.url, connector.url, cycleId)));
    const bare = await startBotProcess('bare', { BARE_CARD_FILE: cardFile });
    started.push(bare);
    const { rounds, warmUp } = await loadInTurns(
      { bare: bare.url, real: real.url },
      { ...options, serviceUrl: connector.url, cycleId, staff },
    );
    const realUsage = await real.usage();
    await Promise.all(started.splice(0).map((bot) => bot.stop()));
    const writesOnDisk = (await lowdbPulseVersions(scratch.dataDir, cycleId)) - before;
    const [bareSide, realSide] = [side(rounds.bare), side(rounds.real)];
    return {
      options,
      staff,
      bare: bareSide,
      real: realSide,
      ratio: realSide.perSecond / bareSide.perSecond,
      writesOnDisk,
      // The probe and the warm-up were answered too.
      answered: 1 + warmUp.real.completed + sum(rounds.real.map((r) => r.completed)),
      realUsage,
    };
  } finally {
    await Promise.all(started.map((bot) => bot.stop()));
    await connector.close();
    await scratch.remove();
  }
}

export function side(rounds: LoadResult[]): Side {
  // A round that answered nothing has no latencies (autocannon says 0): NaN when no round answered anything.
  const answering = rounds.filter((r) => r.completed > 0);
  return {
    rounds,
    perSecond: sum(rounds.map((r) => r.completed)) / sum(rounds.map((r) => r.seconds)),
    p50Ms: median(answering.map((r) => r.p50Ms)),
    p99Ms: median(answering.map((r) => r.p99Ms)),
    failed: sum(rounds.map((r) => r.failed)),
  };
}

/** The sum of every pulse's version in the cycle: each durable submission adds one. */
export async function pulseVersions(store: Store, cycleId: string): Promise<number> {
  let total = 0;
  for (let unit = 0; unit < UNITS; unit++)
    for (const pulse of Object.values((await store.unitCheckins(cycleId, unitIdOf(unit))).pulses))
      total += pulse.version;
  return total;
}

async function lowdbPulseVersions(dataDir: string, cycleId: string): Promise<number> {
  const store = await openLowdbStore({ dataDir });
  try {
    return await pulseVersions(store, cycleId);
  } finally {
    await store.close();
  }
}

/**
 * Each bot warmed up, then loaded in turns (a, b, b, a…) for the rounds, so the machine's noise falls on all
 * of them; each bot's traffic continues from person to person across its warm-up and rounds.
 */
export async function loadInTurns<K extends string>(
  urls: Record<K, string>,
  options: InboundOptions & { serviceUrl: string; cycleId: string; staff: number },
): Promise<{ rounds: Record<K, LoadResult[]>; warmUp: Record<K, LoadResult> }> {
  const names = Object.keys(urls) as K[];
  const runId = Date.now();
  const traffic = Object.fromEntries(
    names.map((name) => [name, pulseTraffic({ ...options, runId: `bench-${name}-${runId}` })]),
  ) as Record<K, Traffic>;
  const rounds = Object.fromEntries(names.map((name) => [name, []])) as unknown as Record<K, LoadResult[]>;
  const warmUp = {} as Record<K, LoadResult>;
  log(`bench: inbound: warming up ${names.join(', ')} (${options.warmUpSeconds} s each)…`);
  for (const name of names)
    warmUp[name] = await load(urls[name], traffic[name], options.connections, options.warmUpSeconds);
  const steps = Object.fromEntries(
    names.map((name) => [
      name,
      async (round: number) => {
        const result = await load(urls[name], traffic[name], options.connections, options.seconds);
        log(
          `bench: inbound round ${round + 1} ${name}: ${result.perSecond.toFixed(0)}/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms`,
        );
        rounds[name].push(result);
      },
    ]),
  ) as Record<K, (round: number) => Promise<void>>;
  await interleave(options.rounds, steps);
  return { rounds, warmUp };
}

/** One submission to the real bot, which must answer with the receipt (it offers "Change my answers"). */
export async function probe(url: string, serviceUrl: string, cycleId: string): Promise<unknown> {
  const response = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(
      pulseSubmit({ serviceUrl, cycleId, person: 0, cardId: `bench-probe-${Date.now()}` }),
    ),
  });
  const body = (await response.json()) as { statusCode?: number; value?: unknown };
  if (
    response.status !== 200 ||
    body.statusCode !== 200 ||
    !JSON.stringify(body.value).includes('pulse.change')
  )
    throw new Error(
      `bench: the bot did not answer a pulse submission with its receipt: ${response.status} ${JSON.stringify(body).slice(0, 500)}`,
    );
  return body.value;
}
