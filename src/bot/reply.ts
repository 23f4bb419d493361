// How the bot answers: a card as a message, or a card as the answer to an invoke.
import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../cards/card.js';

export async function sendCard(context: TurnContext, card: AdaptiveCard): Promise<void> {
  await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
}

/** Invokes always get HTTP 200; the card in the body replaces the one the person acted on. */
export async function answerInvoke(context: TurnContext, card: AdaptiveCard): Promise<void> {
  await context.sendActivity({
    type: 'invokeResponse',
    value: {
      status: 200,
      body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card },
    },
  });
}
