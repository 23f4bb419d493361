// The buttons a person sees on their own cards: only the ones that make sense for where they stand.
import type { CardAction } from '../cards/card.js';
import type { CheckinState } from '../services/checkin-preferences.js';
import type { Text } from '../text/index.js';
import { verbs } from './verbs.js';

const button = (title: string, verb: string, cardId: string): CardAction => ({
  title,
  verb,
  data: { cardId },
});

export const helpAction = (text: Text, cardId: string): CardAction =>
  button(text.buttons.help, verbs.help, cardId);

export function personalButtons(text: Text, state: CheckinState | undefined, cardId: string): CardAction[] {
  const { buttons } = text;
  const help = helpAction(text, cardId);
  switch (state?.kind) {
    case 'guest':
      return [help];
    case 'stopped':
      return [help, button(buttons.resume, verbs.resume, cardId)];
    case 'paused':
      return [help, button(buttons.resume, verbs.resume, cardId), button(buttons.stop, verbs.stop, cardId)];
    default:
      return [help, button(buttons.snooze, verbs.snooze, cardId), button(buttons.stop, verbs.stop, cardId)];
  }
}
