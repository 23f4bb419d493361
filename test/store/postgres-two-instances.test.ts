// Two real bot processes on one PostgreSQL schema, working as one, against the loopback fake Bot Connector (the
// serviceUrl of the ward's team, so every proactive send lands there with its arrival time):
// - the week's cycle, opened once by the leader's scheduler, sends each person exactly one pulse card in all;
// - a broadcast to everyone is under way on both when the leader is killed with SIGKILL: the other instance takes
//   back what the dead one held once its lease runs out and finishes it. Nobody is missed, anyone who got it twice
//   is among the deliveries flagged possibly duplicated, and the two together never sent more than SEND_RATE
//   requests in any rolling second.
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { Delivery } from '../../src/domain/delivery.js';
import { createServices } from '../../src/services/index.js';
import { openPostgresStore } from '../../src/store/postgres-store.js';
import type { Store } from '../../src/store/store.js';
import { checkinOptions } from '../support/checkin-options.js';
import { conversationIdFor, startFakeConnector, type FakeConnector } from '../support/fake-connector.js';
import { dropSchema, freshSchemaName, postgresForTests, TEST_DATABASE_URL } from './postgres-test-db.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ENTRY = 'test/store/fixtures/bot-instance.ts';
const PEOPLE = 60;
const SEND_RATE = 15;
const LEASE_MS = 3_000;
const TENANT = 'tenant-two-instances';
const WARD = '19:two-instances-ward';
const TITLE = 'Ward huddle moved to Thursday';
const LEAD = { aadObjectId: 'aad-lead', roles: { admin: false, lead: true, managerOf: [] } };

const personId = (i: number) => `aad-${i}`;
const teamsUserId = (i: number) => `29:user-${i}`;
const people = Array.from({ length: PEOPLE }, (_, i) => i);

type Instance = {
  child: ChildProcess;
  port: number;
  leads: () => boolean;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output: () => string;
};

const children: ChildProcess[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'bot-two-instances-'));
const schema = freshSchemaName();

function startInstance(): Promise<Instance> {
  const holidays = join(dataDir, 'no-holidays.json');
  writeFileSync(holidays, JSON.stringify({ schemaVersion: 1, name: 'None', dates: [] }));
  // jest's NODE_OPTIONS (--experimental-vm-modules) is not for the child.
  const { NODE_OPTIONS: _jestOnly, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    cwd: ROOT,
    env: {
      PATH: inherited.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: '0',
      STORE: 'postgres',
      DATABASE_URL: TEST_DATABASE_URL,
      DATABASE_SCHEMA: schema,
      DATA_DIR: dataDir,
      ALLOWED_TENANT_IDS: TENANT,
      LOG_LEVEL: 'info',
      SEND_RATE: String(SEND_RATE),
      QUIET_HOURS: 'off',
      // This week's cycle opened at midnight on Monday: the leader's catch-up opens it at start-up.
      CHECKIN_OPENS: '0 0 * * *',
      HOLIDAYS_FILE: holidays,
      TEST_DELIVERY_LEASE_MS: String(LEASE_MS),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const logged = () =>
    stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg?: string; port?: number });
  const output = () => `stdout:\n${stdout}\nstderr:\n${stderr}`;
  return (async () => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const listening = logged().find((line) => line.msg === 'bot: listening');
      if (listening?.port) {
        const leads = () =>
          logged().some((line) => line.msg === 'scheduler: started, as this instance leads');
        return { child, port: listening.port, leads, exited, output };
      }
      if (child.exitCode !== null) throw new Error(`instance exited at start-up:\n${output()}`);
      if (Date.now() > deadline) throw new Error(`instance: not listening after 60 s:\n${output()}`);
      await sleep(50);
    }
  })();
}

/** The people, the ward's team (reached through the fake connector), the unit, and the weekly job's last run. */
async function seed(store: Store, serviceUrl: string): Promise<void> {
  for (const i of people)
    await store.savePerson({
      aadObjectId: personId(i),
      teamsUserId: teamsUserId(i),
      name: `Person ${i}`,
      tenantId: TENANT,
      guest: false,
      checkins: { stopped: false },
      firstSeenAt: '2026-01-05T09:00:00.000Z',
    });
  await store.saveTeam({
    id: WARD,
    name: 'Ward 12',
    tenantId: TENANT,
    serviceUrl,
    state: 'active',
    channels: [],
    members: Object.fromEntries(people.map((i) => [personId(i), { addedAt: '2026-01-05T00:00:00.000Z' }])),
    installed: true,
  });
  await store.saveUnit({
    id: WARD,
    name: 'Ward 12',
    level: 'unit',
    teamId: WARD,
    tracked: true,
    createdAt: '2026-01-05T00:00:00.000Z',
    createdBy: 'aad-admin',
  });
  // Ran long ago: the run since then is caught up once, by whichever instance leads.
  await store.claimJobRun('checkin-open', '2026-01-05T00:00:00.000Z');
}

async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await check();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

/** How many of the sends reached each person's 1:1 chat. */
function perPerson(sends: readonly { conversationId: string }[]): (i: number) => number {
  const counts = new Map<string, number>();
  for (const { conversationId } of sends) counts.set(conversationId, (counts.get(conversationId) ?? 0) + 1);
  return (i) => counts.get(conversationIdFor(teamsUserId(i))) ?? 0;
}

const allFinal = (deliveries: Delivery[]) =>
  deliveries.length > 0 && deliveries.every((d) => !['pending', 'sending'].includes(d.state));

if (await postgresForTests('two bot instances on one schema')) {
  describe('two bot processes on one PostgreSQL schema', () => {
    let connector: FakeConnector | undefined;
    let store: Store | undefined;
    afterAll(async () => {
      for (const child of children)
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await store?.close();
      await connector?.close();
      await dropSchema(schema);
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('send a cycle once in all, and finish a broadcast when the leader is killed mid-way', async () => {
      connector = await startFakeConnector({ delayMs: 30, globalPerSecond: 10_000 });
      store = await openPostgresStore({ connectionString: TEST_DATABASE_URL, schema });
      await seed(store, connector.url);
      const instances = await Promise.all([startInstance(), startInstance()]);

      // The cycle: opened by the leader alone, its prompts shared by both workers.
      const cycle = await until(
        'the cycle to open',
        async () => (await store!.latestCycle()) ?? undefined,
        30_000,
      );
      const cycleBatch = `checkins:${cycle.id}`;
      const prompts = await until(
        'the prompts to be sent',
        async () => {
          const batch = await store!.batchDeliveries(cycleBatch);
          return allFinal(batch) ? batch : undefined;
        },
        60_000,
      );
      const leaders = instances.filter((instance) => instance.leads());
      expect(leaders).toHaveLength(1);
      const pulseCards = perPerson(connector.sent);
      expect(prompts).toHaveLength(PEOPLE);
      expect(prompts.every((d) => d.state === 'delivered' && d.attempts === 1 && !d.possiblyDuplicated)).toBe(
        true,
      );
      expect(people.filter((i) => pulseCards(i) !== 1)).toEqual([]);
      expect(connector.sent).toHaveLength(PEOPLE);
      expect(connector.created).toHaveLength(PEOPLE);
      const afterCycle = connector.sent.length;

      // The broadcast, started as the compose card starts one; both instances pick it up within a poll.
      const services = createServices({
        ...checkinOptions,
        store,
        clock: () => new Date(),
        newId: randomUUID,
        bootstrapAdmins: [],
        allowedTenantIds: [TENANT],
        sendRate: SEND_RATE,
        quietHours: 'off',
      });
      const sent = await services.broadcasts.send(LEAD, {
        title: TITLE,
        message: 'Same time, same room.',
        audience: { kind: 'everyone' },
      });
      expect(sent).toMatchObject({ kind: 'sent', recipients: PEOPLE });
      const batchId = `broadcast:${(sent as { broadcast: { id: string } }).broadcast.id}`;
      await until(
        'a quarter of the broadcast',
        async () => (connector!.sent.length - afterCycle >= PEOPLE / 4 ? true : undefined),
        30_000,
      );
      const leader = leaders[0]!;
      leader.child.kill('SIGKILL');
      const killedAt = Date.now();
      const sentAtKill = connector.sent.length - afterCycle;
      expect(await leader.exited).toEqual({ code: null, signal: 'SIGKILL' });

      const broadcast = await until(
        'the survivor to finish the broadcast',
        async () => {
          const batch = await store!.batchDeliveries(batchId);
          return allFinal(batch) ? batch : undefined;
        },
        60_000,
      );
      const finishedIn = Date.now() - killedAt;
      const received = perPerson(connector.sent.slice(afterCycle));
      const flagged = new Set(
        broadcast
          .filter((d) => d.possiblyDuplicated)
          .map((d) => (d.recipient as { aadObjectId: string }).aadObjectId),
      );
      const twice = people.filter((i) => received(i) > 1).map(personId);
      const peak = connector.peak(1_000);
      console.log(
        `two instances: cycle ${PEOPLE} prompts once each; broadcast ${sentAtKill} of ${PEOPLE} sent at the kill, ` +
          `finished ${finishedIn} ms after it (lease ${LEASE_MS} ms); flagged ${flagged.size}, received twice ` +
          `${twice.length}; busiest rolling second at the connector ${peak} (SEND_RATE ${SEND_RATE})`,
      );

      expect(sentAtKill).toBeGreaterThan(0);
      expect(sentAtKill).toBeLessThan(PEOPLE);
      expect(people.filter((i) => received(i) === 0)).toEqual([]);
      expect(broadcast.map((d) => d.state)).toEqual(Array(PEOPLE).fill('delivered'));
      expect(twice.filter((id) => !flagged.has(id))).toEqual([]);
      // What the dead one held is at most its in-flight bound, and it came back only once its lease ran out.
      expect(flagged.size).toBeLessThanOrEqual(SEND_RATE);
      expect(peak).toBeLessThanOrEqual(SEND_RATE);
      // Every send after the kill is the survivor's.
      expect(connector.sent.length - afterCycle - sentAtKill).toBeGreaterThan(0);

      const survivor = instances.find((instance) => instance !== leader)!;
      survivor.child.kill('SIGTERM');
      expect(await survivor.exited).toEqual({ code: 0, signal: null });
    }, 180_000);
  });
}
