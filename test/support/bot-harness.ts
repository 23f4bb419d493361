// The teams-ai Application in-process, through botbuilder's TestAdapter, on the test dependencies.
import { expect } from '@jest/globals';
import { TestAdapter, type Activity } from 'botbuilder';
import { createBotApp } from '../../src/bot/app.js';
import { turnError } from '../../src/bot/handlers/errors.js';
import { testDeps } from './bot-deps.js';
import { cardOf } from './cards.js';
import { cardProblems } from './validate-card.js';

export function harness(options: Parameters<typeof testDeps>[0] = {}) {
  const built = testDeps(options);
  const app = createBotApp(built.deps);
  const adapter = new TestAdapter(async (context) => void (await app.run(context)));
  adapter.onTurnError = turnError(built.deps);
  /** The bot's replies to one activity (for an invoke, its invoke response). */
  async function send(activity: Partial<Activity>): Promise<Partial<Activity>[]> {
    adapter.activeQueue.splice(0);
    await adapter.processActivity(activity as Activity);
    const replies = [...adapter.activeQueue];
    // Every card the bot sends must be one Teams can render.
    for (const reply of replies) if (cardOf(reply)) expect(cardProblems(cardOf(reply))).toEqual([]);
    return replies;
  }
  return { ...built, send };
}
