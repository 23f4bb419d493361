// Export offers: unguessable tokens, kept 15 minutes, shown any number of times, spent once.
import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { createDownloads, createExports, OFFER_TTL_MS, TOKEN_PATTERN } from '../../src/services/exports.js';

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
    expect(exports.take(token)).toMatchObject({ broadcastId: 'b1' });
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

  it('keeps a file request as it was offered, whatever the caller changes afterwards', () => {
    const { exports } = offers();
    const fileRequest = {
      kind: 'results' as const,
      unitIds: ['ward-7', 'ward-9'],
      period: { id: 'FY2026-Q3', kind: 'quarter' as const, from: '2026-10-01', to: '2026-12-31' },
      filename: 'results-FY2026-Q3.csv',
      describe: 'Check-in and measure results.',
    };
    const token = exports.offer(priya, fileRequest);
    fileRequest.unitIds.push('ward-crafted');
    fileRequest.period.to = '2027-12-31';
    expect(exports.peek(token)).toEqual({
      filename: 'results-FY2026-Q3.csv',
      describe: 'Check-in and measure results.',
    });
    expect(exports.take(token)).toMatchObject({
      kind: 'results',
      unitIds: ['ward-7', 'ward-9'],
      period: { id: 'FY2026-Q3', from: '2026-10-01', to: '2026-12-31' },
      aadObjectId: 'aad-priya',
    });
  });
});

describe('downloads', () => {
  it('spends the offer before making the file, so a refused file still uses the link up', async () => {
    const { exports } = offers();
    const made: string[] = [];
    const downloads = createDownloads({
      exports,
      makeFile: async (offer) => (made.push(offer.aadObjectId), undefined),
    });
    const token = exports.offer(priya, request);
    expect(downloads.peek(token)).toEqual({ filename: request.filename, describe: request.describe });
    expect(await downloads.download(token)).toBeUndefined();
    expect(await downloads.download(token)).toBeUndefined();
    expect(made).toEqual(['aad-priya']);
  });

  it('answers the file under the offer’s name', async () => {
    const { exports } = offers();
    const downloads = createDownloads({ exports, makeFile: async (offer) => `kind\r\n${offer.kind}\r\n` });
    const file = await downloads.download(exports.offer(priya, request));
    expect(file).toEqual({ filename: request.filename, csv: 'kind\r\nbroadcastReport\r\n' });
  });
});
