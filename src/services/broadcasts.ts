// Broadcast reminders: who an audience reaches, a preview with an estimate, sending now or at a scheduled
// time, cancelling, the delivery report and its export, and what recipients do with one ("Got it", "Stop
// reminders", read receipts). Every message goes through the delivery engine, one stable id per recipient
// in the batch `broadcast:<id>`, so queueing again after a crash adds nothing.
import {
  batchOf,
  blockedIn,
  BroadcastDraft,
  csvOf,
  deliveryIdOf,
  estimateDuration,
  refusedFor,
  reportOf,
  senderRoleOf,
  type Audience,
  type Broadcast,
  type BroadcastReport,
  type Estimate,
  type Unreachable,
  UnreachableReason,
} from '../domain/broadcasts.js';
import { isOpen } from '../domain/checkins.js';
import type { Recipient } from '../domain/delivery.js';
import { effectiveRoles, type Action, type Roles } from '../domain/permissions.js';
import type { QuietHours } from '../domain/quiet-hours.js';
import { isPaused, isTenantAllowed, type Person } from '../domain/roster.js';
import { valueOf, type Live } from '../domain/settings.js';
import type { Unit } from '../domain/units.js';
import { isBroadcastId, type Store } from '../store/store.js';
import type { AuditLog } from './audit-log.js';
import { unitsOf } from './checkin-cycles.js';
import type { Clock } from './clock.js';
import type { DeliveriesService, NewDelivery } from './deliveries.js';
import type { KeyedLock } from './keyed-lock.js';

type Deps = {
  store: Store;
  clock: Clock;
  newId: () => string;
  timeZone: string;
  deliveries: DeliveriesService;
  audit: AuditLog;
  withLock: KeyedLock;
  allowedTenantIds: readonly string[];
  /** SEND_RATE and QUIET_HOURS, or getters for them as they are now (the settings card changes them). */
  sendRate: Live<number>;
  quietHours: Live<QuietHours>;
  /** ADMIN_AAD_IDS: a scheduled broadcast's sender's roles are checked again when it goes. */
  bootstrapAdmins?: readonly string[];
};

export type Actor = { aadObjectId: string; roles: Roles };
export type Resolution = {
  kind: 'resolved';
  recipients: Recipient[];
  unreachable: Unreachable[];
  /** People whose 1:1 chat is known: one request each instead of two. */
  existingChats: Set<string>;
};
export type AudienceProblem =
  { kind: 'refused'; action: Action } | { kind: 'unknownUnits'; unitIds: string[] } | { kind: 'noOpenCycle' };
export type Invalid = { kind: 'invalid' };
export type PreviewOutcome =
  | { kind: 'preview'; recipients: number; unreachable: Unreachable[]; estimate: Estimate }
  | AudienceProblem
  | Invalid;
export type SendOutcome =
  | { kind: 'sent'; broadcast: Broadcast; recipients: number; unreachable: Unreachable[] }
  | { kind: 'noRecipients'; unreachable: Unreachable[] }
  | AudienceProblem
  | Invalid;
export type ScheduleOutcome =
  { kind: 'scheduled'; broadcast: Broadcast } | { kind: 'inPast' } | AudienceProblem | Invalid;
/** Someone other than its sender (or an admin, or for reports a lead) asked about a broadcast. */
export type NotTheirs = { kind: 'notSender' } | { kind: 'unknownBroadcast' };
export type CancelOutcome =
  | { kind: 'cancelled'; broadcast: Broadcast; deliveriesCancelled: number }
  | { kind: 'alreadyFinished'; broadcast: Broadcast }
  | NotTheirs;
export type ReportOutcome =
  | { kind: 'report'; broadcast: Broadcast; report: Omit<BroadcastReport, 'rows'>; exportable: boolean }
  | NotTheirs;
export type ExportOutcome =
  { kind: 'csv'; broadcast: Broadcast; csv: string } | { kind: 'countsOnly' } | NotTheirs;

/** The scheduler calls sendDue every minute; a timer firing a moment early still finds its broadcast due. */
const TIMER_MARGIN_MS = 1_000;
/** Read receipts are matched to broadcasts sent within this many days. */
export const READ_DAYS = 14;
/** A batch's activity ids are read again at most this often while read receipts arrive. */
const ACTIVITY_CACHE_MS = 10_000;
const ACTIVITY_FORGET_MS = 10 * 60_000;

export function createBroadcasts(deps: Deps) {
  const { store, clock, newId, deliveries, audit, withLock, allowedTenantIds } = deps;
  const lockOf = (id: string) => `broadcast:${id}`;
  /** A broadcast named by a card's data: an id no broadcast can have is simply unknown. */
  const known = async (id: string) => (isBroadcastId(id) ? store.broadcast(id) : undefined);

  /** The units a units or channels audience names, or the ones it does not know (or no longer tracks). */
  async function chosenUnits(audience: Audience): Promise<Unit[] | AudienceProblem> {
    if (audience.kind !== 'units' && audience.kind !== 'channels') return [];
    const units = await Promise.all(audience.unitIds.map((id) => store.unit(id)));
    const unknown = audience.unitIds.filter((_id, index) => !units[index]?.tracked);
    return unknown.length > 0 ? { kind: 'unknownUnits', unitIds: unknown } : (units as Unit[]);
  }

  /** Who may be asked to start a 1:1 chat: current members of tracked teams. */
  async function trackedMembers(): Promise<Set<string>> {
    const members = new Set<string>();
    for (const unit of await store.units()) {
      if (!unit.tracked || !unit.teamId) continue;
      const team = await store.team(unit.teamId);
      for (const [id, member] of Object.entries(team?.members ?? {})) if (!member.removedAt) members.add(id);
    }
    return members;
  }

  async function candidates(audience: Audience, units: Unit[], people: Map<string, Person>) {
    switch (audience.kind) {
      case 'everyone':
        return [...people.keys()];
      case 'managers':
        return (await store.peopleWithRoles())
          .filter(({ roles }) => roles.managerOf.length > 0)
          .map((p) => p.aadObjectId);
      case 'notAnswered': {
        const cycle = await store.latestCycle();
        if (!cycle || !isOpen(cycle, clock())) return undefined;
        const answered = new Set<string>();
        for (const unitId of unitsOf(cycle))
          for (const id of Object.keys((await store.unitCheckins(cycle.id, unitId)).pulses)) answered.add(id);
        return Object.keys(cycle.expected).filter((id) => !answered.has(id));
      }
      case 'units':
      case 'channels': {
        // A team's current members; for a unit an admin defined, the people who chose it as theirs.
        const ids: string[] = [];
        for (const unit of units) {
          const team = unit.teamId ? await store.team(unit.teamId) : undefined;
          if (unit.teamId)
            ids.push(
              ...Object.entries(team?.members ?? {})
                .filter(([, m]) => !m.removedAt)
                .map(([id]) => id),
            );
          else
            ids.push(
              ...[...people.values()].filter((p) => p.primaryUnitId === unit.id).map((p) => p.aadObjectId),
            );
        }
        return ids;
      }
    }
  }

  async function peopleOf(
    ids: string[],
    people: Map<string, Person>,
    pauseCounts: boolean,
  ): Promise<Resolution> {
    const tally = new Map<UnreachableReason, number>();
    const skip = (reason: UnreachableReason) => tally.set(reason, (tally.get(reason) ?? 0) + 1);
    const members = await trackedMembers();
    const recipients: Recipient[] = [];
    const existingChats = new Set<string>();
    const now = clock();
    for (const id of [...new Set(ids)].sort()) {
      const person = people.get(id);
      if (!person) skip('notAllowed');
      else if (!isTenantAllowed(person.tenantId, allowedTenantIds)) skip('otherTenant');
      else if (person.guest) skip('guest');
      else if (person.remindersMuted || (pauseCounts && isPaused(person.checkins, now)))
        skip('stoppedReminders');
      else {
        const chat = await store.personalConversation(id);
        if (chat?.blockedAt || (!chat?.installed && !members.has(id))) {
          skip('notAllowed');
          continue;
        }
        if (chat?.installed) existingChats.add(id);
        recipients.push({ kind: 'person', aadObjectId: id });
      }
    }
    return { kind: 'resolved', recipients, unreachable: unreachableOf(tally), existingChats };
  }

  /** A unit's summary channel, or its team's General channel (whose id is the team's). */
  async function channelsOf(units: Unit[]): Promise<Resolution> {
    const tally = new Map<UnreachableReason, number>();
    const skip = (reason: UnreachableReason) => tally.set(reason, (tally.get(reason) ?? 0) + 1);
    const seen = new Set<string>();
    const recipients: Recipient[] = [];
    for (const unit of units) {
      const channelId = unit.summaryChannelId ?? unit.teamId;
      if (!channelId) {
        skip('noChannel');
        continue;
      }
      if (seen.has(channelId)) continue;
      seen.add(channelId);
      const conversation = await store.conversation(channelId);
      const team = conversation?.teamId ? await store.team(conversation.teamId) : undefined;
      const channel = team?.channels.find((known) => known.id === channelId);
      if (
        !conversation?.installed ||
        conversation.blockedAt ||
        (team && team.state !== 'active') ||
        (channel && channel.state !== 'active')
      )
        skip('noChannel');
      else if (!isTenantAllowed(conversation.tenantId, allowedTenantIds)) skip('otherTenant');
      else recipients.push({ kind: 'conversation', conversationId: channelId });
    }
    return { kind: 'resolved', recipients, unreachable: unreachableOf(tally), existingChats: new Set() };
  }

  /** Who an audience reaches now, and how many it cannot reach, by reason. */
  async function resolveAudience(roles: Roles, audience: Audience): Promise<Resolution | AudienceProblem> {
    const refused = refusedFor(roles, audience);
    if (refused) return { kind: 'refused', action: refused };
    const units = await chosenUnits(audience);
    if (!Array.isArray(units)) return units;
    if (audience.kind === 'channels') return channelsOf(units);
    const people = new Map((await store.people()).map((person) => [person.aadObjectId, person]));
    const ids = await candidates(audience, units, people);
    if (!ids) return { kind: 'noOpenCycle' };
    return peopleOf(ids, people, audience.kind === 'notAnswered');
  }

  /** Refusals are audited, as every privileged refusal is, under the permission that was missing. */
  async function audited<T extends { kind: string }>(actor: string, outcome: T): Promise<T> {
    if (isRefusal(outcome)) await audit.record(actor, outcome.action, [], 'refused');
    return outcome;
  }

  const isValid = (draft: BroadcastDraft) =>
    BroadcastDraft.safeParse(draft).success && blockedIn(draft).length === 0;

  /** Queues a broadcast marked "sending" and not yet queued; the caller holds its lock. */
  async function queue(broadcast: Broadcast, resolution: Resolution): Promise<Broadcast> {
    const items: NewDelivery[] = resolution.recipients.map((recipient) => ({
      id: deliveryIdOf(recipient),
      recipient,
      content: { card: 'broadcast', data: { broadcastId: broadcast.id } },
    }));
    await deliveries.enqueue(batchOf(broadcast.id), 'broadcast', items, { respectsQuietHours: true });
    const queued: Broadcast = {
      ...broadcast,
      sentAt: clock().toISOString(),
      counts: { recipients: items.length, unreachable: resolution.unreachable },
    };
    await store.saveBroadcast(queued);
    return queued;
  }

  /** A scheduled broadcast whose time has come, or one the bot stopped queueing: queued once, locked. */
  async function dispatch(id: string): Promise<boolean> {
    return withLock(lockOf(id), async () => {
      const current = await store.broadcast(id);
      if (!current || !isDue(current, clock())) return false;
      const roles = effectiveRoles(
        await store.roles(current.sender),
        current.sender,
        deps.bootstrapAdmins ?? [],
      );
      const resolution = await resolveAudience(roles, current.audience);
      if (resolution.kind !== 'resolved') {
        const at = clock().toISOString();
        await store.saveBroadcast({
          ...current,
          state: 'cancelled',
          cancelledAt: at,
          cancelledBy: 'system',
        });
        await audit.record(
          'system',
          'broadcast.send',
          [id],
          resolution.kind === 'refused' ? 'refused' : 'failed',
        );
        return false;
      }
      const sending: Broadcast = { ...current, state: 'sending' };
      if (current.state === 'scheduled') {
        await store.saveBroadcast(sending);
        await audit.record('system', 'broadcast.send', [id]);
      }
      await queue(sending, resolution);
      return true;
    });
  }

  /** A broadcast whose deliveries have all ended is "sent". */
  async function settle(broadcast: Broadcast): Promise<Broadcast> {
    if (broadcast.state !== 'sending' || !broadcast.sentAt) return broadcast;
    if (!(await deliveries.progress(batchOf(broadcast.id))).done) return broadcast;
    return withLock(lockOf(broadcast.id), async () => {
      const current = await store.broadcast(broadcast.id);
      if (current?.state !== 'sending' || !current.sentAt) return current ?? broadcast;
      const sent: Broadcast = { ...current, state: 'sent' };
      await store.saveBroadcast(sent);
      return sent;
    });
  }

  const mayRead = (actor: Actor, broadcast: Broadcast) =>
    broadcast.sender === actor.aadObjectId || actor.roles.admin || actor.roles.lead;

  async function readable(
    actor: Actor,
    id: string,
  ): Promise<NotTheirs | { kind: 'found'; broadcast: Broadcast }> {
    const found = await known(id);
    if (!found) return { kind: 'unknownBroadcast' };
    if (mayRead(actor, found)) return { kind: 'found', broadcast: await settle(found) };
    await audit.record(actor.aadObjectId, 'broadcast.report', [id], 'refused');
    return { kind: 'notSender' };
  }

  async function fullReport(broadcast: Broadcast): Promise<BroadcastReport> {
    const [sent, acknowledgedBy, readBy] = await Promise.all([
      store.batchDeliveries(batchOf(broadcast.id)),
      store.acknowledgedBy(broadcast.id),
      store.readBy(broadcast.id),
    ]);
    return reportOf(sent, broadcast.audience, { acknowledgedBy, readBy });
  }

  const activities = createActivityCache(store, clock);

  const setRemindersMuted = (aadObjectId: string, muted: boolean): Promise<boolean> =>
    withLock(`person:${aadObjectId}`, async () => {
      const person = await store.person(aadObjectId);
      if (!person) return false;
      // Unmuted is no field at all, as for someone who never muted.
      const { remindersMuted: _was, ...rest } = person;
      await store.savePerson(muted ? { ...rest, remindersMuted: true } : rest);
      return true;
    });

  return {
    resolveAudience,

    /** The numbers the sender sees before sending: recipients, who cannot be reached and why, how long. */
    async preview(actor: Actor, draft: BroadcastDraft, at?: Date): Promise<PreviewOutcome> {
      if (!isValid(draft)) return { kind: 'invalid' };
      const resolution = await resolveAudience(actor.roles, draft.audience);
      if (resolution.kind !== 'resolved') return audited(actor.aadObjectId, resolution);
      const { recipients, unreachable, existingChats } = resolution;
      const now = at ?? clock();
      const options = { existingChats, quietHours: valueOf(deps.quietHours), now, timeZone: deps.timeZone };
      return {
        kind: 'preview',
        recipients: recipients.length,
        unreachable,
        estimate: estimateDuration(recipients, valueOf(deps.sendRate), options),
      };
    },

    async send(actor: Actor, draft: BroadcastDraft): Promise<SendOutcome> {
      if (!isValid(draft)) return { kind: 'invalid' };
      const resolution = await resolveAudience(actor.roles, draft.audience);
      if (resolution.kind !== 'resolved') return audited(actor.aadObjectId, resolution);
      if (resolution.recipients.length === 0)
        return { kind: 'noRecipients', unreachable: resolution.unreachable };
      const broadcast: Broadcast = {
        ...BroadcastDraft.parse(draft),
        id: newId(),
        sender: actor.aadObjectId,
        senderRole: senderRoleOf(actor.roles),
        state: 'sending',
        createdAt: clock().toISOString(),
      };
      // Saved and audited first: if the bot stops before the deliveries are queued, sendDue finishes it.
      await store.saveBroadcast(broadcast);
      await audit.record(actor.aadObjectId, 'broadcast.send', [broadcast.id]);
      const queued = await withLock(lockOf(broadcast.id), async () => {
        const current = await store.broadcast(broadcast.id);
        return current && isDue(current, clock()) ? queue(current, resolution) : current;
      });
      const { recipients, unreachable } = resolution;
      return { kind: 'sent', broadcast: queued ?? broadcast, recipients: recipients.length, unreachable };
    },

    async schedule(actor: Actor, draft: BroadcastDraft, at: Date): Promise<ScheduleOutcome> {
      if (!isValid(draft)) return { kind: 'invalid' };
      const now = clock();
      if (at.getTime() < Math.floor(now.getTime() / 60_000) * 60_000) return { kind: 'inPast' };
      const refused = refusedFor(actor.roles, draft.audience);
      if (refused) return audited(actor.aadObjectId, { kind: 'refused', action: refused });
      const units = await chosenUnits(draft.audience);
      if (!Array.isArray(units)) return units;
      const broadcast: Broadcast = {
        ...BroadcastDraft.parse(draft),
        id: newId(),
        sender: actor.aadObjectId,
        senderRole: senderRoleOf(actor.roles),
        state: 'scheduled',
        scheduledFor: at.toISOString(),
        createdAt: now.toISOString(),
      };
      await store.saveBroadcast(broadcast);
      await audit.record(actor.aadObjectId, 'broadcast.schedule', [broadcast.id]);
      return { kind: 'scheduled', broadcast };
    },

    /**
     * Every minute: queues scheduled broadcasts whose time has come, and finishes any the bot stopped
     * queueing. A scheduled one whose sender may no longer send it, or whose audience is gone (no open
     * cycle for "not answered"), is cancelled by the system and audited. Returns how many were queued.
     */
    async sendDue(): Promise<number> {
      let queued = 0;
      for (const broadcast of await store.broadcasts())
        if (isDue(broadcast, clock()) && (await dispatch(broadcast.id))) queued++;
      return queued;
    },

    /** The sender or an admin: a scheduled one never goes; one being sent stops what has not gone yet. */
    async cancel(actor: Actor, id: string): Promise<CancelOutcome> {
      const outcome = await withLock(lockOf(id), async (): Promise<CancelOutcome> => {
        const found = await known(id);
        if (!found) return { kind: 'unknownBroadcast' };
        if (found.sender !== actor.aadObjectId && !actor.roles.admin) return { kind: 'notSender' };
        if (found.state === 'sent' || found.state === 'cancelled')
          return { kind: 'alreadyFinished', broadcast: found };
        const deliveriesCancelled = found.state === 'sending' ? await deliveries.cancel(batchOf(id)) : 0;
        const at = clock().toISOString();
        const cancelled: Broadcast = {
          ...found,
          state: 'cancelled',
          cancelledAt: at,
          cancelledBy: actor.aadObjectId,
        };
        await store.saveBroadcast(cancelled);
        return { kind: 'cancelled', broadcast: cancelled, deliveriesCancelled };
      });
      if (outcome.kind === 'notSender')
        await audit.record(actor.aadObjectId, 'broadcast.cancel', [id], 'refused');
      if (outcome.kind === 'cancelled') await audit.record(actor.aadObjectId, 'broadcast.cancel', [id]);
      return outcome;
    },

    /** Newest first: the actor's own; leads and admins see every one. */
    async list(actor: Actor): Promise<Broadcast[]> {
      const mine = (await store.broadcasts()).filter((broadcast) => mayRead(actor, broadcast));
      return Promise.all(mine.map(settle));
    },

    /** What a broadcast says, for the card its recipients get: nothing about who got it or how it went. */
    async content(
      id: string,
    ): Promise<Pick<Broadcast, 'title' | 'message' | 'button' | 'audience' | 'senderRole'> | undefined> {
      const broadcast = await known(id);
      if (!broadcast) return undefined;
      const { title, message, button, audience, senderRole } = broadcast;
      return { title, message, ...(button ? { button } : {}), audience, senderRole };
    },

    /** Counts only: the per-recipient list is `exportCsv`, which is audited. */
    async report(actor: Actor, id: string): Promise<ReportOutcome> {
      const found = await readable(actor, id);
      if (found.kind !== 'found') return found;
      const { rows: _rows, ...report } = await fullReport(found.broadcast);
      return { kind: 'report', broadcast: found.broadcast, report, exportable: !report.countsOnly };
    },

    /** Per-recipient ids and states as CSV; never for "not answered" audiences. */
    async exportCsv(actor: Actor, id: string): Promise<ExportOutcome> {
      const found = await readable(actor, id);
      if (found.kind !== 'found') return found;
      const { rows } = await fullReport(found.broadcast);
      if (!rows) return { kind: 'countsOnly' };
      await audit.record(actor.aadObjectId, 'broadcast.export', [id]);
      return { kind: 'csv', broadcast: found.broadcast, csv: csvOf(rows) };
    },

    /** "Got it": counted once per person. False for a broadcast that is unknown or has not gone out. */
    async acknowledge(aadObjectId: string, id: string): Promise<boolean> {
      // Someone with no Entra id cannot be counted (Teams gives every person one).
      if (!aadObjectId) return false;
      const found = await known(id);
      if (!found?.sentAt) return false;
      await store.acknowledge(id, aadObjectId, clock().toISOString());
      return true;
    },

    /**
     * "Stop reminders": kept on the person, so it is one place and survives restarts, and changed under the
     * same lock as their check-in preferences, which it leaves alone. False for someone the bot has not met.
     */
    muteReminders: (aadObjectId: string) => setRemindersMuted(aadObjectId, true),
    unmuteReminders: (aadObjectId: string) => setRemindersMuted(aadObjectId, false),

    /**
     * A read receipt: the person has read their chat with the bot up to `lastReadActivityId`, so every
     * broadcast that landed there at or before it is read. Returns how many were newly counted.
     */
    async recordRead(aadObjectId: string, lastReadActivityId: string): Promise<number> {
      const since = clock().getTime() - READ_DAYS * 86_400_000;
      let counted = 0;
      for (const broadcast of await store.broadcasts()) {
        if (
          !broadcast.sentAt ||
          Date.parse(broadcast.sentAt) < since ||
          broadcast.audience.kind === 'channels'
        )
          continue;
        const activityId = await activities.of(broadcast.id, aadObjectId);
        if (activityId && isReadUpTo(activityId, lastReadActivityId))
          if (await store.recordRead(broadcast.id, aadObjectId, clock().toISOString())) counted++;
      }
      return counted;
    },
  };
}

export type BroadcastsService = ReturnType<typeof createBroadcasts>;

const isRefusal = (outcome: { kind: string }): outcome is { kind: 'refused'; action: Action } =>
  outcome.kind === 'refused';

const isDue = (broadcast: Broadcast, now: Date): boolean =>
  (broadcast.state === 'scheduled' &&
    Date.parse(broadcast.scheduledFor ?? '') <= now.getTime() + TIMER_MARGIN_MS) ||
  (broadcast.state === 'sending' && !broadcast.sentAt);

/** In a fixed order, so cards and tests read the same way every time. */
function unreachableOf(tally: Map<UnreachableReason, number>): Unreachable[] {
  return UnreachableReason.options.flatMap((reason) => {
    const count = tally.get(reason);
    return count ? [{ reason, count }] : [];
  });
}

/** Teams' message ids in a chat grow with time, so a receipt for one covers every earlier one. */
function isReadUpTo(activityId: string, lastRead: string): boolean {
  if (/^\d+$/.test(activityId) && /^\d+$/.test(lastRead)) return BigInt(activityId) <= BigInt(lastRead);
  return activityId === lastRead;
}

/**
 * Where each person's copy of a broadcast landed, read from its batch at most every few seconds while
 * receipts arrive, and forgotten when none has asked for a while: receipts come soon after a message lands.
 */
function createActivityCache(store: Store, clock: Clock) {
  const cache = new Map<string, { at: number; usedAt: number; byPerson: Map<string, string> }>();
  return {
    async of(broadcastId: string, aadObjectId: string): Promise<string | undefined> {
      const now = clock().getTime();
      for (const [id, old] of cache) if (now - old.usedAt > ACTIVITY_FORGET_MS) cache.delete(id);
      let entry = cache.get(broadcastId);
      if (!entry || (!entry.byPerson.has(aadObjectId) && now - entry.at >= ACTIVITY_CACHE_MS)) {
        const byPerson = new Map<string, string>();
        for (const delivery of await store.batchDeliveries(batchOf(broadcastId)))
          if (delivery.recipient.kind === 'person' && delivery.activityId)
            byPerson.set(delivery.recipient.aadObjectId, delivery.activityId);
        entry = { at: now, usedAt: now, byPerson };
        cache.set(broadcastId, entry);
      }
      entry.usedAt = now;
      return entry.byPerson.get(aadObjectId);
    },
  };
}
