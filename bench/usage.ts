// What a benchmark child process reports about itself over its IPC channel: peak and current memory.
import { readFileSync } from 'node:fs';

export type Usage = { maxRssKiB: number; rssKiB: number; heapUsedKiB: number };

export const USAGE_REQUEST = 'bench:usage';

/**
 * The process's own peak resident set in KiB: Linux's VmHWM. Not resourceUsage().maxRSS, which Linux carries
 * over from the parent's image at fork and exec, so a child of a large benchmark process would report the
 * parent's size. Elsewhere maxRSS is the best there is.
 */
function peakRssKiB(): number {
  try {
    const found = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (found) return Number(found[1]);
  } catch {
    // Not Linux.
  }
  return process.resourceUsage().maxRSS;
}

/** Answers the parent's usage requests; the channel is unref'd so it never keeps the process alive. */
export function answerUsageRequests(): void {
  process.on('message', (message) => {
    if (message !== USAGE_REQUEST) return;
    const memory = process.memoryUsage();
    const usage: Usage = {
      maxRssKiB: peakRssKiB(),
      rssKiB: Math.round(memory.rss / 1024),
      heapUsedKiB: Math.round(memory.heapUsed / 1024),
    };
    process.send?.(usage);
  });
  process.channel?.unref();
}
