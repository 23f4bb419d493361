// Typed check-in commands in a personal chat: `checkin` brings this cycle's cards back, `status` says where
// the person stands, and `send check-ins now` (leads and admins) opens the current cycle by hand.
import type { TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../../cards/card.js';
import { cycleMonday } from '../../domain/cycles.js';
import type { BotDeps } from '../deps.js';
import { refusal } from '../refusal.js';
import { sendCheckinCards } from './checkins-answers.js';
import { helpFor } from './help.js';

export function showCheckin(deps: BotDeps) {
  return async (context: TurnContext): Promise<void> => sendCheckinCards(deps, context);
}

/** The help card's "Check-in" button: the cards arrive as messages below it. */
export function showCheckinButton(deps: BotDeps) {
  return async (context: TurnContext): Promise<AdaptiveCard> => {
    await sendCheckinCards(deps, context);
    return helpFor(deps, context, deps.text.checkins.cardsBelow);
  };
}

export function sendCheckinsNow(deps: BotDeps) {
  return async (context: TurnContext): Promise<void> => {
    const { text, settings } = deps;
    const actor = context.activity.from.aadObjectId ?? '';
    const allowed = await deps.access.check(actor, 'runNow');
    if (!allowed.allowed) return void (await context.sendActivity(refusal(text, allowed.action)));
    const outcome = await deps.checkinCycles.openNow(actor);
    const weekOf = text.formatDate(cycleMonday(outcome.cycle.id), settings.timeZone);
    if (outcome.kind === 'alreadyOpen')
      return void (await context.sendActivity(text.checkins.alreadyOpen(weekOf)));
    const owners = new Set(Object.values(outcome.cycle.measures).flatMap((unit) => unit.owners));
    await context.sendActivity(
      text.checkins.opened(weekOf, Object.keys(outcome.cycle.expected).length, owners.size),
    );
  };
}

export function statusCommand(deps: BotDeps) {
  return async (context: TurnContext): Promise<void> => {
    const { text, settings } = deps;
    const aadObjectId = context.activity.from.aadObjectId ?? '';
    const [status, preference] = await Promise.all([
      deps.checkins.status(aadObjectId),
      deps.preferences.state(aadObjectId),
    ]);
    const date = (iso: string) => text.formatDate(iso, settings.timeZone);
    const lines: string[] = [];
    if (preference?.kind === 'guest') lines.push(text.checkins.status.guest);
    else if (preference?.kind === 'stopped') lines.push(text.checkins.status.stopped);
    else if (preference?.kind === 'paused') lines.push(text.checkins.status.paused(date(preference.until)));
    if (status.kind === 'noCycle') lines.push(text.checkins.noCycle);
    else if (!status.expected) lines.push(text.checkins.status.notExpected);
    else if (status.answeredAt) lines.push(text.checkins.status.answered(date(status.answeredAt)));
    else if (status.open) lines.push(text.checkins.status.notAnswered(date(status.cycle.closesAt)));
    else lines.push(text.checkins.closedOn(date(status.cycle.closesAt)));
    if (status.kind === 'cycle' && status.measures.due > 0)
      lines.push(text.checkins.status.measuresDue(status.measures.answered, status.measures.due));
    await context.sendActivity(lines.join('\n\n'));
  };
}
