// The catch-alls: an invoke nothing else answered, an error nothing else caught, and an invoke the bot will not
// serve. Invokes always get an answer (never a 5xx, which Teams shows as a broken card): HTTP 200 with an error
// card for people the bot serves; messages get a short reply.
import type { TurnContext } from 'botbuilder';
import { errorCard } from '../../cards/notice-cards.js';
import { helpAction } from '../buttons.js';
import type { BotDeps } from '../deps.js';
import { answerInvoke } from '../reply.js';

/**
 * An invoke name or verb as it may be logged: the client chose it, so it is logged only when it looks like one
 * of the bot's own names (a verb of an older card, say), never as whatever text or value was sent.
 */
export const loggableName = (name: unknown): string | undefined =>
  name === undefined
    ? undefined
    : typeof name === 'string' && /^[\w./-]{1,64}$/.test(name)
      ? name
      : '(not a name)';

export function unknownInvoke({ text, log, newId }: BotDeps) {
  return async (context: TurnContext): Promise<void> => {
    const { name, value } = context.activity;
    log.warn(
      {
        invoke: loggableName(name),
        verb: loggableName((value as { action?: { verb?: unknown } })?.action?.verb),
      },
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
        activityType: loggableName(type),
        invoke: loggableName(name),
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

/**
 * An invoke the bot will not serve (from a tenant that is not allowed): refused with 403 and no card, as its
 * messages are ignored unanswered. Without an answer the adapter would reply 501 Not Implemented.
 */
export async function refuseInvoke(context: TurnContext): Promise<void> {
  if (context.activity.type === 'invoke')
    await context.sendActivity({ type: 'invokeResponse', value: { status: 403 } });
}
