// Logging, editing, deleting and listing patient input actions through the services, on the in-memory store.
import { describe, expect, it } from '@jest/globals';
import { setup, WARD } from '../support/checkin-trust.js';

const entry = {
  type: 'codesign-workshop',
  title: 'Discharge lounge redesign',
  date: '2026-11-20',
  principles: 'p3,p6',
  patients: '8',
  carers: '2',
  depth: 'co-design',
  whatWeHeard: 'The wait for medicines is the longest part.',
  noPatient: 'true',
};

describe('logging an action', () => {
  it('saves a checked entry for the person’s unit, audited by id only', async () => {
    const { services, store } = await setup();
    const outcome = await services.actions.log('ada', entry);
    if (outcome.kind !== 'saved') throw new Error(`expected saved, got ${outcome.kind}`);
    expect(outcome.action).toMatchObject({
      unitId: WARD,
      owner: 'ada',
      version: 1,
      title: 'Discharge lounge redesign',
      participants: { patients: 8, carers: 2, public: 0 },
      shareable: false,
    });
    expect(outcome.action.id).toMatch(/^2026-11-/);
    expect(await store.action(outcome.action.id)).toEqual(outcome.action);
    const audit = await store.auditEntries({ limit: 1 });
    expect(audit.map((e) => [e.actor, e.action, e.targets])).toEqual([
      ['ada', 'action.log', [outcome.action.id]],
    ]);
  });

  it('refuses an NHS number in any free-text field, naming the field, and saves nothing', async () => {
    const { services, store } = await setup();
    const outcome = await services.actions.log('ada', { ...entry, whatWeDid: 'Rang back 999 000 0018' });
    expect(outcome).toEqual({
      kind: 'guard',
      findings: [{ field: 'whatWeDid', blocked: ['nhsNumber'], warnings: [] }],
    });
    expect(await store.actionMonths()).toEqual([]);
  });

  it('asks to confirm a warning, then saves once confirmed', async () => {
    const { services } = await setup();
    const warned = { ...entry, whatWeHeard: 'Matron Jones opened the session' };
    expect(await services.actions.log('ada', warned)).toMatchObject({ kind: 'guard' });
    expect(await services.actions.log('ada', { ...warned, confirmWarnings: 'true' })).toMatchObject({
      kind: 'saved',
    });
  });

  it('comes back with every problem, and without the confirmation saves nothing', async () => {
    const { services, store } = await setup();
    const outcome = await services.actions.log('ada', { ...entry, title: '', noPatient: 'false' });
    expect(outcome).toEqual({
      kind: 'invalid',
      problems: [
        { field: 'title', problem: 'required' },
        { field: 'noPatient', problem: 'notConfirmed' },
      ],
    });
    expect(await store.actionMonths()).toEqual([]);
  });

  it('asks which unit when the person could log for several, and takes only one of those', async () => {
    const { services, store } = await setup();
    await store.saveUnit({
      id: 'trust',
      name: 'Northshire Hospitals',
      level: 'organisation',
      tracked: true,
      createdAt: '2026-11-01T00:00:00Z',
      createdBy: 'admin',
    });
    const asked = await services.actions.log('ada', entry);
    expect(asked.kind === 'chooseUnit' && asked.units.map((unit) => unit.id)).toEqual([WARD, 'trust']);
    expect(await services.actions.log('ada', entry, 'somewhere-else')).toMatchObject({ kind: 'chooseUnit' });
    expect(await services.actions.log('ada', entry, 'trust')).toMatchObject({
      kind: 'saved',
      action: { unitId: 'trust' },
    });
  });
});

describe('changing one’s own actions', () => {
  it('edits with a new version, clearing what was emptied; nobody else may', async () => {
    const { services, at } = await setup();
    const logged = await services.actions.log('ada', entry);
    if (logged.kind !== 'saved') throw new Error('not saved');
    at('2026-11-24T10:00:00Z');
    const edited = await services.actions.edit('ada', logged.action.id, {
      ...entry,
      title: 'Discharge lounge co-design',
      whatWeHeard: '',
      shareable: 'true',
    });
    expect(edited).toMatchObject({
      kind: 'saved',
      action: {
        version: 2,
        title: 'Discharge lounge co-design',
        shareable: true,
        createdAt: logged.action.createdAt,
      },
    });
    expect(edited.kind === 'saved' && 'whatWeHeard' in edited.action).toBe(false);
    expect(await services.actions.edit('bo', logged.action.id, entry)).toEqual({ kind: 'notYours' });
    expect(await services.actions.remove('bo', logged.action.id)).toEqual({ kind: 'notYours' });
  });

  it('deletes softly: gone from the list, kept in the store, and cannot be deleted or edited again', async () => {
    const { services, store } = await setup();
    const logged = await services.actions.log('ada', entry);
    if (logged.kind !== 'saved') throw new Error('not saved');
    expect(await services.actions.remove('ada', logged.action.id)).toMatchObject({ kind: 'deleted' });
    expect((await store.action(logged.action.id))?.deletedAt).toBe('2026-11-23T09:00:00.000Z');
    expect((await services.actions.mine('ada')).actions).toEqual([]);
    expect(await services.actions.remove('ada', logged.action.id)).toEqual({ kind: 'notFound' });
    expect(await services.actions.edit('ada', logged.action.id, entry)).toEqual({ kind: 'notFound' });
  });

  it('finds nothing for a made-up id rather than failing', async () => {
    const { services } = await setup();
    for (const id of ['../2026-11-x', '2026-13-x', '', 'x'.repeat(500)]) {
      expect(await services.actions.remove('ada', id)).toEqual({ kind: 'notFound' });
    }
  });
});

describe('my actions', () => {
  it('lists the person’s own, newest first, five at a time across months', async () => {
    const { services, at } = await setup('2026-10-05T09:00:00Z');
    const ids: string[] = [];
    for (let day = 0; day < 12; day += 1) {
      // Six in October, six in November.
      at(day < 6 ? `2026-10-${10 + day}T09:00:00Z` : `2026-11-${10 + day}T09:00:00Z`);
      const logged = await services.actions.log('ada', { ...entry, date: '2026-10-20' });
      if (logged.kind !== 'saved') throw new Error('not saved');
      ids.push(logged.action.id);
      await services.actions.log('bo', { ...entry, date: '2026-10-20' });
    }
    const newestFirst = [...ids].reverse();
    const first = await services.actions.mine('ada');
    expect(first.actions.map((a) => a.id)).toEqual(newestFirst.slice(0, 5));
    const second = await services.actions.mine('ada', first.next);
    expect(second.actions.map((a) => a.id)).toEqual(newestFirst.slice(5, 10));
    const third = await services.actions.mine('ada', second.next);
    expect(third).toEqual({ actions: expect.any(Array) });
    expect(third.actions.map((a) => a.id)).toEqual(newestFirst.slice(10));
  });
});

describe('details and follow-ups', () => {
  async function logged(extra: Record<string, unknown> = {}) {
    const trust = await setup();
    const outcome = await trust.services.actions.log('ada', { ...entry, ...extra });
    if (outcome.kind !== 'saved') throw new Error(`expected saved, got ${outcome.kind}`);
    return { ...trust, action: outcome.action };
  }

  it('adds details to one’s own action, guarding the free text, and keeps the rest', async () => {
    const { services, store, action } = await logged();
    const blocked = await services.actions.addDetails('ada', action.id, {
      changeStatus: 'notPossible',
      changeReason: 'Call 07700 900123 for why',
    });
    expect(blocked).toEqual({
      kind: 'guard',
      findings: [{ field: 'changeReason', blocked: ['phone'], warnings: [] }],
    });
    const saved = await services.actions.addDetails('ada', action.id, {
      tags: 'transition',
      monitoring: 'selfReported',
      core20plus: '4',
      changeStatus: 'agreed',
    });
    expect(saved).toMatchObject({
      kind: 'saved',
      action: {
        version: 2,
        title: action.title,
        details: { tags: ['transition'], change: { status: 'agreed' }, reach: { core20plus: 4 } },
      },
    });
    expect((await store.action(action.id))?.details?.tags).toEqual(['transition']);
    expect(await services.actions.addDetails('bo', action.id, { tags: 'x' })).toEqual({ kind: 'notYours' });
    expect(
      await services.actions.addDetails('ada', action.id, { monitoring: 'estimated', core20plus: '11' }),
    ).toEqual({
      kind: 'invalid',
      problems: [{ field: 'core20plus', problem: 'overParticipants' }],
    });
  });

  it('asks the owner once on the follow-up date, and again after "remind me in 2 weeks"', async () => {
    const { services, store, batch, at, action } = await logged({ followUpOn: '2026-11-25' });
    expect(await services.actions.followUpsDue()).toBe(0); // 23 November: not yet
    at('2026-11-25T10:00:00Z');
    expect(await services.actions.followUpsDue()).toBe(1);
    expect(await services.actions.followUpsDue()).toBe(0);
    const asked = await batch('followups:2026-11');
    expect(asked.map((d) => [d.kind, d.recipient, d.content])).toEqual([
      [
        'reminder',
        { kind: 'person', aadObjectId: 'ada' },
        { card: 'actionFollowUp', data: { actionId: action.id } },
      ],
    ]);
    expect(await services.actions.followUpAnswer('ada', action.id, { kind: 'later' })).toMatchObject({
      kind: 'saved',
      action: { followUpOn: '2026-12-09' },
    });
    at('2026-12-09T10:00:00Z');
    expect(await services.actions.followUpsDue()).toBe(1);
    expect(await batch('followups:2026-12')).toHaveLength(1);
    expect((await store.action(action.id))?.followUpAskedFor).toBe('2026-12-09');
  });

  it('stops asking once participants were told, or it could not be done (with a guarded reason)', async () => {
    const { services, store, at, action } = await logged({ followUpOn: '2026-11-25' });
    at('2026-11-26T10:00:00Z');
    expect(await services.actions.followUpAnswer('ada', action.id, { kind: 'told' })).toMatchObject({
      kind: 'saved',
      action: { details: { feedback: { givenOn: '2026-11-26' } } },
    });
    expect(await services.actions.followUpsDue()).toBe(0);

    const other = await services.actions.log('ada', { ...entry, followUpOn: '2026-11-27' });
    if (other.kind !== 'saved') throw new Error('not saved');
    const id = other.action.id;
    expect(await services.actions.followUpAnswer('ada', id, { kind: 'notPossible', reason: '' })).toEqual({
      kind: 'invalid',
      problems: [{ field: 'reason', problem: 'required' }],
    });
    expect(
      await services.actions.followUpAnswer('ada', id, {
        kind: 'notPossible',
        reason: 'Ask sam@example.test',
      }),
    ).toMatchObject({ kind: 'guard' });
    expect(
      await services.actions.followUpAnswer('ada', id, {
        kind: 'notPossible',
        reason: 'The survey was anonymous',
      }),
    ).toMatchObject({ kind: 'saved' });
    at('2026-11-28T10:00:00Z');
    expect(await services.actions.followUpsDue()).toBe(0);
    expect((await store.action(id))?.details?.feedbackNotPossible).toBe('The survey was anonymous');
    expect(await services.actions.followUpAnswer('bo', id, { kind: 'told' })).toEqual({ kind: 'notYours' });
  });

  it('lists the units’ recent actions for those who may see them, newest first', async () => {
    const { services, action } = await logged();
    const second = await services.actions.log('bo', { ...entry, title: 'Second' });
    if (second.kind !== 'saved') throw new Error('not saved');
    expect((await services.actions.ofUnits([WARD])).actions.map((a) => a.id)).toEqual([
      second.action.id,
      action.id,
    ]);
    expect((await services.actions.ofUnits(['elsewhere'])).actions).toEqual([]);
  });
});

describe('computed measures from the action log', () => {
  it('works out the unit’s computed measures from its own actions only', async () => {
    const { services, at } = await setup('2026-11-02T09:00:00Z');
    await services.actions.log('ada', { ...entry, date: '2026-11-02' });
    at('2026-11-10T09:00:00Z');
    const tagged = await services.actions.log('ada', { ...entry, date: '2026-11-10' });
    if (tagged.kind !== 'saved') throw new Error('not saved');
    await services.actions.addDetails('ada', tagged.action.id, {
      tags: 'transition',
      monitoring: 'selfReported',
      core20plus: '5',
    });
    const values = await services.actions.computedMeasures(WARD, '2026-11-12');
    expect(values).toEqual({
      'p4-core20plus-reach': { scale: 'percent', numerator: 5, denominator: 10 },
      'p5-activities': { scale: 'count', count: 1 },
      'p6-transition-input': { scale: 'count', count: 1 },
    });
    expect(await services.actions.computedMeasures('elsewhere', '2026-11-12')).toEqual({
      'p5-activities': { scale: 'count', count: 0 },
      'p6-transition-input': { scale: 'count', count: 0 },
    });
  });
});
