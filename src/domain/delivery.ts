// Deliveries: one persisted item per recipient for every proactive message the product sends, and the
// pure rules that decide what happens after each attempt.
import { z } from 'zod';

export const DeliveryKind = z.enum([
  'checkin',
  'nudge',
  'reminder',
  'summary',
  'digest',
  'broadcast',
  'cardUpdate',
  /** A message to a manager about their unit, such as a measure owner who has left. */
  'notice',
]);
export type DeliveryKind = z.infer<typeof DeliveryKind>;

/** A person (their 1:1 chat is created on demand with the tenant id) or a known conversation (a channel). */
export const Recipient = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), aadObjectId: z.string().min(1) }),
  z.object({ kind: z.literal('conversation'), conversationId: z.string().min(1) }),
]);
export type Recipient = z.infer<typeof Recipient>;

export const FinalState = z.enum(['delivered', 'blocked', 'notFound', 'tooLarge', 'failed', 'cancelled']);
export type FinalState = z.infer<typeof FinalState>;
export const DeliveryState = z.enum(['pending', 'sending', ...FinalState.options]);
export type DeliveryState = z.infer<typeof DeliveryState>;

export const Delivery = z.object({
  id: z.string().min(1),
  /** The cycle, broadcast or digest run this belongs to: reports count by batch. */
  batchId: z.string().min(1),
  kind: DeliveryKind,
  recipient: Recipient,
  /** What to send: a card template name and the data its view mapper needs (ids and codes, no free text). */
  content: z.object({ card: z.string().min(1), data: z.record(z.string(), z.unknown()) }),
  /** Set to replace a card sent earlier instead of sending a new message. */
  replaces: z.object({ conversationId: z.string(), activityId: z.string() }).optional(),
  respectsQuietHours: z.boolean(),
  /** UTC ISO time before which it is not sent. */
  notBefore: z.string(),
  attempts: z.number().int().min(0),
  state: DeliveryState,
  /** Where it landed, so the card can be updated later. */
  conversationId: z.string().optional(),
  activityId: z.string().optional(),
  /** The last failure: HTTP status and Teams' error code, kept for the delivery report. */
  failure: z.object({ status: z.number().int(), code: z.string().optional() }).optional(),
  /** It was being sent when the bot stopped, so it may have arrived twice. */
  possiblyDuplicated: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Delivery = z.infer<typeof Delivery>;

export const isFinal = (state: DeliveryState): state is FinalState =>
  FinalState.options.includes(state as FinalState);

export type BatchProgress = {
  total: number;
  byState: Record<DeliveryState, number>;
  /** Re-sent after a stop mid-send: these people may have the message twice. */
  possiblyDuplicated: number;
  /** Failure codes and how often each happened, for "why it did not arrive" in the report. */
  failures: Record<string, number>;
  done: boolean;
};

/** A batch's counts, for progress while it sends and the delivery report after. */
export function batchProgress(deliveries: readonly Delivery[]): BatchProgress {
  const byState = Object.fromEntries(DeliveryState.options.map((state) => [state, 0])) as Record<
    DeliveryState,
    number
  >;
  const failures: Record<string, number> = {};
  let possiblyDuplicated = 0;
  for (const delivery of deliveries) {
    byState[delivery.state]++;
    if (delivery.possiblyDuplicated) possiblyDuplicated++;
    if (delivery.failure && isFinal(delivery.state) && delivery.state !== 'delivered') {
      const reason = delivery.failure.code ?? String(delivery.failure.status);
      failures[reason] = (failures[reason] ?? 0) + 1;
    }
  }
  return {
    total: deliveries.length,
    byState,
    possiblyDuplicated,
    failures,
    done: deliveries.every((d) => isFinal(d.state)),
  };
}
