// `npm run dev`: the bot (restarted when its code changes) on the embedded JSON store, plus the Microsoft 365
// Agents Playground, the local Teams client, opened in your browser. Ctrl+C stops both.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { startPlayground, waitFor } from './playground.mjs';

const port = Number(process.env.PORT || 3978);
const tsx = createRequire(import.meta.url).resolve('tsx/cli');
const bot = spawn(process.execPath, [tsx, 'watch', '--clear-screen=false', 'src/index.ts'], {
  stdio: 'inherit',
  env: { ...process.env, PORT: String(port) },
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
  openBrowser: !process.env.CI && process.env.PLAYGROUND_BROWSER !== 'none',
});
console.log(`\nThe bot is running on http://127.0.0.1:${port} with its data in ./data.`);
console.log(`Talk to it in the Agents Playground: ${playground.url}\n`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    await playground.stop();
    bot.kill('SIGTERM');
    process.exit(0);
  });
}
