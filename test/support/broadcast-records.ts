// Broadcasts, acknowledgements, reads and mutes in memory, for service tests: what the Store port will hold.
// Records are validated and copied in and out, as the memory store does, so a test cannot change one by
// holding on to it.
import { Broadcast } from '../../src/domain/broadcasts.js';
import type { BroadcastRecords } from '../../src/services/broadcasts.js';

const newestFirst = (a: Broadcast, b: Broadcast) =>
  a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1;

export function createBroadcastRecords(): BroadcastRecords & { saves: number } {
  const broadcasts = new Map<string, Broadcast>();
  const acknowledged = new Map<string, Set<string>>();
  const read = new Map<string, Set<string>>();
  const muted = new Set<string>();
  const once = (map: Map<string, Set<string>>, broadcastId: string, aadObjectId: string) => {
    const people = map.get(broadcastId) ?? new Set<string>();
    map.set(broadcastId, people);
    if (people.has(aadObjectId)) return false;
    people.add(aadObjectId);
    return true;
  };
  const records = {
    saves: 0,
    broadcast: async (id: string) => {
      const found = broadcasts.get(id);
      return found ? structuredClone(found) : undefined;
    },
    broadcasts: async () => [...broadcasts.values()].sort(newestFirst).map((b) => structuredClone(b)),
    saveBroadcast: async (broadcast: Broadcast) => {
      broadcasts.set(broadcast.id, Broadcast.parse(structuredClone(broadcast)));
      records.saves++;
    },
    acknowledge: async (broadcastId: string, aadObjectId: string) =>
      once(acknowledged, broadcastId, aadObjectId),
    acknowledgedBy: async (broadcastId: string) => [...(acknowledged.get(broadcastId) ?? [])],
    recordRead: async (broadcastId: string, aadObjectId: string) => once(read, broadcastId, aadObjectId),
    readBy: async (broadcastId: string) => [...(read.get(broadcastId) ?? [])],
    setRemindersMuted: async (aadObjectId: string, mute: boolean) => {
      if (mute) muted.add(aadObjectId);
      else muted.delete(aadObjectId);
    },
    remindersMuted: async () => [...muted].sort(),
  };
  return records;
}
