import type { Delivery } from '../domain/delivery.js';
import type { SendFailure } from '../domain/delivery-rules.js';

export type SendResult =
  { ok: true; conversationId: string; activityId: string } | ({ ok: false } & SendFailure);

/** Runs one HTTP request to Teams when the app-wide rate allows it. */
export type RequestGate = <T>(request: () => Promise<T>) => Promise<T>;

/** Sends one delivery to Teams: the only thing the worker needs from the bot layer. */
export interface Sender {
  /** Every request to Teams it makes goes through `gate`. */
  send(delivery: Delivery, gate: RequestGate): Promise<SendResult>;
}
