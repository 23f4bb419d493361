// The numbers a delivery case reports, read from the connector, the store and the engine's counters once the
// batch is done (or stopped at its deadline).
import type { monitorEventLoopDelay } from 'node:perf_hooks';
import type { BatchProgress } from '../src/domain/delivery.js';
import { conversationIdFor } from '../test/support/fake-connector.js';
import type { DeliveryCase } from './delivery.js';
import type { CallStats, Engine } from './engine.js';
import { aadIdOf, teamsUserIdOf } from './seed.js';

/** The rate gate counts a rolling window this long (src/delivery/rate-gate.ts): its built-in margin. */
const GATE_WINDOW_MS = 1_020;

export type DeliveryResult = {
  case: DeliveryCase;
  finished: boolean;
  requestsPerPerson: number;
  floorMs: number;
  elapsedMs: number;
  ratio: number;
  /** What the rate gate alone would take for the requests made: the engine can do no better. */
  gateBoundMs: number;
  phases: { enqueueMs: number; firstRequestMs: number; sendingMs: number; tailMs: number };
  requests: {
    creates: number;
    sends: number;
    throttled: number;
    /** The most requests the connector counted in any rolling second, and when that second ended. */
    peakPerSecond: number;
    peakEndsAtMs: number;
    perSecond: number;
  };
  failuresInjected: number;
  retries: number;
  /** The last failure of each delivery that needed more than one attempt, by status and code. */
  retriedAfter: Record<string, number>;
  /** What each call of the sender ended with, as the worker saw it. */
  sendOutcomes: Record<string, number>;
  delivered: number;
  lost: number;
  duplicates: number;
  possiblyDuplicated: number;
  progress: { polls: number; totalMs: number; maxMs: number };
  eventLoop: { utilisation: number; delayP99Ms: number; delayMaxMs: number };
  /** By "store.method" (and "sendSlots.method", the shared send rate on PostgreSQL). */
  calls: Record<string, CallStats>;
  /** The lowdb store's core.json (none on PostgreSQL). */
  core: { bytesBefore: number; bytesAfter: number } | undefined;
};

export type Poll = { progress: BatchProgress | undefined; polls: number; totalMs: number; maxMs: number };

export type Measured = {
  startEpoch: number;
  enqueueMs: number;
  elapsedMs: number;
  utilisation: number;
  delay: ReturnType<typeof monitorEventLoopDelay>;
  waited: Poll & { doneAt: number | undefined };
};

export async function summarise(
  engine: Engine,
  spec: DeliveryCase,
  batchId: string,
  failuresInjected: number,
  floorMs: number,
  requestsPerPerson: number,
  measured: Measured,
): Promise<DeliveryResult> {
  const { connector } = engine;
  const counted = connector.sendTimes();
  const first = counted[0]?.at ?? measured.startEpoch;
  const last = counted.at(-1)?.at ?? measured.startEpoch;
  const requests = counted.length;
  const perConversation = new Map<string, number>();
  for (const { conversationId } of connector.sent)
    perConversation.set(conversationId, (perConversation.get(conversationId) ?? 0) + 1);
  const deliveries = await engine.store.batchDeliveries(batchId);
  const deliveredTo = new Set(
    deliveries.flatMap((delivery) =>
      delivery.state === 'delivered' && delivery.recipient.kind === 'person'
        ? [delivery.recipient.aadObjectId]
        : [],
    ),
  );
  // Lost: not both marked delivered in the store and received by the connector.
  const lost = Array.from({ length: spec.people }, (_, i) => i).filter(
    (i) => !deliveredTo.has(aadIdOf(i)) || !perConversation.has(conversationIdFor(teamsUserIdOf(i))),
  ).length;
  return {
    case: spec,
    finished: measured.waited.doneAt !== undefined,
    requestsPerPerson,
    floorMs,
    elapsedMs: measured.elapsedMs,
    ratio: measured.elapsedMs / floorMs,
    gateBoundMs: gateBoundMs(
      Math.max(requests, spec.people * requestsPerPerson + failuresInjected),
      spec.sendRate,
    ),
    phases: {
      enqueueMs: measured.enqueueMs,
      firstRequestMs: first - measured.startEpoch,
      sendingMs: last - first,
      tailMs: measured.startEpoch + measured.elapsedMs - last,
    },
    requests: {
      creates: counted.filter((entry) => entry.kind === 'create').length,
      sends: counted.filter((entry) => entry.kind === 'send').length,
      throttled: connector.throttled(),
      ...busiestSecond(counted.map((entry) => entry.at - first)),
      perSecond: requests > 1 ? ((requests - 1) / (last - first)) * 1_000 : 0,
    },
    failuresInjected,
    retries: deliveries.reduce((sum, delivery) => sum + Math.max(0, delivery.attempts - 1), 0),
    retriedAfter: tally(
      deliveries.flatMap(({ attempts, failure }) =>
        attempts > 1 && failure ? [`${failure.status}${failure.code ? ` ${failure.code}` : ''}`] : [],
      ),
    ),
    sendOutcomes: { ...engine.sendOutcomes },
    delivered: deliveredTo.size,
    lost,
    duplicates: [...perConversation.values()].filter((count) => count > 1).length,
    possiblyDuplicated: deliveries.filter((delivery) => delivery.possiblyDuplicated).length,
    progress: {
      polls: measured.waited.polls,
      totalMs: measured.waited.totalMs,
      maxMs: measured.waited.maxMs,
    },
    eventLoop: {
      utilisation: measured.utilisation,
      delayP99Ms: measured.delay.percentile(99) / 1e6,
      delayMaxMs: measured.delay.max / 1e6,
    },
    calls: Object.fromEntries(engine.callStats),
    core: await coreBytes(engine),
  };
}

async function coreBytes(engine: Engine): Promise<DeliveryResult['core']> {
  const [bytesBefore, bytesAfter] = [engine.coreBytes, await engine.coreBytesNow()];
  return bytesBefore === undefined || bytesAfter === undefined ? undefined : { bytesBefore, bytesAfter };
}

function tally(keys: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}

/** The rolling second (t - 1000, t] holding the most of these times (ascending ms). */
function busiestSecond(times: number[]): { peakPerSecond: number; peakEndsAtMs: number } {
  let best = { peakPerSecond: 0, peakEndsAtMs: 0 };
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[start]! <= times[end]! - 1_000) start++;
    if (end - start + 1 > best.peakPerSecond)
      best = { peakPerSecond: end - start + 1, peakEndsAtMs: times[end]! };
  }
  return best;
}

/** The gate starts `perSecond` requests per GATE_WINDOW_MS: the last of n starts this long after the first. */
function gateBoundMs(requests: number, perSecond: number): number {
  return Math.floor(Math.max(0, requests - 1) / perSecond) * GATE_WINDOW_MS;
}
