// The two catch-alls: an invoke nothing else answered, and an error nothing else caught. Invokes always get
// HTTP 200 with an error card (never a 5xx, which Teams shows as a broken card); messages get a short reply.
import type { TurnContext } from 'botbuilder';
import { errorCard } from '../../cards/notice-cards.js';
import { helpAction } from '../buttons.js';
import type { BotDeps } from '../deps.js';
import { answerInvoke } from '../reply.js';

export function unknownInvoke({ text, log, newId }: BotDeps) {
  return async (context: TurnContext): Promise<void> => {
    const { name, value } = context.activity;
    log.warn(
      { invoke: name, verb: (value as { action?: { verb?: string } })?.action?.verb },
      'bot: unknown invoke',
    );
    await answerInvoke(context, errorCard(text, 'unknownAction', [helpAction(text, newId())]));
  };
}

export function turnError({ text, log }: Pick<BotDeps, 'text' | 'log'>) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    const { type, name } = context.activity;
    log.error(
      {
        err: { name: error.name, message: error.message, stack: error.stack },
        activityType: type,
        invoke: name,
      },
      'bot: turn failed',
    );
    try {
      if (type === 'invoke') await answerInvoke(context, errorCard(text, 'unexpected'));
      else if (type === 'message') await context.sendActivity(text.errors.message);
    } catch (replyError) {
      log.error(
        { err: { name: (replyError as Error).name } },
        'bot: could not tell the person about the failure',
      );
    }
  };
}
