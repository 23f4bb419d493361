// The delivery worker: claims due items from the store, sends them under the app-wide rate (a rolling
// one-second window, never more), within Teams' per-conversation limits and quiet hours, with a bounded number in
// flight, and releases each with its new state. A claim marks items "sending" on disk with a lease before any
// is sent, so a stop mid-send leaves a known set that may have arrived twice: when their lease runs out, the next
// claim (this worker's after a restart, or another instance's) takes them back and sends them again, flagged.
import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import PQueue from 'p-queue';
import type { Delivery } from '../domain/delivery.js';
import { conversationWaitMs, nextStep } from '../domain/delivery-rules.js';
import { isAllowed, nextAllowedTime, type QuietHours } from '../domain/quiet-hours.js';
import { valueOf, type Live } from '../domain/settings.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';
import { createHeldDeliveries } from './held-deliveries.js';
import { createRateGate, type RateGate } from './rate-gate.js';
import { createResultSaver, type Result } from './result-saver.js';
import type { RequestGate, Sender, SendResult } from './sender.js';

export type WorkerOptions = {
  store: Store;
  sender: Sender;
  log: Logger;
  /** SEND_RATE and QUIET_HOURS, or getters for them as they are now: read at each look for due items. */
  sendRate: Live<number>;
  quietHours: Live<QuietHours>;
  timeZone: string;
  /** Fixed when given; otherwise it follows the send rate. */
  maxInFlight?: number;
  /** How often to look for due items when nothing wakes the worker sooner. */
  pollMs?: number;
  /** How long a claim holds items before another worker may take them back; renewed while they are held. */
  leaseMs?: number;
  /** The app-wide rate: in process unless given (instances sharing a store share one: shared-rate-gate.ts). */
  rateGate?: (startRate: number) => RateGate;
  clock?: () => Date;
  random?: () => number;
};

/** A request not let go because the worker no longer holds the item it is for. */
class LeaseLostError extends Error {}

/** Renewed every third of it: an instance that dies mid-send has its items taken back within this. */
const DEFAULT_LEASE_MS = 30_000;

/**
 * Claimed items handed to the queue in one turn of the event loop. Each send renders its card before it asks
 * the rate gate, so a claim of hundreds handed over at once would hold the first request back until every
 * card was rendered; in slices, the first requests leave while the rest are prepared.
 */
const START_SLICE = 20;

/**
 * While sends still wait their turn at the gate, a claim waits for room for this share of the in-flight bound:
 * each claim is a durable write and a look at every item being sent, so a broadcast makes tens of claims a
 * second rather than one per answer from Teams.
 */
const CLAIM_SHARE = 1 / 10;

export function createDeliveryWorker(options: WorkerOptions) {
  const { store, sender, log, timeZone } = options;
  const clock = options.clock ?? (() => new Date());
  const random = options.random ?? Math.random;
  let sendRate = valueOf(options.sendRate);
  let maxInFlight = options.maxInFlight ?? Math.max(1, sendRate);
  const pollMs = options.pollMs ?? 1_000;
  // Deliveries in flight are bounded here; Teams' app-wide limit counts HTTP requests (starting a 1:1 chat
  // is one, the message another), so every request to Teams passes the rate gate on its own.
  const queue = new PQueue({ concurrency: maxInFlight });
  const gate = (options.rateGate ?? createRateGate)(sendRate);
  const throughGate: RequestGate = (request) => gate.run(request);
  const held = createHeldDeliveries({
    store,
    owner: randomUUID(),
    leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
    clock,
    onRenewalFailed: (error) =>
      log.warn({ err: { name: error.name } }, 'delivery: could not renew leases; will retry'),
    onLost: (count) => log.warn({ count }, 'delivery: another worker took back items this one held'),
  });
  const saver = createResultSaver(held, log);
  const recentByConversation = new Map<string, number[]>();
  /** Claimed but not yet handed to Teams: put back as they were if the worker stops. */
  const waiting = new Set<Delivery>();
  let tickTimer: NodeJS.Timeout | undefined;
  let ticking: Promise<void> | undefined;
  let started = false;
  let stopping = false;

  const now = () => clock();
  const stamp = (delivery: Delivery, change: Partial<Delivery>): Delivery => ({
    ...delivery,
    ...change,
    updatedAt: now().toISOString(),
  });

  /**
   * Room for more claimed items. Every item still "sending" on disk is one a crash would flag: those queued,
   * in flight, or answered but not yet saved. Keep them within the in-flight bound.
   */
  function room(): number {
    return maxInFlight - waiting.size - queue.pending - saver.unsaved();
  }

  /** With nothing queued or being sent, no answer will come to wake the worker: any room is worth a claim. */
  function worthClaiming(free: number): boolean {
    const idle = waiting.size + queue.pending === 0;
    return free > 0 && (idle || free >= Math.ceil(maxInFlight * CLAIM_SHARE));
  }

  function conversationWait(conversationId: string | undefined, at: number): number {
    if (!conversationId) return 0;
    const recent = (recentByConversation.get(conversationId) ?? []).filter((time) => at - time < 3_600_000);
    recentByConversation.set(conversationId, recent);
    return conversationWaitMs(recent, at);
  }

  async function attempt(delivery: Delivery): Promise<void> {
    const target = delivery.recipient.kind === 'conversation' ? delivery.recipient.conversationId : undefined;
    if (target) recentByConversation.set(target, [...(recentByConversation.get(target) ?? []), Date.now()]);
    // Checked as each request is let go, after its wait for the rate: lost to another worker, or its lease
    // not renewed for a while, the item may be another's to send by then.
    let letGo = false;
    const whileHeld: RequestGate = (request) =>
      throughGate(() => {
        if (!held.mayStillSend(delivery)) return Promise.reject(new LeaseLostError());
        letGo = true;
        return request();
      });
    let result: SendResult;
    try {
      result = await sender.send(delivery, whileHeld);
    } catch (error) {
      if (error instanceof LeaseLostError) {
        held.drop(delivery);
        return wake();
      }
      result = { ok: false, status: 0 };
    }
    const done = (state: Delivery) => saver.add(delivery, state);
    if (result.ok) {
      const { conversationId, activityId } = result;
      done(stamp(delivery, { state: 'delivered', conversationId, activityId }));
    } else {
      const failure = { status: result.status, ...(result.code ? { code: result.code } : {}) };
      const next = nextStep(result, delivery.attempts, random());
      if (next.kind === 'final') {
        done(stamp(delivery, { state: next.state, failure }));
      } else {
        const notBefore = new Date(now().getTime() + next.afterMs).toISOString();
        // No answer at all (a timeout, a dropped connection): Teams may have taken it, so say so if re-sent;
        // but not when no request ever left (no database connection for the rate, a failed look-up first).
        const unsure = (result.status === 0 && letGo) || delivery.possiblyDuplicated;
        done(stamp(delivery, { state: 'pending', notBefore, failure, possiblyDuplicated: unsure }));
        if (next.pauseAllMs) pause(next.pauseAllMs);
      }
    }
    if (worthClaiming(room())) wake();
  }

  /** Takes a send rate changed on the settings card, between sends: the gate keeps the places in use. */
  function followSendRate(): void {
    const rate = valueOf(options.sendRate);
    if (rate === sendRate) return;
    gate.setRate(rate);
    sendRate = rate;
    if (options.maxInFlight === undefined) queue.concurrency = maxInFlight = Math.max(1, rate);
    log.info({ sendRate: rate }, 'delivery: the send rate changed');
  }

  function pause(ms: number): void {
    if (!gate.isPaused())
      log.warn({ pauseMs: ms }, 'delivery: Teams asked us to slow down; pausing every send');
    gate.pause(ms);
  }

  /** How long a claimed item must wait (quiet hours, or its conversation's limits), or 0 to send it now. */
  function waitFor(delivery: Delivery, at: Date, quietHours: QuietHours): number {
    if (delivery.respectsQuietHours && !isAllowed(at, quietHours, timeZone))
      return nextAllowedTime(at, quietHours, timeZone).getTime() - at.getTime();
    const conversation =
      delivery.recipient.kind === 'conversation' ? delivery.recipient.conversationId : undefined;
    return conversationWait(conversation, at.getTime());
  }

  /** Claims the due items there is room for, puts back those that must wait, queues the rest. */
  async function tick(): Promise<void> {
    followSendRate();
    const free = room();
    if (stopping || !worthClaiming(free)) return;
    const { items, reclaimed } = await held.claim(free);
    if (reclaimed > 0)
      log.warn({ count: reclaimed }, 'delivery: re-sending items whose sending was cut off by a stop');
    const at = now();
    const quietHours = valueOf(options.quietHours);
    const deferred: Result[] = [];
    const ready: Delivery[] = [];
    for (const delivery of items) {
      const wait = waitFor(delivery, at, quietHours);
      if (wait > 0) {
        const notBefore = new Date(at.getTime() + wait).toISOString();
        const state = stamp(delivery, { state: 'pending', notBefore, attempts: delivery.attempts - 1 });
        deferred.push({ claim: delivery, state });
        continue;
      }
      waiting.add(delivery);
      ready.push(delivery);
    }
    await startSends(ready);
    if (deferred.length > 0) await saver.releaseNow(deferred);
    if (items.length === free) wake();
  }

  /** Queues the sends a slice at a time; those not queued when the worker stops stay waiting, to be put back. */
  async function startSends(ready: readonly Delivery[]): Promise<void> {
    for (let start = 0; start < ready.length && !stopping; start += START_SLICE) {
      if (start > 0) await nextTurn();
      for (const delivery of ready.slice(start, start + START_SLICE)) {
        if (stopping) return;
        void queue.add(() => {
          waiting.delete(delivery);
          return attempt(delivery);
        });
      }
    }
  }

  function wake(delayMs = 0): void {
    if (!started || stopping) return;
    clearTimeout(tickTimer);
    tickTimer = setTimeout(() => {
      ticking = (ticking ?? Promise.resolve())
        .then(tick)
        .catch((error: Error) =>
          log.error({ err: { name: error.name, message: error.message } }, 'delivery: tick failed'),
        )
        .finally(() => scheduleNext());
    }, delayMs);
  }

  async function scheduleNext(): Promise<void> {
    const next = await store.nextDeliveryTime().catch(() => undefined);
    const untilNext = next ? Math.max(0, Date.parse(next) - now().getTime()) : pollMs;
    if (!stopping) {
      clearTimeout(tickTimer);
      tickTimer = setTimeout(() => wake(), Math.min(untilNext, pollMs));
    }
  }

  return {
    /** Starts claiming: items a stop left "sending" come back with the claims once their lease has run out. */
    async start(): Promise<void> {
      started = true;
      held.start();
      wake();
    },
    /** Call after enqueueing, so new items go out now rather than at the next poll. */
    wake: () => wake(),
    /** Stops taking new items, lets sends in flight finish, saves their results and puts back the rest. */
    async stop(): Promise<void> {
      stopping = true;
      clearTimeout(tickTimer);
      await ticking;
      queue.clear();
      for (const delivery of waiting)
        saver.add(delivery, stamp(delivery, { state: 'pending', attempts: delivery.attempts - 1 }));
      waiting.clear();
      await queue.onIdle();
      await saver.close();
      await held.stop();
    },
    running: () => started && !stopping,
  };
}

export type DeliveryWorker = ReturnType<typeof createDeliveryWorker>;
