// What happens after a proactive send fails, and how long a conversation must wait before its next send.
// Pure: the caller passes the clock and the random number, so every path is testable without timers.
// Teams' rules behind the numbers are in TEAMS.md ("Sending limits").

/** A failed send as the Bot Connector answered it; status 0 means no HTTP answer (network error). */
export type SendFailure = { status: number; code?: string; retryAfterMs?: number };

/** Company Communicator's figure: enough to ride out a short outage without hammering a broken recipient. */
export const MAX_ATTEMPTS = 5;
/** 429s say nothing is wrong with the recipient, so they get more tries, but a stuck tenant must still end. */
export const MAX_THROTTLED = 20;

export type Next =
  | { kind: 'retry'; afterMs: number; pauseAllMs?: number }
  | { kind: 'final'; state: 'blocked' | 'notFound' | 'tooLarge' | 'failed' };

const DEFAULT_RETRY_AFTER_MS = 1_000;
const BACKOFF_BASE_MS = 1_000;
const BACKOFF_CAP_MS = 60_000;
// Full jitter can pick ~0 ms; a floor keeps a burst of failures from retrying in the same instant.
const BACKOFF_MIN_MS = 250;

const final = (state: Extract<Next, { kind: 'final' }>['state']): Next => ({ kind: 'final', state });

/** `attempts` counts the sends made so far, this failed one included; `random` is in [0, 1). */
export function nextStep(failure: SendFailure, attempts: number, random: number): Next {
  const { status } = failure;
  if (status === 429) return throttled(failure, attempts);
  // 403 has many body codes (MessageWritesBlocked, BotNotInConversationRoster…) or none; all mean "may not
  // write here" and none heals by retrying. The caller keeps the code for the report.
  if (status === 403) return final('blocked');
  if (status === 404) return final('notFound');
  if (status === 413) return final('tooLarge');
  if (isTransient(status)) {
    return attempts < MAX_ATTEMPTS
      ? { kind: 'retry', afterMs: backoffMs(attempts, random) }
      : final('failed');
  }
  return final('failed');
}

// A 429 is about the app's rate across the tenant, not this recipient, so every send pauses, not just this one.
function throttled(failure: SendFailure, attempts: number): Next {
  if (attempts >= MAX_THROTTLED) return final('failed');
  const given = failure.retryAfterMs;
  const wait = given !== undefined && Number.isFinite(given) && given >= 0 ? given : DEFAULT_RETRY_AFTER_MS;
  return { kind: 'retry', afterMs: wait, pauseAllMs: wait };
}

// 412 is Teams' "precondition failed" under load; 5xx and no answer at all are the service's trouble.
const isTransient = (status: number): boolean =>
  status === 0 || status === 412 || (status >= 500 && status < 600);

/** Exponential backoff with full jitter (spreads retries of a failed burst), at least 250 ms, at most 60 s. */
export function backoffMs(attempt: number, random: number): number {
  const exponent = Math.max(1, Math.floor(attempt)) - 1;
  const cap = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** exponent);
  const unit = Math.min(Math.max(random, 0), 1);
  return Math.max(BACKOFF_MIN_MS, Math.round(unit * cap));
}

/** Teams' per-bot, per-conversation limits. Creating a conversation counts as a send. */
export const CONVERSATION_LIMITS = [
  { count: 7, windowMs: 1_000 },
  { count: 8, windowMs: 2_000 },
  { count: 60, windowMs: 30_000 },
  { count: 1_800, windowMs: 3_600_000 },
] as const;

/**
 * How long from `now` before one more send to this conversation keeps every limit, 0 if it may go now.
 * `recentSends` are epoch ms of earlier sends in any order; a send at s counts in the window (t - w, t].
 */
export function conversationWaitMs(recentSends: readonly number[], now: number): number {
  const newestFirst = [...recentSends].sort((a, b) => b - a);
  let readyAt = now;
  for (const { count, windowMs } of CONVERSATION_LIMITS) {
    // Sends later than `now` (a skewed clock) are counted too: over-waiting is safer than a 429.
    const inWindow = newestFirst.filter((sent) => sent > now - windowMs);
    if (inWindow.length < count) continue;
    // The send that must leave the window so that only count - 1 remain; it leaves at sent + windowMs.
    const mustLeave = inWindow[count - 1]!;
    readyAt = Math.max(readyAt, mustLeave + windowMs);
  }
  return readyAt - now;
}
