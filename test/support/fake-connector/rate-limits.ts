// Teams' sending limits as rolling windows: per bot per conversation, and per app across all conversations.
// Only requests that were let through are counted, so a client that backs off after a 429 recovers.

export type Window = { limit: number; windowMs: number };
export type Counted = { at: number; conversationId: string; kind: 'create' | 'send' };

/** Per bot, per conversation (thread): 7 / 1 s, 8 / 2 s, 60 / 30 s, 1,800 / hour. */
export const TEAMS_PER_CONVERSATION: readonly Window[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1_800, windowMs: 3_600_000 },
];

export function createRateLimits(options: {
  globalPerSecond?: number;
  perConversation?: readonly Window[];
  timeScale?: number;
}) {
  const scale = options.timeScale ?? 1;
  const global: Window = { limit: options.globalPerSecond ?? 50, windowMs: 1_000 * scale };
  const perConversation = (options.perConversation ?? TEAMS_PER_CONVERSATION).map((window) => ({
    limit: window.limit,
    windowMs: window.windowMs * scale,
  }));
  const longest = Math.max(0, ...perConversation.map((window) => window.windowMs));
  const counted: Counted[] = [];
  let recent: number[] = [];
  const byConversation = new Map<string, number[]>();
  let throttled = 0;

  /** How long until one more request fits every window, or 0 when it fits now. */
  function waitFor(times: readonly number[], windows: readonly Window[], now: number): number {
    let wait = 0;
    for (const { limit, windowMs } of windows) {
      const inWindow = times.filter((at) => at > now - windowMs);
      // Enough of the oldest must leave the window that only limit - 1 remain.
      if (inWindow.length >= limit)
        wait = Math.max(wait, inWindow[inWindow.length - limit]! + windowMs - now);
    }
    return wait;
  }

  return {
    /** Counts the request and returns 0, or returns how many ms the caller should wait (not counted). */
    admit(conversationId: string, kind: Counted['kind'], now = Date.now()): number {
      // Forget what no window can see any more, so long runs stay fast.
      recent = recent.filter((at) => at > now - global.windowMs);
      const mine = (byConversation.get(conversationId) ?? []).filter((at) => at > now - longest);
      byConversation.set(conversationId, mine);
      const wait = Math.max(waitFor(recent, [global], now), waitFor(mine, perConversation, now));
      if (wait > 0) {
        throttled++;
        return wait;
      }
      counted.push({ at: now, conversationId, kind });
      recent.push(now);
      mine.push(now);
      return 0;
    },
    counted,
    throttled: () => throttled,
    /** The most requests counted in any rolling window of this length, for one conversation or all. */
    peak(windowMs: number, conversationId?: string): number {
      const times = counted.filter((entry) => !conversationId || entry.conversationId === conversationId);
      let peak = 0;
      let start = 0;
      for (let end = 0; end < times.length; end++) {
        while (times[start]!.at <= times[end]!.at - windowMs) start++;
        peak = Math.max(peak, end - start + 1);
      }
      return peak;
    },
  };
}
