// Weekly summaries through the services: the numbers behind a unit's digest and the organisation digest, read
// from the store, and posting each closed cycle's summaries and digests once.
import { describe, expect, it } from '@jest/globals';
import type { Unit } from '../../src/domain/units.js';
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

const ORG = 'org-trust';
const unit = (id: string, name: string, overrides: Partial<Unit> = {}): Unit => ({
  id,
  name,
  level: 'unit',
  tracked: true,
  createdAt: '2026-11-01T00:00:00Z',
  createdBy: 'admin',
  ...overrides,
});

/**
 * Ward 7 (six staff) in the organisation "Trust", with Ward 9 (three people) in it too and Ward 11 (two
 * people) in it or on its own: the two small wards can never reach the threshold of 5 on their own.
 */
async function organisationWithCycle(ward11Parent: string | null = ORG) {
  const trust = await setup();
  const { store } = trust;
  await store.saveTeam(ward([...STAFF, 'manager']));
  for (const id of STAFF.slice(2)) await store.savePerson(person(id));
  await store.saveUnit(unit(ORG, 'Trust', { level: 'organisation' }));
  await store.saveUnit({ ...(await store.unit(WARD))!, parentId: ORG });
  await store.saveUnit(unit('ward-9', 'Ward 9', { parentId: ORG }));
  await store.saveUnit(unit('ward-11', 'Ward 11', ward11Parent ? { parentId: ward11Parent } : {}));
  for (const id of ['n1', 'n2', 'n3']) await store.savePerson(person(id, { primaryUnitId: 'ward-9' }));
  for (const id of ['e1', 'e2']) await store.savePerson(person(id, { primaryUnitId: 'ward-11' }));
  const cycle = (await trust.services.checkinCycles.openDue())!;
  const answer = (ids: string[], p1: string) =>
    Promise.all(
      ids.map((id) =>
        trust.services.checkins.submitPulse(id, { cycleId: cycle.id, inputs: { ...CLEAN, p1 } }),
      ),
    );
  await answer(STAFF.slice(0, 5), 'yes');
  await answer(['n1', 'n2', 'n3'], 'no');
  await answer(['e1', 'e2'], 'yes');
  return { ...trust, cycle };
}

describe('the organisation digest', () => {
  it.each([
    ['folds small units into the organisation once together they reach 5', ORG, 7, 10, false, 3],
    ['leaves small units out, and says so, while they do not', null, 5, 5, true, 1],
  ])('%s', async (_case, ward11Parent, yes, applied, leftOut, unitsIn) => {
    const { services, cycle } = await organisationWithCycle(ward11Parent);
    const found = (await services.summaries.organisationDigestOf(cycle.id))!;
    expect(found.organisation?.name).toBe('Trust');
    const p1 = found.digest.principles.find((tile) => tile.principle === 'p1')!;
    expect(p1.pulse).toMatchObject({ shown: true, yes, applied });
    expect(p1).toMatchObject({ leftOut, unitsIn });
    expect(found.digest.units).toEqual({ count: 3, tooSmall: 2 });
    // Response rate over every unit: 5 of Ward 7's 7, 3 of 3 and 2 of 2.
    expect(found.digest.responseRate).toEqual({ answered: 10, expected: 12, percent: 83 });
  });

  it('compares only units whose own figures are shown: never a suppressed one', async () => {
    const { services, cycle } = await organisationWithCycle();
    const { comparison } = (await services.summaries.organisationDigestOf(cycle.id))!.digest;
    for (const ranking of [comparison.responseRate, ...Object.values(comparison.principles)]) {
      const placed = [...ranking.top, ...ranking.bottom].map((entry) => entry.name);
      expect(placed).not.toContain('Ward 9');
      expect(placed).not.toContain('Ward 11');
    }
    expect(comparison.responseRate).toMatchObject({ compared: 1, notCompared: 2 });
    expect(comparison.responseRate.top).toEqual([
      { unitId: WARD, name: 'Ward 7', numerator: 5, denominator: 7, percent: 71 },
    ]);
  });

  it('gives the organisation’s own measures, and names no one from the units', async () => {
    const { services, cycle } = await organisationWithCycle();
    const { digest } = (await services.summaries.organisationDigestOf(cycle.id))!;
    const measures = digest.principles.flatMap((tile) => tile.measures.map((line) => line.measureId));
    expect(measures).toContain('p1-partner-seats');
    expect(measures).not.toContain('p1-papers-parity');
    for (const id of [...STAFF, 'n1', 'e1']) expect(JSON.stringify(digest)).not.toContain(`"${id}"`);
  });

  it('covers only an organisation’s own units for its channel, and nothing for what does not exist', async () => {
    const { services, cycle } = await organisationWithCycle(null);
    const scoped = (await services.summaries.organisationDigestOf(cycle.id, ORG))!;
    expect(scoped.digest.units.count).toBe(2);
    expect(scoped.digest.responseRate).toMatchObject({ answered: 8, expected: 10 });
    expect(await services.summaries.organisationDigestOf(cycle.id, 'nowhere')).toBeUndefined();
    expect(await services.summaries.organisationDigestOf(cycle.id, WARD)).toBeUndefined();
    expect(await services.summaries.organisationDigestOf('2020-W01')).toBeUndefined();
  });

  it('finds the organisation a channel is for: the team’s, the only one, or none', async () => {
    const { services, store } = await withCycle();
    expect(await services.summaries.organisationFor(WARD)).toEqual({ kind: 'none' });
    await store.saveUnit(unit(ORG, 'Trust', { level: 'organisation' }));
    expect(await services.summaries.organisationFor('19:any-team')).toMatchObject({
      kind: 'found',
      organisation: { id: ORG },
    });
    await store.saveUnit(unit('org-2', 'Another trust', { level: 'organisation' }));
    expect(await services.summaries.organisationFor('19:any-team')).toEqual({ kind: 'unclear' });
    await store.saveUnit({ ...(await store.unit(WARD))!, parentId: 'org-2' });
    expect(await services.summaries.organisationFor(WARD)).toMatchObject({ organisation: { id: 'org-2' } });
  });
});

describe('posting the organisation digest and summary', () => {
  it('sends leads the organisation digest, and the organisation’s channel its summary, once across two runs', async () => {
    const { services, store, batch, cycle, at } = await organisationWithCycle();
    await store.saveRoles('lead-2', { admin: false, lead: true, managerOf: [] });
    await store.saveRoles('admin', { admin: true, lead: false, managerOf: [] });
    expect(await services.summaries.postHere('lead', ORG, '19:trust-wide')).toMatchObject({
      summaryChannelId: '19:trust-wide',
    });
    at('2026-11-30T08:00:00Z');
    expect(await services.summaries.postDue()).toMatchObject({
      kind: 'posted',
      summaries: 1,
      organisationDigests: 2,
    });
    expect(await services.summaries.postDue()).toMatchObject({ kind: 'posted' });
    const digests = await batch(`org-digests:${cycle.id}`);
    expect(digests.map((d) => [d.id, d.kind, d.recipient, d.content, d.respectsQuietHours])).toEqual([
      [
        'lead',
        'digest',
        { kind: 'person', aadObjectId: 'lead' },
        { card: 'orgDigest', data: { cycleId: cycle.id } },
        true,
      ],
      [
        'lead-2',
        'digest',
        { kind: 'person', aadObjectId: 'lead-2' },
        { card: 'orgDigest', data: { cycleId: cycle.id } },
        true,
      ],
    ]);
    expect((await batch(`summaries:${cycle.id}`)).map((d) => [d.recipient, d.content])).toEqual([
      [
        { kind: 'conversation', conversationId: '19:trust-wide' },
        { card: 'orgSummary', data: { organisationId: ORG, cycleId: cycle.id } },
      ],
    ]);
  });

  it('counts the organisation digests as posted: `post summaries now` sends nothing twice', async () => {
    const { services, store, batch, cycle, at } = await withCycle();
    await store.saveRoles('manager', { admin: false, lead: false, managerOf: [] });
    at('2026-11-30T08:00:00Z');
    expect(await services.summaries.postNow('lead')).toMatchObject({
      kind: 'posted',
      summaries: 0,
      digests: 0,
      organisationDigests: 1,
    });
    expect(await services.summaries.postNow('lead')).toMatchObject({ kind: 'alreadyPosted' });
    expect(await batch(`org-digests:${cycle.id}`)).toHaveLength(1);
  });
});
