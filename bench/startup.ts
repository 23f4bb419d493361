// Benchmark 3, start-up against history: from spawning the bot's process to its first 200 from /readyz, with a
// year of history for the whole trust, and with an empty data directory, in alternating rounds after one
// discarded start of each (so both find tsx's compile cache and the page cache warm).
import type { Generated } from './generate.js';
import { startBotProcess } from './bot-process.js';
import { scratchCopy, type Scratch } from './files.js';
import { interleave, median } from './stats.js';
import { TENANT } from './synthetic-org.js';

export type StartupOptions = { rounds: number };
export type StartSide = { readyMs: number[]; medianMs: number; maxRssKiB: number };
export type StartupResult = {
  options: StartupOptions;
  staff: number;
  weeks: number;
  empty: StartSide;
  history: StartSide;
  ratio: number;
};

export async function runStartup(data: Generated, options: StartupOptions): Promise<StartupResult> {
  const scratches: Record<'empty' | 'history', Scratch | undefined> = {
    empty: undefined,
    history: undefined,
  };
  try {
    scratches.empty = await scratchCopy(undefined, 'startup-empty');
    scratches.history = await scratchCopy(data.dataDir, 'startup-history');
    const times: Record<'empty' | 'history', number[]> = { empty: [], history: [] };
    const rss: Record<'empty' | 'history', number[]> = { empty: [], history: [] };
    const start = async (name: 'empty' | 'history', measured: boolean) => {
      const bot = await startBotProcess('bot', {
        DATA_DIR: scratches[name]!.dataDir,
        ALLOWED_TENANT_IDS: TENANT,
      });
      const usage = await bot.usage();
      await bot.stop();
      if (!measured) return;
      times[name].push(bot.readyMs);
      rss[name].push(usage.maxRssKiB);
    };
    await start('empty', false);
    await start('history', false);
    await interleave(options.rounds, {
      empty: () => start('empty', true),
      history: () => start('history', true),
    });
    const side = (name: 'empty' | 'history'): StartSide => ({
      readyMs: times[name],
      medianMs: median(times[name]),
      maxRssKiB: median(rss[name]),
    });
    const [empty, history] = [side('empty'), side('history')];
    return {
      options,
      staff: data.manifest.staff,
      weeks: data.manifest.weeks,
      empty,
      history,
      ratio: history.medianMs / empty.medianMs,
    };
  } finally {
    await scratches.empty?.remove();
    await scratches.history?.remove();
  }
}
