// Export offers: unguessable tokens, kept 15 minutes, shown any number of times, spent once.
import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { createExports, OFFER_TTL_MS, TOKEN_PATTERN } from '../../src/services/exports.js';

const request = {
  kind: 'broadcastReport' as const,
  broadcastId: 'b1',
  filename: 'reminder-b1-delivery.csv',
  describe: 'The delivery status of each recipient.',
};
const priya = { aadObjectId: 'aad-priya' };

function offers(bytes: (size: number) => Uint8Array = randomBytes) {
  let now = new Date('2026-11-23T10:00:00Z').getTime();
  const exports = createExports({ clock: () => new Date(now), randomBytes: bytes });
  return { exports, wait: (ms: number) => (now += ms) };
}

describe('export offers', () => {
  it('makes a token from 32 random bytes: 43 base64url characters, a new one each time', () => {
    const sizes: number[] = [];
    const { exports } = offers((size) => (sizes.push(size), randomBytes(size)));
    const tokens = Array.from({ length: 50 }, () => exports.offer(priya, request));
    expect(sizes).toEqual(Array(50).fill(32));
    for (const token of tokens) {
      expect(token).toMatch(TOKEN_PATTERN);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    }
    expect(new Set(tokens).size).toBe(50);
  });

  it('encodes every byte it is given, so the token carries all 256 bits', () => {
    const { exports } = offers((size) => new Uint8Array(size).fill(0xff));
    expect(exports.offer(priya, request)).toBe(Buffer.alloc(32, 0xff).toString('base64url'));
  });

  it('peek shows what will be downloaded as often as asked, without using it up', () => {
    const { exports } = offers();
    const token = exports.offer(priya, request);
    for (let i = 0; i < 3; i++)
      expect(exports.peek(token)).toEqual({ filename: request.filename, describe: request.describe });
    expect(exports.take(token)).toMatchObject({ ...request, aadObjectId: 'aad-priya' });
  });

  it('take gives the offer once', () => {
    const { exports } = offers();
    const token = exports.offer(priya, request);
    expect(exports.take(token)?.broadcastId).toBe('b1');
    expect(exports.take(token)).toBeUndefined();
    expect(exports.peek(token)).toBeUndefined();
  });

  it('forgets an offer at 15 minutes', () => {
    const { exports, wait } = offers();
    const token = exports.offer(priya, request);
    const other = exports.offer(priya, request);
    wait(OFFER_TTL_MS - 1);
    expect(exports.peek(token)).toBeDefined();
    expect(exports.take(other)).toBeDefined();
    wait(1);
    expect(OFFER_TTL_MS).toBe(15 * 60_000);
    expect(exports.peek(token)).toBeUndefined();
    expect(exports.take(token)).toBeUndefined();
  });

  it('knows nothing of a made-up token', () => {
    const { exports } = offers();
    exports.offer(priya, request);
    const madeUp = randomBytes(32).toString('base64url');
    expect(exports.peek(madeUp)).toBeUndefined();
    expect(exports.take(madeUp)).toBeUndefined();
    expect(exports.peek('')).toBeUndefined();
  });
});
