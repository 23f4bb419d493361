// One real bot process and one Agents Playground for a test file: started before its tests, stopped after.
import { afterAll, beforeAll } from '@jest/globals';
import { startBotProcess, type BotProcess } from './bot-process.js';
import { PlaygroundClient } from './playground-client.js';
import { startPlaygroundProcess, type PlaygroundProcess } from './playground-process.js';

export type Session = { bot: BotProcess; playground: PlaygroundProcess; client: PlaygroundClient };

/** Registers the file's setup and teardown; the returned function gives the running session to a test. */
export function playgroundSession(
  env: () => Promise<Record<string, string>>,
  timeoutMs: number,
): () => Session {
  let bot: BotProcess | undefined;
  let playground: PlaygroundProcess | undefined;
  let client: PlaygroundClient | undefined;
  beforeAll(async () => {
    bot = await startBotProcess({ env: await env() });
    playground = await startPlaygroundProcess(bot.url);
    client = await PlaygroundClient.connect(playground.url);
  }, timeoutMs);
  afterAll(async () => {
    client?.close();
    await playground?.stop();
    await bot?.stop();
  }, timeoutMs);
  return () => {
    if (!bot || !playground || !client)
      throw new Error('the bot or the Playground did not start (see beforeAll)');
    return { bot, playground, client };
  };
}
