import type { Text } from '../text/index.js';
import { expandCard, type AdaptiveCard } from './card.js';

export type MessageView = { title: string; body: string; reason: string };

/** A proactive message: what it is, and why the person gets it and how to pause or stop it. */
export function messageCard(text: Text, view: MessageView): AdaptiveCard {
  return expandCard('message', { title: view.title, body: view.body, why: text.proactive.why(view.reason) });
}
