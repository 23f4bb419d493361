// What every Store implementation shares about broadcasts: the methods, the check every id passes before
// anything is looked for under it, and the one order broadcasts and the people who answered them are listed in.
import type { Broadcast } from '../domain/broadcasts.js';
import { isBroadcastId, type BroadcastResponse, type Store } from './store.js';

export type BroadcastMethods = Pick<
  Store,
  | 'broadcast'
  | 'broadcasts'
  | 'saveBroadcast'
  | 'acknowledge'
  | 'acknowledgedBy'
  | 'recordRead'
  | 'readBy'
  | 'broadcastResponses'
>;

/** The two ways a person answers a broadcast, each kept as a set of people. */
export type ResponseKind = 'acknowledged' | 'read';

/** The id asked for, refused unless it can be a broadcast's (isBroadcastId), before anything is looked for. */
export function checkBroadcastId(id: string): string {
  if (!isBroadcastId(id))
    throw new RangeError(
      `store: ${JSON.stringify(id)} is not a broadcast id (lower-case letters, digits and '-', at most 64); ` +
        'nothing was read or saved.',
    );
  return id;
}

export function noBroadcastError(id: string, kind: ResponseKind): Error {
  return new Error(
    `store: no broadcast ${id} to record as ${kind}; nothing was saved. Save the broadcast first.`,
  );
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The order broadcasts are listed in: newest first, by createdAt, then id, both descending. */
export const broadcastOrder = (a: Broadcast, b: Broadcast): number =>
  byCodeUnit(b.createdAt, a.createdAt) || byCodeUnit(b.id, a.id);

/** When each person answered, from a map of aadObjectId to time: by aadObjectId, as respondents are. */
export const responsesOf = (times: Iterable<[string, string]>): BroadcastResponse[] =>
  [...times]
    .map(([aadObjectId, at]) => ({ aadObjectId, at }))
    .sort((a, b) => byCodeUnit(a.aadObjectId, b.aadObjectId));

/** The people who answered, each once, by aadObjectId. */
export const respondents = (ids: Iterable<string>): string[] => [...ids].sort(byCodeUnit);
