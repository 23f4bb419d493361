// The real entry point (src/index.ts through tsx) as a process of its own, where Node's defaults turn an
// uncaught exception or an unhandled rejection into a crash: what the in-process fuzz argues it catches too.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkDataDir, type DataFileProblem } from '../../src/store/check-data-dir.js';
import { TENANT } from './bot-deps.js';
import { startFakeConnector } from './fake-connector.js';
import { ADMIN, GUEST, STAFF } from './fuzz-people.js';

const root = new URL('../..', import.meta.url).pathname;

export type SpawnedBot = {
  connectorUrl: string;
  /** The status of a POST to /api/messages; 0 when no answer came. */
  post(body: string, contentType: string): Promise<number>;
  health(): Promise<number>;
  exited(): boolean;
  /** SIGTERM, then the exit code, the end of its stderr and what checkDataDir finds in its data directory. */
  stop(): Promise<{ code: number | null; stderr: string; problems: DataFileProblem[] }>;
};

export async function spawnedBot(): Promise<SpawnedBot> {
  const connector = await startFakeConnector({
    members: [ADMIN, STAFF, GUEST].map((person) => ({ ...person, tenantId: TENANT })),
    globalPerSecond: 1_000_000,
    perConversation: [],
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'bot-fuzz-process-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      ALLOWED_TENANT_IDS: TENANT,
      ADMIN_AAD_IDS: ADMIN.aadObjectId,
      QUIET_HOURS: 'off',
      LOG_LEVEL: 'info',
    },
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-10_000)));
  let code: number | null | undefined;
  const exit = new Promise<number | null>((resolve) =>
    child.on('exit', (exitCode) => resolve((code = exitCode))),
  );
  const port = await listeningPort(child.stdout, exit);
  const base = `http://127.0.0.1:${port}`;
  return {
    connectorUrl: connector.url,
    post: (body, contentType) =>
      fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body }).then(
        async (response) => (await response.arrayBuffer(), response.status),
        () => 0,
      ),
    health: () =>
      fetch(`${base}/healthz`).then(
        (response) => response.status,
        () => 0,
      ),
    exited: () => code !== undefined,
    stop: async () => {
      if (code === undefined) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const exitCode = await exit;
      clearTimeout(timer);
      await connector.close();
      const problems = await checkDataDir(dataDir);
      rmSync(dataDir, { recursive: true, force: true });
      return { code: exitCode, stderr, problems };
    },
  };
}

/** The port from the bot's "listening" log line; refuses if the process exits or stays silent first. */
function listeningPort(stdout: NodeJS.ReadableStream, exit: Promise<number | null>): Promise<number> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`the bot did not start within 30 s:\n${seen}`)), 30_000);
    stdout.on('data', (chunk) => {
      // Read to the end, or the pipe fills and the bot blocks on its own log; only the start is kept.
      if (seen.length > 100_000) return;
      seen += chunk;
      const port = /"port":(\d+).*"msg":"bot: listening"/.exec(seen)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve(Number(port));
      }
    });
    void exit.then((exitCode) => {
      clearTimeout(timer);
      reject(new Error(`the bot exited (${exitCode}) before listening:\n${seen}`));
    });
  });
}
