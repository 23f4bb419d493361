import type { TurnContext } from 'botbuilder';
import { channelWelcomeCard, groupChatWelcomeCard } from '../../cards/notice-cards.js';
import { welcomeCard } from '../../cards/welcome-card.js';
import { isBotAmong, scopeOf } from '../activity.js';
import { personalButtons } from '../buttons.js';
import type { BotDeps } from '../deps.js';
import { sendCard } from '../reply.js';

/** When the bot is added: a full welcome in a personal chat, a short one in a team or group chat. */
export function welcome({ text, adminSettings, preferences, newId }: BotDeps) {
  return async (context: TurnContext): Promise<void> => {
    const { activity } = context;
    if (!isBotAmong(activity.membersAdded, activity)) return;
    const scope = scopeOf(activity);
    if (scope === 'channel') return sendCard(context, channelWelcomeCard(text));
    if (scope === 'groupChat') return sendCard(context, groupChatWelcomeCard(text));
    const state = activity.from.aadObjectId ? await preferences.state(activity.from.aadObjectId) : undefined;
    await sendCard(
      context,
      welcomeCard(text, {
        anonymityMin: adminSettings.current().anonymityMin,
        guest: state?.kind === 'guest',
        actions: personalButtons(text, state, newId()),
      }),
    );
  };
}
