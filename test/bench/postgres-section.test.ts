// The PostgreSQL comparison's section of results.md (bench/postgres-section.ts): ratios PostgreSQL ÷ lowdb, a
// case stopped at its deadline never shown as a plain ratio, and a skipped comparison said plainly.
import { describe, expect, it } from '@jest/globals';
import type { DeliveryResult } from '../../bench/delivery.js';
import type { StoreSide } from '../../bench/inbound-stores.js';
import { side } from '../../bench/inbound.js';
import { postgresSection, type DeliveryPair } from '../../bench/postgres-section.js';

const inboundSide = (perSecond: number, p50Ms: number, p99Ms: number): StoreSide => ({
  rounds: [{ completed: perSecond * 10, failed: 0, seconds: 10, perSecond, p50Ms, p99Ms }],
  perSecond,
  p50Ms,
  p99Ms,
  failed: 0,
  writes: perSecond * 10 + 50,
  answered: perSecond * 10,
  usage: { maxRssKiB: 300 * 1024, rssKiB: 0, heapUsedKiB: 0 },
});

const delivery = (elapsedMs: number, finished: boolean): DeliveryResult => ({
  case: {
    name: 'known',
    people: 10_000,
    sendRate: 500,
    failingShare: 0.01,
    withPersonalChats: true,
    goal: 1.1,
  },
  finished,
  requestsPerPerson: 1,
  floorMs: 20_000,
  elapsedMs,
  ratio: elapsedMs / 20_000,
  gateBoundMs: 20_400,
  phases: { enqueueMs: 200, firstRequestMs: 600, sendingMs: elapsedMs - 1_000, tailMs: 200 },
  requests: {
    creates: 0,
    sends: 10_100,
    throttled: 0,
    peakPerSecond: 500,
    peakEndsAtMs: 900,
    perSecond: 480,
  },
  failuresInjected: 100,
  retries: 100,
  retriedAfter: { '502 ServiceError': 100 },
  sendOutcomes: { ok: 10_000 },
  delivered: finished ? 10_000 : 9_000,
  lost: finished ? 0 : 1_000,
  duplicates: 0,
  possiblyDuplicated: 0,
  progress: { polls: 5, totalMs: 100, maxMs: 30 },
  eventLoop: { utilisation: 0.5, delayP99Ms: 40, delayMaxMs: 90 },
  calls: { 'store.claimDeliveries': { calls: 40, totalMs: 400, maxMs: 30, syncMs: 4 } },
  core: undefined,
});

const pair = (lowdb: DeliveryResult, postgres: DeliveryResult): DeliveryPair => ({
  label: '(a) chats exist (headline)',
  lowdb,
  postgres,
});

const rowOf = (section: string, start: string) =>
  section.split('\n').find((line) => line.startsWith(`| ${start}`));

describe('the PostgreSQL comparison section', () => {
  it('gives throughput and latencies as PostgreSQL ÷ lowdb', () => {
    const section = postgresSection({
      inbound: {
        options: { rounds: 3, seconds: 10, connections: 50, warmUpSeconds: 3 },
        staff: 10_000,
        weeks: 1,
        seedSeconds: 40,
        lowdb: inboundSide(200, 100, 400),
        postgres: inboundSide(100, 300, 600),
      },
    });
    expect(rowOf(section, 'inbound throughput')).toContain('| 200/s | 100/s | 0.50 |');
    expect(rowOf(section, 'inbound p50')).toContain('| 3.00 |');
    expect(rowOf(section, 'inbound p99')).toContain('| 1.50 |');
    expect(section).toContain('10,000 staff with 1 week of history');
  });

  it('shows a delivery ratio as a bound when one side was stopped, and as unknown when both were', () => {
    const finished = postgresSection({ delivery: [pair(delivery(22_000, true), delivery(33_000, true))] });
    expect(rowOf(finished, 'delivery (a) chats exist, 10,000 at 500/s: enqueue')).toMatch(/\| 1\.50 \|$/);
    const pgStopped = postgresSection({ delivery: [pair(delivery(22_000, true), delivery(30_000, false))] });
    expect(rowOf(pgStopped, 'delivery (a) chats exist, 10,000 at 500/s: enqueue')).toMatch(/\| > 1\.36 \|$/);
    expect(rowOf(pgStopped, 'delivery (a) chats exist, 10,000 at 500/s: lost')).toContain(
      '1,000 unsent at the deadline',
    );
    const bothStopped = postgresSection({
      delivery: [pair(delivery(30_000, false), delivery(30_000, false))],
    });
    expect(rowOf(bothStopped, 'delivery (a) chats exist, 10,000 at 500/s: enqueue')).toContain('unknown');
  });

  it('says why the comparison was skipped, and how to run it', () => {
    const section = postgresSection('no PostgreSQL server answered at DATABASE_URL (ECONNREFUSED)');
    expect(section).toContain('Not measured in this run: no PostgreSQL server answered');
    expect(section).toContain('--store postgres');
  });
});

describe('a side of the inbound comparison', () => {
  it('has no latencies when no round answered anything, rather than 0 ms', () => {
    const silent = { completed: 0, failed: 0, seconds: 10, perSecond: 0, p50Ms: 0, p99Ms: 0 };
    const found = side([silent, { ...silent, completed: 20, perSecond: 2, p50Ms: 900, p99Ms: 1_500 }]);
    expect(found).toMatchObject({ perSecond: 1, p50Ms: 900, p99Ms: 1_500 });
    expect(side([silent, silent]).p50Ms).toBeNaN();
  });
});
