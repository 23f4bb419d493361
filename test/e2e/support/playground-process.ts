// Starts the Microsoft 365 Agents Playground through the project's own scripts/playground.mjs, with the NHS
// mock Teams data in test/e2e/playground.yml, on a free port, logging into a temporary directory.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPlayground, type RunningPlayground } from '../../../scripts/playground.mjs';

export const playgroundConfigPath = fileURLToPath(new URL('../playground.yml', import.meta.url));

/**
 * The mock current user's Entra object id, read from the mock data file before anything starts (a bot that
 * must treat that person as an admin needs it in its environment at start-up). The file is simple YAML: the
 * first `aadObjectId:` line inside the top-level `currentUser:` block.
 */
export async function mockCurrentUserAadObjectId(): Promise<string> {
  const lines = (await readFile(playgroundConfigPath, 'utf8')).split('\n');
  const start = lines.findIndex((line) => /^currentUser:\s*$/.test(line));
  for (const line of start < 0 ? [] : lines.slice(start + 1)) {
    if (/^\S/.test(line)) break;
    const found = /^\s+aadObjectId:\s*['"]?([\w-]+)['"]?\s*$/.exec(line)?.[1];
    if (found) return found;
  }
  throw new Error(`no currentUser.aadObjectId in ${playgroundConfigPath}`);
}

export type PlaygroundProcess = {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  /** The Playground's own log file (what it sent to and received from the bot). */
  logs(): Promise<string>;
  /** Stops it and removes its log directory. Idempotent. */
  stop(): Promise<void>;
};

export async function startPlaygroundProcess(botUrl: string): Promise<PlaygroundProcess> {
  const logDir = await mkdtemp(join(tmpdir(), 'pp-playground-e2e-'));
  let playground: RunningPlayground;
  try {
    playground = await startPlayground({ botUrl, port: 0, configPath: playgroundConfigPath, logDir });
  } catch (error) {
    await rm(logDir, { recursive: true, force: true });
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    url: playground.url,
    port: playground.port,
    logs: () => readFile(join(logDir, 'm365agentsplayground.log'), 'utf8').catch(() => ''),
    stop: () =>
      (stopping ??= (async () => {
        await playground.stop();
        await rm(logDir, { recursive: true, force: true });
      })()),
  };
}
