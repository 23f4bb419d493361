// Starts a benchmark bot (the real one or the bare one) in a child process with `node --import tsx`, as a
// person would run it from source, and times it from spawn to its first 200 from GET /readyz. The child's
// stdout is discarded (the real bot logs a line per request, as in production); the end of its stderr is
// kept to explain a child that stops early.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { USAGE_REQUEST, type Usage } from './usage.js';

const ENTRIES = {
  bot: fileURLToPath(new URL('./bot-entry.ts', import.meta.url)),
  bare: fileURLToPath(new URL('./bare-bot.ts', import.meta.url)),
};
const READY_TIMEOUT_MS = 120_000;
const POLL_MS = 10;

export type BotProcess = {
  url: string;
  pid: number;
  /** Spawn to the first 200 from /readyz. */
  readyMs: number;
  usage(): Promise<Usage>;
  stop(): Promise<void>;
};

/**
 * The real bot in anonymous mode, or the bare bot; `env` adds to the environment (DATA_DIR…), `nodeArgs` to
 * node's own options (`--cpu-prof` to find where the time goes: `npm run bench -- --profile`).
 */
export async function startBotProcess(
  kind: keyof typeof ENTRIES,
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<BotProcess> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', ENTRIES[kind]], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      BOT_ID: '',
      BOT_PASSWORD: '',
      LOG_LEVEL: 'info',
      // The embedded store unless the benchmark says otherwise, whatever the environment running it says.
      STORE: 'lowdb',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(`${url}/readyz`, child, started);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`bench: the ${kind} bot did not become ready: ${(error as Error).message}\n${stderr}`);
  }
  const readyMs = performance.now() - started;
  return {
    url,
    pid: child.pid!,
    readyMs,
    usage: () => usageOf(child),
    stop: () => stop(child),
  };
}

async function waitUntilReady(readyz: string, child: ChildProcess, started: number): Promise<void> {
  while (performance.now() - started < READY_TIMEOUT_MS) {
    if (child.exitCode !== null) throw new Error(`it exited with code ${child.exitCode}`);
    try {
      const response = await fetch(readyz);
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(POLL_MS);
  }
  throw new Error(`no 200 from ${readyz} within ${READY_TIMEOUT_MS / 1_000} s`);
}

async function usageOf(child: ChildProcess): Promise<Usage> {
  const answer = once(child, 'message') as Promise<[Usage]>;
  child.send(USAGE_REQUEST);
  const [usage] = await answer;
  return usage;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** A port free right now: the child binds it a moment later. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
