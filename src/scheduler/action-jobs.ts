// The daily job that asks action owners, on each follow-up date, whether participants were told what changed.
import type { Job } from './scheduler.js';

/** Every day at 10:00 in the organisation's zone; a day missed while the bot was down is caught up once. */
export const ACTION_FOLLOW_UPS = '0 10 * * *';

export function actionFollowUpJob(actions: { followUpsDue(): Promise<number> }): Job {
  return {
    name: 'action-follow-ups',
    schedule: ACTION_FOLLOW_UPS,
    run: async () => void (await actions.followUpsDue()),
  };
}
