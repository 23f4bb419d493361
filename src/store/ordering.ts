// The orders every Store answers in, shared so the implementations cannot drift apart.
import type { AuditEntry } from '../domain/audit.js';
import type { Delivery } from '../domain/delivery.js';
import type { Person, Team } from '../domain/roster.js';
import type { Unit } from '../domain/units.js';
import type { AuditPage } from './store.js';

// Names as people read them ("Ward 7" before "Ward 10"); ids by code unit, which no locale can change.
const names = new Intl.Collator('en-GB', { numeric: true });
const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Ids and keys by code unit, as SQL's COLLATE "C" and a plain sort() order them. */
export const byCode = byCodeUnit;

export const unitOrder = (a: Unit, b: Unit): number =>
  names.compare(a.name, b.name) || byCodeUnit(a.id, b.id);

export const personOrder = (a: Person, b: Person): number =>
  names.compare(a.name, b.name) || byCodeUnit(a.aadObjectId, b.aadObjectId);

export const byAadObjectId = (a: { aadObjectId: string }, b: { aadObjectId: string }): number =>
  byCodeUnit(a.aadObjectId, b.aadObjectId);

type DueKey = Pick<Delivery, 'notBefore' | 'id' | 'batchId'>;

/** The order deliveries fall due: by notBefore (always toISOString()'s form), then id, then batch. */
export const dueOrder = (a: DueKey, b: DueKey): number =>
  byCodeUnit(a.notBefore, b.notBefore) || byCodeUnit(a.id, b.id) || byCodeUnit(a.batchId, b.batchId);

export const byId = (a: { id: string }, b: { id: string }): number => byCodeUnit(a.id, b.id);

type AuditKey = Pick<AuditEntry, 'at' | 'id'>;

/** Stored `at` values all have toISOString()'s form, so comparing the strings compares the times. */
export const newestFirst = (a: AuditKey, b: AuditKey): number =>
  byCodeUnit(b.at, a.at) || byCodeUnit(b.id, a.id);

export function checkPageLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 0)
    throw new RangeError(`store: an audit page needs a whole number limit of 0 or more, not ${limit}.`);
}

/** The page's share of these entries: those after the cursor, newest first, at most `limit`. */
export function pageOf(entries: readonly AuditEntry[], { limit, before }: AuditPage): AuditEntry[] {
  const after = before ? entries.filter((entry) => newestFirst(entry, before) > 0) : [...entries];
  return after.sort(newestFirst).slice(0, limit);
}

/** The teams a person currently belongs to, read in place: shared by both stores. */
export function teamsOf(
  teams: Iterable<Team>,
  aadObjectId: string,
): { teamId: string; serviceUrl: string }[] {
  const found: { teamId: string; serviceUrl: string }[] = [];
  for (const team of teams) {
    const member = team.members[aadObjectId];
    if (member && !member.removedAt) found.push({ teamId: team.id, serviceUrl: team.serviceUrl });
  }
  return found.sort((a, b) => byCodeUnit(a.teamId, b.teamId));
}
