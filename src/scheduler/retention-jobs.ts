// The daily retention purge: everything older than RETENTION_MONTHS is removed, and what went is audited.
import type { Job } from './scheduler.js';

/** Every day at 03:30 in the organisation's zone, when the bot is quiet; a day missed while down is caught up once. */
export const RETENTION_PURGE = '30 3 * * *';

export function retentionJob(retention: { purge(): Promise<unknown> }): Job {
  return {
    name: 'retention-purge',
    schedule: RETENTION_PURGE,
    run: async () => void (await retention.purge()),
  };
}
