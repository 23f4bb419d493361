/** Action.Execute verbs: the contract between card buttons and routes. */
export const verbs = {
  help: 'help.show',
  snooze: 'checkins.snooze',
  stop: 'checkins.stop',
  resume: 'checkins.resume',
} as const;

/** Typed commands the bot understands in a personal chat; the app manifest lists these and no others. */
export const personalCommands = ['help', 'snooze', 'stop', 'resume'] as const;
/** In channels and group chats the bot answers only when @mentioned, and only with help. */
export const conversationCommands = ['help'] as const;
