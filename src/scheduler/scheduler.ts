// Timed jobs on croner, in the organisation's time zone. Each run is claimed in the store under its
// scheduled time before it acts, so a restart never runs a job twice, and a run missed while the bot was
// down is caught up once when it starts again.
import { Cron } from 'croner';
import type { Logger } from '../log.js';

export type Job = {
  name: string;
  schedule: string;
  run: () => Promise<void>;
  /**
   * False for a frequent job whose work is safe to repeat (it checks its own state): its runs are not
   * claimed in the store, which would cost a write every time, and none is caught up (the next comes soon).
   */
  claimed?: boolean;
};
export type JobClaims = {
  claimJobRun(job: string, runKey: string): Promise<boolean>;
  lastJobRun(job: string): Promise<string | undefined>;
};

export function createScheduler({
  claims,
  timeZone,
  log,
  clock = () => new Date(),
}: {
  claims: JobClaims;
  timeZone: string;
  log: Logger;
  clock?: () => Date;
}) {
  const jobs: Job[] = [];
  /** The timer of each job, by name, once started. */
  const crons = new Map<string, Cron>();
  const inFlight = new Set<Promise<void>>();
  let started = false;

  async function fire(job: Job, scheduledAt: Date): Promise<void> {
    const runKey = scheduledAt.toISOString();
    const started = performance.now();
    try {
      // Inside the try: a claim that fails (the database gone, the store closed) is logged like a failed run,
      // never left as an unhandled rejection that would stop the process.
      if (job.claimed !== false && !(await claims.claimJobRun(job.name, runKey))) return;
      await job.run();
      log.info({ job: job.name, runKey, ms: Math.round(performance.now() - started) }, 'scheduler: job ran');
    } catch (error) {
      log.error(
        { job: job.name, runKey, err: { name: (error as Error).name, message: (error as Error).message } },
        'scheduler: job failed',
      );
    }
  }

  function track(run: Promise<void>): void {
    inFlight.add(run);
    void run.finally(() => inFlight.delete(run));
  }

  return {
    add(job: Job): void {
      jobs.push(job);
    },
    async start(): Promise<void> {
      started = true;
      for (const job of jobs) await arm(job);
    },
    /**
     * Moves a job to a new schedule without a restart (the settings card changed it). The old timer stops and a
     * new one starts; a run the new schedule has passed since the job's last claimed run is caught up once, as
     * at start-up. Claims accept only later scheduled times, so moving a job earlier never repeats a run already
     * claimed; moving it later within a week is safe because each job's work checks its own state.
     */
    async reschedule(name: string, schedule: string): Promise<boolean> {
      const index = jobs.findIndex((job) => job.name === name);
      const job = jobs[index];
      if (!job) throw new Error(`scheduler: no job named ${name} to reschedule`);
      if (job.schedule === schedule) return false;
      const moved = { ...job, schedule };
      // A pattern croner refuses throws here, before the old timer stops.
      new Cron(schedule, { timezone: timeZone, paused: true }).stop();
      jobs[index] = moved;
      if (!started) return true;
      crons.get(name)?.stop();
      await arm(moved);
      log.info({ job: name }, 'scheduler: job rescheduled');
      return true;
    },
    /** Stops the timers and waits for runs in progress. */
    async stop(): Promise<void> {
      started = false;
      for (const cron of crons.values()) cron.stop();
      crons.clear();
      await Promise.all(inFlight);
    },
    /** Resolves when every run started so far has finished. */
    idle: () => Promise.all(inFlight).then(() => undefined),
    running: () => crons.size === jobs.length && [...crons.values()].every((cron) => cron.isRunning()),
    /** When a job runs next, by name; undefined for a job not started. */
    nextRun: (name: string): Date | undefined => crons.get(name)?.nextRun() ?? undefined,
  };

  /** Starts a job's timer, and catches up the latest run missed since its last claimed one. */
  async function arm(job: Job): Promise<void> {
    const cron = new Cron(job.schedule, { timezone: timeZone, protect: true }, (self: Cron) =>
      track(fire(job, self.currentRun() ?? clock())),
    );
    crons.set(job.name, cron);
    if (job.claimed === false) return;
    const last = await claims.lastJobRun(job.name);
    const missed = last ? latestRunBetween(cron, new Date(last), clock()) : undefined;
    if (missed) track(fire(job, missed));
  }
}

export type Scheduler = ReturnType<typeof createScheduler>;

/** The last scheduled time after `from` and not after `to`: the one run worth catching up. */
function latestRunBetween(cron: Cron, from: Date, to: Date): Date | undefined {
  let latest: Date | undefined;
  for (let next = cron.nextRun(from), steps = 0; next && next <= to && steps < 100_000; steps++) {
    latest = next;
    next = cron.nextRun(next);
  }
  return latest;
}
