import type { Text } from '../text/index.js';
import { expandCard, type AdaptiveCard, type CardAction } from './card.js';

export type WelcomeView = { anonymityMin: number; guest: boolean; actions: CardAction[] };

/** The first card in a person's chat with the bot: what it does, why they get it, who sees what, how to stop. */
export function welcomeCard(text: Text, view: WelcomeView): AdaptiveCard {
  const { welcome } = text;
  return expandCard('welcome', {
    title: welcome.title,
    intro: welcome.intro,
    points: view.guest ? welcome.guestPoints : welcome.points(view.anonymityMin),
    privacy: welcome.privacy,
    actions: view.actions,
  });
}
