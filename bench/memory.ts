// Benchmark 5, memory: the bot's peak resident set (getrusage's maxRSS, /proc's VmHWM) after start-up and a
// Monday morning's work (a burst of pulse submissions from distinct people, then every ward manager asking
// for their digest, which reads the 13 weeks it shows), with a year of history for the whole trust, and the
// same requests against an empty data directory. Each in a fresh process, in alternating rounds.
import { startFakeConnector } from '../test/support/fake-connector.js';
import { startBotProcess } from './bot-process.js';
import { pointAtConnector } from './connector-data.js';
import { scratchCopy } from './files.js';
import type { Generated } from './generate.js';
import { load, pulseTraffic } from './pulse-load.js';
import { interleave, median } from './stats.js';
import {
  aadOf,
  BOT,
  managerOf,
  nameOf,
  personalChatOf,
  teamsUserOf,
  TENANT,
  UNITS,
} from './synthetic-org.js';
import type { Usage } from './usage.js';

export type MemoryOptions = { rounds: number; submissions: number; connections: number };
export type MemorySide = { atReady: Usage[]; afterWork: Usage[]; peakKiB: number; readyKiB: number };
export type MemoryResult = {
  options: MemoryOptions;
  staff: number;
  weeks: number;
  empty: MemorySide;
  history: MemorySide;
  ratio: number;
};

type Name = 'empty' | 'history';

export async function runMemory(data: Generated, options: MemoryOptions): Promise<MemoryResult> {
  const { staff, weeks, currentCycleId: cycleId } = data.manifest;
  const connector = await startFakeConnector();
  const samples: Record<Name, { atReady: Usage[]; afterWork: Usage[] }> = {
    empty: { atReady: [], afterWork: [] },
    history: { atReady: [], afterWork: [] },
  };
  const once = async (name: Name, round: number) => {
    const scratch = await scratchCopy(name === 'history' ? data.dataDir : undefined, `memory-${name}`);
    try {
      if (name === 'history') await pointAtConnector(scratch.dataDir, connector.url);
      const bot = await startBotProcess('bot', { DATA_DIR: scratch.dataDir, ALLOWED_TENANT_IDS: TENANT });
      try {
        samples[name].atReady.push(await bot.usage());
        const traffic = pulseTraffic({
          serviceUrl: connector.url,
          cycleId,
          staff,
          runId: `bench-memory-${name}-${round}`,
        });
        const submitted = await load(bot.url, traffic, options.connections, 0, options.submissions);
        if (submitted.failed > 0)
          throw new Error(`bench: ${submitted.failed} submissions failed in the memory run`);
        await askForDigests(bot.url, connector.url);
        samples[name].afterWork.push(await bot.usage());
      } finally {
        await bot.stop();
      }
    } finally {
      await scratch.remove();
    }
  };
  try {
    await interleave(options.rounds, {
      empty: (round) => once('empty', round),
      history: (round) => once('history', round),
    });
  } finally {
    await connector.close();
  }
  const side = (name: Name): MemorySide => ({
    ...samples[name],
    peakKiB: median(samples[name].afterWork.map((usage) => usage.maxRssKiB)),
    readyKiB: median(samples[name].atReady.map((usage) => usage.maxRssKiB)),
  });
  const [empty, history] = [side('empty'), side('history')];
  return { options, staff, weeks, empty, history, ratio: history.peakKiB / empty.peakKiB };
}

/** Each ward manager types `digest` in their chat with the bot, ten at a time. */
async function askForDigests(url: string, serviceUrl: string): Promise<void> {
  const managers = Array.from({ length: UNITS }, (_, unit) => managerOf(unit));
  for (let start = 0; start < managers.length; start += 10) {
    await Promise.all(
      managers.slice(start, start + 10).map(async (person) => {
        const response = await fetch(`${url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(digestMessage(serviceUrl, person)),
        });
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`bench: a digest request was answered ${response.status}`);
      }),
    );
  }
}

function digestMessage(serviceUrl: string, person: number) {
  return {
    type: 'message',
    id: `bench-digest-${person}-${Date.now()}`,
    text: 'digest',
    channelId: 'msteams',
    serviceUrl,
    from: { id: teamsUserOf(person), name: nameOf(person), aadObjectId: aadOf(person) },
    recipient: BOT,
    conversation: { id: personalChatOf(person), conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
  };
}
