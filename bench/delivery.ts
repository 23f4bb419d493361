// The delivery benchmark: N recipients through the fake Bot Connector at a given app-wide rate, 1%
// of them failing once with a 502, timed from enqueue to the batch's progress saying done, against the floor
// the rate allows. Two cases: people whose 1:1 chat already exists (one request each), and first contact
// (two requests each: start the chat, then send), each against its own floor.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { conversationIdFor, teamsFailures } from '../test/support/fake-connector.js';
import { summarise, type DeliveryResult, type Poll } from './delivery-summary.js';
import { startEngine, type Engine, type StoreKind } from './engine.js';
import { aadIdOf, teamsUserIdOf } from './seed.js';

/** Past this multiple of the floor the goal is long missed: stop, to keep the run short. */
const DEADLINE_FACTOR = 1.5;
/** How often progress is read while the connector has not yet seen a message for everyone. */
const SLOW_POLL_MS = 5_000;

export type DeliveryCase = {
  name: string;
  people: number;
  sendRate: number;
  failingShare: number;
  withPersonalChats: boolean;
  goal: number;
};

export type { DeliveryResult };

/** Every 1/share-th person, spread evenly over the list. */
function failingPeople(people: number, share: number): number[] {
  const count = Math.round(people * share);
  return Array.from({ length: count }, (_, k) => Math.floor(((k + 0.5) * people) / count));
}

/** The message POST to each chosen person fails once with a 502; starting their chat does not fail. */
function injectFailures(engine: Engine, chosen: number[], withPersonalChats: boolean): void {
  const conversations = chosen.map((i) => conversationIdFor(teamsUserIdOf(i)));
  if (withPersonalChats) {
    for (const id of conversations) engine.connector.failNext(id, teamsFailures.serviceError(502));
    return;
  }
  // failNext would fail the creation of the chat first; this rule fails the first send only.
  const once = new Set(conversations);
  engine.connector.failFor((id) => once.delete(id), teamsFailures.serviceError(502), 'messages');
}

/**
 * Waits for progress.done. Reading progress copies the whole batch on the worker's event loop, so it is read
 * often only once the connector has seen a message for everyone, and every few seconds before that.
 */
async function waitForDone(engine: Engine, batchId: string, people: number, deadline: number) {
  const poll: Poll = { progress: undefined, polls: 0, totalMs: 0, maxMs: 0 };
  let lastFull = 0;
  while (performance.now() < deadline) {
    const allSeen = engine.connector.sent.length >= people;
    if (allSeen || performance.now() - lastFull >= SLOW_POLL_MS) {
      const start = performance.now();
      poll.progress = await engine.deps.deliveries.progress(batchId);
      const took = performance.now() - start;
      lastFull = start;
      poll.polls++;
      poll.totalMs += took;
      poll.maxMs = Math.max(poll.maxMs, took);
      if (poll.progress.done) return { ...poll, doneAt: performance.now() };
    }
    await sleep(allSeen ? 2 : 50);
  }
  return { ...poll, doneAt: undefined };
}

export async function runDeliveryCase(
  spec: DeliveryCase,
  store: StoreKind = 'lowdb',
): Promise<DeliveryResult> {
  const { people, sendRate, withPersonalChats } = spec;
  const engine = await startEngine({ store, people, sendRate, withPersonalChats });
  try {
    const chosen = failingPeople(people, spec.failingShare);
    injectFailures(engine, chosen, withPersonalChats);
    const requestsPerPerson = withPersonalChats ? 1 : 2;
    const floorMs = ((requestsPerPerson * people) / sendRate) * 1_000;
    const message = {
      card: 'message',
      data: { title: 'Weekly check-in', body: 'Your weekly check-in is open.', reason: 'You are in Ward.' },
    };
    const items = Array.from({ length: people }, (_, i) => ({
      recipient: { kind: 'person' as const, aadObjectId: aadIdOf(i) },
      content: message,
    }));
    const batchId = `bench-${withPersonalChats ? 'known' : 'first'}-${Date.now()}`;
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const elu = performance.eventLoopUtilization();
    const startEpoch = Date.now();
    const start = performance.now();
    await engine.deps.deliveries.enqueue(batchId, 'broadcast', items, { respectsQuietHours: false });
    const enqueueMs = performance.now() - start;
    const waited = await waitForDone(engine, batchId, people, start + floorMs * DEADLINE_FACTOR);
    const end = waited.doneAt ?? performance.now();
    const utilisation = performance.eventLoopUtilization(elu).utilization;
    delay.disable();
    const elapsedMs = end - start;
    const measured = { startEpoch, enqueueMs, elapsedMs, utilisation, delay, waited };
    return await summarise(engine, spec, batchId, chosen.length, floorMs, requestsPerPerson, measured);
  } finally {
    await engine.stop();
  }
}
