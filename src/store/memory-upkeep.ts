// The in-memory store's share of retention purges and erasures, part by part over the maps each part keeps,
// by the same rules as the lowdb store's files (see upkeep.ts).
import type { Action } from '../domain/actions.js';
import { auditMonth, type AuditEntry } from '../domain/audit.js';
import type { Broadcast } from '../domain/broadcasts.js';
import type { Cycle, MeasureRecord, UnitCheckins } from '../domain/checkins.js';
import { cycleMonday } from '../domain/cycles.js';
import {
  addCounts,
  erasedAction,
  erasedBroadcast,
  erasedCycle,
  erasedDelivery,
  erasedLatestAnswers,
  erasedResponses,
  erasedUnitCheckins,
  mentions,
  type ErasureCounts,
} from '../domain/erasure.js';
import type { Roles } from '../domain/permissions.js';
import {
  batchExpired,
  broadcastExpired,
  cycleExpired,
  deletionExpired,
  monthExpired,
} from '../domain/retention.js';
import type { ConversationRef, Person, Team } from '../domain/roster.js';
import type { Unit } from '../domain/units.js';
import type { ResponseKind } from './broadcast-changes.js';
import { eraseFromCore, mapTable } from './core-erasure.js';
import type { DeliveryIndex } from './delivery-index.js';
import type { LateUpdates } from './late-updates.js';
import { validRecord } from './records.js';
import { eraseInTable, type UpkeepPart } from './upkeep.js';

type CoreMaps = {
  people: Map<string, Person>;
  conversations: Map<string, ConversationRef>;
  teams: Map<string, Team>;
  units: Map<string, Unit>;
  roles: Map<string, Roles>;
  personalChats: Map<string, string>;
  audit: AuditEntry[];
  auditKeys: Set<string>;
};

export function memoryCoreUpkeep(maps: CoreMaps): UpkeepPart {
  return {
    erase: async (id, pseudonym) => {
      const tables = {
        people: mapTable(maps.people, 'people'),
        conversations: mapTable(maps.conversations, 'conversations'),
        teams: mapTable(maps.teams, 'teams'),
        units: mapTable(maps.units, 'units'),
        roles: mapTable(maps.roles, 'roles'),
      };
      const { counts } = eraseFromCore(tables, id, pseudonym);
      maps.personalChats.delete(id);
      return counts;
    },
    // The audit log is purged a month at a time, as the lowdb store's monthly files are.
    purge: async (cutoff) => {
      const gone = new Set(maps.audit.map((e) => auditMonth(e.at)).filter((m) => monthExpired(m, cutoff)));
      const kept = maps.audit.filter((entry) => !gone.has(auditMonth(entry.at)));
      maps.audit.splice(0, maps.audit.length, ...kept);
      for (const key of [...maps.auditKeys]) if (gone.has(key.slice(0, 7))) maps.auditKeys.delete(key);
      return { auditMonths: gone.size };
    },
  };
}

type CheckinMaps = {
  cycles: Map<string, Cycle>;
  /** By JSON [cycleId, unitId]. */
  partitions: Map<string, UnitCheckins>;
  latest: Map<string, Record<string, MeasureRecord>>;
};

export function memoryCheckinsUpkeep({ cycles, partitions, latest }: CheckinMaps): UpkeepPart {
  const cycleOf = (key: string) => (JSON.parse(key) as [string, string])[0];
  return {
    purge: async (cutoff) => {
      const ids = new Set([...cycles.keys(), ...[...partitions.keys()].map(cycleOf)]);
      // A week's partitions with no cycle record are judged by the week's Monday.
      const gone = [...ids].filter((id) =>
        cycleExpired(cycles.get(id)?.openingDay ?? cycleMonday(id), cutoff),
      );
      for (const id of gone) cycles.delete(id);
      for (const key of [...partitions.keys()]) if (gone.includes(cycleOf(key))) partitions.delete(key);
      let latestAnswers = 0;
      for (const answers of latest.values())
        for (const [measureId, answer] of Object.entries(answers))
          if (cycleExpired(answer.openingDay, cutoff)) {
            delete answers[measureId];
            latestAnswers++;
          }
      return { cycles: gone.length, latestAnswers };
    },
    erase: async (id, pseudonym) => {
      const touches = (record: unknown) => mentions(record, id);
      const results = [
        eraseInTable(mapTable(cycles, 'cycles'), (c) => erasedCycle(c, id, pseudonym), touches),
        eraseInTable(mapTable(partitions), (c) => erasedUnitCheckins(c, id, pseudonym), touches),
        eraseInTable(mapTable(latest), (answers) => erasedLatestAnswers(answers, id, pseudonym), touches),
      ];
      return results.reduce<Partial<ErasureCounts>>((sum, result) => addCounts(sum, result.counts), {});
    },
  };
}

export function memoryActionsUpkeep(months: Map<string, Map<string, Action>>): UpkeepPart {
  return {
    purge: async (cutoff) => {
      let actionMonths = 0;
      let deletedActions = 0;
      for (const [month, actions] of [...months]) {
        if (monthExpired(month, cutoff)) {
          months.delete(month);
          actionMonths++;
          continue;
        }
        for (const [id, action] of [...actions])
          if (deletionExpired(action, cutoff)) {
            actions.delete(id);
            deletedActions++;
          }
      }
      return { actionMonths, deletedActions };
    },
    erase: async (id, pseudonym) => {
      let counts: Partial<ErasureCounts> = {};
      for (const actions of months.values())
        counts = addCounts(
          counts,
          eraseInTable(
            mapTable(actions, 'actions'),
            (action) => erasedAction(action, id, pseudonym),
            (action) => mentions(action, id),
          ).counts,
        );
      return counts;
    },
  };
}

export function memoryBroadcastsUpkeep(
  broadcasts: Map<string, Broadcast>,
  responses: Record<ResponseKind, Map<string, Map<string, string>>>,
): UpkeepPart {
  const kinds = Object.keys(responses) as ResponseKind[];
  return {
    purge: async (cutoff) => {
      const gone = [...broadcasts.values()].filter((b) => broadcastExpired(b, cutoff)).map((b) => b.id);
      for (const id of gone) {
        for (const kind of kinds) responses[kind].delete(id);
        broadcasts.delete(id);
      }
      return { broadcasts: gone.length };
    },
    erase: async (id, pseudonym) => {
      let counts = eraseInTable(
        mapTable(broadcasts, 'broadcasts'),
        (broadcast) => erasedBroadcast(broadcast, id, pseudonym),
        (broadcast) => mentions(broadcast, id),
      ).counts;
      for (const kind of kinds)
        for (const [broadcastId, people] of responses[kind]) {
          if (!mentions([...people.keys()], id)) continue;
          const erased = erasedResponses(Object.fromEntries(people), id, pseudonym);
          for (const [person, at] of Object.entries(erased.record ?? {}))
            validRecord('broadcastResponses', { aadObjectId: person, at });
          responses[kind].set(broadcastId, new Map(Object.entries(erased.record ?? {})));
          counts = addCounts(counts, erased.counts);
        }
      return counts;
    },
  };
}

export function memoryDeliveriesUpkeep(index: DeliveryIndex, late: LateUpdates): UpkeepPart {
  return {
    purge: async (cutoff) => {
      let deliveryBatches = 0;
      for (const batchId of index.batchIds())
        if (batchExpired(index.batch(batchId) ?? [], cutoff)) {
          index.drop(batchId);
          deliveryBatches++;
        }
      return { deliveryBatches };
    },
    erase: async (id, pseudonym) => {
      let counts: Partial<ErasureCounts> = {};
      for (const batchId of index.batchIds()) {
        const held = index.batch(batchId) ?? [];
        if (!mentions(held, id)) continue;
        const erased = held.map((delivery) => erasedDelivery(delivery, id, pseudonym));
        for (const delivery of held) if (mentions(delivery, id)) late.note(delivery, id, pseudonym);
        for (const { counts: more } of erased) counts = addCounts(counts, more);
        index.replace(
          batchId,
          erased.map(({ record }) => validRecord('deliveries', record)),
        );
      }
      return counts;
    },
  };
}
