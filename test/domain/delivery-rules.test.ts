import { describe, expect, it } from '@jest/globals';
import {
  backoffMs,
  CONVERSATION_LIMITS,
  conversationWaitMs,
  MAX_ATTEMPTS,
  MAX_THROTTLED,
  nextStep,
  type Next,
  type SendFailure,
} from '../../src/domain/delivery-rules.js';

describe('nextStep', () => {
  // attempts 2 and random 0.5: backoff cap 2_000 ms, so a retry waits 1_000 ms.
  it.each<[string, SendFailure, Next]>([
    [
      '403 MessageWritesBlocked',
      { status: 403, code: 'MessageWritesBlocked' },
      { kind: 'final', state: 'blocked' },
    ],
    [
      '403 ConversationBlockedByUser',
      { status: 403, code: 'ConversationBlockedByUser' },
      { kind: 'final', state: 'blocked' },
    ],
    [
      '403 BotNotInConversationRoster',
      { status: 403, code: 'BotNotInConversationRoster' },
      { kind: 'final', state: 'blocked' },
    ],
    [
      '403 BotDisabledByAdmin',
      { status: 403, code: 'BotDisabledByAdmin' },
      { kind: 'final', state: 'blocked' },
    ],
    ['403 without a code', { status: 403 }, { kind: 'final', state: 'blocked' }],
    ['404', { status: 404, code: 'ConversationNotFound' }, { kind: 'final', state: 'notFound' }],
    ['413', { status: 413, code: 'MessageSizeTooBig' }, { kind: 'final', state: 'tooLarge' }],
    ['400', { status: 400, code: 'BadArgument' }, { kind: 'final', state: 'failed' }],
    ['401', { status: 401 }, { kind: 'final', state: 'failed' }],
    ['409', { status: 409 }, { kind: 'final', state: 'failed' }],
    ['412', { status: 412, code: 'PreconditionFailed' }, { kind: 'retry', afterMs: 1_000 }],
    [
      '429 with Retry-After',
      { status: 429, retryAfterMs: 7_000 },
      { kind: 'retry', afterMs: 7_000, pauseAllMs: 7_000 },
    ],
    ['429 without Retry-After', { status: 429 }, { kind: 'retry', afterMs: 1_000, pauseAllMs: 1_000 }],
    [
      '429 with a nonsense Retry-After',
      { status: 429, retryAfterMs: -5 },
      { kind: 'retry', afterMs: 1_000, pauseAllMs: 1_000 },
    ],
    ['500', { status: 500 }, { kind: 'retry', afterMs: 1_000 }],
    ['502', { status: 502 }, { kind: 'retry', afterMs: 1_000 }],
    ['503', { status: 503 }, { kind: 'retry', afterMs: 1_000 }],
    ['504', { status: 504 }, { kind: 'retry', afterMs: 1_000 }],
    ['507 (another 5xx)', { status: 507 }, { kind: 'retry', afterMs: 1_000 }],
    ['0 (network error)', { status: 0 }, { kind: 'retry', afterMs: 1_000 }],
  ])('%s', (_name, failure, next) => {
    expect(nextStep(failure, 2, 0.5)).toEqual(next);
  });

  it.each([412, 500, 502, 503, 504, 0])('%i retries while attempts < 5, then is final', (status) => {
    expect(nextStep({ status }, MAX_ATTEMPTS - 1, 0.5).kind).toBe('retry');
    expect(nextStep({ status }, MAX_ATTEMPTS, 0.5)).toEqual({ kind: 'final', state: 'failed' });
    expect(nextStep({ status }, MAX_ATTEMPTS + 3, 0.5)).toEqual({ kind: 'final', state: 'failed' });
  });

  it('retries 429 past MAX_ATTEMPTS, up to MAX_THROTTLED', () => {
    expect(MAX_ATTEMPTS).toBe(5);
    expect(MAX_THROTTLED).toBe(20);
    expect(nextStep({ status: 429, retryAfterMs: 2_000 }, MAX_ATTEMPTS, 0.5)).toEqual({
      kind: 'retry',
      afterMs: 2_000,
      pauseAllMs: 2_000,
    });
    expect(nextStep({ status: 429 }, MAX_THROTTLED - 1, 0.5).kind).toBe('retry');
    expect(nextStep({ status: 429 }, MAX_THROTTLED, 0.5)).toEqual({ kind: 'final', state: 'failed' });
  });

  it('uses the backoff for the attempt it is given', () => {
    expect(nextStep({ status: 503 }, 4, 0.5)).toEqual({ kind: 'retry', afterMs: backoffMs(4, 0.5) });
    expect(backoffMs(4, 0.5)).toBe(4_000);
  });
});

describe('backoffMs', () => {
  it.each([
    // attempt, random, ms. The cap starts at 1 s and doubles per attempt…
    [1, 0.5, 500],
    [2, 0.5, 1_000],
    [3, 0.5, 2_000],
    [5, 0.5, 8_000],
    [6, 0.5, 16_000],
    // …until 60 s: attempt 7 would be 64 s.
    [7, 0.5, 30_000],
    [7, 0.999, 59_940],
    [40, 0.999, 59_940],
    // Full jitter: random near 1 gives nearly the cap…
    [1, 0.999, 999],
    [4, 0.999, 7_992],
    // …random 0 gives the 250 ms floor, as does a small share of a small cap.
    [1, 0, 250],
    [6, 0, 250],
    [1, 0.2, 250],
    [2, 0.2, 400],
  ])('attempt %i, random %f → %i ms', (attempt, random, ms) => {
    expect(backoffMs(attempt, random)).toBe(ms);
  });

  it('stays within [250 ms, min(60 s, 2^(attempt-1) s)] for any random', () => {
    for (let attempt = 1; attempt <= 12; attempt += 1) {
      const cap = Math.min(60_000, 1_000 * 2 ** (attempt - 1));
      for (const random of [0, 0.1, 0.25, 0.5, 0.75, 0.999]) {
        const ms = backoffMs(attempt, random);
        expect(ms).toBeGreaterThanOrEqual(250);
        expect(ms).toBeLessThanOrEqual(cap);
      }
    }
  });
});

describe('conversationWaitMs', () => {
  const now = 1_800_000_000_000;
  /** `n` sends, the newest `newestAgo` ms before now, then one every `gap` ms further back. */
  const sends = (n: number, newestAgo: number, gap: number) =>
    Array.from({ length: n }, (_, i) => now - newestAgo - i * gap);

  it('matches the limits Teams publishes', () => {
    expect(CONVERSATION_LIMITS).toEqual([
      { count: 7, windowMs: 1_000 },
      { count: 8, windowMs: 2_000 },
      { count: 60, windowMs: 30_000 },
      { count: 1_800, windowMs: 3_600_000 },
    ]);
  });

  it.each<[string, number[], number]>([
    ['no earlier sends', [], 0],
    ['6 in the last second (under every limit)', sends(6, 100, 100), 0],
    // 7 at now-300 … now-900: the oldest leaves the 1 s window at now+100.
    ['7 in the last second', sends(7, 300, 100), 100],
    ['7 in the last second, unordered', sends(7, 300, 100).reverse(), 100],
    // The window is (t - 1 s, t]: a send exactly 1 s ago no longer counts.
    ['7 in the second, the oldest exactly 1 s ago', sends(7, 400, 100), 0],
    ['7 in the second, the oldest 999 ms ago', sends(7, 399, 100), 1],
    // 10 in half a second: the 8th newest (now-450) must leave the 2 s window, which outlasts the 1 s one.
    ['10 in the last half second', sends(10, 100, 50), 1_550],
    // 2 at now-1_900 and now-1_800, 6 in the last second: fine per second, 8 in 2 s until now+100.
    ['8 in 2 s', [now - 1_900, now - 1_800, ...sends(6, 400, 100)], 100],
    ['7 in 2 s', [now - 1_800, ...sends(6, 400, 100)], 0],
    // One every 450 ms (never more than 5 in 2 s): 60 in 30 s, the oldest at now-27_000.
    ['60 in 30 s', sends(60, 450, 450), 3_000],
    ['59 in 30 s', sends(59, 450, 450), 0],
    // One every 1_900 ms (16 in 30 s): 1_800 in the hour, the oldest at now-3_419_100.
    ['1_800 in the hour', sends(1_800, 1_000, 1_900), 180_900],
    ['1_799 in the hour', sends(1_799, 1_000, 1_900), 0],
    // Two limits bind at once: the longer wait wins.
    ['8 in 2 s and 7 in 1 s', [now - 1_500, ...sends(7, 200, 100)], 500],
  ])('%s', (_name, recent, wait) => {
    expect(conversationWaitMs(recent, now)).toBe(wait);
  });

  it('leaves its input alone', () => {
    const recent = Object.freeze([now - 500, now - 900, now - 100]);
    conversationWaitMs(recent, now);
    expect(recent).toEqual([now - 500, now - 900, now - 100]);
  });
});
