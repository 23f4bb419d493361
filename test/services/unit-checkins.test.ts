// A unit's own check-in choices (its principles, the owner of its measures and a deputy), and what happens
// when an owner leaves or stops check-ins: through the services, on the in-memory store.
import { describe, expect, it } from '@jest/globals';
import type { InboundFacts, TeamsDirectory } from '../../src/services/roster.js';
import { CLEAN, setup, TENANT, WARD } from '../support/checkin-trust.js';

const silentDirectory = (members?: string[]): TeamsDirectory => ({
  member: async () => undefined,
  channels: async () => [],
  allMembers: async () =>
    members?.map((id) => ({
      aadObjectId: id,
      teamsUserId: `29:${id}`,
      name: id,
      tenantId: TENANT,
      guest: false,
    })),
});

const leftTeam = (ids: string[]): InboundFacts => ({
  tenantId: TENANT,
  scope: 'channel',
  conversationId: WARD,
  serviceUrl: 'https://smba.example.test/',
  botId: 'bot',
  team: { id: WARD },
  membersRemoved: ids.map((id) => ({ aadObjectId: id, teamsUserId: `29:${id}` })),
});

describe("a unit's check-in choices", () => {
  it('narrows the pulse and the measures to the chosen principles, and asks the owner alone', async () => {
    const { services, store, batch, recipients } = await setup();
    const saved = await services.units.saveCheckinSetup('manager', WARD, {
      principles: ['p1', 'p3'],
      owner: 'ada',
      deputy: 'bo',
    });
    expect(saved).toMatchObject({ kind: 'saved', setup: { principles: ['p1', 'p3'], owner: 'ada' } });
    const audit = await store.auditEntries({ limit: 5 });
    expect(audit.map((entry) => [entry.actor, entry.action, entry.targets])).toContainEqual([
      'manager',
      'unit.checkins',
      [WARD],
    ]);

    const cycle = (await services.checkinCycles.openDue())!;
    expect(cycle.principles).toEqual({ [WARD]: ['p1', 'p3'] });
    expect(cycle.measures[WARD]!.owners).toEqual(['ada']);
    expect(cycle.measures[WARD]!.measureIds.length).toBeGreaterThan(0);
    expect(cycle.measures[WARD]!.measureIds.every((id) => /^p[13]-/.test(id))).toBe(true);
    const queued = await batch(`checkins:${cycle.id}`);
    expect(recipients(queued.filter((d) => d.content.card === 'measures'))).toEqual(['ada', 'lead']);

    const pulse = await services.checkins.pulseFor('bo');
    expect(pulse).toMatchObject({ kind: 'pulse', principles: ['p1', 'p3'] });
    const answered = await services.checkins.submitPulse('bo', {
      cycleId: cycle.id,
      inputs: { p1: 'yes', p3: 'no' },
    });
    expect(answered.kind === 'saved' && answered.answer.choices).toEqual({ p1: 'yes', p3: 'no' });
  });

  it('keeps all six principles and the managers answering until a manager chooses', async () => {
    const { services } = await setup();
    const cycle = (await services.checkinCycles.openDue())!;
    expect(cycle.principles).toBeUndefined();
    expect(cycle.measures[WARD]!.owners).toEqual(['manager']);
    const six = await services.checkins.submitPulse('ada', { cycleId: cycle.id, inputs: { p1: 'yes' } });
    expect(six.kind === 'invalid' && six.problems.map((p) => p.field)).toEqual([
      'p2',
      'p3',
      'p4',
      'p5',
      'p6',
    ]);
  });

  it('asks the deputy when the owner is away, and the managers when neither can answer', async () => {
    const { services, at } = await setup('2026-11-20T09:00:00Z');
    await services.units.saveCheckinSetup('manager', WARD, {
      principles: ['p1'],
      owner: 'ada',
      deputy: 'bo',
    });
    await services.preferences.awayUntil('ada', '2026-11-30');
    at('2026-11-23T09:00:00Z');
    expect((await services.checkinCycles.openDue())!.measures[WARD]!.owners).toEqual(['bo']);

    await services.preferences.stop('bo');
    await services.roster.record(leftTeam(['ada']), silentDirectory());
    at('2026-11-30T09:00:00Z');
    expect((await services.checkinCycles.openDue())!.measures[WARD]!.owners).toEqual(['manager']);
  });

  it('refuses an owner from outside the unit, the same person as deputy, and no principles', async () => {
    const { services, store } = await setup();
    for (const [chosen, problem] of [
      [{ principles: ['p1'], owner: 'guest' }, 'notACandidate'],
      [{ principles: ['p1'], owner: 'leaver' }, 'notACandidate'],
      [{ principles: ['p1'], owner: 'ada', deputy: 'ada' }, 'sameDeputy'],
      [{ principles: [] }, 'noPrinciples'],
    ] as const) {
      const outcome = await services.units.saveCheckinSetup('manager', WARD, {
        ...chosen,
        principles: [...chosen.principles],
      });
      expect(outcome).toMatchObject({ kind: 'problem', problem });
    }
    expect((await store.unit(WARD))!.checkins).toBeUndefined();
    expect(await services.units.saveCheckinSetup('manager', 'nowhere', { principles: ['p1'] })).toEqual({
      kind: 'unknownUnit',
    });
  });

  it('offers the unit’s current staff and its managers as owners, never guests or leavers', async () => {
    const { services } = await setup();
    const setupCard = await services.units.checkinSetup(WARD);
    expect(setupCard!.candidates.map((p) => p.aadObjectId).sort()).toEqual([
      'ada',
      'bo',
      'manager',
      'stopper',
    ]);
    expect(setupCard!.principles).toEqual(['p1', 'p2', 'p3', 'p4', 'p5', 'p6']);
  });
});

describe('when an owner leaves or stops check-ins', () => {
  it('closes a leaver’s open cards for the unit and asks its managers to choose a new owner', async () => {
    const { services, batch } = await setup();
    await services.units.saveCheckinSetup('manager', WARD, { principles: ['p1', 'p2'], owner: 'ada' });
    const cycle = (await services.checkinCycles.openDue())!;
    const copy = (card: string, activityId: string, who = 'ada') =>
      services.checkins.rememberCopy(cycle.id, WARD, {
        aadObjectId: who,
        card,
        conversationId: `a:${who}`,
        activityId,
      });
    await copy('pulse', 'm1');
    await copy(`measures:${WARD}`, 'm2');
    await copy('pulse', 'm3', 'bo');
    await services.checkins.submitPulse('bo', { cycleId: cycle.id, inputs: { p1: 'yes', p2: 'no' } });

    await services.roster.record(leftTeam(['ada', 'bo']), silentDirectory());

    const closed = await batch(`left:${cycle.id}`);
    // Bo answered, so Bo's receipt stays as it is.
    expect(closed.map((d) => [d.kind, d.replaces?.activityId, d.content.data])).toEqual([
      ['cardUpdate', 'm1', { cycleId: cycle.id, unitId: WARD, card: 'pulse', left: true }],
      ['cardUpdate', 'm2', { cycleId: cycle.id, unitId: WARD, card: `measures:${WARD}`, left: true }],
    ]);
    const asked = await batch('owners:2026-11-23');
    expect(asked.map((d) => [d.kind, d.recipient, d.content])).toEqual([
      [
        'notice',
        { kind: 'person', aadObjectId: 'manager' },
        { card: 'ownerGone', data: { unitId: WARD, aadObjectId: 'ada', role: 'owner', reason: 'left' } },
      ],
    ]);
  });

  it('finds leavers in the daily member sync too', async () => {
    const { services, batch } = await setup();
    await services.units.saveCheckinSetup('manager', WARD, { principles: ['p1'], deputy: 'bo' });
    await services.roster.syncMembers(WARD, silentDirectory(['ada', 'manager']));
    const asked = await batch('owners:2026-11-23');
    expect(asked.map((d) => d.content.data)).toEqual([
      { unitId: WARD, aadObjectId: 'bo', role: 'deputy', reason: 'left' },
    ]);
  });

  it('asks the managers once when the owner stops check-ins, and the leads when the unit has no manager', async () => {
    const { services, store, batch } = await setup();
    await services.units.saveCheckinSetup('manager', WARD, { principles: ['p1'], owner: 'ada' });
    expect(await services.ownerChanges.stopped('ada')).toBe(1);
    expect(await services.ownerChanges.stopped('ada')).toBe(1);
    expect(await batch('owners:2026-11-23')).toHaveLength(1);
    expect(await services.ownerChanges.stopped('bo')).toBe(0);

    await store.saveRoles('manager', { admin: false, lead: false, managerOf: [] });
    await services.ownerChanges.stopped('ada');
    const recipients = (await batch('owners:2026-11-23')).map((d) => d.recipient);
    expect(recipients).toContainEqual({ kind: 'person', aadObjectId: 'lead' });
  });

  it('leaves answered cards and other units alone, and does nothing for an untracked team', async () => {
    const { services, store, batch } = await setup();
    const cycle = (await services.checkinCycles.openDue())!;
    await services.checkins.submitPulse('ada', { cycleId: cycle.id, inputs: CLEAN });
    await services.checkins.rememberCopy(cycle.id, WARD, {
      aadObjectId: 'ada',
      card: 'pulse',
      conversationId: 'a:ada',
      activityId: 'm1',
    });
    await services.roster.record(leftTeam(['ada']), silentDirectory());
    expect(await batch(`left:${cycle.id}`)).toEqual([]);

    await store.saveUnit({
      ...(await store.unit(WARD))!,
      tracked: false,
      checkins: { principles: ['p1'], owner: 'bo' },
    });
    await services.roster.record(leftTeam(['bo']), silentDirectory());
    expect(await batch('owners:2026-11-23')).toEqual([]);
  });
});
