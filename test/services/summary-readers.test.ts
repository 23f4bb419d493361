// What a summary reads from the store, and for how long it keeps it: each file once per card (or per post, for
// cards sharing a reading), never a figure older than the card it was read for.
import { describe, expect, it } from '@jest/globals';
import type { Action } from '../../src/domain/actions.js';
import type { Store } from '../../src/store/store.js';
import { CLEAN, person, setup, ward, WARD } from '../support/checkin-trust.js';

const STAFF = ['ada', 'bo', 'cy', 'di', 'ed', 'fay'];
const ORG = 'org-trust';

/** The store, with the reads the summaries ask of it written down; and one read that fails, if asked. */
function watched(store: Store, failOnce?: keyof Store) {
  const reads: string[] = [];
  let failing = failOnce;
  const wrapped = new Proxy(store, {
    get(target, name: keyof Store) {
      const method = target[name];
      if (typeof method !== 'function') return method;
      return (...args: unknown[]) => {
        reads.push(`${name} ${JSON.stringify(args)}`);
        if (name === failing) {
          failing = undefined;
          return Promise.reject(new Error('store: unavailable for a moment'));
        }
        return (method as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { wrapped, reads };
}

/**
 * Ward 7 with six staff in an organisation, two weeks opened (five answered each) and the store watched; the
 * digests are of the second week, with the first in their history.
 */
async function trustWithCycle(failOnce?: keyof Store) {
  let watch: ReturnType<typeof watched> | undefined;
  const trust = await setup('2026-11-23T09:00:00Z', (store) => (watch = watched(store, failOnce)).wrapped);
  const { store } = trust;
  await store.saveTeam(ward([...STAFF, 'manager']));
  for (const id of STAFF.slice(2)) await store.savePerson(person(id));
  await store.saveUnit({
    id: ORG,
    name: 'Trust',
    level: 'organisation',
    tracked: true,
    createdAt: '2026-11-01T00:00:00Z',
    createdBy: 'admin',
  });
  await store.saveUnit({ ...(await store.unit(WARD))!, parentId: ORG });
  const answered = async () => {
    const cycle = (await trust.services.checkinCycles.openDue())!;
    for (const id of STAFF.slice(0, 5))
      await trust.services.checkins.submitPulse(id, { cycleId: cycle.id, inputs: CLEAN });
    return cycle;
  };
  const first = await answered();
  trust.at('2026-11-30T09:00:00Z');
  const cycle = await answered();
  expect([first.id, cycle.id]).toEqual(['2026-W48', '2026-W49']);
  const reads = watch!.reads;
  reads.length = 0;
  return { ...trust, cycle, reads };
}

/** How often each read was asked for, by method and arguments, of those asked for more than once. */
const repeated = (reads: readonly string[]) =>
  Object.entries(
    reads.reduce<Record<string, number>>(
      (counts, read) => ({ ...counts, [read]: (counts[read] ?? 0) + 1 }),
      {},
    ),
  ).filter(([, count]) => count > 1);

const action = (id: string, date: string, overrides: Partial<Action> = {}): Action => ({
  id,
  unitId: WARD,
  owner: 'ada',
  type: 'focus-group',
  title: 'Discharge letters',
  date,
  principles: ['p5'],
  participants: { patients: 4, carers: 0, public: 0 },
  depth: 'involve',
  shareable: false,
  noPatientConfirmed: true,
  version: 1,
  createdAt: `${date}T10:00:00.000Z`,
  updatedAt: `${date}T10:00:00.000Z`,
  ...overrides,
});

describe('reading for a summary', () => {
  it('reads each week, the cycles and the actions once for a card: not once for pulses and again for measures', async () => {
    const { services, cycle, reads } = await trustWithCycle();
    const found = (await services.summaries.digestOf(WARD, cycle.id, 'channel'))!;
    expect(found.digest.responseRate).toEqual({ answered: 5, expected: 7, percent: 71 });
    expect(repeated(reads)).toEqual([]);
    expect(reads.filter((read) => read.startsWith('unitCheckins '))).toEqual([
      `unitCheckins ["2026-W49","${WARD}"]`,
      `unitCheckins ["2026-W48","${WARD}"]`,
    ]);
    expect(reads.filter((read) => read.startsWith('unitActions '))).toEqual([
      `unitActions [["${WARD}"],"2026-04"]`,
    ]);
  });

  it('lets the cards of one post share what they read: each week of the ward once for its card and the organisation’s', async () => {
    const { services, cycle, reads } = await trustWithCycle();
    const reading = services.summaries.newReading();
    const alone = (await services.summaries.digestOf(WARD, cycle.id, 'channel'))!;
    const organisationAlone = (await services.summaries.organisationDigestOf(cycle.id, ORG))!;
    reads.length = 0;
    const shared = (await services.summaries.digestOf(WARD, cycle.id, 'channel', reading))!;
    const organisation = (await services.summaries.organisationDigestOf(cycle.id, ORG, reading))!;
    expect(shared).toEqual(alone);
    expect(organisation).toEqual(organisationAlone);
    expect(repeated(reads)).toEqual([]);
    // The ward's weeks were read for its card, not again for the organisation's.
    expect(reads.filter((read) => read.startsWith('unitCheckins ') && read.includes(WARD))).toHaveLength(2);
  });

  it('shows what changed since an earlier card: a reading is not kept after the card it was made for', async () => {
    const { services, store, cycle } = await trustWithCycle();
    const before = (await services.summaries.digestOf(WARD, cycle.id, 'channel'))!;
    expect(before.digest.actions.count).toBe(0);
    await store.saveAction(action('2026-12-a1', '2026-12-01'));
    // A new colleague expected this week: the cycle is saved anew, and the count follows it.
    const saved = (await store.cycle(cycle.id))!;
    await store.saveCycle({ ...saved, expected: { ...saved.expected, newcomer: WARD } });
    const after = (await services.summaries.digestOf(WARD, cycle.id, 'channel'))!;
    expect(after.digest.actions.count).toBe(1);
    expect(after.digest.responseRate).toEqual({ answered: 5, expected: 8, percent: 63 });
  });

  it('gives the digest only its own months of actions, though computed measures read further back', async () => {
    const { services, store, cycle, reads } = await trustWithCycle();
    // Both ran out of time to tell participants what changed, with nobody told; April is before the
    // digest's 12 weeks and 90 days, so only June's is the digest's to report.
    await store.saveAction(action('2026-04-old', '2026-04-10'));
    await store.saveAction(action('2026-06-late', '2026-06-10'));
    const { digest } = (await services.summaries.digestOf(WARD, cycle.id, 'manager'))!;
    expect(digest.loopOverdue.map((item) => item.actionId)).toEqual(['2026-06-late']);
    expect(reads.filter((read) => read.startsWith('unitActions '))).toHaveLength(1);
  });

  it('tries a read that failed again for the next card sharing the reading', async () => {
    const { services, cycle } = await trustWithCycle('unitActions');
    const reading = services.summaries.newReading();
    await expect(services.summaries.digestOf(WARD, cycle.id, 'channel', reading)).rejects.toThrow(
      /unavailable/,
    );
    const found = (await services.summaries.digestOf(WARD, cycle.id, 'channel', reading))!;
    expect(found.digest.responseRate).toMatchObject({ answered: 5, expected: 7 });
  });
});
