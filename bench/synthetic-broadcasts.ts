// The fictional trust's broadcast reminders: one a week from a partnership lead (to everyone, to those who
// have not answered, to five wards, or to the managers, in turn), with each delivery as it ended (a few people
// have blocked the bot) and who acknowledged or read it. Pure: records only.
import { batchOf, deliveryIdOf, type Audience, type Broadcast } from '../src/domain/broadcasts.js';
import type { Cycle } from '../src/domain/checkins.js';
import type { Delivery } from '../src/domain/delivery.js';
import type { Random } from './random.js';
import { aadOf, LEADS, managerOf, membersOf, personalChatOf, unitIdOf, UNITS } from './synthetic-org.js';

export type Sent = {
  broadcast: Broadcast;
  /** Each delivery as it ended: generate.ts queues them pending first, as the product does. */
  deliveries: Delivery[];
  acknowledged: { aadObjectId: string; at: string }[];
  read: { aadObjectId: string; at: string }[];
};

const AUDIENCES = ['everyone', 'notAnswered', 'units', 'managers'] as const;

/** Wednesday's reminder, to everyone, to those who have not answered, to five wards, or to the managers. */
export function broadcastOf(
  staff: number,
  week: { index: number; cycle: Cycle; answered: ReadonlySet<string> },
  now: Date,
  random: Random,
): Sent | undefined {
  const { cycle, index } = week;
  const createdAt = new Date(Date.parse(cycle.opensAt) + 2 * 86_400_000 + 3_600_000);
  if (createdAt > now) return undefined;
  const kind = AUDIENCES[index % AUDIENCES.length]!;
  const everyone = Array.from({ length: staff }, (_, person) => person);
  const wards = [0, 1, 2, 3, 4].map((k) => (index * 5 + k) % UNITS);
  const [audience, recipients]: [Audience, number[]] =
    kind === 'everyone'
      ? [{ kind }, everyone]
      : kind === 'notAnswered'
        ? [{ kind }, everyone.filter((person) => !week.answered.has(aadOf(person)))]
        : kind === 'units'
          ? [{ kind, unitIds: wards.map(unitIdOf) }, wards.flatMap((unit) => membersOf(unit, staff))]
          : [{ kind }, Array.from({ length: UNITS }, (_, unit) => managerOf(unit))];
  const id = `bench-${cycle.id.toLowerCase()}`;
  const sentAt = createdAt.toISOString();
  const broadcast: Broadcast = {
    id,
    title: 'This week in patient partnership',
    message: 'Thank you for answering the weekly check-in. Two minutes of your time helps the whole ward.',
    audience,
    sender: aadOf(LEADS[0]!),
    senderRole: 'lead',
    state: 'sent',
    createdAt: sentAt,
    sentAt,
    counts: { recipients: recipients.length, unreachable: [] },
  };
  // Nothing is dated after now: the current week's reminder has only just gone.
  const after = (ms: number) => new Date(Math.min(createdAt.getTime() + ms, now.getTime())).toISOString();
  const deliveries = recipients.map((person, k): Delivery => {
    const recipient = { kind: 'person' as const, aadObjectId: aadOf(person) };
    const blocked = random.chance(0.003);
    return {
      id: deliveryIdOf(recipient),
      batchId: batchOf(id),
      kind: 'broadcast',
      recipient,
      content: { card: 'broadcast', data: { broadcastId: id } },
      respectsQuietHours: true,
      notBefore: sentAt,
      attempts: 1,
      state: blocked ? 'blocked' : 'delivered',
      ...(blocked
        ? { failure: { status: 403, code: 'ConversationBlockedByUser' } }
        : { conversationId: personalChatOf(person), activityId: `bench-${id}-${person}` }),
      possiblyDuplicated: false,
      createdAt: sentAt,
      updatedAt: after(k * 40),
    };
  });
  const delivered = recipients.filter((_, k) => deliveries[k]!.state === 'delivered');
  const responses = (share: number, fromMs: number) =>
    random
      .sample(delivered, share)
      .map((person) => ({ aadObjectId: aadOf(person), at: after(fromMs + random.int(0, 86_400_000)) }));
  return { broadcast, deliveries, acknowledged: responses(0.25, 600_000), read: responses(0.6, 60_000) };
}
