import { whoMay, type Action } from '../domain/permissions.js';
import type { Text } from '../text/index.js';

/** "Only partnership leads and admins can send reminders to everyone. Nothing has been changed." */
export const refusal = (text: Text, action: Action): string =>
  text.refusals.sentence(text.refusals.who[whoMay(action)], text.refusals.what[action]);
