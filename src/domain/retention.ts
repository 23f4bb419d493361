// Retention (DOMAIN.md, "Information governance"): history is kept for RETENTION_MONTHS whole months before
// the current month in the organisation's zone, then purged. Pure: the caller passes the clock and the zone.
// Every kind of data is judged by one cutoff, so a store can purge each kind on its own and still agree with
// itself: a cycle's answers and its measures' "latest answer" go together, by the cycle's opening day.
import type { Broadcast } from './broadcasts.js';
import { atLocalTime, localDateOf, type LocalDate } from './cycles.js';
import { isFinal, type Delivery } from './delivery.js';

/** Everything that ended before this is purged: the first local day kept, and its first instant (UTC ISO). */
export type RetentionCutoff = { day: LocalDate; at: string };

/** What one purge removed, by kind. */
export type PurgeCounts = {
  /** Weeks of check-ins: a cycle with every unit's pulses, measure answers and card copies. */
  cycles: number;
  /** Measure answers that no longer count as a unit's latest, as their cycle was purged. */
  latestAnswers: number;
  /** Months of patient input actions. */
  actionMonths: number;
  /** Soft-deleted actions in months that are kept. */
  deletedActions: number;
  /** Broadcasts with their acknowledgements and read receipts. */
  broadcasts: number;
  /** Delivery batches whose every delivery had ended. */
  deliveryBatches: number;
  /** Months of the audit log. */
  auditMonths: number;
  /** Copies made before a file migration, older than the cutoff (embedded store only). */
  backups: number;
};

export const purgeKinds = [
  'cycles',
  'latestAnswers',
  'actionMonths',
  'deletedActions',
  'broadcasts',
  'deliveryBatches',
  'auditMonths',
] as const satisfies readonly (keyof PurgeCounts)[];

export const noPurge = (): PurgeCounts => ({
  cycles: 0,
  latestAnswers: 0,
  actionMonths: 0,
  deletedActions: 0,
  broadcasts: 0,
  deliveryBatches: 0,
  auditMonths: 0,
  backups: 0,
});

/**
 * The cutoff for `months` whole months before the current month in the zone: on 23 November 2026 with 24,
 * everything before 1 November 2024 (local midnight) goes.
 */
export function retentionCutoff(now: Date, months: number, timeZone: string): RetentionCutoff {
  if (!Number.isInteger(months) || months < 1)
    throw new RangeError(`retention: keep at least one whole month, not ${months}.`);
  const [year, month] = localDateOf(now, timeZone).split('-').map(Number) as [number, number];
  const first = year * 12 + (month - 1) - months;
  const day = `${String(Math.floor(first / 12)).padStart(4, '0')}-${String((first % 12) + 1).padStart(2, '0')}-01`;
  return { day, at: atLocalTime(day, '00:00', timeZone).toISOString() };
}

const before = (time: string | undefined, cutoff: RetentionCutoff): boolean =>
  time !== undefined && Date.parse(time) < Date.parse(cutoff.at);

/**
 * A partition named by a UTC month ('YYYY-MM': actions by the month they were logged, the audit log by the
 * month of each entry) goes once the whole month ended by the cutoff: a month the cutoff falls in is kept.
 */
export function monthExpired(month: string, cutoff: RetentionCutoff): boolean {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return Date.UTC(year, number, 1) <= Date.parse(cutoff.at);
}

/** A cycle's check-ins go with the cycle, by the local day it opened on. */
export const cycleExpired = (openingDay: LocalDate, cutoff: RetentionCutoff): boolean =>
  openingDay < cutoff.day;

/** A soft-deleted action goes once its deletion is older than the cutoff, whatever month it was logged in. */
export const deletionExpired = (action: { deletedAt?: string }, cutoff: RetentionCutoff): boolean =>
  before(action.deletedAt, cutoff);

/**
 * When a broadcast finished: cancelled, or queued to its audience (the delivery batch is judged on its own).
 * A scheduled broadcast, or one whose queueing was cut short, has not finished.
 */
export function broadcastFinishedAt(broadcast: Broadcast): string | undefined {
  if (broadcast.state === 'cancelled') return broadcast.cancelledAt ?? broadcast.createdAt;
  if (broadcast.state === 'sent' || broadcast.state === 'sending') return broadcast.sentAt;
  return undefined;
}

export const broadcastExpired = (broadcast: Broadcast, cutoff: RetentionCutoff): boolean =>
  before(broadcastFinishedAt(broadcast), cutoff);

/** A delivery batch goes when every delivery in it had ended before the cutoff. */
export const batchExpired = (deliveries: readonly Delivery[], cutoff: RetentionCutoff): boolean =>
  deliveries.length > 0 && deliveries.every((d) => isFinal(d.state) && before(d.updatedAt, cutoff));
