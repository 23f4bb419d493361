// The real bot in a process of its own, started exactly as `npm start` starts it (startBot with the
// configuration from the environment), for the start-up, memory and inbound benchmarks. bot-process.ts
// spawns it with `node --import tsx`, polls /readyz, asks it for its resource usage and stops it.
import { loadConfig } from '../src/config.js';
import { startBot } from '../src/index.js';
import { answerUsageRequests } from './usage.js';

const bot = await startBot(loadConfig(process.env));
answerUsageRequests();
process.once('SIGTERM', () => void bot.stop().then(() => process.exit(0)));
