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
  const crons: Cron[] = [];
  const inFlight = new Set<Promise<void>>();

  async function fire(job: Job, scheduledAt: Date): Promise<void> {
    const runKey = scheduledAt.toISOString();
    if (job.claimed !== false && !(await claims.claimJobRun(job.name, runKey))) return;
    const started = performance.now();
    try {
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
      for (const job of jobs) {
        const cron = new Cron(job.schedule, { timezone: timeZone, protect: true }, (self: Cron) =>
          track(fire(job, self.currentRun() ?? clock())),
        );
        crons.push(cron);
        if (job.claimed === false) continue;
        const last = await claims.lastJobRun(job.name);
        const missed = last ? latestRunBetween(cron, new Date(last), clock()) : undefined;
        if (missed) track(fire(job, missed));
      }
    },
    /** Stops the timers and waits for runs in progress. */
    async stop(): Promise<void> {
      for (const cron of crons.splice(0)) cron.stop();
      await Promise.all(inFlight);
    },
    /** Resolves when every run started so far has finished. */
    idle: () => Promise.all(inFlight).then(() => undefined),
    running: () => crons.length === jobs.length && crons.every((cron) => cron.isRunning()),
  };
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
