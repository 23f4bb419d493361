import type { TurnContext } from 'botbuilder';
import { whoAmICard } from '../../cards/who-am-i-card.js';
import type { BotDeps } from '../deps.js';
import { sendCard } from '../reply.js';

/** Anyone may ask: their roles, the teams that count them, and their check-in unit. */
export function whoAmI({ text, roles, units }: BotDeps) {
  return async (context: TurnContext): Promise<void> => {
    const aadObjectId = context.activity.from.aadObjectId ?? '';
    const [{ person, roles: granted }, teamUnits, choices] = await Promise.all([
      roles.of(aadObjectId),
      units.teamUnitsOf(aadObjectId),
      units.primaryChoices(aadObjectId),
    ]);
    const unitNames = new Map((await units.all()).map((unit) => [unit.id, unit.name]));
    const primary = choices.find((unit) => unit.id === person?.primaryUnitId);
    await sendCard(
      context,
      whoAmICard(text, {
        name: person?.name ?? context.activity.from.name ?? '',
        roles: granted,
        teamUnits,
        ...(primary ? { primary } : {}),
        unitNames,
      }),
    );
  };
}
