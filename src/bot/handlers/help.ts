import type { TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../../cards/card.js';
import { helpCard } from '../../cards/help-card.js';
import { scopeOf } from '../activity.js';
import { personalButtons, withBroadcast } from '../buttons.js';
import { verbs } from '../verbs.js';
import type { BotDeps } from '../deps.js';
import { sendCard } from '../reply.js';

/** The help card for where the person is. Also the answer to anything the bot does not understand. */
export function helpMessage(deps: BotDeps) {
  return async (context: TurnContext): Promise<void> => sendCard(context, await helpFor(deps, context));
}

export function helpButton(deps: BotDeps) {
  return async (context: TurnContext): Promise<AdaptiveCard> => helpFor(deps, context);
}

export async function helpFor(
  { text, settings, preferences, access, newId }: BotDeps,
  context: TurnContext,
  notice?: string,
): Promise<AdaptiveCard> {
  const scope = scopeOf(context.activity);
  if (scope !== 'personal') return helpCard(text, { scope, timeZone: settings.timeZone, actions: [] });
  const aadObjectId = context.activity.from.aadObjectId;
  const state = aadObjectId ? await preferences.state(aadObjectId) : undefined;
  const roles = aadObjectId ? await access.rolesOf(aadObjectId) : undefined;
  // Managers, leads and admins may send reminders (managers to their own units); guests never.
  const sender =
    state?.kind !== 'guest' &&
    roles !== undefined &&
    (roles.admin || roles.lead || roles.managerOf.length > 0);
  return helpCard(text, {
    scope,
    manager: (roles?.managerOf.length ?? 0) > 0,
    lead: roles?.lead ?? false,
    admin: roles?.admin ?? false,
    timeZone: settings.timeZone,
    ...(state ? { status: state } : {}),
    ...(notice ? { notice } : {}),
    // The help card is what the help button shows, so it offers the other buttons only.
    actions: withBroadcast(
      personalButtons(text, state, newId(), { checkin: true }).filter((action) => action.verb !== verbs.help),
      text,
      sender ? newId() : undefined,
    ),
  });
}
