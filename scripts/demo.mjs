// `npm run demo`: seeds ./data-demo with synthetic, obviously fictional data for the Agents Playground's mock
// team (eight weeks of pulses, measures and actions: seed-demo.ts), then starts the bot on it and the
// Playground, as `npm run dev` does. Ctrl+C stops both; ./data-demo is replaced on the next run.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { startBotAndPlayground } from './dev.mjs';

const dataDir = './data-demo';

/** The port if nothing listens on it, else one the system has free. */
const freePort = (port) =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(port === 0 ? undefined : freePort(0)));
    server.listen(port, () => {
      const { port: free } = server.address();
      server.close(() => resolve(free));
    });
  });

// The seed records where the bot reaches the team's channel and your personal chat: the Playground's address.
const playgroundPort = await freePort(56150);
const tsx = createRequire(import.meta.url).resolve('tsx/cli');
const seed = spawnSync(
  process.execPath,
  [
    tsx,
    'scripts/seed-demo.ts',
    '--data-dir',
    dataDir,
    '--service-url',
    `http://localhost:${playgroundPort}/_connector`,
  ],
  { stdio: 'inherit' },
);
if (seed.status !== 0) process.exit(1);

const started = await startBotAndPlayground({ dataDir, playgroundPort });
if (started.playgroundPort !== playgroundPort)
  console.log(
    `The Playground took port ${started.playgroundPort}, not ${playgroundPort}: @mention the bot once in ` +
      "Ward 7's General channel so that it learns the new address before you post summaries.\n",
  );
console.log(
  'Ward 7 now has eight weeks of made-up check-ins and actions. In the personal chat type `digest` or ' +
    "`post summaries now`; the summary appears in Ward 7's General channel.\n",
);
