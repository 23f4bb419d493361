// Which instance runs the scheduled jobs. With the embedded store one process owns the data directory, so it
// always leads; with PostgreSQL several instances share one database and elect a leader through an advisory
// lock (store/postgres/leadership.ts). Every instance serves traffic and sends deliveries; only the leader
// runs the scheduler. Claimed runs (scheduler.ts) still keep a job from running twice across a handover.
import type { Logger } from '../log.js';

export type Leadership = {
  /** Starts taking part: leads now if it can, else keeps trying in the background. Resolves after the first try. */
  acquire(): Promise<void>;
  isLeader(): boolean;
  /** Called on each change: true when this instance starts leading, false the moment it stops. */
  onChange(listener: (leading: boolean) => void): void;
  /** Stops trying and steps down (letting another instance lead); no listener is called after it. */
  close(): Promise<void>;
};

/** One process owns the data: it leads from acquire() until close(). */
export function embeddedLeadership(): Leadership {
  const listeners: ((leading: boolean) => void)[] = [];
  let leading = false;
  let closed = false;
  return {
    acquire: async () => {
      if (leading || closed) return;
      leading = true;
      for (const listener of listeners) listener(true);
    },
    isLeader: () => leading,
    onChange: (listener) => void listeners.push(listener),
    close: async () => {
      closed = true;
      leading = false;
    },
  };
}

/** What following leadership needs of the scheduler: scheduler.ts's own start and stop. */
export type Startable = { start(): Promise<void>; stop(): Promise<void> };

export type LeaderTerms = {
  /** Resolves once the starts and stops asked for so far are done: after acquire(), the scheduler runs if leading. */
  settled(): Promise<void>;
  /** Stops the scheduler and follows leadership no more: for shutting down, before leadership.close(). */
  stop(): Promise<void>;
};

/**
 * Starts the scheduler while this instance leads and stops it the moment it does not. Starts and stops run one
 * after another in the order the changes came, so a quick loss and regain never leaves two sets of timers.
 * A start that fails (the database went away part-way) stops what it started and is tried again after
 * `retryMs` while this instance still leads.
 */
export function followLeadership(
  leadership: Leadership,
  scheduler: Startable,
  log: Logger,
  retryMs = 15_000,
): LeaderTerms {
  let turn: Promise<void> = Promise.resolve();
  let retry: NodeJS.Timeout | undefined;
  let following = true;
  // start() is not idempotent (it would arm every job twice): only a stopped scheduler is started.
  let started = false;

  const failed = (what: string) => (error: unknown) =>
    log.error({ err: errorFacts(error) }, `scheduler: could not ${what}`);
  const queue = (work: () => Promise<void>) => (turn = turn.then(work));
  const start = async () => {
    if (!following || started || !leadership.isLeader()) return;
    try {
      started = true;
      await scheduler.start();
      log.info('scheduler: started, as this instance leads');
    } catch (error) {
      failed('start; trying again')(error);
      await stop().catch(failed('stop'));
      retry = setTimeout(() => void queue(start), retryMs);
      retry.unref();
    }
  };
  const stop = async () => {
    clearTimeout(retry);
    if (!started) return;
    started = false;
    await scheduler.stop();
  };
  const stopping = () => queue(() => stop().catch(failed('stop')));

  leadership.onChange((leading) => {
    if (!following) return;
    if (leading) void queue(start);
    else {
      log.warn('scheduler: stopping, as this instance no longer leads');
      void stopping();
    }
  });
  // Leadership may have come before this was called.
  if (leadership.isLeader()) void queue(start);

  return {
    settled: () => turn,
    stop: async () => {
      following = false;
      await stopping();
    },
  };
}

/** What may be logged of an error: its kind and code, never a message that might quote data. */
const errorFacts = (error: unknown) => ({
  name: (error as Error)?.name,
  code: (error as { code?: unknown })?.code,
});
