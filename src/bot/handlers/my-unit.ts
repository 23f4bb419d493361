// "my unit": a person chooses the unit whose weekly pulse they answer; asked unprompted once, on contact,
// when they are in several tracked teams.
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { AdaptiveCard } from '../../cards/card.js';
import { myUnitCard } from '../../cards/my-unit-card.js';
import { errorCard } from '../../cards/notice-cards.js';
import type { Unit } from '../../domain/units.js';
import { command, scopeOf } from '../activity.js';
import type { BotDeps } from '../deps.js';
import { sendCard } from '../reply.js';
import { verbs } from '../verbs.js';

const ChooseData = z.object({ cardId: z.string().min(1).max(100), unitId: z.string().min(1).max(200) });

async function card(deps: BotDeps, aadObjectId: string, options: { notice?: string; units?: Unit[] } = {}) {
  const units = options.units ?? (await deps.units.primaryChoices(aadObjectId));
  const { person } = await deps.roles.of(aadObjectId);
  return myUnitCard(deps.text, {
    units,
    ...(person?.primaryUnitId ? { current: person.primaryUnitId } : {}),
    ...(options.units ? { intro: 'firstContact' as const } : {}),
    ...(options.notice ? { notice: options.notice } : {}),
    save: { title: deps.text.myUnit.save, verb: verbs.chooseUnit, data: { cardId: deps.newId() } },
  });
}

export function myUnitCommand(deps: BotDeps) {
  return async (context: TurnContext): Promise<void> =>
    sendCard(context, await card(deps, context.activity.from.aadObjectId ?? ''));
}

export function chooseUnit(deps: BotDeps) {
  return async (context: TurnContext, _state: unknown, data: unknown): Promise<AdaptiveCard> => {
    const input = ChooseData.safeParse(data);
    if (!input.success) return errorCard(deps.text, 'badInput');
    const aadObjectId = context.activity.from.aadObjectId ?? '';
    const outcome = await deps.units.choosePrimary(aadObjectId, input.data.unitId);
    const chosen = (await deps.units.all()).find((unit) => unit.id === input.data.unitId);
    const notice =
      outcome === 'chosen' && chosen ? deps.text.myUnit.chosen(chosen.name) : deps.text.myUnit.notAChoice;
    return card(deps, aadObjectId, { notice });
  };
}

/** After a personal-chat message: settle the primary unit, asking when the person is in several teams. */
export function askForPrimaryUnit(deps: BotDeps) {
  return async (context: TurnContext): Promise<boolean> => {
    const { activity } = context;
    const personal = activity.type === 'message' && scopeOf(activity) === 'personal';
    // "my unit" has just shown the same card.
    if (!personal || !activity.from.aadObjectId || command('my unit').test(activity.text ?? '')) return true;
    const choices = await deps.units.settlePrimary(activity.from.aadObjectId);
    if (choices) await sendCard(context, await card(deps, activity.from.aadObjectId, { units: choices }));
    return true;
  };
}
