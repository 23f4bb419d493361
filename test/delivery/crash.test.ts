// Kill -9 mid-batch and restart, with a real child process: the engine (lowdb store on real files, worker,
// Teams sender) sends one batch to 300 people through the loopback Bot Connector, is killed with SIGKILL
// while sends are in flight, and is started again on the same data directory. Nothing is lost, and anyone
// who got the message twice is among the deliveries the report flags as possibly duplicated.
import { afterEach, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { BatchProgress, Delivery } from '../../src/domain/delivery.js';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import { conversationIdFor, startFakeConnector } from '../support/fake-connector.js';
import { BATCH, personId, SEND_RATE, STALE_MS, teamsUserId } from './fixtures/crash-batch.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCRIPT = 'test/delivery/fixtures/engine-process.ts';
const COUNT = 300;
/**
 * Sends leave in bursts (the rate gate lets 100 requests start per window: 100 chat creations, then their
 * 100 messages), so by 150 the first 100 are recorded delivered and the next burst is on the wire.
 */
const KILL_AFTER_SENDS = 150;
/** Every send waits this long at Teams, so some are on the wire when the process dies. */
const DELAY_MS = 20;
/** The worker's default: at most sendRate deliveries in flight. */
const MAX_IN_FLIGHT = SEND_RATE;

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

type Engine = {
  child: ChildProcess;
  /** Resolves with the first stdout line starting with `prefix`; rejects on timeout or early exit. */
  line(prefix: string, timeoutMs: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
};

function startEngine(dataDir: string, connectorUrl: string): Engine {
  // jest runs with --experimental-vm-modules in NODE_OPTIONS; the child is a plain Node process with tsx.
  const { NODE_OPTIONS: _jestOnly, ...env } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, dataDir, connectorUrl, String(COUNT)], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });
  const output = () => `stdout:\n${stdout}\nstderr:\n${stderr}`;
  const line = async (prefix: string, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = stdout
        .split('\n')
        .slice(0, -1)
        .find((one) => one.startsWith(prefix));
      if (found !== undefined) return found;
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`engine exited before "${prefix}":\n${output()}`);
      if (Date.now() > deadline) throw new Error(`engine: no "${prefix}" in ${timeoutMs} ms:\n${output()}`);
      await sleep(5);
    }
  };
  return { child, line, exited, output };
}

async function waitUntil(condition: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what()}`);
    await sleep(2);
  }
}

describe('delivery engine killed with SIGKILL mid-batch', () => {
  it('loses nothing after a restart; duplicates are only among flagged in-flight items', async () => {
    const started = Date.now();
    const connector = await startFakeConnector({ delayMs: DELAY_MS, globalPerSecond: 10_000 });
    cleanups.push(() => connector.close());
    const dataDir = await mkdtemp(join(tmpdir(), 'crash-deliveries-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));

    const first = startEngine(dataDir, connector.url);
    // The child compiles the engine with tsx first: on a busy machine that alone can take 10 s or more.
    await first.line('ready', 30_000);
    await waitUntil(
      () => connector.sent.length >= KILL_AFTER_SENDS,
      10_000,
      () => `${KILL_AFTER_SENDS} sends (have ${connector.sent.length})\n${first.output()}`,
    );
    first.child.kill('SIGKILL');
    const sentAtKill = connector.sent.length;
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    // Requests already at the connector still land: they are the ones that may arrive twice.
    await sleep(DELAY_MS * 5);
    const sentByFirst = connector.sent.length;

    const second = startEngine(dataDir, connector.url);
    const done = await second.line('done ', 30_000);
    expect(await second.exited).toEqual({ code: 0, signal: null });
    const progress = JSON.parse(done.slice('done '.length)) as BatchProgress;
    const store = await openLowdbStore({ dataDir, lock: { staleMs: STALE_MS } });
    const deliveries = await store.batchDeliveries(BATCH).finally(() => store.close());

    const received = (sends: readonly { conversationId: string }[]) => {
      const counts = new Map<string, number>();
      for (const { conversationId } of sends)
        counts.set(conversationId, (counts.get(conversationId) ?? 0) + 1);
      return (i: number) => counts.get(conversationIdFor(teamsUserId(i))) ?? 0;
    };
    const timesReceived = received(connector.sent);
    const beforeKill = received(connector.sent.slice(0, sentByFirst));
    const people = Array.from({ length: COUNT }, (_, i) => i);
    const flagged = new Set(deliveries.filter((d) => d.possiblyDuplicated).map(recipientId));
    const missing = people.filter((i) => timesReceived(i) === 0).map(personId);
    const duplicated = people.filter((i) => timesReceived(i) > 1).map(personId);
    const deliveredBeforeKill = people.filter((i) => beforeKill(i) > 0 && !flagged.has(personId(i)));
    console.log(
      `crash test: sends at kill ${sentAtKill}, by the killed run ${sentByFirst} ` +
        `(${deliveredBeforeKill.length} recorded delivered before the kill), total ${connector.sent.length}; ` +
        `flagged ${flagged.size}, received twice ${duplicated.length}; ${Date.now() - started} ms`,
    );

    // The kill really happened mid-batch, after some deliveries were recorded and while others were in flight.
    expect(sentAtKill).toBeGreaterThan(0);
    expect(sentByFirst).toBeLessThan(COUNT);
    expect(deliveredBeforeKill.length).toBeGreaterThan(0);
    expect(deliveredBeforeKill.length).toBeLessThan(sentByFirst);
    // Nothing lost: everyone got the message, and every delivery ended delivered.
    expect(missing).toEqual([]);
    expect(progress).toMatchObject({ total: COUNT, done: true, possiblyDuplicated: flagged.size });
    expect(progress.byState).toMatchObject({ delivered: COUNT, pending: 0, sending: 0 });
    expect(deliveries.map((d) => d.state)).toEqual(Array(COUNT).fill('delivered'));
    // Duplicates only among the items in flight at the kill, and every one of them reported.
    expect(duplicated.filter((id) => !flagged.has(id))).toEqual([]);
    expect(connector.sent.length - COUNT).toBeLessThanOrEqual(flagged.size);
    // The worker keeps "sending" on disk to the in-flight bound: queued, in flight, or answered but unsaved.
    expect(flagged.size).toBeLessThanOrEqual(MAX_IN_FLIGHT);
    // Each attempt sends at most once: flagged items were tried again after the restart, the rest once only.
    const wrong = deliveries.filter((delivery) => {
      const times = timesReceived(Number(recipientId(delivery).slice('aad-'.length)));
      return delivery.possiblyDuplicated
        ? delivery.attempts !== 2 || times > 2
        : delivery.attempts !== 1 || times !== 1;
    });
    expect(wrong).toEqual([]);
  }, 90_000);
});

function recipientId(delivery: Delivery): string {
  return delivery.recipient.kind === 'person'
    ? delivery.recipient.aadObjectId
    : delivery.recipient.conversationId;
}
