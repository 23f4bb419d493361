// Starts the Microsoft 365 Agents Playground through the project's own scripts/playground.mjs, with the NHS
// mock Teams data in scripts/playground-trust.yml, on a free port, logging into a temporary directory.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  currentUserAadObjectId,
  startPlayground,
  trustConfigPath,
  type RunningPlayground,
} from '../../../scripts/playground.mjs';

/** The mock current user's Entra object id (see scripts/playground-trust.yml). */
export const mockCurrentUserAadObjectId = async (): Promise<string> => currentUserAadObjectId();

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
    playground = await startPlayground({ botUrl, port: 0, configPath: trustConfigPath, logDir });
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
