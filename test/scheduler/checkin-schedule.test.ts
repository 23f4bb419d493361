import { describe, expect, it } from '@jest/globals';
import { checkinJobs, cronSchedule, dailyAt } from '../../src/scheduler/checkin-schedule.js';
import { defaultCrons } from '../support/checkin-options.js';

const london = cronSchedule(defaultCrons, 'Europe/London');

describe('the check-in schedule from its cron expressions', () => {
  it.each([
    ['2026-11-23', { day: '2026-11-23', time: '09:00' }],
    ['2026-03-30', { day: '2026-03-30', time: '09:00' }],
    ['2026-10-26', { day: '2026-10-26', time: '09:00' }],
  ])('finds the opening in the week of %s', (monday, opening) => {
    expect(london.openingIn(monday)).toEqual(opening);
  });

  it('finds an opening later in the week, in another zone', () => {
    const tuesdays = cronSchedule({ ...defaultCrons, checkinOpens: '30 10 * * 2' }, 'America/New_York');
    expect(tuesdays.openingIn('2026-03-09')).toEqual({ day: '2026-03-10', time: '10:30' });
  });

  it('finds no opening in a week the schedule skips', () => {
    const januaryOnly = cronSchedule({ ...defaultCrons, checkinOpens: '0 9 * 1 1' }, 'Europe/London');
    expect(januaryOnly.openingIn('2026-11-23')).toBeUndefined();
    expect(januaryOnly.openingIn('2027-01-04')).toEqual({ day: '2027-01-04', time: '09:00' });
  });

  it.each([
    ['nudge', '2026-11-23T09:00:00Z', '2026-11-25T12:00:00.000Z'],
    ['close', '2026-11-23T09:00:00Z', '2026-11-29T23:59:00.000Z'],
    ['close', '2026-10-19T08:00:00Z', '2026-10-25T23:59:00.000Z'],
    ['close', '2026-03-23T09:00:00Z', '2026-03-29T22:59:00.000Z'],
  ])('puts the %s after %s at %s', (step, after, expected) => {
    const at = new Date(after);
    expect((step === 'nudge' ? london.nudgeAfter(at) : london.closeAfter(at)).toISOString()).toBe(expected);
  });

  it('checks opening every day at the opening time, so a bank holiday moves it to the next working day', () => {
    expect(dailyAt('0 9 * * 1')).toBe('0 9 * * *');
    expect(dailyAt(' 30  7 * * 1-5 ')).toBe('30 7 * * *');
  });

  it('closes a missed cycle before opening the next, and runs each step on its own schedule', async () => {
    const calls: string[] = [];
    const steps = {
      openDue: async () => calls.push('open'),
      nudgeDue: async () => calls.push('nudge'),
      closeDue: async () => calls.push('close'),
    };
    const jobs = checkinJobs(steps, defaultCrons);
    expect(jobs.map((job) => [job.name, job.schedule])).toEqual([
      ['checkin-open', '0 9 * * *'],
      ['checkin-nudge', '0 12 * * 3'],
      ['checkin-close', '59 23 * * 0'],
    ]);
    for (const job of jobs) await job.run();
    expect(calls).toEqual(['close', 'open', 'nudge', 'close']);
  });
});
