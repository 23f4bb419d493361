// Retention rules: the cutoff in the organisation's zone, and what each kind of data is judged by.
import { describe, expect, it } from '@jest/globals';
import type { Broadcast } from '../../src/domain/broadcasts.js';
import type { Delivery } from '../../src/domain/delivery.js';
import {
  batchExpired,
  broadcastExpired,
  cycleExpired,
  deletionExpired,
  monthExpired,
  retentionCutoff,
  type RetentionCutoff,
} from '../../src/domain/retention.js';

const LONDON = 'Europe/London';

describe('retentionCutoff', () => {
  it.each([
    // now (UTC), months, zone, first day kept, its first instant (UTC)
    ['2026-11-23T10:00:00Z', 24, LONDON, '2024-11-01', '2024-11-01T00:00:00.000Z'],
    ['2026-06-15T10:00:00Z', 24, LONDON, '2024-06-01', '2024-05-31T23:00:00.000Z'],
    ['2026-01-05T10:00:00Z', 1, LONDON, '2025-12-01', '2025-12-01T00:00:00.000Z'],
    ['2026-03-01T00:30:00Z', 13, LONDON, '2025-02-01', '2025-02-01T00:00:00.000Z'],
    // 23:30 UTC on 31 March is 00:30 on 1 April in London (BST): April is already this month there.
    ['2026-03-31T23:30:00Z', 2, LONDON, '2026-02-01', '2026-02-01T00:00:00.000Z'],
    ['2026-03-31T22:30:00Z', 2, LONDON, '2026-01-01', '2026-01-01T00:00:00.000Z'],
    ['2026-11-23T10:00:00Z', 120, 'Australia/Sydney', '2016-11-01', '2016-10-31T13:00:00.000Z'],
  ])('on %s keeping %i months in %s keeps from %s (%s)', (now, months, zone, day, at) => {
    expect(retentionCutoff(new Date(now), months, zone)).toEqual({ day, at });
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses to keep %p months', (months) => {
    expect(() => retentionCutoff(new Date('2026-11-23T10:00:00Z'), months, LONDON)).toThrow(RangeError);
  });
});

const BST: RetentionCutoff = { day: '2024-06-01', at: '2024-05-31T23:00:00.000Z' };

describe('what has expired', () => {
  it.each([
    ['2024-04', true],
    // May (UTC) runs to 1 June 00:00 UTC, an hour past the cutoff: kept, so nothing younger ever goes.
    ['2024-05', false],
    ['2024-06', false],
    ['2023-12', true],
  ])('a UTC month %s: %p', (month, expired) => {
    expect(monthExpired(month, BST)).toBe(expired);
  });

  it.each([
    ['2024-05-31', true],
    ['2024-06-01', false],
  ])('a cycle that opened on %s: %p', (day, expired) => {
    expect(cycleExpired(day, BST)).toBe(expired);
  });

  it.each([
    [undefined, false],
    ['2024-05-31T22:59:59.999Z', true],
    ['2024-05-31T23:00:00.000Z', false],
  ])('an action deleted at %p: %p', (deletedAt, expired) => {
    expect(deletionExpired(deletedAt ? { deletedAt } : {}, BST)).toBe(expired);
  });

  const broadcast = (change: Partial<Broadcast>) =>
    ({ id: 'b', state: 'sent', createdAt: '2024-01-01T09:00:00.000Z', ...change }) as Broadcast;
  it.each([
    ['sent long ago', { sentAt: '2024-05-01T09:00:00.000Z' }, true],
    ['still sending, queued long ago', { state: 'sending', sentAt: '2024-05-01T09:00:00.000Z' }, true],
    ['queueing cut short', { state: 'sending' }, false],
    ['sent after the cutoff', { sentAt: '2024-06-01T09:00:00.000Z' }, false],
    ['cancelled long ago', { state: 'cancelled', cancelledAt: '2024-05-01T09:00:00.000Z' }, true],
    ['scheduled long ago', { state: 'scheduled', scheduledFor: '2024-05-01T09:00:00.000Z' }, false],
  ] as const)('a broadcast %s: %p', (_what, change, expired) => {
    expect(broadcastExpired(broadcast(change as Partial<Broadcast>), BST)).toBe(expired);
  });

  const delivery = (state: Delivery['state'], updatedAt: string) => ({ state, updatedAt }) as Delivery;
  it.each([
    [
      'all ended before',
      [delivery('delivered', '2024-05-01T00:00:00Z'), delivery('failed', '2024-05-02T00:00:00Z')],
      true,
    ],
    [
      'one ended after',
      [delivery('delivered', '2024-05-01T00:00:00Z'), delivery('failed', '2024-06-02T00:00:00Z')],
      false,
    ],
    [
      'one still pending',
      [delivery('delivered', '2024-05-01T00:00:00Z'), delivery('pending', '2024-05-01T00:00:00Z')],
      false,
    ],
    ['empty', [], false],
  ])('a delivery batch %s: %p', (_what, deliveries, expired) => {
    expect(batchExpired(deliveries, BST)).toBe(expired);
  });
});
