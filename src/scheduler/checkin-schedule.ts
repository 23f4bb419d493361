// The weekly check-in schedule from its cron expressions (CHECKIN_OPENS, CHECKIN_NUDGE, CHECKIN_CLOSES), and
// the jobs that move cycles along. Opening is checked daily at the opening time, so an opening that falls on
// a bank holiday happens on the next working day at the same time.
import { Cron } from 'croner';
import type { CheckinSchedule } from '../domain/checkins.js';
import { addDays, atLocalTime, localDateOf, localTimeOf } from '../domain/cycles.js';
import type { Job } from './scheduler.js';
import { summaryJob } from './summary-jobs.js';

export type CheckinCrons = { checkinOpens: string; checkinNudge: string; checkinCloses: string };
/** The whole weekly schedule, as the settings card and the environment give it. */
export type ScheduleCrons = CheckinCrons & { summaryPosts: string };

export function cronSchedule(crons: CheckinCrons, timeZone: string): CheckinSchedule {
  const cron = (expression: string) => new Cron(expression, { timezone: timeZone, paused: true });
  const opens = cron(crons.checkinOpens);
  const nudge = cron(crons.checkinNudge);
  const closes = cron(crons.checkinCloses);
  const after = (schedule: Cron, at: Date) => {
    const next = schedule.nextRun(at);
    if (!next)
      throw new Error('checkin-schedule: a schedule never runs again; check CHECKIN_* in the environment');
    return next;
  };
  return {
    openingIn(monday) {
      const next = opens.nextRun(new Date(atLocalTime(monday, '00:00', timeZone).getTime() - 1));
      if (!next || localDateOf(next, timeZone) >= addDays(monday, 7)) return undefined;
      return { day: localDateOf(next, timeZone), time: localTimeOf(next, timeZone) };
    },
    nudgeAfter: (at) => after(nudge, at),
    closeAfter: (at) => after(closes, at),
  };
}

/** The cron's minute and hour, every day. */
export function dailyAt(expression: string): string {
  const [minute, hour] = expression.trim().split(/\s+/);
  return `${minute} ${hour} * * *`;
}

export type CycleSteps = {
  openDue(): Promise<unknown>;
  nudgeDue(): Promise<unknown>;
  closeDue(): Promise<unknown>;
};

export function checkinJobs(steps: CycleSteps, crons: CheckinCrons): Job[] {
  return [
    {
      name: 'checkin-open',
      schedule: dailyAt(crons.checkinOpens),
      // A close missed while the bot was down is done before the next week opens.
      run: async () => {
        await steps.closeDue();
        await steps.openDue();
      },
    },
    { name: 'checkin-nudge', schedule: crons.checkinNudge, run: async () => void (await steps.nudgeDue()) },
    { name: 'checkin-close', schedule: crons.checkinCloses, run: async () => void (await steps.closeDue()) },
  ];
}

/**
 * Every job that follows the weekly schedule: the check-in steps and posting summaries. Built again with new
 * crons when the settings card changes the schedule, so each job is moved by its name.
 */
export function weeklyJobs(
  steps: CycleSteps,
  summaries: { postDue(): Promise<unknown> },
  crons: ScheduleCrons,
): Job[] {
  return [...checkinJobs(steps, crons), summaryJob(summaries, crons.summaryPosts)];
}
