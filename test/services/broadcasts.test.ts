// Broadcasts through the services: who an audience reaches, previews, sending now and at a scheduled time
// (across clock changes and restarts), cancelling, the report, and what recipients do with one. The
// in-memory store, the real deliveries service and a clock the test moves.
import { afterEach, describe, expect, it } from '@jest/globals';
import { readSchedule, type Audience, type BroadcastDraft } from '../../src/domain/broadcasts.js';
import type { Delivery } from '../../src/domain/delivery.js';
import type { Roles } from '../../src/domain/permissions.js';
import type { QuietHours } from '../../src/domain/quiet-hours.js';
import type { ConversationRef, Team } from '../../src/domain/roster.js';
import type { Sender } from '../../src/delivery/sender.js';
import { createDeliveryWorker, type DeliveryWorker } from '../../src/delivery/worker.js';
import { createLogger } from '../../src/log.js';
import { createAuditLog } from '../../src/services/audit-log.js';
import { createBroadcasts, type Actor } from '../../src/services/broadcasts.js';
import { createDeliveries, type DeliveriesService } from '../../src/services/deliveries.js';
import { createKeyedLock } from '../../src/services/keyed-lock.js';
import type { Store } from '../../src/store/store.js';
import { CLEAN, person, setup, TENANT, ward, WARD } from '../support/checkin-trust.js';

const london = 'Europe/London';
const workDays: QuietHours = { days: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' };
const WARD9 = '19:ward9';
const DEFINED = 'defined-unit';

const lead: Actor = { aadObjectId: 'lead', roles: { admin: false, lead: true, managerOf: [] } };
const admin: Actor = { aadObjectId: 'admin', roles: { admin: true, lead: false, managerOf: [] } };
const manager: Actor = { aadObjectId: 'manager', roles: { admin: false, lead: false, managerOf: [WARD] } };
const staff = (aadObjectId: string): Actor => ({
  aadObjectId,
  roles: { admin: false, lead: false, managerOf: [] },
});

const draft = (audience: BroadcastDraft['audience']): BroadcastDraft => ({
  title: 'Pulse closes on Sunday',
  message: 'One minute, six questions.',
  audience,
});
const everyone = draft({ kind: 'everyone' });

const channel = (conversationId: string, teamId: string): ConversationRef => ({
  conversationId,
  scope: 'channel',
  serviceUrl: 'https://smba.example.test/',
  tenantId: TENANT,
  botId: 'bot',
  teamId,
  installed: true,
});
const chat = (aadObjectId: string, fields: Partial<ConversationRef> = {}): ConversationRef => ({
  conversationId: `a:${aadObjectId}`,
  scope: 'personal',
  serviceUrl: 'https://smba.example.test/',
  tenantId: TENANT,
  botId: 'bot',
  aadObjectId,
  installed: true,
  ...fields,
});
// Ids sort in the order they were made, as the audit log's page order needs.
const pad = (n: number) => String(n).padStart(4, '0');
const team = (id: string, members: string[]): Team => ({ ...ward(members), id, name: id });

/**
 * The trust of the check-in tests (Ward 7: ada, bo, a guest, someone from another tenant, a leaver, a
 * stopper, the manager) plus: dee on Ward 7, who blocked the bot; Ward 9 with cy and ada; a unit an admin
 * defined with no team. Ada has a chat with the bot; the others are reached through their team.
 */
async function trust(options: { sendRate?: number; quietHours?: QuietHours } = {}) {
  const base = await setup();
  const { store } = base;
  let now = new Date('2026-11-23T09:00:00Z');
  const move = (iso: string) => {
    base.at(iso);
    now = new Date(iso);
  };
  await store.saveTeam(ward(['ada', 'bo', 'guest', 'other', 'stopper', 'manager', 'dee'], ['leaver']));
  await store.saveTeam(team(WARD9, ['cy', 'ada']));
  for (const id of ['cy', 'dee']) await store.savePerson(person(id));
  await store.saveConversation(chat('ada'));
  await store.saveConversation(chat('dee', { blockedAt: '2026-11-20T00:00:00Z' }));
  const unit = (await store.unit(WARD))!;
  await store.saveUnit({ ...unit, summaryChannelId: '19:ward7-summaries' });
  await store.saveUnit({ ...unit, id: WARD9, name: 'Ward 9', teamId: WARD9 });
  await store.saveUnit({ ...unit, id: DEFINED, name: 'Outpatients', teamId: undefined });
  await store.saveConversation(channel('19:ward7-summaries', WARD));
  await store.saveConversation(channel(WARD9, WARD9));
  let id = 0;
  const build = (over: { store?: Store; deliveries?: DeliveriesService } = {}) => {
    const clock = () => now;
    const used = over.store ?? store;
    return createBroadcasts({
      store: used,
      clock,
      newId: () => `b${pad(++id)}`,
      timeZone: london,
      deliveries:
        over.deliveries ??
        createDeliveries({ store: used, clock, newId: () => `d${pad(++id)}`, onEnqueued: () => {} }),
      audit: createAuditLog({ store, clock, newId: () => `a${pad(++id)}` }),
      withLock: createKeyedLock(),
      allowedTenantIds: [TENANT],
      sendRate: options.sendRate ?? 4,
      quietHours: options.quietHours ?? workDays,
    });
  };
  const batch = (broadcastId: string) => store.batchDeliveries(`broadcast:${broadcastId}`);
  const audit = async () =>
    (await store.auditEntries({ limit: 100 })).map(
      (e) => `${e.actor} ${e.action} ${e.targets.join(',')} ${e.outcome}`,
    );
  return { ...base, store, move, build, broadcasts: build(), batch, audit };
}

const recipientsOf = (deliveries: Delivery[]) =>
  deliveries
    .map((d) => (d.recipient.kind === 'person' ? d.recipient.aadObjectId : d.recipient.conversationId))
    .sort();
const people = (...ids: string[]) => ids.map((aadObjectId) => ({ kind: 'person', aadObjectId }));
const rolesOf = (actor: Actor): Roles => actor.roles;

describe('who an audience reaches', () => {
  it('everyone: staff the bot can reach; guests, other tenants and the unreachable counted by reason', async () => {
    const { broadcasts } = await trust();
    expect(await broadcasts.resolveAudience(rolesOf(lead), { kind: 'everyone' })).toEqual({
      kind: 'resolved',
      recipients: people('ada', 'bo', 'cy', 'manager', 'stopper'),
      unreachable: [
        { reason: 'guest', count: 1 },
        { reason: 'otherTenant', count: 1 },
        // dee blocked the bot; the leaver has no chat and no tracked team.
        { reason: 'notAllowed', count: 2 },
      ],
      existingChats: new Set(['ada']),
    });
  });

  it('units: their current members, each once', async () => {
    const { broadcasts } = await trust();
    const resolved = await broadcasts.resolveAudience(rolesOf(lead), {
      kind: 'units',
      unitIds: [WARD, WARD9],
    });
    expect(resolved).toMatchObject({ recipients: people('ada', 'bo', 'cy', 'manager', 'stopper') });
    const ward9 = await broadcasts.resolveAudience(rolesOf(lead), { kind: 'units', unitIds: [WARD9] });
    expect(ward9).toMatchObject({ recipients: people('ada', 'cy'), unreachable: [] });
  });

  it('units an admin defined: the people who chose them', async () => {
    const { broadcasts, store } = await trust();
    await store.savePerson({ ...(await store.person('bo'))!, primaryUnitId: DEFINED });
    const resolved = await broadcasts.resolveAudience(rolesOf(lead), { kind: 'units', unitIds: [DEFINED] });
    expect(resolved).toMatchObject({ recipients: people('bo') });
  });

  it('channels: a unit’s summary channel, else its team’s General; a unit with neither has no channel', async () => {
    const { broadcasts } = await trust();
    expect(
      await broadcasts.resolveAudience(rolesOf(lead), { kind: 'channels', unitIds: [WARD, WARD9, DEFINED] }),
    ).toEqual({
      kind: 'resolved',
      recipients: [
        { kind: 'conversation', conversationId: '19:ward7-summaries' },
        { kind: 'conversation', conversationId: WARD9 },
      ],
      unreachable: [{ reason: 'noChannel', count: 1 }],
      existingChats: new Set(),
    });
  });

  it('channels: an archived team or a channel the bot was removed from cannot be posted in', async () => {
    const { broadcasts, store } = await trust();
    await store.saveTeam({ ...(await store.team(WARD9))!, state: 'archived' });
    await store.saveConversation({ ...channel('19:ward7-summaries', WARD), installed: false });
    const resolved = await broadcasts.resolveAudience(rolesOf(lead), {
      kind: 'channels',
      unitIds: [WARD, WARD9],
    });
    expect(resolved).toMatchObject({ recipients: [], unreachable: [{ reason: 'noChannel', count: 2 }] });
  });

  it('not answered: people expected in the open cycle without a pulse, not those who paused check-ins', async () => {
    const { broadcasts, services, store } = await trust();
    expect(await broadcasts.resolveAudience(rolesOf(lead), { kind: 'notAnswered' })).toEqual({
      kind: 'noOpenCycle',
    });
    const cycle = (await services.checkinCycles.openDue())!;
    expect(Object.keys(cycle.expected).sort()).toEqual(['ada', 'bo', 'cy', 'dee', 'manager']);
    await services.checkins.submitPulse('ada', { cycleId: cycle.id, inputs: CLEAN });
    await store.savePerson({
      ...(await store.person('bo'))!,
      checkins: { stopped: false, pausedUntil: '2026-12-07T00:00:00Z' },
    });
    expect(await broadcasts.resolveAudience(rolesOf(lead), { kind: 'notAnswered' })).toEqual({
      kind: 'resolved',
      recipients: people('cy', 'manager'),
      unreachable: [
        { reason: 'stoppedReminders', count: 1 },
        { reason: 'notAllowed', count: 1 },
      ],
      existingChats: new Set(),
    });
  });

  it('managers: everyone who manages a unit', async () => {
    const { broadcasts, store } = await trust();
    await store.saveRoles('cy', { admin: false, lead: false, managerOf: [WARD9] });
    const resolved = await broadcasts.resolveAudience(rolesOf(lead), { kind: 'managers' });
    expect(resolved).toMatchObject({ recipients: people('cy', 'manager'), unreachable: [] });
  });

  it('leaves out people who stopped reminders, until they start them again; check-ins are untouched', async () => {
    const { broadcasts, store } = await trust();
    expect(await broadcasts.muteReminders('bo')).toBe(true);
    const muted = await broadcasts.resolveAudience(rolesOf(lead), { kind: 'units', unitIds: [WARD9, WARD] });
    expect(muted).toMatchObject({
      recipients: people('ada', 'cy', 'manager', 'stopper'),
      unreachable: expect.arrayContaining([{ reason: 'stoppedReminders', count: 1 }]),
    });
    // Kept on the person, beside check-ins and apart from them.
    expect(await store.person('bo')).toMatchObject({ remindersMuted: true, checkins: { stopped: false } });
    expect(await broadcasts.unmuteReminders('bo')).toBe(true);
    const back = await broadcasts.resolveAudience(rolesOf(lead), { kind: 'units', unitIds: [WARD] });
    expect(back).toMatchObject({ recipients: people('ada', 'bo', 'manager', 'stopper') });
    expect(await store.person('bo')).toEqual(person('bo'));
    expect(await broadcasts.muteReminders('nobody')).toBe(false);
    expect(await store.person('nobody')).toBeUndefined();
  });

  it('a manager reaches their own units’ members only', async () => {
    const { broadcasts } = await trust();
    expect(
      await broadcasts.resolveAudience(rolesOf(manager), { kind: 'units', unitIds: [WARD] }),
    ).toMatchObject({
      kind: 'resolved',
      recipients: people('ada', 'bo', 'manager', 'stopper'),
    });
    for (const audience of [
      { kind: 'units', unitIds: [WARD, WARD9] },
      { kind: 'everyone' },
      { kind: 'channels', unitIds: [WARD] },
      { kind: 'notAnswered' },
      { kind: 'managers' },
    ] satisfies Audience[])
      expect(await broadcasts.resolveAudience(rolesOf(manager), audience)).toMatchObject({ kind: 'refused' });
  });

  it('refuses units it does not know or no longer tracks, naming them', async () => {
    const { broadcasts, store } = await trust();
    await store.saveUnit({ ...(await store.unit(WARD9))!, tracked: false });
    expect(
      await broadcasts.resolveAudience(rolesOf(lead), { kind: 'units', unitIds: [WARD, WARD9, 'nowhere'] }),
    ).toEqual({ kind: 'unknownUnits', unitIds: [WARD9, 'nowhere'] });
  });
});

describe('crafted payloads', () => {
  it.each([
    ['a manager, to another unit', manager, draft({ kind: 'units', unitIds: [WARD9] }), 'nudgeUnit'],
    ['a manager, to everyone', manager, everyone, 'broadcast'],
    ['staff, to everyone', staff('ada'), everyone, 'broadcast'],
    ['staff, to their own unit', staff('ada'), draft({ kind: 'units', unitIds: [WARD] }), 'nudgeUnit'],
  ])('%s: refused, audited, nothing saved or queued', async (_case, actor, crafted, action) => {
    const { broadcasts, store, audit } = await trust();
    expect(await broadcasts.send(actor, crafted)).toEqual({ kind: 'refused', action });
    expect(await broadcasts.schedule(actor, crafted, new Date('2026-11-24T09:00:00Z'))).toEqual({
      kind: 'refused',
      action,
    });
    expect(await broadcasts.preview(actor, crafted)).toEqual({ kind: 'refused', action });
    expect(await store.broadcasts()).toEqual([]);
    expect(await store.dueDeliveries('2030-01-01T00:00:00Z', 100)).toEqual([]);
    expect(await audit()).toEqual(Array(3).fill(`${actor.aadObjectId} ${action}  refused`));
  });

  it('refuses a draft that did not come through the card: patient data, an http link, an empty title', async () => {
    const { broadcasts, store } = await trust();
    for (const bad of [
      { ...everyone, message: 'Call about 943 476 5919' },
      { ...everyone, button: { title: 'Go', url: 'http://nhs.example.net' } },
      { ...everyone, title: '' },
    ]) {
      expect(await broadcasts.send(lead, bad)).toEqual({ kind: 'invalid' });
      expect(await broadcasts.preview(lead, bad)).toEqual({ kind: 'invalid' });
    }
    expect(await store.broadcasts()).toEqual([]);
  });
});

describe('ids from a card', () => {
  it('an id no broadcast can have is unknown: not acknowledged, reported or cancelled, nothing audited', async () => {
    const { broadcasts, audit } = await trust();
    const sent = await broadcasts.send(lead, everyone);
    if (sent.kind !== 'sent') throw new Error('not sent');
    for (const id of ['../' + sent.broadcast.id, sent.broadcast.id.toUpperCase(), '', 'x/y']) {
      expect(await broadcasts.acknowledge('bo', id)).toBe(false);
      expect(await broadcasts.report(lead, id)).toEqual({ kind: 'unknownBroadcast' });
      expect(await broadcasts.exportCsv(lead, id)).toEqual({ kind: 'unknownBroadcast' });
      expect(await broadcasts.cancel(lead, id)).toEqual({ kind: 'unknownBroadcast' });
    }
    expect(await audit()).toEqual([`lead broadcast.send ${sent.broadcast.id} done`]);
  });
});

describe('preview', () => {
  it('counts recipients and the unreachable, and estimates at the send rate: 9 requests at 4/s', async () => {
    const { broadcasts } = await trust();
    expect(await broadcasts.preview(lead, everyone)).toEqual({
      kind: 'preview',
      recipients: 5,
      unreachable: [
        { reason: 'guest', count: 1 },
        { reason: 'otherTenant', count: 1 },
        { reason: 'notAllowed', count: 2 },
      ],
      // Ada's chat is known (1 request); four chats must be started (2 each): 3 rounds, 2 windows.
      estimate: { seconds: 2.04, requests: 9, sendingSeconds: 2.04, waitingSeconds: 0 },
    });
  });

  it('adds the wait for quiet hours to end, from now or from the scheduled time', async () => {
    const { broadcasts, move } = await trust();
    move('2026-11-28T12:00:00Z');
    const saturday = await broadcasts.preview(lead, everyone);
    expect(saturday).toMatchObject({
      estimate: {
        seconds: expect.closeTo(44 * 3600 + 2.04, 6),
        waitingSeconds: expect.closeTo(44 * 3600, 6),
      },
    });
    const tuesday = await broadcasts.preview(lead, everyone, new Date('2026-12-01T09:00:00Z'));
    expect(tuesday).toMatchObject({ estimate: { seconds: expect.closeTo(2.04, 6) } });
  });
});

describe('sending now', () => {
  it('saves the broadcast, queues one delivery per recipient with a stable id, audits, and queues once', async () => {
    const { broadcasts, batch, audit, store } = await trust();
    const sent = await broadcasts.send(lead, everyone);
    expect(sent).toMatchObject({ kind: 'sent', recipients: 5 });
    if (sent.kind !== 'sent') throw new Error('not sent');
    const id = sent.broadcast.id;
    expect(sent.broadcast).toMatchObject({
      sender: 'lead',
      senderRole: 'lead',
      state: 'sending',
      sentAt: '2026-11-23T09:00:00.000Z',
      counts: {
        recipients: 5,
        unreachable: [
          { reason: 'guest', count: 1 },
          { reason: 'otherTenant', count: 1 },
          { reason: 'notAllowed', count: 2 },
        ],
      },
    });
    const queued = await batch(id);
    expect(recipientsOf(queued)).toEqual(['ada', 'bo', 'cy', 'manager', 'stopper']);
    expect(queued.map((d) => d.id).sort()).toEqual([
      'person:ada',
      'person:bo',
      'person:cy',
      'person:manager',
      'person:stopper',
    ]);
    expect(queued.every((d) => d.kind === 'broadcast' && d.respectsQuietHours)).toBe(true);
    expect(queued[0]!.content).toEqual({ card: 'broadcast', data: { broadcastId: id } });
    expect(await broadcasts.sendDue()).toBe(0);
    expect(await batch(id)).toHaveLength(5);
    expect(await store.broadcast(id)).toEqual(sent.broadcast);
    expect(await audit()).toEqual([`lead broadcast.send ${id} done`]);
  });

  it('sends nothing and saves nothing when nobody can be reached', async () => {
    const { broadcasts, store } = await trust();
    await store.saveRoles('manager', { admin: false, lead: false, managerOf: [] });
    const outcome = await broadcasts.send(lead, draft({ kind: 'managers' }));
    expect(outcome).toEqual({ kind: 'noRecipients', unreachable: [] });
    expect(await store.broadcasts()).toEqual([]);
  });
});

describe('scheduling', () => {
  it.each([
    // 10:00 on the day BST starts is 09:00 UTC; read as GMT it would go an hour late.
    ['into BST', '2027-03-27T12:00:00Z', '2027-03-28', '10:00', '2027-03-28T09:00:00Z'],
    // 01:30 on the day BST ends happens twice: the first, 00:30 UTC.
    ['out of BST', '2026-10-24T12:00:00Z', '2026-10-25', '01:30', '2026-10-25T00:30:00Z'],
  ])('%s: goes at the right minute, once, across restarts', async (_case, start, date, time, due) => {
    const { broadcasts, build, batch, move, audit } = await trust();
    move(start);
    const read = readSchedule({ date, time }, new Date(start), london);
    if (!read.ok) throw new Error('not read');
    const scheduled = await broadcasts.schedule(lead, everyone, read.at);
    expect(scheduled).toMatchObject({
      kind: 'scheduled',
      broadcast: { state: 'scheduled', scheduledFor: new Date(due).toISOString() },
    });
    if (scheduled.kind !== 'scheduled') throw new Error('not scheduled');
    const id = scheduled.broadcast.id;
    move(new Date(Date.parse(due) - 60_000).toISOString());
    expect(await broadcasts.sendDue()).toBe(0);
    expect(await batch(id)).toEqual([]);
    move(due);
    // Two runs at once (a slow run overlapping the next minute's): one queues it.
    expect(await Promise.all([broadcasts.sendDue(), broadcasts.sendDue()])).toEqual([1, 0]);
    expect(await broadcasts.sendDue()).toBe(0);
    expect(await build().sendDue()).toBe(0);
    expect(recipientsOf(await batch(id))).toEqual(['ada', 'bo', 'cy', 'manager', 'stopper']);
    expect(await audit()).toEqual([`system broadcast.send ${id} done`, `lead broadcast.schedule ${id} done`]);
  });

  it('refuses a time already past', async () => {
    const { broadcasts } = await trust();
    expect(await broadcasts.schedule(lead, everyone, new Date('2026-11-23T08:59:00Z'))).toEqual({
      kind: 'inPast',
    });
  });

  it('does not send for a sender who lost the role meanwhile: cancelled by the system, audited', async () => {
    const { broadcasts, store, move, batch, audit } = await trust();
    const scheduled = await broadcasts.schedule(lead, everyone, new Date('2026-11-24T09:00:00Z'));
    if (scheduled.kind !== 'scheduled') throw new Error('not scheduled');
    await store.saveRoles('lead', { admin: false, lead: false, managerOf: [] });
    move('2026-11-24T09:00:00Z');
    expect(await broadcasts.sendDue()).toBe(0);
    expect(await batch(scheduled.broadcast.id)).toEqual([]);
    expect(await store.broadcast(scheduled.broadcast.id)).toMatchObject({
      state: 'cancelled',
      cancelledBy: 'system',
    });
    expect((await audit())[0]).toBe(`system broadcast.send ${scheduled.broadcast.id} refused`);
  });
});

describe('restarts', () => {
  it('finishes a broadcast saved but not queued when the bot stopped', async () => {
    const { build, store, batch } = await trust();
    const real = createDeliveries({
      store,
      clock: () => new Date('2026-11-23T09:00:00Z'),
      newId: () => 'x',
      onEnqueued: () => {},
    });
    const crashing: DeliveriesService = {
      ...real,
      enqueue: async () => Promise.reject(new Error('stopped')),
    };
    await expect(build({ deliveries: crashing }).send(lead, everyone)).rejects.toThrow('stopped');
    const [saved] = await store.broadcasts();
    expect(saved).toMatchObject({ state: 'sending' });
    expect(saved!.sentAt).toBeUndefined();
    expect(await batch(saved!.id)).toEqual([]);

    const restarted = build();
    expect(await restarted.sendDue()).toBe(1);
    expect(await restarted.sendDue()).toBe(0);
    expect(recipientsOf(await batch(saved!.id))).toEqual(['ada', 'bo', 'cy', 'manager', 'stopper']);
    expect(await store.broadcast(saved!.id)).toMatchObject({
      state: 'sending',
      sentAt: expect.any(String),
    });
  });

  it('queues the rest of a broadcast whose queueing stopped part-way, leaving what was queued and sent alone', async () => {
    const { build, store, batch } = await trust();
    const partly: Store = {
      ...store,
      enqueueDeliveries: async (items) => {
        await store.enqueueDeliveries(items.slice(0, 2));
        throw new Error('stopped');
      },
    };
    await expect(build({ store: partly }).send(lead, everyone)).rejects.toThrow('stopped');
    const [saved] = await store.broadcasts();
    const first = await batch(saved!.id);
    expect(recipientsOf(first)).toEqual(['ada', 'bo']);
    await store.updateDeliveries([{ ...first[0]!, state: 'delivered', attempts: 1 }]);

    expect(await build().sendDue()).toBe(1);
    const all = await batch(saved!.id);
    expect(recipientsOf(all)).toEqual(['ada', 'bo', 'cy', 'manager', 'stopper']);
    expect(new Set(all.map((d) => d.id)).size).toBe(5);
    expect(all.find((d) => d.id === first[0]!.id)).toMatchObject({ state: 'delivered', attempts: 1 });
  });
});

describe('cancelling', () => {
  it('stops what has not gone yet; only the sender or an admin may', async () => {
    const { broadcasts, store, batch, audit } = await trust();
    const sent = await broadcasts.send(lead, everyone);
    if (sent.kind !== 'sent') throw new Error('not sent');
    const id = sent.broadcast.id;
    const [one, two] = await batch(id);
    await store.updateDeliveries(
      [one!, two!].map((d) => ({ ...d, state: 'delivered' as const, activityId: '1' })),
    );

    const otherLead: Actor = { ...lead, aadObjectId: 'lead2' };
    expect(await broadcasts.cancel(otherLead, id)).toEqual({ kind: 'notSender' });
    expect(await broadcasts.cancel(staff('ada'), id)).toEqual({ kind: 'notSender' });
    expect(await broadcasts.cancel(lead, id)).toMatchObject({
      kind: 'cancelled',
      deliveriesCancelled: 3,
      broadcast: { state: 'cancelled', cancelledBy: 'lead', cancelledAt: '2026-11-23T09:00:00.000Z' },
    });
    expect(await broadcasts.cancel(lead, id)).toMatchObject({ kind: 'alreadyFinished' });
    expect(await broadcasts.report(lead, id)).toMatchObject({
      kind: 'report',
      report: { delivered: 2, cancelled: 3, pending: 0, done: true },
    });
    expect(await broadcasts.sendDue()).toBe(0);
    expect(await audit()).toEqual([
      `lead broadcast.cancel ${id} done`,
      `ada broadcast.cancel ${id} refused`,
      `lead2 broadcast.cancel ${id} refused`,
      `lead broadcast.send ${id} done`,
    ]);
  });

  it('an admin cancels a scheduled one, which then never goes', async () => {
    const { broadcasts, batch, move } = await trust();
    const scheduled = await broadcasts.schedule(lead, everyone, new Date('2026-11-24T09:00:00Z'));
    if (scheduled.kind !== 'scheduled') throw new Error('not scheduled');
    expect(await broadcasts.cancel(admin, scheduled.broadcast.id)).toMatchObject({
      kind: 'cancelled',
      deliveriesCancelled: 0,
      broadcast: { cancelledBy: 'admin' },
    });
    move('2026-11-24T09:00:00Z');
    expect(await broadcasts.sendDue()).toBe(0);
    expect(await batch(scheduled.broadcast.id)).toEqual([]);
  });
});

describe('the report', () => {
  it('counts "Got it" once per recipient, and reads from receipts', async () => {
    const { broadcasts, store, batch } = await trust();
    const sent = await broadcasts.send(lead, everyone);
    if (sent.kind !== 'sent') throw new Error('not sent');
    const id = sent.broadcast.id;
    const ada = (await batch(id)).find((d) => d.id === 'person:ada')!;
    await store.updateDeliveries([{ ...ada, state: 'delivered', activityId: '1700000000100' }]);
    expect(await broadcasts.acknowledge('bo', id)).toBe(true);
    expect(await broadcasts.acknowledge('bo', id)).toBe(true);
    expect(await broadcasts.acknowledge('guest', id)).toBe(true);
    expect(await broadcasts.acknowledge('bo', 'nowhere')).toBe(false);
    expect(await broadcasts.recordRead('ada', '1700000000050')).toBe(0);
    expect(await broadcasts.recordRead('ada', '1700000000200')).toBe(1);
    expect(await broadcasts.recordRead('ada', '1700000000300')).toBe(0);
    expect(await broadcasts.report(lead, id)).toMatchObject({
      kind: 'report',
      exportable: true,
      report: { acknowledged: 1, readAtLeast: 1, delivered: 1, pending: 4 },
    });
  });

  it('cannot be acknowledged before it has gone', async () => {
    const { broadcasts } = await trust();
    const scheduled = await broadcasts.schedule(lead, everyone, new Date('2026-11-24T09:00:00Z'));
    if (scheduled.kind !== 'scheduled') throw new Error('not scheduled');
    expect(await broadcasts.acknowledge('bo', scheduled.broadcast.id)).toBe(false);
  });

  it('for "not answered": counts only, no export, no id of anyone who did not answer', async () => {
    const { broadcasts, services, audit } = await trust();
    await services.checkinCycles.openDue();
    const sent = await broadcasts.send(lead, draft({ kind: 'notAnswered' }));
    if (sent.kind !== 'sent') throw new Error('not sent');
    const id = sent.broadcast.id;
    await broadcasts.acknowledge('cy', id);
    const report = await broadcasts.report(lead, id);
    expect(report).toMatchObject({
      kind: 'report',
      exportable: false,
      report: { countsOnly: true, total: 4, acknowledged: 1 },
    });
    const shown = JSON.stringify(report);
    for (const aad of ['ada', 'bo', 'cy', 'manager']) expect(shown).not.toContain(`"${aad}"`);
    expect(shown).not.toContain('person:');
    expect(await broadcasts.exportCsv(lead, id)).toEqual({ kind: 'countsOnly' });
    expect((await audit()).filter((line) => line.includes('export'))).toEqual([]);
  });

  it('exports ids and states for other audiences, audited; only for its sender, leads and admins', async () => {
    const { broadcasts, audit } = await trust();
    const sent = await broadcasts.send(manager, draft({ kind: 'units', unitIds: [WARD] }));
    if (sent.kind !== 'sent') throw new Error('not sent');
    const id = sent.broadcast.id;
    const exported = await broadcasts.exportCsv(manager, id);
    expect(exported).toMatchObject({ kind: 'csv' });
    expect(exported.kind === 'csv' && exported.csv.split('\r\n').slice(1, 3)).toEqual([
      'person,ada,pending,,false,false',
      'person,bo,pending,,false,false',
    ]);
    expect(await broadcasts.report(staff('ada'), id)).toEqual({ kind: 'notSender' });
    expect(await broadcasts.exportCsv(lead, id)).toMatchObject({ kind: 'csv' });
    expect(await audit()).toEqual([
      `lead broadcast.export ${id} done`,
      `ada broadcast.report ${id} refused`,
      `manager broadcast.export ${id} done`,
      `manager broadcast.send ${id} done`,
    ]);
  });
});

describe('listing', () => {
  it('shows people their own, leads and admins every one, newest first; a finished one reads "sent"', async () => {
    const { broadcasts, store, batch, move } = await trust();
    const first = await broadcasts.send(manager, draft({ kind: 'units', unitIds: [WARD] }));
    move('2026-11-23T10:00:00Z');
    const second = await broadcasts.schedule(lead, everyone, new Date('2026-11-24T09:00:00Z'));
    if (first.kind !== 'sent' || second.kind !== 'scheduled') throw new Error('not saved');
    const ids = (list: { id: string }[]) => list.map((b) => b.id);
    expect(ids(await broadcasts.list(lead))).toEqual([second.broadcast.id, first.broadcast.id]);
    expect(ids(await broadcasts.list(admin))).toEqual([second.broadcast.id, first.broadcast.id]);
    expect(ids(await broadcasts.list(manager))).toEqual([first.broadcast.id]);
    expect(await broadcasts.list(staff('ada'))).toEqual([]);

    const queued = await batch(first.broadcast.id);
    await store.updateDeliveries(queued.map((d) => ({ ...d, state: 'delivered' as const })));
    expect((await broadcasts.list(manager))[0]).toMatchObject({ state: 'sent' });
  });
});

describe('the estimate against a real run', () => {
  const workers: DeliveryWorker[] = [];
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.stop()));
  });

  it('is within 20% of the time the delivery worker takes', async () => {
    // 30 people on one ward, 10 with a chat: 10 + 20 × 2 = 50 requests at 10/s.
    const { build, store, batch } = await trust({ sendRate: 10, quietHours: 'off' });
    const crowd = Array.from({ length: 30 }, (_, i) => `p${String(i).padStart(2, '0')}`);
    await store.saveTeam(team(WARD9, crowd));
    for (const id of crowd) await store.savePerson(person(id));
    for (const id of crowd.slice(0, 10)) await store.saveConversation(chat(id));
    const broadcasts = build();
    const audience = draft({ kind: 'units', unitIds: [WARD9] });
    const preview = await broadcasts.preview(lead, audience);
    if (preview.kind !== 'preview') throw new Error('no preview');
    expect(preview.estimate).toMatchObject({ requests: 50, seconds: expect.closeTo(4.08, 6) });

    // Answers like a loopback connector: starting a chat is a request of its own, through the same gate.
    const sender: Sender = {
      async send(delivery, gate) {
        const aad = delivery.recipient.kind === 'person' ? delivery.recipient.aadObjectId : '';
        if (!(await store.personalConversation(aad))) await gate(async () => undefined);
        await gate(async () => undefined);
        return { ok: true, conversationId: `a:${aad}`, activityId: '1' };
      },
    };
    const worker = createDeliveryWorker({
      store,
      sender,
      log: createLogger('silent'),
      sendRate: 10,
      quietHours: 'off',
      timeZone: london,
      pollMs: 20,
    });
    workers.push(worker);
    await worker.start();
    const started = performance.now();
    const sent = await broadcasts.send(lead, audience);
    if (sent.kind !== 'sent') throw new Error('not sent');
    worker.wake();
    while (!(await batch(sent.broadcast.id)).every((d) => d.state === 'delivered'))
      await new Promise((resolve) => setTimeout(resolve, 10));
    const took = (performance.now() - started) / 1000;
    expect(Math.abs(took - preview.estimate.seconds) / took).toBeLessThanOrEqual(0.2);
  }, 20_000);
});
