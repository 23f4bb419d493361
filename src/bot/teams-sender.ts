// Sends one delivery to Teams: finds (or starts) the conversation, renders the card, posts it or replaces
// an earlier one, and reports Teams' answer as it is for the worker to judge.
import type { Delivery } from '../domain/delivery.js';
import type { RequestGate, Sender, SendResult } from '../delivery/sender.js';
import { connectorRequest, failureCode, type ConnectorAnswer } from './connector-client.js';
import { renderDelivery } from './delivered-cards.js';
import type { BotDeps } from './deps.js';

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
      const rendered = await renderDelivery(deps, delivery);
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
