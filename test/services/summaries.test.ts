// Weekly summaries through the services: the numbers behind a unit's digest, read from the store, and
// posting each closed cycle's summaries and digests once.
import { describe, expect, it } from '@jest/globals';
import { CLEAN, person, setup, ward, WARD } from '../support/checkin-trust.js';

const STAFF = ['ada', 'bo', 'cy', 'di', 'ed', 'fay'];

/** The trust with six staff on Ward 7 (enough to clear the threshold of 5), and a cycle opened. */
async function withCycle() {
  const trust = await setup();
  await trust.store.saveTeam(ward([...STAFF, 'manager']));
  for (const id of STAFF.slice(2)) await trust.store.savePerson(person(id));
  const cycle = (await trust.services.checkinCycles.openDue())!;
  return { ...trust, cycle };
}

describe('a unit’s digest', () => {
  it('shows the pulse once enough people answered, with the response rate, and names owners to managers only', async () => {
    const { services, cycle, at } = await withCycle();
    for (const id of STAFF.slice(0, 5))
      await services.checkins.submitPulse(id, { cycleId: cycle.id, inputs: CLEAN });
    at('2026-11-30T08:00:00Z');
    const manager = (await services.summaries.digestOf(WARD, cycle.id, 'manager'))!;
    expect(manager.digest.responseRate).toEqual({ answered: 5, expected: 7, percent: 71 });
    const p1 = manager.digest.principles.find((tile) => tile.principle === 'p1')!;
    expect(p1.pulse).toMatchObject({ shown: true, yes: 5, applied: 5, percent: 100 });
    expect(manager.digest.noUpdate.some((line) => line.owner === 'manager')).toBe(true);

    const channel = (await services.summaries.digestOf(WARD, cycle.id, 'channel'))!;
    expect(channel.digest.noUpdate.length).toBeGreaterThan(0);
    expect(channel.digest.noUpdate.every((line) => line.owner === undefined)).toBe(true);
    expect(JSON.stringify(channel.digest)).not.toContain('manager');
  });

  it('hides the pulse when fewer than five answered', async () => {
    const { services, cycle } = await withCycle();
    for (const id of STAFF.slice(0, 4))
      await services.checkins.submitPulse(id, { cycleId: cycle.id, inputs: CLEAN });
    const { digest } = (await services.summaries.digestOf(WARD, cycle.id, 'manager'))!;
    expect(digest.principles.every((tile) => !tile.pulse.shown)).toBe(true);
    expect(digest.responseRate).toMatchObject({ answered: 4, expected: 7 });
  });

  it('counts the week’s actions of the unit', async () => {
    const { services, cycle } = await withCycle();
    const logged = await services.actions.log('ada', {
      type: 'focus-group',
      title: 'Discharge letters',
      date: '2026-11-23',
      principles: 'p2',
      patients: '9',
      depth: 'involve',
      noPatient: 'true',
    });
    expect(logged.kind).toBe('saved');
    const { digest } = (await services.summaries.digestOf(WARD, cycle.id, 'channel'))!;
    expect(digest.actions).toMatchObject({ count: 1, participants: 9 });
    expect(await services.summaries.digestOf('nowhere', cycle.id, 'channel')).toBeUndefined();
  });
});

describe('posting summaries', () => {
  it('posts the closed cycle’s summary to the unit’s channel and digests to its managers, once', async () => {
    const { services, store, batch, cycle, at } = await withCycle();
    expect(await services.summaries.postHere('manager', WARD, '19:general')).toMatchObject({
      summaryChannelId: '19:general',
    });
    expect(await services.summaries.postDue()).toEqual({ kind: 'noClosedCycle' });
    at('2026-11-30T08:00:00Z');
    expect(await services.summaries.postDue()).toMatchObject({ kind: 'posted', summaries: 1, digests: 1 });
    expect(await services.summaries.postDue()).toMatchObject({ kind: 'posted' });
    const summaries = await batch(`summaries:${cycle.id}`);
    expect(summaries.map((d) => [d.kind, d.recipient, d.content, d.respectsQuietHours])).toEqual([
      [
        'summary',
        { kind: 'conversation', conversationId: '19:general' },
        { card: 'summary', data: { unitId: WARD, cycleId: cycle.id } },
        false,
      ],
    ]);
    expect((await batch(`digests:${cycle.id}`)).map((d) => d.recipient)).toEqual([
      { kind: 'person', aadObjectId: 'manager' },
    ]);
    expect(await services.summaries.postNow('lead')).toMatchObject({ kind: 'alreadyPosted' });
    const audit = (await store.auditEntries({ limit: 5 })).map((entry) => entry.action);
    expect(audit).toContain('summaries.here');
    expect(audit).not.toContain('summaries.now');
  });

  it('posts by hand once a cycle, and stops posting to a channel on request', async () => {
    const { services, store, batch, cycle, at } = await withCycle();
    await services.summaries.postHere('manager', WARD, '19:general');
    expect(await services.summaries.stopHere('manager', WARD, '19:other')).toBe(false);
    expect(await services.summaries.stopHere('manager', WARD, '19:general')).toBe(true);
    expect((await store.unit(WARD))!.summaryChannelId).toBeUndefined();
    at('2026-11-30T08:00:00Z');
    expect(await services.summaries.postNow('lead')).toMatchObject({
      kind: 'posted',
      summaries: 0,
      digests: 1,
    });
    expect(await services.summaries.postNow('lead')).toMatchObject({ kind: 'alreadyPosted' });
    expect(await batch(`summaries:${cycle.id}`)).toEqual([]);
    expect((await store.auditEntries({ limit: 1 })).map((e) => [e.actor, e.action, e.targets])).toEqual([
      ['lead', 'summaries.now', [cycle.id]],
    ]);
  });
});
