// The weekly job that posts the last closed cycle's summaries to channels and digests to managers.
import type { Job } from './scheduler.js';

/** SUMMARY_POSTS (Monday 08:00 by default): claimed, so a run missed while down is caught up once. */
export function summaryJob(summaries: { postDue(): Promise<unknown> }, schedule: string): Job {
  return { name: 'summaries-post', schedule, run: async () => void (await summaries.postDue()) };
}
