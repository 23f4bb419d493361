// The in-memory Store: for service tests and short-lived tools. Validates and copies on the way in and copies
// on the way out, as a real store would, so a caller can never change saved state by holding on to an object,
// and a record the lowdb store would refuse is refused here too.
import type { Action } from '../domain/actions.js';
import { auditMonth, type AuditEntry } from '../domain/audit.js';
import type { Broadcast } from '../domain/broadcasts.js';
import type { Cycle, MeasureRecord, UnitCheckins } from '../domain/checkins.js';
import { batchProgress } from '../domain/delivery.js';
import { mentions, replaceId } from '../domain/erasure.js';
import type { Roles } from '../domain/permissions.js';
import type { StoredSettings } from '../domain/settings.js';
import type { ConversationRef, Person, Team } from '../domain/roster.js';
import type { Unit } from '../domain/units.js';
import {
  actionOrder,
  checkMonth,
  newestMonthFirst,
  partitionOf,
  unitActionsIn,
  type ActionMethods,
} from './action-changes.js';
import {
  broadcastOrder,
  checkBroadcastId,
  noBroadcastError,
  respondents,
  responsesOf,
  type BroadcastMethods,
  type ResponseKind,
} from './broadcast-changes.js';
import {
  checkKnown,
  dueQuery,
  newDeliveries,
  validDeliveries,
  type DeliveryMethods,
} from './delivery-changes.js';
import { DeliveryIndex } from './delivery-index.js';
import { DeliveryLeases } from './delivery-leases.js';
import { LateUpdates } from './late-updates.js';
import { deepFrozen } from './frozen.js';
import {
  byAadObjectId,
  byCode,
  byId,
  checkPageLimit,
  pageOf,
  personOrder,
  teamsOf,
  unitOrder,
} from './ordering.js';
import { grantsNothing, validRecord } from './records.js';
import { StoreClosedError, type Store } from './store.js';
import { emptyUnitCheckins, isEmptyCheckins, withCardCopy, type CheckinMethods } from './checkin-changes.js';
import {
  memoryActionsUpkeep,
  memoryBroadcastsUpkeep,
  memoryCheckinsUpkeep,
  memoryCoreUpkeep,
  memoryDeliveriesUpkeep,
} from './memory-upkeep.js';
import { checkErasure, eraseParts, purgeParts, type UpkeepPart } from './upkeep.js';

export function createMemoryStore(): Store {
  const people = new Map<string, Person>();
  const conversations = new Map<string, ConversationRef>();
  const teams = new Map<string, Team>();
  const units = new Map<string, Unit>();
  const roles = new Map<string, Roles>();
  const audit: AuditEntry[] = [];
  // Ids are unique per month, as in the lowdb store's monthly files.
  const auditKeys = new Set<string>();
  const cardActions = new Map<string, string>();
  const jobRuns = new Map<string, string>();
  let settings: StoredSettings | undefined;
  /** Each person's 1:1 chat id, so a lookup is not a scan of every chat. */
  const personalChats = new Map<string, string>();
  const copy = <T>(value: T): T => structuredClone(value);
  let closed = false;
  const refuseIfClosed = () => {
    if (closed) throw new StoreClosedError();
  };
  // Each part's share of retention purges and erasures (memory-upkeep.ts); the parts below add theirs.
  const upkeep: UpkeepPart[] = [
    memoryCoreUpkeep({ people, conversations, teams, units, roles, personalChats, audit, auditKeys }),
    {
      erase: async (id, pseudonym) => {
        if (settings && mentions(settings, id))
          settings = validRecord('settings', replaceId(settings, id, pseudonym));
        return {};
      },
    },
  ];

  return {
    person: async (id) => copy(people.get(id)),
    people: async () => copy([...people.values()].sort(personOrder)),
    savePerson: async (person) => {
      refuseIfClosed();
      people.set(person.aadObjectId, validRecord('people', person));
    },
    conversation: async (id) => copy(conversations.get(id)),
    personalConversation: async (aadObjectId) => {
      const id = personalChats.get(aadObjectId);
      const chat = id === undefined ? undefined : conversations.get(id);
      return chat?.aadObjectId === aadObjectId ? copy(chat) : undefined;
    },
    saveConversation: async (conversation) => {
      refuseIfClosed();
      conversations.set(conversation.conversationId, validRecord('conversations', conversation));
      if (conversation.scope === 'personal' && conversation.aadObjectId) {
        personalChats.set(conversation.aadObjectId, conversation.conversationId);
      }
    },
    team: async (id) => copy(teams.get(id)),
    teamsOf: async (aadObjectId) => teamsOf(teams.values(), aadObjectId),
    saveTeam: async (team) => {
      refuseIfClosed();
      teams.set(team.id, validRecord('teams', team));
    },
    unit: async (id) => copy(units.get(id)),
    units: async () => copy([...units.values()].sort(unitOrder)),
    saveUnit: async (unit) => {
      refuseIfClosed();
      units.set(unit.id, validRecord('units', unit));
    },
    roles: async (aadObjectId) => copy(roles.get(aadObjectId)),
    saveRoles: async (aadObjectId, saved) => {
      refuseIfClosed();
      const record = validRecord('roles', saved);
      if (grantsNothing(record)) roles.delete(aadObjectId);
      else roles.set(aadObjectId, record);
    },
    peopleWithRoles: async () =>
      copy([...roles].map(([aadObjectId, held]) => ({ aadObjectId, roles: held })).sort(byAadObjectId)),
    appendAudit: async (entry) => {
      refuseIfClosed();
      const record = validRecord('audit', entry);
      const key = `${auditMonth(record.at)} ${record.id}`;
      if (auditKeys.has(key)) return;
      auditKeys.add(key);
      audit.push(record);
    },
    auditEntries: async (page) => {
      checkPageLimit(page.limit);
      return copy(pageOf(audit, page));
    },
    claimCardAction: async (key, at, forgetBefore) => {
      refuseIfClosed();
      for (const [known, claimedAt] of cardActions) if (claimedAt < forgetBefore) cardActions.delete(known);
      if (cardActions.has(key)) return false;
      cardActions.set(key, at);
      return true;
    },
    claimJobRun: async (job, runKey) => {
      refuseIfClosed();
      const before = jobRuns.get(job);
      if (before !== undefined && before >= runKey) return false;
      jobRuns.set(job, runKey);
      return true;
    },
    lastJobRun: async (job) => jobRuns.get(job),
    conversations: async () =>
      copy([...conversations.values()].sort((a, b) => byCode(a.conversationId, b.conversationId))),
    teams: async () => copy([...teams.values()].sort(byId)),
    jobRuns: async () =>
      [...jobRuns].map(([job, runKey]) => ({ job, runKey })).sort((a, b) => byCode(a.job, b.job)),
    settings: async () => copy(settings),
    saveSettings: async (saved) => {
      refuseIfClosed();
      settings = validRecord('settings', saved);
    },
    ...memoryDeliveries(refuseIfClosed, upkeep),
    ...memoryCheckins(refuseIfClosed, upkeep),
    ...memoryActions(refuseIfClosed, upkeep),
    ...memoryBroadcasts(refuseIfClosed, upkeep),
    purgeBefore: async (cutoff) => {
      refuseIfClosed();
      return purgeParts(upkeep, cutoff);
    },
    erasePerson: async (aadObjectId, pseudonym) => {
      refuseIfClosed();
      checkErasure(aadObjectId, pseudonym);
      return { pseudonym, counts: await eraseParts(upkeep, aadObjectId, pseudonym) };
    },
    close: async () => {
      closed = true;
    },
  };
}

function memoryDeliveries(refuseIfClosed: () => void, upkeep: UpkeepPart[]): DeliveryMethods {
  const index = new DeliveryIndex();
  const late = new LateUpdates();
  const leases = new DeliveryLeases();
  upkeep.push(memoryDeliveriesUpkeep(index, late));
  const known = ({ batchId, id }: { batchId: string; id: string }) => index.get(batchId, id) !== undefined;
  return {
    enqueueDeliveries: async (items) => {
      refuseIfClosed();
      index.put(newDeliveries(validDeliveries(items), known));
    },
    dueDeliveries: async (now, limit) => index.due(dueQuery(now, limit), limit),
    nextDeliveryTime: async () => index.next(),
    interruptedDeliveries: async () => index.interrupted(),
    updateDeliveries: async (items) => {
      refuseIfClosed();
      const valid = late.translate(validDeliveries(items));
      checkKnown(valid, known);
      index.put(valid);
    },
    batchDeliveries: async (batchId) => index.batch(batchId) ?? [],
    batchProgress: async (batchId) => index.progress(batchId) ?? batchProgress([]),
    deliveryBatches: async () =>
      index
        .batchIds()
        .filter((id) => (index.batch(id)?.length ?? 0) > 0)
        .sort(),
    claimDeliveries: async (claim) => {
      refuseIfClosed();
      const claimed = leases.claim(index, claim);
      index.put(claimed.items);
      return structuredClone(claimed);
    },
    renewDeliveryLeases: async (lease, items) => {
      const valid = validDeliveries(items);
      return leases.renew(lease, valid, late.translate(valid));
    },
    releaseDeliveries: async (owner, items) => {
      refuseIfClosed();
      const valid = validDeliveries(items);
      const { kept, lost } = leases.release(owner, valid, late.translate(valid));
      index.put(kept);
      return lost;
    },
  };
}

function memoryCheckins(refuseIfClosed: () => void, upkeep: UpkeepPart[]): CheckinMethods {
  const cycles = new Map<string, Cycle>();
  const partitions = new Map<string, UnitCheckins>();
  const latest = new Map<string, Record<string, MeasureRecord>>();
  upkeep.push(memoryCheckinsUpkeep({ cycles, partitions, latest }));
  const copy = <T>(value: T): T => structuredClone(value);
  const partition = (cycleId: string, unitId: string) => {
    const key = JSON.stringify([cycleId, unitId]);
    let found = partitions.get(key);
    if (!found) partitions.set(key, (found = emptyUnitCheckins()));
    return found;
  };
  return {
    // Cycles are handed out frozen, not copied, as the lowdb store does (frozen.ts); every write replaces one.
    cycle: async (id) => deepFrozen(cycles.get(id)),
    latestCycle: async () => deepFrozen([...cycles.values()].sort((a, b) => (a.id < b.id ? 1 : -1))[0]),
    createCycle: async (cycle) => {
      refuseIfClosed();
      const valid = validRecord('cycles', cycle);
      if (cycles.has(valid.id)) return false;
      cycles.set(valid.id, valid);
      return true;
    },
    saveCycle: async (cycle) => {
      refuseIfClosed();
      const valid = validRecord('cycles', cycle);
      if (!cycles.has(valid.id)) throw new Error(`store: no cycle ${valid.id} to save; create it first`);
      cycles.set(valid.id, valid);
    },
    // Frozen and shared, as the lowdb store hands it out: writes replace a part, never change one in place.
    unitCheckins: async (cycleId, unitId) => {
      const { pulses, measures, copies } = partition(cycleId, unitId);
      return Object.freeze({
        pulses: deepFrozen(pulses),
        measures: deepFrozen(measures),
        copies: deepFrozen(copies),
      });
    },
    pulseOf: async (cycleId, unitId, aadObjectId) => {
      const { pulses } = partition(cycleId, unitId);
      return deepFrozen(Object.hasOwn(pulses, aadObjectId) ? pulses[aadObjectId] : undefined);
    },
    copiesOf: async (cycleId, unitId, aadObjectId) =>
      deepFrozen(partition(cycleId, unitId).copies.filter((copy) => copy.aadObjectId === aadObjectId)),
    savePulse: async (cycleId, pulse) => {
      refuseIfClosed();
      const valid = validRecord('pulses', pulse);
      const found = partition(cycleId, valid.unitId);
      found.pulses = { ...found.pulses, [valid.aadObjectId]: valid };
    },
    saveMeasureAnswers: async (cycleId, unitId, answers) => {
      refuseIfClosed();
      const valid = answers.map((answer) => validRecord('measureAnswers', answer));
      const unitLatest = latest.get(unitId) ?? {};
      const found = partition(cycleId, unitId);
      found.measures = { ...found.measures };
      for (const answer of valid) {
        found.measures[answer.measureId] = answer;
        unitLatest[answer.measureId] = answer;
      }
      latest.set(unitId, unitLatest);
    },
    latestMeasureAnswers: async (unitId) => copy(latest.get(unitId) ?? {}),
    cycles: async () => [...cycles.values()].map(deepFrozen).sort(byId),
    checkinUnits: async (cycleId) => {
      const found: string[] = [];
      for (const [key, held] of partitions) {
        const [cycle, unitId] = JSON.parse(key) as [string, string];
        if (cycle === cycleId && !isEmptyCheckins(held)) found.push(unitId);
      }
      return found.sort();
    },
    addCardCopy: async (cycleId, unitId, card) => {
      refuseIfClosed();
      const found = partition(cycleId, unitId);
      found.copies = withCardCopy(found.copies, validRecord('cardCopies', card));
    },
  };
}

function memoryActions(refuseIfClosed: () => void, upkeep: UpkeepPart[]): ActionMethods {
  // By month, then id, as the lowdb store keeps them.
  const months = new Map<string, Map<string, Action>>();
  upkeep.push(memoryActionsUpkeep(months));
  const copy = <T>(value: T): T => structuredClone(value);
  return {
    action: async (id) => copy(months.get(partitionOf(id))?.get(id)),
    saveAction: async (action) => {
      refuseIfClosed();
      const valid = validRecord('actions', action);
      const month = partitionOf(valid.id);
      let found = months.get(month);
      if (!found) months.set(month, (found = new Map()));
      found.set(valid.id, valid);
    },
    monthActions: async (month) =>
      copy([...(months.get(checkMonth(month))?.values() ?? [])].sort(actionOrder)),
    actionMonths: async () => [...months.keys()].sort(newestMonthFirst),
    // Frozen and shared, as the lowdb store hands them out: a save or an erasure replaces a record.
    unitActions: async (unitIds, fromMonth) => {
      checkMonth(fromMonth);
      const wanted = new Set(unitIds);
      return [...months.keys()]
        .filter((month) => month >= fromMonth)
        .sort(newestMonthFirst)
        .flatMap((month) => unitActionsIn(months.get(month)!.values(), wanted));
    },
  };
}

function memoryBroadcasts(refuseIfClosed: () => void, upkeep: UpkeepPart[]): BroadcastMethods {
  const broadcasts = new Map<string, Broadcast>();
  // By broadcast id, then aadObjectId: when each person first answered, as the lowdb store keeps them.
  const responses: Record<ResponseKind, Map<string, Map<string, string>>> = {
    acknowledged: new Map(),
    read: new Map(),
  };
  upkeep.push(memoryBroadcastsUpkeep(broadcasts, responses));
  const copy = <T>(value: T): T => structuredClone(value);
  const respond = async (kind: ResponseKind, broadcastId: string, aadObjectId: string, at: string) => {
    refuseIfClosed();
    const id = checkBroadcastId(broadcastId);
    const valid = validRecord('broadcastResponses', { aadObjectId, at });
    if (!broadcasts.has(id)) throw noBroadcastError(id, kind);
    let people = responses[kind].get(id);
    if (!people) responses[kind].set(id, (people = new Map()));
    if (people.has(valid.aadObjectId)) return false;
    people.set(valid.aadObjectId, valid.at);
    return true;
  };
  const answered = async (kind: ResponseKind, broadcastId: string) =>
    respondents(responses[kind].get(checkBroadcastId(broadcastId))?.keys() ?? []);
  return {
    broadcast: async (id) => copy(broadcasts.get(checkBroadcastId(id))),
    broadcasts: async () => copy([...broadcasts.values()].sort(broadcastOrder)),
    saveBroadcast: async (broadcast) => {
      refuseIfClosed();
      const valid = validRecord('broadcasts', broadcast);
      broadcasts.set(valid.id, valid);
    },
    acknowledge: (broadcastId, aadObjectId, at) => respond('acknowledged', broadcastId, aadObjectId, at),
    acknowledgedBy: (broadcastId) => answered('acknowledged', broadcastId),
    recordRead: (broadcastId, aadObjectId, at) => respond('read', broadcastId, aadObjectId, at),
    readBy: (broadcastId) => answered('read', broadcastId),
    broadcastResponses: async (broadcastId) => {
      const id = checkBroadcastId(broadcastId);
      return {
        acknowledged: responsesOf(responses.acknowledged.get(id) ?? []),
        read: responsesOf(responses.read.get(id) ?? []),
      };
    },
  };
}
