// `npm run dev`: the bot (restarted when its code changes) on the embedded JSON store, plus the Microsoft 365
// Agents Playground, the local Teams client, opened in your browser. Ctrl+C stops both. `npm run demo`
// (demo.mjs) starts the same two on its own data.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import { currentUserAadObjectId, startPlayground, trustConfigPath, waitFor } from './playground.mjs';

const dotEnv = existsSync('.env') ? parseEnv(readFileSync('.env', 'utf8')) : {};
const setting = (name) => process.env[name] || dotEnv[name];

/**
 * Starts the bot and the Playground, says where they are, and stops both on Ctrl+C (or SIGTERM).
 * @param {{ dataDir?: string, playgroundPort?: number }} [options] `dataDir` in place of DATA_DIR;
 *   `playgroundPort` in place of the Playground's usual 56150.
 * @returns {Promise<{ botPort: number, dataDir: string, playgroundUrl: string, playgroundPort: number }>}
 */
export async function startBotAndPlayground({ dataDir, playgroundPort } = {}) {
  // Locally you are the mock trust's current user (Priya Shah, Ward 7's manager). Unless you say otherwise,
  // she is an admin so that every command can be tried, and cards arrive at any hour.
  const localDefaults = setting('BOT_ID')
    ? {}
    : {
        ...(setting('ADMIN_AAD_IDS') ? {} : { ADMIN_AAD_IDS: currentUserAadObjectId() }),
        ...(setting('QUIET_HOURS') ? {} : { QUIET_HOURS: 'off' }),
      };

  const port = Number(process.env.PORT || 3978);
  const tsx = createRequire(import.meta.url).resolve('tsx/cli');
  // In a process group of its own, so that Ctrl+C reaches it once, through tsx, rather than twice (the
  // second would stop it mid-write): stopping it is this script's job.
  const bot = spawn(process.execPath, [tsx, 'watch', '--clear-screen=false', 'src/index.ts'], {
    stdio: 'inherit',
    detached: true,
    env: { ...process.env, ...localDefaults, PORT: String(port), ...(dataDir ? { DATA_DIR: dataDir } : {}) },
  });
  const running = () => bot.exitCode === null && bot.signalCode === null;
  process.once('exit', () => void (running() && bot.kill('SIGTERM')));
  let playground;
  let stopping = false;
  const botExited = new Promise((resolvePromise) => bot.once('exit', resolvePromise));
  botExited.then(async (code) => {
    if (stopping) return;
    console.error(`The bot stopped (exit code ${code}). See the messages above.`);
    await playground?.stop();
    process.exit(1);
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, async () => {
      stopping = true;
      await playground?.stop();
      bot.kill('SIGTERM');
      // The bot finishes what it is writing; one that hangs is not waited for long.
      let timer;
      await Promise.race([botExited, new Promise((r) => (timer = setTimeout(r, 10_000)))]);
      clearTimeout(timer);
      process.exit(0);
    });
  }

  await waitFor(
    async () =>
      (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.ok ? true : undefined,
    60_000,
    () => `The bot did not start on port ${port}.`,
    botExited,
  );
  playground = await startPlayground({
    botUrl: `http://127.0.0.1:${port}/api/messages`,
    configPath: trustConfigPath,
    openBrowser: !process.env.CI && process.env.PLAYGROUND_BROWSER !== 'none',
    ...(playgroundPort ? { port: playgroundPort } : {}),
  });
  const data = dataDir || setting('DATA_DIR') || './data';
  console.log(`\nThe bot is running on http://127.0.0.1:${port} with its data in ${data}.`);
  console.log(`Talk to it in the Agents Playground: ${playground.url}\n`);
  return { botPort: port, dataDir: data, playgroundUrl: playground.url, playgroundPort: playground.port };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await startBotAndPlayground();
}
