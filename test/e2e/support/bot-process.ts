// Starts the real bot (src/index.ts through tsx) as a child process, exactly as `node --import tsx src/index.ts`
// would, with a fresh data directory, on a free loopback port, in anonymous local mode.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));

export type BotProcess = {
  port: number;
  /** The bot's /api/messages endpoint. */
  url: string;
  dataDir: string;
  /** Everything the bot wrote to stdout and stderr so far (pino JSON lines). */
  logs(): string;
  /** SIGTERM, then SIGKILL after 5 s; resolves with how it exited. Keeps the data directory. Idempotent. */
  terminate(): Promise<BotExit>;
  /** terminate(), then removes the data directory. Idempotent. */
  stop(): Promise<void>;
};

/** `forced` means it ignored SIGTERM for 5 s and was killed. */
export type BotExit = { code: number | null; signal: NodeJS.Signals | null; forced: boolean };

export type BotProcessOptions = { startTimeoutMs?: number; env?: Record<string, string> };

export async function startBotProcess({
  startTimeoutMs = 20_000,
  env = {},
}: BotProcessOptions = {}): Promise<BotProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pp-bot-e2e-'));
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    NODE_ENV: 'development',
    // Anonymous local mode. Blank (rather than absent) so a developer's .env cannot switch it off.
    BOT_ID: '',
    BOT_PASSWORD: '',
    BOT_TENANT_ID: '',
    ALLOWED_TENANT_IDS: '',
    ...env,
  };
  // Jest's --experimental-vm-modules is for jest, not for the bot.
  delete childEnv.NODE_OPTIONS;

  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: projectRoot,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;
  // Last resort if the test process ends without calling stop(): never leave a bot behind.
  const killOnExit = () => void (running() && child.kill('SIGKILL'));
  process.once('exit', killOnExit);
  void exited.then(() => process.removeListener('exit', killOnExit));

  let terminating: Promise<BotExit> | undefined;
  function terminate(): Promise<BotExit> {
    return (terminating ??= (async () => {
      let forced = false;
      if (running()) {
        child.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        forced = await Promise.race([
          exited.then(() => false),
          new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), 5_000))),
        ]);
        clearTimeout(timer);
        if (forced && running()) child.kill('SIGKILL');
      }
      if (child.pid !== undefined) await exited;
      return { code: child.exitCode, signal: child.signalCode, forced };
    })());
  }

  const port = await new Promise<number>((resolve, reject) => {
    let pending = '';
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `the bot did not say "bot: listening" within ${startTimeoutMs} ms. Its output:\n${output}`,
          ),
        ),
      startTimeoutMs,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const listening = parseListening(line);
        if (listening !== undefined) {
          clearTimeout(timer);
          resolve(listening);
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(
        new Error(
          `the bot exited (code ${child.exitCode}, signal ${child.signalCode}) before listening. Its output:\n${output}`,
        ),
      );
    });
  }).catch(async (error: unknown) => {
    await terminate();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  });

  let stopping: Promise<void> | undefined;
  return {
    port,
    url: `http://127.0.0.1:${port}/api/messages`,
    dataDir,
    logs: () => output,
    terminate,
    stop: () =>
      (stopping ??= (async () => {
        await terminate();
        await rm(dataDir, { recursive: true, force: true });
      })()),
  };
}

function parseListening(line: string): number | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const entry = JSON.parse(line) as { msg?: unknown; port?: unknown };
    return entry.msg === 'bot: listening' && typeof entry.port === 'number' ? entry.port : undefined;
  } catch {
    return undefined;
  }
}
