// The delivery worker: sends due items under the app-wide rate (a rolling one-second window, never more),
// within Teams' per-conversation limits and quiet hours, with a bounded number in flight, and records every
// state on disk: "sending" before the send, so a crash leaves a known set that may have arrived twice.
import PQueue from 'p-queue';
import type { Delivery } from '../domain/delivery.js';
import { conversationWaitMs, nextStep } from '../domain/delivery-rules.js';
import { isAllowed, nextAllowedTime, type QuietHours } from '../domain/quiet-hours.js';
import { valueOf, type Live } from '../domain/settings.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';
import { createRateGate } from './rate-gate.js';
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
  clock?: () => Date;
  random?: () => number;
};

const FLUSH_MS = 10;

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
  const gate = createRateGate(sendRate);
  const throughGate: RequestGate = (request) => gate.run(request);
  const recentByConversation = new Map<string, number[]>();
  /** Marked "sending" on disk but not yet handed to Teams: put back as they were if the worker stops. */
  const waiting = new Map<string, Delivery>();
  const results: Delivery[] = [];
  let flushing: Promise<void> = Promise.resolve();
  let saving = 0;
  let flushTimer: NodeJS.Timeout | undefined;
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

  /** Saves results in groups: one durable write for many sends. */
  function flushSoon(): void {
    flushTimer ??= setTimeout(() => {
      flushTimer = undefined;
      flush().catch((error: Error) =>
        log.error(
          { err: { name: error.name, message: error.message } },
          'delivery: could not save results; will retry',
        ),
      );
    }, FLUSH_MS);
  }
  /** Saves the results gathered so far; on failure they go back to be saved with the next group. */
  function flush(): Promise<void> {
    const batch = results.splice(0);
    if (batch.length === 0) return flushing;
    saving += batch.length;
    flushing = flushing
      .catch(() => undefined)
      .then(() => store.updateDeliveries(batch))
      .catch((error: unknown) => {
        results.unshift(...batch);
        flushSoon();
        throw error;
      })
      .finally(() => (saving -= batch.length));
    return flushing;
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
    const result: SendResult = await sender
      .send(delivery, throughGate)
      .catch(() => ({ ok: false as const, status: 0 }));
    if (result.ok) {
      const { conversationId, activityId } = result;
      results.push(stamp(delivery, { state: 'delivered', conversationId, activityId }));
    } else {
      const failure = { status: result.status, ...(result.code ? { code: result.code } : {}) };
      const next = nextStep(result, delivery.attempts, random());
      if (next.kind === 'final') {
        results.push(stamp(delivery, { state: next.state, failure }));
      } else {
        const notBefore = new Date(now().getTime() + next.afterMs).toISOString();
        // No answer at all (a timeout, a dropped connection): Teams may have taken it, so say so if re-sent.
        const unsure = result.status === 0 || delivery.possiblyDuplicated;
        results.push(stamp(delivery, { state: 'pending', notBefore, failure, possiblyDuplicated: unsure }));
        if (next.pauseAllMs) pause(next.pauseAllMs);
      }
    }
    flushSoon();
    if (queue.size < maxInFlight) wake();
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

  /** Takes the due items there is room for, defers those that must wait, marks the rest "sending". */
  async function tick(): Promise<void> {
    followSendRate();
    // Every item still "sending" on disk is one a crash would flag: those queued, in flight, or answered
    // but not yet saved. Keep them within the in-flight bound.
    const room = maxInFlight - queue.size - queue.pending - results.length - saving;
    if (room <= 0 || stopping) return;
    const at = now();
    const quietHours = valueOf(options.quietHours);
    const due = await store.dueDeliveries(at.toISOString(), room);
    const sending: Delivery[] = [];
    const deferred: Delivery[] = [];
    for (const delivery of due) {
      const wait =
        delivery.respectsQuietHours && !isAllowed(at, quietHours, timeZone)
          ? nextAllowedTime(at, quietHours, timeZone).getTime() - at.getTime()
          : conversationWait(
              delivery.recipient.kind === 'conversation' ? delivery.recipient.conversationId : undefined,
              at.getTime(),
            );
      if (wait > 0)
        deferred.push(stamp(delivery, { notBefore: new Date(at.getTime() + wait).toISOString() }));
      else sending.push(stamp(delivery, { state: 'sending', attempts: delivery.attempts + 1 }));
    }
    if (sending.length + deferred.length === 0) return;
    await store.updateDeliveries([...sending, ...deferred]);
    for (const delivery of sending) {
      waiting.set(delivery.id, delivery);
      void queue.add(() => {
        waiting.delete(delivery.id);
        return attempt(delivery);
      });
    }
    if (due.length === room) wake();
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
    /** Puts items left "sending" by a crash back in the queue, flagged, then starts sending. */
    async start(): Promise<void> {
      const interrupted = await store.interruptedDeliveries();
      if (interrupted.length > 0) {
        log.warn(
          { count: interrupted.length },
          'delivery: re-sending items that were in flight when the bot stopped',
        );
        await store.updateDeliveries(
          interrupted.map((delivery) => stamp(delivery, { state: 'pending', possiblyDuplicated: true })),
        );
      }
      started = true;
      wake();
    },
    /** Call after enqueueing, so new items go out now rather than at the next poll. */
    wake: () => wake(),
    /** Stops taking new items, lets sends in flight finish and saves their results. */
    async stop(): Promise<void> {
      stopping = true;
      clearTimeout(tickTimer);
      await ticking;
      queue.clear();
      results.push(
        ...[...waiting.values()].map((delivery) =>
          stamp(delivery, { state: 'pending', attempts: delivery.attempts - 1 }),
        ),
      );
      waiting.clear();
      await queue.onIdle();
      clearTimeout(flushTimer);
      await flush();
    },
    running: () => started && !stopping,
  };
}

export type DeliveryWorker = ReturnType<typeof createDeliveryWorker>;
