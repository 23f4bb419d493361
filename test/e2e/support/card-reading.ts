// Reading the cards the bot posts into the Playground.
import type { Card } from '../../support/cards.js';
import { adaptiveCardOf, type PlaygroundMessage } from './playground-client.js';

export function cardIn(message: PlaygroundMessage): Card {
  const card = adaptiveCardOf(message) as Card | undefined;
  if (!card) throw new Error(`expected an Adaptive Card, got: ${JSON.stringify(message).slice(0, 500)}`);
  return card;
}

/** A card's title: its heading TextBlock. */
export function titleOf(card: Card): string | undefined {
  const heading = (card.body ?? []).find(
    (element) =>
      (element as { type?: string }).type === 'TextBlock' &&
      (element as { style?: string }).style === 'heading',
  );
  return (heading as { text?: string } | undefined)?.text;
}
