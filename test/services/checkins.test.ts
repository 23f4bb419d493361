// Weekly check-ins through the services, on the in-memory store with a clock the test moves.
import { describe, expect, it } from '@jest/globals';
import { CLEAN, setup, WARD } from '../support/checkin-trust.js';

describe('opening a cycle', () => {
  it('opens on Monday at 09:00 for staff in their primary unit, and asks owners for the measures due', async () => {
    const { services, batch, recipients } = await setup();
    const cycle = await services.checkinCycles.openDue();
    expect(cycle).toMatchObject({
      id: '2026-W48',
      openingDay: '2026-11-23',
      opensAt: '2026-11-23T09:00:00.000Z',
      nudgeAt: '2026-11-25T12:00:00.000Z',
      closesAt: '2026-11-29T23:59:00.000Z',
      openedBy: 'schedule',
    });
    // Guests, other tenants, people who stopped and leavers are not asked.
    expect(Object.keys(cycle!.expected).sort()).toEqual(['ada', 'bo', 'manager']);
    const unitMeasures = cycle!.measures[WARD]!;
    expect(unitMeasures.owners).toEqual(['manager']);
    expect(unitMeasures.measureIds).toContain('p1-papers-parity');
    expect(unitMeasures.measureIds).not.toContain('p5-activities'); // computed, never asked
    // With no organisation unit defined, the leads answer the organisation's measures.
    expect(cycle!.measures.organisation?.owners).toEqual(['lead']);
    expect(cycle!.measures.organisation?.measureIds).toContain('p1-partner-seats');
    const queued = await batch('checkins:2026-W48');
    expect(recipients(queued.filter((d) => d.content.card === 'pulse'))).toEqual(['ada', 'bo', 'manager']);
    expect(recipients(queued.filter((d) => d.content.card === 'measures'))).toEqual(['lead', 'manager']);
    expect(queued.every((d) => d.respectsQuietHours && d.kind === 'checkin')).toBe(true);
  });

  it('opens a cycle once, however often it is asked', async () => {
    const { services, batch } = await setup();
    await services.checkinCycles.openDue();
    expect(await services.checkinCycles.openDue()).toBeUndefined();
    expect(await batch('checkins:2026-W48')).toHaveLength(5);
  });

  it('waits for the opening time, and never opens a week that has already closed', async () => {
    const { services, at } = await setup('2026-11-23T08:59:00Z');
    expect(await services.checkinCycles.openDue()).toBeUndefined();
    at('2026-11-29T23:59:30Z');
    expect(await services.checkinCycles.openDue()).toBeUndefined();
    at('2026-11-27T10:00:00Z'); // the bot was down on Monday: caught up later in the week
    expect((await services.checkinCycles.openDue())?.id).toBe('2026-W48');
  });

  it.each([
    ['Easter Monday 2026', '2026-04-06T08:00:00Z', '2026-04-07T08:00:00Z', '2026-04-07', '2026-W15'],
    ['Monday 28 December 2026', '2026-12-28T09:00:00Z', '2026-12-29T09:00:00Z', '2026-12-29', '2026-W53'],
  ])('on a bank holiday (%s) opens on the next working day', async (_name, holiday, nextDay, day, id) => {
    const { services, at } = await setup(holiday);
    expect(await services.checkinCycles.openDue()).toBeUndefined();
    at(nextDay);
    expect(await services.checkinCycles.openDue()).toMatchObject({
      id,
      openingDay: day,
      opensAt: new Date(nextDay).toISOString(),
    });
  });

  it.each([
    ['the week after the March 2026 change', '2026-03-30T08:00:00Z', '2026-04-05T22:59:00.000Z'],
    ['the week after the October 2026 change', '2026-10-26T09:00:00Z', '2026-11-01T23:59:00.000Z'],
    ['the week of the March 2027 change', '2027-03-22T09:00:00Z', '2027-03-28T22:59:00.000Z'],
    ['the week of the October 2027 change', '2027-10-25T08:00:00Z', '2027-10-31T23:59:00.000Z'],
  ])('keeps 09:00 and 23:59 local across clock changes: %s', async (_name, opens, closes) => {
    const { services, at } = await setup(opens);
    at(new Date(Date.parse(opens) - 60_000).toISOString());
    expect(await services.checkinCycles.openDue()).toBeUndefined();
    at(opens);
    expect(await services.checkinCycles.openDue()).toMatchObject({
      opensAt: new Date(opens).toISOString(),
      closesAt: closes,
    });
  });

  it('finishes queueing after a crash between opening and queueing, without sending anything twice', async () => {
    let failOnce = true;
    const { services, batch, store } = await setup('2026-11-23T09:00:00Z', (store) => ({
      ...store,
      enqueueDeliveries: async (items) => {
        if (failOnce) {
          failOnce = false;
          throw new Error('disk full');
        }
        return store.enqueueDeliveries(items);
      },
    }));
    await expect(services.checkinCycles.openDue()).rejects.toThrow('disk full');
    expect((await store.cycle('2026-W48'))?.promptsQueuedAt).toBeUndefined();
    await services.checkinCycles.openDue();
    await services.checkinCycles.openDue();
    expect(await batch('checkins:2026-W48')).toHaveLength(5);
    expect((await store.cycle('2026-W48'))?.promptsQueuedAt).toBeDefined();
  });

  it('lets a lead send check-ins now, once, and audits it', async () => {
    const { services, store, at } = await setup('2026-11-24T14:00:00Z');
    const first = await services.checkinCycles.openNow('lead');
    expect(first).toMatchObject({
      kind: 'opened',
      cycle: { id: '2026-W48', openedBy: 'lead', opensAt: '2026-11-24T14:00:00.000Z' },
    });
    at('2026-11-24T14:05:00Z');
    expect((await services.checkinCycles.openNow('lead')).kind).toBe('alreadyOpen');
    expect(await services.checkinCycles.openDue()).toBeUndefined();
    const audit = await store.auditEntries({ limit: 10 });
    expect(audit.map((e) => [e.actor, e.action, e.targets])).toEqual([
      ['lead', 'checkins.open', ['2026-W48']],
    ]);
  });
});

describe('answering the pulse', () => {
  async function openCycle() {
    const context = await setup();
    await context.services.checkinCycles.openDue();
    return context;
  }

  it('saves a complete pulse with a version, and a change as the next version', async () => {
    const { services, store } = await openCycle();
    const first = await services.checkins.submitPulse('ada', {
      cycleId: '2026-W48',
      inputs: { ...CLEAN, comment: 'Good week' },
    });
    expect(first).toMatchObject({
      kind: 'saved',
      answer: { version: 1, comment: 'Good week', unitId: WARD },
    });
    const second = await services.checkins.submitPulse('ada', {
      cycleId: '2026-W48',
      inputs: { ...CLEAN, p1: 'no' },
    });
    expect(second).toMatchObject({ kind: 'saved', answer: { version: 2, choices: { p1: 'no' } } });
    expect((await store.unitCheckins('2026-W48', WARD)).pulses.ada?.version).toBe(2);
  });

  it('names what is missing and saves nothing', async () => {
    const { services, store } = await openCycle();
    const outcome = await services.checkins.submitPulse('ada', {
      cycleId: '2026-W48',
      inputs: { p1: 'yes', p2: 'maybe' },
    });
    expect(outcome.kind).toBe('invalid');
    expect(outcome.kind === 'invalid' && outcome.problems.map((p) => `${p.field}:${p.problem}`)).toEqual(
      expect.arrayContaining(['p2:invalidChoice', 'p3:required', 'p6:required']),
    );
    expect((await store.unitCheckins('2026-W48', WARD)).pulses).toEqual({});
  });

  it('refuses a comment with an NHS number, and asks to confirm one that looks like a name', async () => {
    const { services, store } = await openCycle();
    const blocked = await services.checkins.submitPulse('ada', {
      cycleId: '2026-W48',
      inputs: { ...CLEAN, comment: 'Followed up 943 476 5919 today' },
    });
    expect(blocked).toEqual({ kind: 'guard', guard: { blocked: ['nhsNumber'], warnings: [] } });
    const warned = await services.checkins.submitPulse('ada', {
      cycleId: '2026-W48',
      inputs: { ...CLEAN, comment: 'Mrs Smith gave great feedback' },
    });
    expect(warned).toMatchObject({ kind: 'guard', guard: { warnings: ['titleAndName'] } });
    expect((await store.unitCheckins('2026-W48', WARD)).pulses).toEqual({});
    const confirmed = await services.checkins.submitPulse('ada', {
      cycleId: '2026-W48',
      inputs: { ...CLEAN, comment: 'Mrs Smith gave great feedback', confirmNoPatient: 'true' },
    });
    expect(confirmed.kind).toBe('saved');
  });

  it('lands two people submitting at once', async () => {
    const { services, store } = await openCycle();
    await Promise.all(
      ['ada', 'bo', 'manager'].map((who) =>
        services.checkins.submitPulse(who, { cycleId: '2026-W48', inputs: CLEAN }),
      ),
    );
    expect(Object.keys((await store.unitCheckins('2026-W48', WARD)).pulses).sort()).toEqual([
      'ada',
      'bo',
      'manager',
    ]);
  });

  it('refuses someone not expected this cycle, such as a joiner', async () => {
    const { services } = await openCycle();
    expect(await services.checkins.submitPulse('newcomer', { cycleId: '2026-W48', inputs: CLEAN })).toEqual({
      kind: 'notExpected',
    });
  });

  it('brings the person’s other copies of the card up to date, not the one they pressed', async () => {
    const { services, batch } = await openCycle();
    const copy = (activityId: string) => ({
      aadObjectId: 'ada',
      card: 'pulse',
      conversationId: 'a:ada',
      activityId,
    });
    await services.checkins.rememberCopy('2026-W48', WARD, copy('m1'));
    await services.checkins.rememberCopy('2026-W48', WARD, copy('m2'));
    await services.checkins.rememberCopy('2026-W48', WARD, { ...copy('m3'), aadObjectId: 'bo' });
    await services.checkins.submitPulse('ada', {
      cycleId: '2026-W48',
      inputs: CLEAN,
      landed: { conversationId: 'a:ada', activityId: 'm2' },
    });
    const updates = await batch('updates:2026-W48');
    expect(updates.map((d) => [d.kind, d.replaces?.activityId, d.content.card])).toEqual([
      ['cardUpdate', 'm1', 'checkinCopy'],
    ]);
  });

  it('saves where the pressed card landed with the pulse, so its receipt is kept up to date later', async () => {
    const { services, store } = await openCycle();
    await services.checkins.submitPulse('ada', {
      cycleId: '2026-W48',
      inputs: CLEAN,
      landed: { conversationId: 'a:ada', activityId: 'm4' },
    });
    expect(await store.copiesOf('2026-W48', WARD, 'ada')).toEqual([
      { aadObjectId: 'ada', card: 'pulse', conversationId: 'a:ada', activityId: 'm4' },
    ]);
  });

  it('answers a late submit with the closing date, and closes the cycle with its cards brought up to date', async () => {
    const { services, store, batch, at } = await openCycle();
    await services.checkins.rememberCopy('2026-W48', WARD, {
      aadObjectId: 'bo',
      card: 'pulse',
      conversationId: 'a:bo',
      activityId: 'm9',
    });
    at('2026-11-29T23:59:00Z');
    const late = await services.checkins.submitPulse('ada', { cycleId: '2026-W48', inputs: CLEAN });
    expect(late.kind).toBe('closed');
    const closed = await services.checkinCycles.closeDue();
    expect(closed?.closedAt).toBe('2026-11-29T23:59:00.000Z');
    expect(await services.checkinCycles.closeDue()).toBeUndefined();
    expect((await batch('closed:2026-W48')).map((d) => d.replaces?.activityId)).toEqual(['m9']);
    expect((await store.cycle('2026-W48'))?.closedAt).toBeDefined();
  });
});

describe('the nudge', () => {
  it('goes once, on Wednesday, to people and owners who have not answered and are not away', async () => {
    const { services, store, batch, recipients, at } = await setup();
    await services.checkinCycles.openDue();
    await services.checkins.submitPulse('ada', { cycleId: '2026-W48', inputs: CLEAN });
    await services.preferences.awayUntil('bo', '2026-12-07');
    at('2026-11-25T11:00:00Z');
    expect(await services.checkinCycles.nudgeDue()).toBe(0);
    at('2026-11-25T12:00:00Z');
    await services.checkinCycles.nudgeDue();
    const nudges = await batch('nudges:2026-W48');
    expect(recipients(nudges.filter((d) => d.content.card === 'pulse'))).toEqual(['manager']);
    expect(recipients(nudges.filter((d) => d.content.card === 'measures'))).toEqual(['lead', 'manager']);
    expect(nudges.every((d) => d.kind === 'nudge')).toBe(true);
    expect(await services.checkinCycles.nudgeDue()).toBe(0);
    expect((await store.cycle('2026-W48'))?.nudgedAt).toBe('2026-11-25T12:00:00.000Z');
  });
});

describe('measures', () => {
  it('saves a page for its owner, refuses others, and asks again only when due', async () => {
    const { services, store, at } = await setup();
    const cycle = (await services.checkinCycles.openDue())!;
    const page = await services.checkins.measurePage('manager', cycle.id, WARD);
    if (!('principle' in page)) throw new Error('expected a page');
    expect(page.principle).toBe('p1');
    expect(page.measures.map((m) => m.id)).toEqual(['p1-papers-parity']);
    expect(await services.checkins.measurePage('ada', cycle.id, WARD)).toEqual({ kind: 'notAnOwner' });
    const refused = await services.checkins.submitMeasures('ada', {
      cycleId: cycle.id,
      unitId: WARD,
      principle: 'p1',
      inputs: { 'p1-papers-parity': 'yes' },
    });
    expect(refused).toEqual({ kind: 'notAnOwner' });
    const saved = await services.checkins.submitMeasures('manager', {
      cycleId: cycle.id,
      unitId: WARD,
      principle: 'p1',
      inputs: { 'p1-papers-parity': 'yes' },
    });
    expect(saved).toMatchObject({ kind: 'saved', page: { answered: true } });
    expect((await store.latestMeasureAnswers(WARD))['p1-papers-parity']?.value).toEqual({
      scale: 'yesNo',
      answer: 'yes',
    });

    // The next page opened is the first with something left to answer.
    const next = await services.checkins.measurePage('manager', cycle.id, WARD);
    expect('principle' in next && next.principle).toBe('p2');

    // p2-ais-needs is monthly: answered in November, not due again in the cycle opening 30 November; due in December.
    await services.checkins.submitMeasures('manager', {
      cycleId: cycle.id,
      unitId: WARD,
      principle: 'p2',
      inputs: {
        'p2-ais-needs.numerator': '8',
        'p2-ais-needs.denominator': '10',
        'p2-write-to-patient.numerator': '3',
        'p2-write-to-patient.denominator': '4',
      },
    });
    at('2026-11-30T09:00:00Z');
    const w49 = (await services.checkinCycles.openDue())!;
    expect(w49.measures[WARD]!.measureIds).toContain('p1-papers-parity'); // weekly
    expect(w49.measures[WARD]!.measureIds).not.toContain('p2-ais-needs');
    at('2026-12-07T09:00:00Z');
    expect((await services.checkinCycles.openDue())!.measures[WARD]!.measureIds).toContain('p2-ais-needs');
  });

  it('comes back with the problems and saves nothing when a value is wrong', async () => {
    const { services, store } = await setup();
    const cycle = (await services.checkinCycles.openDue())!;
    const outcome = await services.checkins.submitMeasures('manager', {
      cycleId: cycle.id,
      unitId: WARD,
      principle: 'p2',
      inputs: {
        'p2-ais-needs.numerator': '11',
        'p2-ais-needs.denominator': '10',
        'p2-write-to-patient.numerator': '-1',
        'p2-write-to-patient.denominator': '4',
      },
    });
    expect(outcome.kind).toBe('invalid');
    expect(outcome.kind === 'invalid' && outcome.problems.map((p) => p.problem).sort()).toEqual([
      'negative',
      'numeratorOverDenominator',
    ]);
    expect(await store.latestMeasureAnswers(WARD)).toEqual({});
  });
});
