// The job that sends scheduled broadcasts when their time comes, and finishes any the bot stopped queueing.
import type { Job } from './scheduler.js';

/**
 * Every minute; a broadcast is due from its scheduled minute, so one missed while the bot was down goes once.
 * Not claimed: sendDue checks each broadcast's own state, and a claim would rewrite the store every minute.
 */
export const BROADCASTS_SEND = '* * * * *';

export function broadcastSendJob(broadcasts: { sendDue(): Promise<number> }): Job {
  return {
    name: 'broadcasts-send',
    schedule: BROADCASTS_SEND,
    run: async () => void (await broadcasts.sendDue()),
    claimed: false,
  };
}
