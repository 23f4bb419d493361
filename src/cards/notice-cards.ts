// Short cards with no buttons of their own: the welcome posted in a team or group chat, and the error card.
import type { Text } from '../text/index.js';
import { expandCard, type AdaptiveCard, type CardAction } from './card.js';

export function channelWelcomeCard(text: Text): AdaptiveCard {
  return expandCard('channel-welcome', text.channelWelcome);
}

export function groupChatWelcomeCard(text: Text): AdaptiveCard {
  return expandCard('channel-welcome', { ...text.groupChatWelcome, privacy: '' });
}

export type ErrorKind = 'unexpected' | 'unknownAction' | 'badInput';

/** Answers a failed card action: says nothing changed, and offers a way on. */
export function errorCard(text: Text, kind: ErrorKind, actions: CardAction[] = []): AdaptiveCard {
  return expandCard('error', { title: text.errors.title, message: text.errors[kind], actions });
}

/** Answers a card action the person may not take: says who may, and that nothing changed. */
export function refusedCard(text: Text, message: string): AdaptiveCard {
  return expandCard('error', { title: text.errors.refusedTitle, message, actions: [] });
}
