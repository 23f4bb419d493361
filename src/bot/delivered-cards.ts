// The cards deliveries carry, rendered when they are sent (not when they were queued), so each shows where
// the person stands as it lands: check-ins, notices to managers, follow-ups, summaries, digests, reminders.
import { z } from 'zod';
import { messageCard } from '../cards/message-card.js';
import { checkinNoticeCard } from '../cards/pulse-cards.js';
import { ownerGoneCard } from '../cards/unit-setup-card.js';
import { ActionId } from '../domain/actions.js';
import { CycleId } from '../domain/checkins.js';
import type { Delivery } from '../domain/delivery.js';
import { followUpCard } from './action-views.js';
import { deliveredReminder } from './broadcast-views.js';
import { measuresCardFor, pulseCardFor, type CheckinCard } from './checkin-views.js';
import type { BotDeps } from './deps.js';
import {
  deliveredDigest,
  deliveredOrganisationDigest,
  organisationCardFor,
  summaryCardFor,
} from './summary-views.js';
import { verbs } from './verbs.js';

const MessageData = z.object({ title: z.string(), body: z.string(), reason: z.string() });
const CheckinData = z.object({
  cycleId: CycleId,
  unitId: z.string().optional(),
  reason: z.enum(['scheduled', 'nudge']).optional(),
  card: z.string().optional(),
  /** On an update of an earlier copy: the person has left the unit, so the card closes for them. */
  left: z.boolean().optional(),
});
const OwnerGoneData = z.object({
  unitId: z.string().min(1),
  aadObjectId: z.string().min(1),
  role: z.enum(['owner', 'deputy']),
  reason: z.enum(['left', 'stopped']),
});

const FollowUpData = z.object({ actionId: ActionId });
const SummaryData = z.object({ unitId: z.string().min(1), cycleId: CycleId });
const BroadcastData = z.object({ broadcastId: z.string().min(1) });
const OrganisationData = z.object({ cycleId: CycleId, organisationId: z.string().min(1).optional() });

const unitNameOf = async (deps: BotDeps, unitId: string | undefined) =>
  unitId ? (await deps.units.all()).find((unit) => unit.id === unitId)?.name : undefined;

/** To a manager: the person who answered a unit's measures has gone, with a button to choose again. */
async function ownerGone(deps: BotDeps, manager: string, data: unknown): Promise<CheckinCard | undefined> {
  const parsed = OwnerGoneData.safeParse(data);
  if (!parsed.success) return undefined;
  const { unitId, aadObjectId, role, reason } = parsed.data;
  const unitName = await unitNameOf(deps, unitId);
  if (!unitName) return undefined;
  const name = (await deps.roles.of(aadObjectId)).person?.name;
  const manages = (await deps.access.rolesOf(manager)).managerOf.includes(unitId);
  return {
    card: ownerGoneCard(deps.text, {
      unitName,
      ...(name ? { name } : {}),
      role,
      reason,
      why: manages ? 'manager' : 'lead',
      choose: {
        title: deps.text.ownerGone.button[role],
        verb: verbs.unitSetupShow,
        data: { cardId: deps.newId(), unitId },
      },
    }),
  };
}

/**
 * The cards of one post (a delivery batch) share what they read, as each ward's summary and the organisation's
 * rest on the same 13 weeks: kept only while that batch is sending (summary-readers.ts, createBatchReadings).
 */
const readingOf = (deps: BotDeps, delivery: Delivery) => deps.summaries.readingOfBatch(delivery.batchId);

/** A unit's weekly summary, to its channel; or its digest, to a manager who still manages it. */
async function summaryOrDigest(deps: BotDeps, delivery: Delivery): Promise<CheckinCard | undefined> {
  const { content, recipient } = delivery;
  const data = SummaryData.safeParse(content.data);
  if (!data.success) return undefined;
  const { unitId, cycleId } = data.data;
  const reading = readingOf(deps, delivery);
  const card =
    content.card === 'summary'
      ? recipient.kind === 'conversation'
        ? await summaryCardFor(deps, unitId, cycleId, { proactive: true, reading })
        : undefined
      : recipient.kind === 'person'
        ? await deliveredDigest(deps, recipient.aadObjectId, unitId, cycleId, reading)
        : undefined;
  return card && { card };
}

/** The organisation summary, to its channel; or the organisation digest, to someone still a lead. */
async function organisationSummaryOrDigest(
  deps: BotDeps,
  delivery: Delivery,
): Promise<CheckinCard | undefined> {
  const { content, recipient } = delivery;
  const data = OrganisationData.safeParse(content.data);
  if (!data.success) return undefined;
  const { cycleId, organisationId } = data.data;
  const reading = readingOf(deps, delivery);
  const card =
    content.card === 'orgSummary'
      ? recipient.kind === 'conversation' && organisationId
        ? await organisationCardFor(deps, cycleId, { organisationId, proactive: true, reading })
        : undefined
      : recipient.kind === 'person'
        ? await deliveredOrganisationDigest(deps, recipient.aadObjectId, cycleId, reading)
        : undefined;
  return card && { card };
}

type Renderer = (deps: BotDeps, delivery: Delivery) => Promise<CheckinCard | undefined>;

const message: Renderer = async (deps, { content }) => {
  const data = MessageData.safeParse(content.data);
  return data.success ? { card: messageCard(deps.text, data.data) } : undefined;
};

const followUp: Renderer = async (deps, { content, recipient }) => {
  const data = FollowUpData.safeParse(content.data);
  if (!data.success || recipient.kind !== 'person') return undefined;
  return { card: await followUpCard(deps, recipient.aadObjectId, data.data.actionId) };
};

/** A reminder: in a person's chat with "Stop reminders"; posted in a channel without it. */
const reminder: Renderer = async (deps, { content, recipient }) => {
  const data = BroadcastData.safeParse(content.data);
  if (!data.success) return undefined;
  const card = await deliveredReminder(
    deps,
    data.data.broadcastId,
    recipient.kind === 'person' ? 'person' : 'channel',
  );
  return card && { card };
};

/** A check-in card, or an update of an earlier copy showing the card as it now stands for that person. */
const checkin: Renderer = async (deps, { content, recipient }) => {
  const data = CheckinData.safeParse(content.data);
  if (!data.success || recipient.kind !== 'person') return undefined;
  const { cycleId, unitId, reason = 'scheduled' } = data.data;
  if (content.card === 'checkinCopy' && data.data.left) {
    const body = deps.text.checkins.leftUnit(await unitNameOf(deps, unitId));
    return { card: checkinNoticeCard({ title: deps.text.checkins.title, body }) };
  }
  const card = content.card === 'checkinCopy' ? (data.data.card ?? '') : content.card;
  if (card === 'pulse') return pulseCardFor(deps, recipient.aadObjectId, { cycleId, reason });
  if (unitId && card.startsWith('measures'))
    return measuresCardFor(deps, recipient.aadObjectId, { cycleId, unitId, reason });
  return undefined;
};

const renderers: Record<string, Renderer> = {
  message,
  ownerGone: (deps, { content, recipient }) =>
    recipient.kind === 'person'
      ? ownerGone(deps, recipient.aadObjectId, content.data)
      : Promise.resolve(undefined),
  actionFollowUp: followUp,
  summary: summaryOrDigest,
  digest: summaryOrDigest,
  orgSummary: organisationSummaryOrDigest,
  orgDigest: organisationSummaryOrDigest,
  broadcast: reminder,
  pulse: checkin,
  measures: checkin,
  checkinCopy: checkin,
};

/** The card a delivery carries, by name, rendered now so it shows where the person stands when it lands. */
export function renderDelivery(deps: BotDeps, delivery: Delivery): Promise<CheckinCard | undefined> {
  const render = Object.hasOwn(renderers, delivery.content.card)
    ? renderers[delivery.content.card]
    : undefined;
  return render ? render(deps, delivery) : Promise.resolve(undefined);
}
