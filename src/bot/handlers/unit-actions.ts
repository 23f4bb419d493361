// "unit actions": managers see the recent actions of the units they manage; partnership leads and admins,
// those of every tracked unit. Which units is worked out on the server from the person's roles on every
// page, and each is checked ('seeUnit'), so a crafted card can show nothing more. Staff are refused, and
// the refusal is audited.
import type { TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../../cards/card.js';
import { errorCard, refusedCard } from '../../cards/notice-cards.js';
import { unitActionsList } from '../action-views.js';
import type { BotDeps } from '../deps.js';
import { sendCard } from '../reply.js';
import { unitsInReach } from '../unit-reach.js';
import { PageData, personOf, type Handler } from './actions.js';

/** Typed `unit actions`: the newest five, or who may see them. */
export function unitActionsCommand(deps: BotDeps) {
  return async (context: TurnContext): Promise<void> => {
    const units = await unitsInReach(deps, personOf(context));
    if ('refused' in units) return void (await context.sendActivity(units.refused));
    await sendCard(context, await unitActionsList(deps, units));
  };
}

/** "Older" and "Newer" on "unit actions". */
export function unitActionsPage(deps: BotDeps): Handler {
  return async (context, _state, data): Promise<AdaptiveCard> => {
    const input = PageData.safeParse(data);
    if (!input.success) return errorCard(deps.text, 'badInput');
    const units = await unitsInReach(deps, personOf(context));
    if ('refused' in units) return refusedCard(deps.text, units.refused);
    const { before, newer } = input.data;
    return unitActionsList(deps, units, {
      ...(before ? { before } : {}),
      ...(newer ? { newer } : {}),
    });
  };
}
