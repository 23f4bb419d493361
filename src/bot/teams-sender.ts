// Sends one delivery to Teams: finds (or starts) the conversation, renders the card, posts it or replaces
// an earlier one, and reports Teams' answer as it is for the worker to judge.
import { z } from 'zod';
import { messageCard } from '../cards/message-card.js';
import { checkinNoticeCard } from '../cards/pulse-cards.js';
import { ownerGoneCard } from '../cards/unit-setup-card.js';
import { ActionId } from '../domain/actions.js';
import { CycleId } from '../domain/checkins.js';
import type { Delivery } from '../domain/delivery.js';
import type { RequestGate, Sender, SendResult } from '../delivery/sender.js';
import { followUpCard } from './action-views.js';
import { deliveredReminder } from './broadcast-views.js';
import { connectorRequest, failureCode, type ConnectorAnswer } from './connector-client.js';
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

/** A unit's weekly summary, to its channel; or its digest, to a manager who still manages it. */
async function summaryOrDigest(deps: BotDeps, delivery: Delivery): Promise<CheckinCard | undefined> {
  const { content, recipient } = delivery;
  const data = SummaryData.safeParse(content.data);
  if (!data.success) return undefined;
  const { unitId, cycleId } = data.data;
  const card =
    content.card === 'summary'
      ? recipient.kind === 'conversation'
        ? await summaryCardFor(deps, unitId, cycleId, { proactive: true })
        : undefined
      : recipient.kind === 'person'
        ? await deliveredDigest(deps, recipient.aadObjectId, unitId, cycleId)
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
  const card =
    content.card === 'orgSummary'
      ? recipient.kind === 'conversation' && organisationId
        ? await organisationCardFor(deps, cycleId, { organisationId, proactive: true })
        : undefined
      : recipient.kind === 'person'
        ? await deliveredOrganisationDigest(deps, recipient.aadObjectId, cycleId)
        : undefined;
  return card && { card };
}

/** The card a delivery carries, by name, rendered now so it shows where the person stands when it lands. */
async function render(deps: BotDeps, delivery: Delivery): Promise<CheckinCard | undefined> {
  const { content, recipient } = delivery;
  if (content.card === 'message') {
    const data = MessageData.safeParse(content.data);
    return data.success ? { card: messageCard(deps.text, data.data) } : undefined;
  }
  if (content.card === 'ownerGone')
    return recipient.kind === 'person' ? ownerGone(deps, recipient.aadObjectId, content.data) : undefined;
  if (content.card === 'actionFollowUp') {
    const followUp = FollowUpData.safeParse(content.data);
    if (!followUp.success || recipient.kind !== 'person') return undefined;
    return { card: await followUpCard(deps, recipient.aadObjectId, followUp.data.actionId) };
  }
  if (content.card === 'summary' || content.card === 'digest') return summaryOrDigest(deps, delivery);
  if (content.card === 'broadcast') {
    // A reminder: in a person's chat with "Stop reminders"; posted in a channel without it.
    const data = BroadcastData.safeParse(content.data);
    if (!data.success) return undefined;
    const place = recipient.kind === 'person' ? 'person' : 'channel';
    const card = await deliveredReminder(deps, data.data.broadcastId, place);
    return card && { card };
  }
  if (content.card === 'orgSummary' || content.card === 'orgDigest')
    return organisationSummaryOrDigest(deps, delivery);
  const data = CheckinData.safeParse(content.data);
  if (!data.success || recipient.kind !== 'person') return undefined;
  const { cycleId, unitId, reason = 'scheduled' } = data.data;
  if (content.card === 'checkinCopy' && data.data.left) {
    const body = deps.text.checkins.leftUnit(await unitNameOf(deps, unitId));
    return { card: checkinNoticeCard({ title: deps.text.checkins.title, body }) };
  }
  // An update of an earlier copy shows the card as it now stands for that person.
  const card = content.card === 'checkinCopy' ? (data.data.card ?? '') : content.card;
  if (card === 'pulse') return pulseCardFor(deps, recipient.aadObjectId, { cycleId, reason });
  if (unitId && card.startsWith('measures'))
    return measuresCardFor(deps, recipient.aadObjectId, { cycleId, unitId, reason });
  return undefined;
}

type Target = { conversationId: string; serviceUrl: string; botId: string };

export function createTeamsSender(
  deps: BotDeps,
  botId: string,
  token: () => Promise<string | undefined>,
): Sender {
  const refused = (status: number, code: string): SendResult => ({ ok: false, status, code });

  async function target(delivery: Delivery, gate: RequestGate): Promise<Target | SendResult> {
    const { recipient, replaces } = delivery;
    const named =
      replaces?.conversationId ?? (recipient.kind === 'conversation' ? recipient.conversationId : undefined);
    if (named || recipient.kind !== 'person') {
      return (named && (await deps.roster.conversation(named))) || refused(404, 'NoConversation');
    }
    const reach = await deps.roster.reach(recipient.aadObjectId, (id) => deps.units.serviceUrlFor(id));
    if (!reach) return refused(404, 'UnknownPerson');
    if ('conversation' in reach && reach.conversation) {
      return reach.conversation;
    }
    if (!('serviceUrl' in reach) || !reach.serviceUrl) return refused(404, 'NoConversation');
    // Teams lets a bot start a 1:1 chat with a member of a team it is in; the tenant id is required.
    const { person, serviceUrl } = reach;
    const created = await gate(async () =>
      connectorRequest(
        serviceUrl,
        'POST',
        'v3/conversations',
        {
          isGroup: false,
          bot: { id: botId },
          members: [{ id: person.teamsUserId }],
          tenantId: person.tenantId,
          channelData: { tenant: { id: person.tenantId } },
        },
        await token(),
      ),
    );
    const conversationId = typeof created.body.id === 'string' ? created.body.id : undefined;
    if (created.status >= 300 || !conversationId) return failed(created);
    await deps.roster.rememberPersonalChat(person, conversationId, serviceUrl, botId);
    return { conversationId, serviceUrl, botId };
  }

  return {
    async send(delivery, gate) {
      const rendered = await render(deps, delivery);
      if (!rendered) return refused(400, 'UnknownCard');
      const { card } = rendered;
      const to = await target(delivery, gate);
      if ('ok' in to) return to;
      const activity = {
        type: 'message',
        from: { id: to.botId },
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
      };
      const path = `v3/conversations/${encodeURIComponent(to.conversationId)}/activities`;
      const { replaces } = delivery;
      const answer = await gate(async () =>
        replaces
          ? connectorRequest(
              to.serviceUrl,
              'PUT',
              `${path}/${encodeURIComponent(replaces.activityId)}`,
              { ...activity, id: replaces.activityId },
              await token(),
            )
          : connectorRequest(to.serviceUrl, 'POST', path, activity, await token()),
      );
      if (answer.status >= 300) {
        if (answer.status === 403) await deps.roster.markBlocked(to.conversationId);
        return failed(answer);
      }
      const activityId = typeof answer.body.id === 'string' ? answer.body.id : (replaces?.activityId ?? '');
      if (rendered.copy && !replaces && activityId && delivery.recipient.kind === 'person') {
        const { cycleId, unitId, card: name } = rendered.copy;
        const copy = {
          aadObjectId: delivery.recipient.aadObjectId,
          card: name,
          conversationId: to.conversationId,
          activityId,
        };
        await deps.checkins.rememberCopy(cycleId, unitId, copy);
      }
      return { ok: true, conversationId: to.conversationId, activityId };
    },
  };
}

function failed(answer: ConnectorAnswer): SendResult {
  const code = failureCode(answer.body);
  return {
    ok: false,
    status: answer.status,
    ...(code ? { code } : {}),
    ...(answer.retryAfterMs ? { retryAfterMs: answer.retryAfterMs } : {}),
  };
}
