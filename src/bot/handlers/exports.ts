// `export` (managers for their own units, partnership leads and admins): choose what to export, the period
// and the units, then "Continue" gives a card with a one-use link to the download page. The choice is
// checked on the server however the card was made: a kind or a unit the person may not have is refused
// (and audited), and checked again when the file is made. Staff get the standard refusal.
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { AdaptiveCard } from '../../cards/card.js';
import { errorCard, refusedCard } from '../../cards/notice-cards.js';
import type { ExportRefusal } from '../../domain/export-kinds.js';
import { ExportKind, unitKinds } from '../../domain/export-kinds.js';
import { periodOfChoice } from '../../domain/export-periods.js';
import type { Text } from '../../text/index.js';
import type { BotDeps } from '../deps.js';
import { exportChoice, exportFilesOf, exportReady } from '../export-views.js';
import { refusal } from '../refusal.js';
import { sendCard } from '../reply.js';
import { personOf, type Handler } from './actions.js';

const ContinueData = z.object({
  cardId: z.string().min(1).max(100),
  kind: z.string().max(40).optional(),
  period: z.string().max(40).optional(),
  /** A multi-select sends its values joined by commas. */
  unitIds: z.string().max(20_000).optional(),
});

const refusalOf = (text: Text, refused: ExportRefusal): string =>
  refused.kind === 'boardPack'
    ? text.refusals.sentence(text.refusals.who['leads and admins'], text.exports.boardPackWhat)
    : refusal(text, refused.kind);

/** Typed `export`: the choice, or who may export. */
export function exportCommand(deps: BotDeps) {
  return async (context: TurnContext): Promise<void> => {
    const choice = await exportChoice(deps, personOf(context));
    if ('refused' in choice) return void (await context.sendActivity(choice.refused));
    await sendCard(context, choice.card);
  };
}

/** "Export something else": the choice again. */
export function exportNew(deps: BotDeps): Handler {
  return async (context): Promise<AdaptiveCard> => {
    const choice = await exportChoice(deps, personOf(context));
    return 'refused' in choice ? refusedCard(deps.text, choice.refused) : choice.card;
  };
}

/** "Continue": the link card, or the choice again with what to fix and what the person chose. */
export function exportContinue(deps: BotDeps): Handler {
  return async (context, _state, data): Promise<AdaptiveCard> => {
    const { text } = deps;
    const actor = personOf(context);
    const input = ContinueData.safeParse(data);
    if (!input.success) return errorCard(text, 'badInput');
    const { kind: kindChoice, period: periodChoice } = input.data;
    const unitIds = [...new Set((input.data.unitIds ?? '').split(',').map((id) => id.trim()))].filter(
      Boolean,
    );
    const values = { ...input.data, unitIds };
    const again = async (notice: string) => {
      const choice = await exportChoice(deps, actor, { notice, values });
      return 'refused' in choice ? refusedCard(text, choice.refused) : choice.card;
    };
    const kind = ExportKind.safeParse(kindChoice);
    if (!kind.success) return again(text.exports.kindError);
    const period = periodOfChoice(periodChoice ?? '', deps.actions.today());
    if (!period) return again(text.exports.badPeriod);
    const chosen = unitKinds.includes(kind.data) ? unitIds : [];
    const outcome = await exportFilesOf(deps).request(actor, { kind: kind.data, unitIds: chosen, period });
    if (!('period' in outcome)) {
      if (outcome.kind === 'refused') return refusedCard(text, refusalOf(text, outcome.refusal));
      if (outcome.kind === 'noUnits') return again(text.exports.noUnits);
      return again(kind.data === 'boardPack' ? text.exports.boardPackUnits : text.exports.unknownUnits);
    }
    return exportReady(deps, actor, outcome);
  };
}
