// `npm run dev`: the bot (restarted when its code changes) on the embedded JSON store, plus the Microsoft 365
// Agents Playground, the local Teams client, opened in your browser. Ctrl+C stops both.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseEnv } from 'node:util';
import { currentUserAadObjectId, startPlayground, trustConfigPath, waitFor } from './playground.mjs';

const dotEnv = existsSync('.env') ? parseEnv(readFileSync('.env', 'utf8')) : {};
const setting = (name) => process.env[name] || dotEnv[name];
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
const bot = spawn(process.execPath, [tsx, 'watch', '--clear-screen=false', 'src/index.ts'], {
  stdio: 'inherit',
  env: { ...process.env, ...localDefaults, PORT: String(port) },
});
const botExited = new Promise((resolve) => bot.once('exit', resolve));
botExited.then((code) => {
  console.error(`The bot stopped (exit code ${code}). See the messages above.`);
  process.exit(1);
});

await waitFor(
  async () =>
    (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.ok ? true : undefined,
  60_000,
  () => `The bot did not start on port ${port}.`,
  botExited,
);
const playground = await startPlayground({
  botUrl: `http://127.0.0.1:${port}/api/messages`,
  configPath: trustConfigPath,
  openBrowser: !process.env.CI && process.env.PLAYGROUND_BROWSER !== 'none',
});
console.log(
  `\nThe bot is running on http://127.0.0.1:${port} with its data in ${setting('DATA_DIR') || './data'}.`,
);
console.log(`Talk to it in the Agents Playground: ${playground.url}\n`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    await playground.stop();
    bot.kill('SIGTERM');
    process.exit(0);
  });
}
