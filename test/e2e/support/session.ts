// One real bot process and one Agents Playground for a test file: started before its tests, stopped after.
import { afterAll, beforeAll } from '@jest/globals';
import { startBotProcess, type BotProcess } from './bot-process.js';
import { PlaygroundClient, type PlaygroundMessage } from './playground-client.js';
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

/** The first bot message in `conversationId` after `since` that matches; on a timeout, says what the bot logged. */
export async function nextBotMessage(
  { bot, client }: Session,
  conversationId: string,
  since: number,
  options: { timeoutMs: number; match?: (message: PlaygroundMessage) => boolean },
): Promise<PlaygroundMessage> {
  try {
    return await client.waitForBotMessage(conversationId, options.match ?? (() => true), {
      since,
      timeoutMs: options.timeoutMs,
    });
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- bot log ---\n${bot.logs()}`, { cause: error });
  }
}
