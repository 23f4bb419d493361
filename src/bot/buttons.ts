// The buttons a person sees on their own cards: only the ones that make sense for where they stand.
import type { StyledAction } from '../cards/action-cards.js';
import type { CardAction } from '../cards/card.js';
import type { CheckinState } from '../services/checkin-preferences.js';
import type { Text } from '../text/index.js';
import type { BotDeps } from './deps.js';
import { verbs } from './verbs.js';

const button = (
  title: string,
  verb: string,
  cardId: string,
  data: Record<string, unknown> = {},
): CardAction => ({ title, verb, data: { cardId, ...data } });

export const helpAction = (text: Text, cardId: string): CardAction =>
  button(text.buttons.help, verbs.help, cardId);

/**
 * `checkin` adds the buttons that bring this week's check-in back and open the "log action" card below the
 * card pressed (on the help card; never for guests).
 */
export function personalButtons(
  text: Text,
  state: CheckinState | undefined,
  cardId: string,
  options: { checkin?: boolean } = {},
): CardAction[] {
  const { buttons } = text;
  const help = helpAction(text, cardId);
  if (state?.kind === 'guest') return [help];
  const first = options.checkin
    ? [
        help,
        button(buttons.checkin, verbs.checkin, cardId),
        button(buttons.logAction, verbs.actionsNew, cardId, { below: true }),
      ]
    : [help];
  switch (state?.kind) {
    case 'stopped':
      return [...first, button(buttons.resume, verbs.resume, cardId)];
    case 'paused':
      return [
        ...first,
        button(buttons.resume, verbs.resume, cardId),
        button(buttons.stop, verbs.stop, cardId),
      ];
    default:
      return [
        ...first,
        button(buttons.snooze, verbs.snooze, cardId),
        button(buttons.stop, verbs.stop, cardId),
      ];
  }
}

/** "Broadcast" after "Log an action", for those who may send reminders: the card arrives below. */
export function withBroadcast(actions: CardAction[], text: Text, cardId: string | undefined): CardAction[] {
  if (!cardId) return actions;
  const broadcast = {
    title: text.broadcasts.helpButton,
    verb: verbs.broadcastNew,
    data: { cardId, below: true },
  };
  const after = actions.findIndex((action) => action.verb === verbs.actionsNew) + 1;
  return [...actions.slice(0, after), broadcast, ...actions.slice(after)];
}

/** A button on a card the bot builds: its own card id, so the first press is the one that counts. */
export const cardButton = (
  deps: Pick<BotDeps, 'newId'>,
  title: string,
  verb: string,
  data: Record<string, unknown> = {},
  style?: StyledAction['style'],
): StyledAction => ({ title, verb, data: { cardId: deps.newId(), ...data }, ...(style ? { style } : {}) });
