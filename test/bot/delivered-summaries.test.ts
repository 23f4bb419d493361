// The weekly post's cards as the delivery sender renders them: the cards of one delivery batch share one
// reading of the weeks they rest on, a card of another batch reads afresh, and sharing changes no card.
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { renderDelivery } from '../../src/bot/delivered-cards.js';
import type { Delivery } from '../../src/domain/delivery.js';
import type { Team } from '../../src/domain/roster.js';
import { BATCH_READING_IDLE_MS } from '../../src/services/summary-readers.js';
import { text } from '../../src/text/index.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/store.js';
import { samplePerson, TENANT, testDeps } from '../support/bot-deps.js';

const o = text.organisation;
const CLEAN = { p1: 'yes', p2: 'no', p3: 'notApplicable', p4: 'yes', p5: 'yes', p6: 'no' };
const ORG = 'org-trust';
const WARDS = ['ward-7', 'ward-9'];
const LEAD = 'aad-lead';
/** Manages both wards, as well as each ward's own manager: her two digests read the same weeks. */
const MATRON = 'aad-matron';
const staffOf = (ward: string) => Array.from({ length: 6 }, (_, i) => `${ward}-staff-${i}`);

/** The memory store, with each `unitCheckins` read written down as "cycle unit". */
function watched() {
  const store = createMemoryStore();
  const checkinReads: string[] = [];
  const wrapped = new Proxy(store, {
    get(target, name: keyof Store) {
      const method = target[name];
      if (name !== 'unitCheckins' || typeof method !== 'function') return method;
      return (cycleId: string, unitId: string) => {
        checkinReads.push(`${cycleId} ${unitId}`);
        return target.unitCheckins(cycleId, unitId);
      };
    },
  });
  return { store, wrapped, checkinReads };
}

const team = (id: string): Team => ({
  id,
  name: id,
  tenantId: TENANT,
  serviceUrl: 'https://smba.example.test/emea/',
  state: 'active',
  channels: [],
  members: Object.fromEntries(staffOf(id).map((member) => [member, { addedAt: '2026-11-01T00:00:00Z' }])),
  installed: true,
});

/**
 * Two wards of six in an organisation, each with its channel and a manager, a matron over both, and a lead;
 * two weeks answered by five of each ward's six; then Monday 7 December, when the second week's post is
 * queued.
 */
async function postedTrust() {
  let now = new Date('2026-11-23T10:00:00Z');
  const { store, wrapped, checkinReads } = watched();
  const { deps } = testDeps({ store: wrapped, clock: () => now });
  await store.saveUnit({
    id: ORG,
    name: 'Northshire Trust',
    level: 'organisation',
    tracked: true,
    summaryChannelId: '19:org-channel',
    createdAt: '2026-11-01T00:00:00Z',
    createdBy: LEAD,
  });
  for (const ward of WARDS) {
    await store.saveTeam(team(ward));
    for (const [i, id] of staffOf(ward).entries())
      await store.savePerson(samplePerson({ aadObjectId: id, teamsUserId: `29:${ward}-${i}`, name: id }));
    await store.saveUnit({
      id: ward,
      name: ward,
      level: 'unit',
      teamId: ward,
      tracked: true,
      parentId: ORG,
      summaryChannelId: `19:${ward}-channel`,
      createdAt: '2026-11-01T00:00:00Z',
      createdBy: LEAD,
    });
    await store.saveRoles(`${ward}-manager`, { admin: false, lead: false, managerOf: [ward] });
  }
  await store.saveRoles(LEAD, { admin: false, lead: true, managerOf: [] });
  await store.saveRoles(MATRON, { admin: false, lead: false, managerOf: WARDS });
  for (const monday of ['2026-11-23T10:00:00Z', '2026-11-30T10:00:00Z']) {
    now = new Date(monday);
    const { cycle } = await deps.checkinCycles.openNow(LEAD);
    for (const ward of WARDS)
      for (const id of staffOf(ward).slice(0, 5))
        await deps.checkins.submitPulse(id, { cycleId: cycle.id, inputs: CLEAN });
  }
  now = new Date('2026-12-07T10:00:00Z');
  const posted = await deps.summaries.postDue();
  expect(posted).toMatchObject({ kind: 'posted', summaries: 3, digests: 4, organisationDigests: 1 });
  const batch = (batchId: string) => store.batchDeliveries(batchId);
  checkinReads.length = 0;
  return { deps, store, checkinReads, batch };
}

type Trust = Awaited<ReturnType<typeof postedTrust>>;

/** Each delivery's card as sent, with the ids of its buttons (new for every card) set aside. */
async function rendered(deps: Trust['deps'], deliveries: readonly Delivery[]) {
  const cards: string[] = [];
  for (const delivery of deliveries) {
    const shown = await renderDelivery(deps, delivery);
    if (!shown) throw new Error(`test: no card for ${delivery.id}`);
    cards.push(JSON.stringify(shown.card).replace(/card-\d+/g, 'card-id'));
  }
  return cards;
}

/** The same deliveries, each as if it were the only card of its own batch. */
const eachAlone = (deliveries: readonly Delivery[], tag: string) =>
  deliveries.map((delivery) => ({ ...delivery, batchId: `${delivery.batchId}:${tag}:${delivery.id}` }));

/** Ward 7's response rate as the organisation summary compares it. */
const rateOfWard7 = (percent: number, answered: number) =>
  JSON.stringify({ title: WARDS[0], value: o.rateFigure(percent, answered, 6) });

const repeats = (reads: readonly string[]) => reads.filter((read, at) => reads.indexOf(read) !== at);

afterEach(() => {
  jest.useRealTimers();
});

describe('bot: the cards of one weekly post', () => {
  it('share one reading within a batch, and show the same cards as when each reads alone', async () => {
    const { deps, checkinReads, batch } = await postedTrust();
    for (const batchId of ['summaries:2026-W49', 'digests:2026-W49']) {
      const deliveries = await batch(batchId);
      checkinReads.length = 0;
      const alone = await rendered(deps, eachAlone(deliveries, 'alone'));
      // Alone, each card reads its weeks for itself: the organisation's reads the wards' again, and the
      // matron's digests the weeks their wards' managers' did.
      expect(repeats(checkinReads).length).toBeGreaterThan(0);
      const readAlone = checkinReads.length;
      checkinReads.length = 0;
      const shared = await rendered(deps, deliveries);
      expect(shared).toEqual(alone);
      expect(repeats(checkinReads)).toEqual([]);
      expect(checkinReads.length).toBeLessThan(readAlone);
    }
  });

  it('reads afresh for another batch, so a later post shows what changed since', async () => {
    const { deps, store, checkinReads, batch } = await postedTrust();
    const [organisation] = (await batch('summaries:2026-W49')).filter((d) => d.id === ORG);
    const [before] = await rendered(deps, [organisation!]);
    expect(before).toContain(rateOfWard7(83, 5));
    const first = [...checkinReads];
    expect(first).toContain(`2026-W49 ${WARDS[0]}`);
    checkinReads.length = 0;
    await rendered(deps, [organisation!]);
    expect(checkinReads).toEqual([]);

    // The sixth colleague of Ward 7, who had not answered, answers as the first did.
    const [ward, staff] = [WARDS[0]!, staffOf(WARDS[0]!)];
    const answer = (await store.unitCheckins('2026-W49', ward)).pulses[staff[0]!]!;
    await store.savePulse('2026-W49', { ...answer, choices: { ...answer.choices }, aadObjectId: staff[5]! });
    const again = await rendered(deps, [{ ...organisation!, batchId: 'summaries:2026-W49:again' }]);
    expect(checkinReads.sort()).toEqual(first.sort());
    expect(again[0]).toContain(rateOfWard7(100, 6));
  });

  it('keeps a batch’s reading while it is in use, and drops it once unused for a few seconds', async () => {
    jest.useFakeTimers();
    const { deps } = testDeps();
    const reading = deps.summaries.readingOfBatch('summaries:2026-W49');
    expect(deps.summaries.readingOfBatch('digests:2026-W49')).not.toBe(reading);
    jest.advanceTimersByTime(BATCH_READING_IDLE_MS - 1);
    expect(deps.summaries.readingOfBatch('summaries:2026-W49')).toBe(reading);
    // Each use keeps it a little longer.
    jest.advanceTimersByTime(BATCH_READING_IDLE_MS - 1);
    expect(deps.summaries.readingOfBatch('summaries:2026-W49')).toBe(reading);
    jest.advanceTimersByTime(BATCH_READING_IDLE_MS);
    expect(deps.summaries.readingOfBatch('summaries:2026-W49')).not.toBe(reading);
  });

  it('never keeps the process running for a kept reading', () => {
    const { deps } = testDeps();
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const before = timers();
    deps.summaries.readingOfBatch('summaries:2026-W49');
    expect(timers()).toBe(before);
  });
});
