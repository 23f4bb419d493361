// Snooze, stop and resume: typed in a personal chat, or a button on the person's own cards.
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { AdaptiveCard } from '../../cards/card.js';
import { errorCard } from '../../cards/notice-cards.js';
import type { CheckinState } from '../../services/checkin-preferences.js';
import type { BotDeps } from '../deps.js';
import { sendCard } from '../reply.js';
import { helpFor } from './help.js';

type Change = 'snooze' | 'stop' | 'resume';

const CardData = z.object({ cardId: z.string().min(1).max(100) });

function notice(
  { text, settings }: BotDeps,
  change: Change,
  state: CheckinState | undefined,
): string | undefined {
  if (!state) return undefined;
  if (change === 'snooze' && state.kind === 'paused')
    return text.notices.paused(text.formatDate(state.until, settings.timeZone));
  return change === 'stop' ? text.notices.stopped : change === 'resume' ? text.notices.resumed : undefined;
}

/** Applies the change; someone who stops and answered a unit's measures leaves its managers to choose again. */
async function apply(deps: BotDeps, change: Change, aadObjectId: string) {
  const state = await deps.preferences[change](aadObjectId);
  if (change === 'stop' && state?.kind === 'stopped') await deps.ownerChanges.stopped(aadObjectId);
  return state;
}

export function checkinCommand(deps: BotDeps, change: Change) {
  return async (context: TurnContext): Promise<void> => {
    const state = await apply(deps, change, context.activity.from.aadObjectId ?? '');
    await sendCard(context, await helpFor(deps, context, notice(deps, change, state)));
  };
}

export function checkinButton(deps: BotDeps, change: Change) {
  return async (context: TurnContext, _state: unknown, data: unknown): Promise<AdaptiveCard> => {
    const input = CardData.safeParse(data);
    if (!input.success) return errorCard(deps.text, 'badInput');
    if (!(await deps.cardActions.claim(input.data.cardId)))
      return helpFor(deps, context, deps.text.notices.alreadyDone);
    const state = await apply(deps, change, context.activity.from.aadObjectId ?? '');
    return helpFor(deps, context, notice(deps, change, state));
  };
}
