// Erasing a person on request (DOMAIN.md, "Information governance"). What they are is removed: their record
// and preferences, their chats, roles, team memberships, card copies and pulse comments. What they contributed
// to stays, without them: each place that held their Entra object id holds a pseudonym instead, fresh for each
// erasure and mapped back by nothing, so every count stays the same (one pulse is still one answer, their "Got
// it" still one acknowledgement) and the actions they logged keep their content, shown as by a former staff
// member. Pure: every store applies these same rules, record by record.
import type { Action } from './actions.js';
import type { Broadcast } from './broadcasts.js';
import type { Cycle, MeasureRecord, UnitCheckins } from './checkins.js';
import type { Delivery } from './delivery.js';
import type { ConversationRef, Team } from './roster.js';
import type { Unit } from './units.js';

/** Every pseudonym starts with this, so any card can show it as a former staff member. */
export const ERASED_PREFIX = 'erased-';

export const pseudonymOf = (randomId: string): string => `${ERASED_PREFIX}${randomId}`;

/** An id that stands for someone whose data was erased. */
export const isErased = (id: string): boolean => id.startsWith(ERASED_PREFIX);

/** What one erasure changed, by kind. */
export type ErasureCounts = {
  /** 1 when the person's own record was removed. */
  person: number;
  /** Their personal chats with the bot. */
  conversations: number;
  /** 1 when they held roles. */
  roles: number;
  /** Teams they were a member of. */
  teams: number;
  /** Units whose measure owner or deputy they were. */
  unitSetups: number;
  /** Check-in cycles that expected them or named them. */
  cycles: number;
  /** Pulse answers kept as anonymous counts, and the comments dropped from them. */
  pulses: number;
  comments: number;
  measureAnswers: number;
  cardCopies: number;
  /** Actions they logged, kept and shown as a former staff member's. */
  actions: number;
  /** Broadcasts they sent. */
  broadcasts: number;
  /** Their acknowledgements and read receipts, kept as counts. */
  broadcastResponses: number;
  /** Copies made before a file migration that held the person (embedded store only): deleted whole. */
  backups: number;
  deliveries: number;
};

export const noErasure = (): ErasureCounts => ({
  person: 0,
  conversations: 0,
  roles: 0,
  teams: 0,
  unitSetups: 0,
  cycles: 0,
  pulses: 0,
  comments: 0,
  measureAnswers: 0,
  cardCopies: 0,
  actions: 0,
  broadcasts: 0,
  broadcastResponses: 0,
  backups: 0,
  deliveries: 0,
});

export function addCounts<T extends Record<string, number>>(total: T, more: Partial<T>): T {
  const sum: Record<string, number> = { ...total };
  for (const [kind, count] of Object.entries(more)) sum[kind] = (sum[kind] ?? 0) + (count ?? 0);
  return sum as T;
}

const escaped = (id: string) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// The id on its own or as a part of a composite key ('person:<id>', '<unit>:<id>:left:<manager>'), never inside
// a longer id: 'aad-sam' is not in 'aad-sam2'.
const pattern = (id: string, flags = '') => new RegExp(`(?<![\\w-])${escaped(id)}(?![\\w-])`, flags);

/** Whether the id appears anywhere in the value: in a string, or in an object's keys. */
export function mentions(value: unknown, id: string): boolean {
  const found = pattern(id);
  const walk = (node: unknown): boolean => {
    if (typeof node === 'string') return found.test(node);
    if (Array.isArray(node)) return node.some(walk);
    if (node && typeof node === 'object')
      return Object.entries(node).some(([key, child]) => found.test(key) || walk(child));
    return false;
  };
  return walk(value);
}

/** The value with the id replaced by the pseudonym wherever it appears, keys included. */
export function replaceId<T>(value: T, id: string, pseudonym: string): T {
  const found = pattern(id, 'g');
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return node.replace(found, pseudonym);
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === 'object')
      return Object.fromEntries(
        Object.entries(node).map(([key, child]) => [key.replace(found, pseudonym), walk(child)]),
      );
    return node;
  };
  return walk(value) as T;
}

/** A change to one record: the record to keep (undefined: remove it), and what it counts as. */
export type Erased<T> = { record: T | undefined; counts: Partial<ErasureCounts> };

/**
 * One unit's check-ins in a cycle: the person's pulse is kept under the pseudonym without its comment, their
 * measure answers under the pseudonym, and the copies of cards sent to them go.
 */
export function erasedUnitCheckins(
  checkins: UnitCheckins,
  id: string,
  pseudonym: string,
): Erased<UnitCheckins> {
  const copies = checkins.copies.filter((copy) => copy.aadObjectId !== id);
  // Own keys only: an id such as 'constructor' must find nothing, not what every object inherits.
  const pulse = Object.hasOwn(checkins.pulses, id) ? checkins.pulses[id] : undefined;
  const pulses = { ...checkins.pulses };
  let comments = 0;
  if (pulse) {
    const { comment, ...kept } = pulse;
    if (comment !== undefined) comments = 1;
    delete pulses[id];
    pulses[pseudonym] = kept;
  }
  const measureAnswers = Object.values(checkins.measures).filter((m) => m.answeredBy === id).length;
  return {
    record: replaceId({ pulses, measures: checkins.measures, copies }, id, pseudonym),
    counts: {
      pulses: pulse ? 1 : 0,
      comments,
      measureAnswers,
      cardCopies: checkins.copies.length - copies.length,
    },
  };
}

/** A cycle keeps expecting one person in the unit (the response rate's denominator), now the pseudonym. */
export const erasedCycle = (cycle: Cycle, id: string, pseudonym: string): Erased<Cycle> => ({
  record: replaceId(cycle, id, pseudonym),
  counts: { cycles: mentions(cycle, id) ? 1 : 0 },
});

/** Each measure's latest answer for a unit: still its latest, answered by the pseudonym. */
export const erasedLatestAnswers = (
  answers: Record<string, MeasureRecord>,
  id: string,
  pseudonym: string,
): Erased<Record<string, MeasureRecord>> => ({ record: replaceId(answers, id, pseudonym), counts: {} });

/**
 * An action keeps its content under the pseudonym. Its follow-up counts as asked, as nobody is left to ask;
 * what the digests count (whether participants were told) is unchanged.
 */
export function erasedAction(action: Action, id: string, pseudonym: string): Erased<Action> {
  if (!mentions(action, id)) return { record: action, counts: {} };
  const asked = action.owner === id && action.followUpOn ? { followUpAskedFor: action.followUpOn } : {};
  return {
    record: replaceId({ ...action, ...asked }, id, pseudonym),
    counts: { actions: action.owner === id ? 1 : 0 },
  };
}

export const erasedBroadcast = (broadcast: Broadcast, id: string, pseudonym: string): Erased<Broadcast> => ({
  record: replaceId(broadcast, id, pseudonym),
  counts: { broadcasts: broadcast.sender === id ? 1 : 0 },
});

/** Who acknowledged or read a broadcast, by id: the person's entry is kept under the pseudonym. */
export const erasedResponses = (
  responses: Record<string, string>,
  id: string,
  pseudonym: string,
): Erased<Record<string, string>> => ({
  record: replaceId(responses, id, pseudonym),
  counts: { broadcastResponses: Object.hasOwn(responses, id) ? 1 : 0 },
});

/** A delivery keeps counting in its batch's report; one still waiting to go to the person never goes. */
export function erasedDelivery(delivery: Delivery, id: string, pseudonym: string): Erased<Delivery> {
  if (!mentions(delivery, id)) return { record: delivery, counts: {} };
  const toThem = delivery.recipient.kind === 'person' && delivery.recipient.aadObjectId === id;
  const cancelled = toThem && delivery.state === 'pending' ? { state: 'cancelled' as const } : {};
  return { record: replaceId({ ...delivery, ...cancelled }, id, pseudonym), counts: { deliveries: 1 } };
}

export function erasedTeam(team: Team, id: string, pseudonym: string): Erased<Team> {
  const members = { ...team.members };
  const member = Object.hasOwn(members, id);
  delete members[id];
  return {
    record: replaceId({ ...team, members }, id, pseudonym),
    counts: { teams: member ? 1 : 0 },
  };
}

/** A unit whose measures the person answered (or deputised for) has nobody in that place until chosen again. */
export function erasedUnit(unit: Unit, id: string, pseudonym: string): Erased<Unit> {
  const setup = unit.checkins;
  const held = setup !== undefined && (setup.owner === id || setup.deputy === id);
  const checkins = setup && {
    principles: setup.principles,
    ...(setup.owner !== undefined && setup.owner !== id ? { owner: setup.owner } : {}),
    ...(setup.deputy !== undefined && setup.deputy !== id ? { deputy: setup.deputy } : {}),
  };
  return {
    record: replaceId({ ...unit, ...(checkins ? { checkins } : {}) }, id, pseudonym),
    counts: { unitSetups: held ? 1 : 0 },
  };
}

/** The person's own chat goes; a channel they installed the bot in stays, installed by the pseudonym. */
export function erasedConversation(
  conversation: ConversationRef,
  id: string,
  pseudonym: string,
): Erased<ConversationRef> {
  if (conversation.scope === 'personal' && conversation.aadObjectId === id)
    return { record: undefined, counts: { conversations: 1 } };
  return { record: replaceId(conversation, id, pseudonym), counts: {} };
}
