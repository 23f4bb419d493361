// The demo's seed (`npm run demo`), run into a temporary directory and read back through the Store port and
// the summaries service, as the bot will read it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEMO_MARKER,
  DEMO_ORGANISATION_ID,
  DemoDirError,
  seedDemo,
  type SeedCounts,
  type SeedOptions,
} from '../../scripts/seed-demo.js';
import type { Action } from '../../src/domain/actions.js';
import { cycleIdOf, localDateOf, previousCycleId } from '../../src/domain/cycles.js';
import { checkText } from '../../src/domain/patient-data-guard.js';
import { createServices } from '../../src/services/index.js';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import type { Store } from '../../src/store/store.js';
import { catalogue, checkinOptions, defaultCrons, holidays } from '../support/checkin-options.js';

const now = new Date();
const options = (dataDir: string): SeedOptions => ({
  dataDir,
  now,
  timeZone: checkinOptions.timeZone,
  crons: defaultCrons,
  catalogue,
  holidays,
});

let root: string;
let dataDir: string;
let counts: SeedCounts;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'pp-seed-demo-'));
  dataDir = join(root, 'data-demo');
  counts = await seedDemo(options(dataDir));
}, 60_000);
afterAll(() => rm(root, { recursive: true, force: true }));

async function withStore<T>(read: (store: Store) => Promise<T>): Promise<T> {
  const store = await openLowdbStore({ dataDir });
  try {
    return await read(store);
  } finally {
    await store.close();
  }
}

/** The eight weeks the demo should hold, oldest first: ending with the last complete week before today. */
function demoWeeks(): string[] {
  const weeks = [previousCycleId(cycleIdOf(localDateOf(now, checkinOptions.timeZone)))];
  while (weeks.length < 8) weeks.unshift(previousCycleId(weeks[0]!));
  return weeks;
}

const wardOf = async (store: Store) => (await store.units()).find((unit) => unit.teamId !== undefined)!;

async function allActions(store: Store): Promise<Action[]> {
  const months = await store.actionMonths();
  return (await Promise.all(months.map((month) => store.monthActions(month)))).flat();
}

/** What the store holds, counted the way the seed counts it. */
async function storedCounts(store: Store): Promise<SeedCounts> {
  let pulses = 0;
  let measureAnswers = 0;
  const units = await store.units();
  for (const week of demoWeeks()) {
    for (const { id: unitId } of units) {
      const found = await store.unitCheckins(week, unitId);
      pulses += Object.keys(found.pulses).length;
      measureAnswers += Object.keys(found.measures).length;
    }
  }
  const cycles = (await Promise.all(demoWeeks().map((week) => store.cycle(week)))).filter(Boolean).length;
  return {
    people: (await store.people()).length,
    units: (await store.units()).length,
    cycles,
    pulses,
    measureAnswers,
    actions: (await allActions(store)).length,
  };
}

describe('the demo seed', () => {
  it('holds eight closed weekly cycles, ending with the last complete week before today', async () => {
    await withStore(async (store) => {
      const weeks = demoWeeks();
      for (const week of weeks) {
        const cycle = await store.cycle(week);
        expect(cycle).toMatchObject({ id: week, closedAt: expect.any(String) });
        expect(Date.parse(cycle!.closedAt!)).toBeLessThanOrEqual(now.getTime());
        expect(Object.keys(cycle!.expected).length).toBeGreaterThanOrEqual(20);
        expect(cycle!.measures[DEMO_ORGANISATION_ID]?.owners).toHaveLength(1);
      }
      expect(await store.cycle(previousCycleId(weeks[0]!))).toBeUndefined();
      expect((await store.latestCycle())?.id).toBe(weeks[weeks.length - 1]);
      expect(counts.cycles).toBe(8);
    });
  });

  it('has pulses from 70 to 90% of the ward every week: at least five in the last one', async () => {
    await withStore(async (store) => {
      const ward = await wardOf(store);
      expect(ward).toMatchObject({
        tracked: true,
        parentId: DEMO_ORGANISATION_ID,
        summaryChannelId: ward.teamId,
      });
      expect(ward.checkins?.owner).toBeDefined();
      for (const week of demoWeeks()) {
        const answered = Object.keys((await store.unitCheckins(week, ward.id)).pulses).length;
        const { expected: all } = (await store.cycle(week))!;
        const expected = Object.values(all).filter((unitId) => unitId === ward.id).length;
        expect(answered / expected).toBeGreaterThanOrEqual(0.7);
        expect(answered / expected).toBeLessThanOrEqual(0.9);
      }
      const last = demoWeeks()[7]!;
      expect(Object.keys((await store.unitCheckins(last, ward.id)).pulses).length).toBeGreaterThanOrEqual(5);
    });
  });

  it('has actions in each of the eight weeks, of several kinds, some shareable, tagged, with reach or told back', async () => {
    await withStore(async (store) => {
      const ward = await wardOf(store);
      const actions = await allActions(store);
      for (const week of demoWeeks())
        expect(actions.filter((action) => cycleIdOf(action.date) === week).length).toBeGreaterThanOrEqual(2);
      expect(new Set(actions.map((action) => action.type)).size).toBeGreaterThanOrEqual(5);
      expect(new Set(actions.map((action) => action.depth)).size).toBeGreaterThanOrEqual(4);
      expect(actions.some((action) => action.details?.tags.includes('transition'))).toBe(true);
      expect(actions.some((action) => action.details?.reach)).toBe(true);
      expect(actions.some((action) => action.shareable && action.whatWeDid)).toBe(true);
      expect(actions.some((action) => action.details?.feedback)).toBe(true);
      expect(actions.every((action) => action.unitId === ward.id && action.noPatientConfirmed)).toBe(true);
    });
  });

  it('stores no text the patient-data guard would find anything in', async () => {
    await withStore(async (store) => {
      const ward = await wardOf(store);
      const team = (await store.team(ward.teamId!))!;
      const pulses = await Promise.all(demoWeeks().map((week) => store.unitCheckins(week, ward.id)));
      const texts = [
        ...(await store.people()).map((person) => person.name),
        ...(await store.units()).map((unit) => unit.name),
        team.name,
        ...team.channels.map((channel) => channel.name),
        ...pulses.flatMap((found) => Object.values(found.pulses).map((pulse) => pulse.comment)),
        ...(await allActions(store)).flatMap((action) => [
          action.title,
          action.whatWeHeard,
          action.whatWeDid,
          action.details?.change?.reason,
          action.details?.feedbackNotPossible,
        ]),
      ].filter((text): text is string => text !== undefined);
      expect(texts.length).toBeGreaterThan(50);
      const found = texts.filter((text) => {
        const { blocked, warnings } = checkText(text);
        return blocked.length + warnings.length > 0;
      });
      expect(found).toEqual([]);
    });
  });

  it('gives the summaries service a digest of Ward 7’s last week, with the pulse shown', async () => {
    await withStore(async (store) => {
      const services = createServices({
        store,
        clock: () => now,
        newId: () => 'id',
        bootstrapAdmins: [],
        allowedTenantIds: [],
        ...checkinOptions,
      });
      const last = demoWeeks()[7]!;
      expect((await services.summaries.lastClosedCycle())?.id).toBe(last);
      const ward = await wardOf(store);
      const { digest } = (await services.summaries.digestOf(ward.id, last, 'channel'))!;
      const p1 = digest.principles.find((tile) => tile.principle === 'p1')!;
      expect(p1.pulse).toMatchObject({ shown: true });
      expect(p1.change).toMatchObject({ shown: true });
      expect(digest.actions.count).toBeGreaterThanOrEqual(2);
      expect(digest.highlights.length).toBeGreaterThan(0);
      const statuses = (unitDigest: typeof digest) =>
        new Set(unitDigest.principles.flatMap((tile) => tile.measures.map((line) => line.status.status)));
      expect([...statuses(digest)]).toEqual(expect.arrayContaining(['red', 'green', 'noUpdate']));
      const organisation = (await services.summaries.digestOf(DEMO_ORGANISATION_ID, last, 'manager'))!;
      expect([...statuses(organisation.digest)]).toEqual(
        expect.arrayContaining(['red', 'amber', 'green', 'blue']),
      );
    });
  });

  it('gives the leads’ organisation digest figures, units to compare and a unit too small to show', async () => {
    await withStore(async (store) => {
      const services = createServices({
        store,
        clock: () => now,
        newId: () => 'id',
        bootstrapAdmins: [],
        allowedTenantIds: [],
        ...checkinOptions,
      });
      const last = demoWeeks()[7]!;
      const found = (await services.summaries.organisationDigestOf(last))!;
      expect(found.organisation?.id).toBe(DEMO_ORGANISATION_ID);
      const { digest } = found;
      expect(digest.units).toEqual({ count: 4, tooSmall: 1 });
      const p1 = digest.principles.find((tile) => tile.principle === 'p1')!;
      expect(p1.pulse).toMatchObject({ shown: true });
      expect(p1.change).toMatchObject({ shown: true });
      // The small unit's answers are left out, and said to be.
      expect(p1.leftOut).toBe(true);
      const { responseRate } = digest.comparison;
      expect(responseRate.compared).toBeGreaterThanOrEqual(3);
      const placed = [...responseRate.top, ...responseRate.bottom].map((unit) => unit.name);
      expect(placed).toContain((await wardOf(store)).name);
      expect(placed).not.toContain('Pharmacy (fictional)');
      expect(digest.responseRate.expected).toBeGreaterThan(30);
    });
  });

  it('replaces its own earlier demo when run again, with the same counts', async () => {
    const again = await seedDemo(options(dataDir));
    expect(again).toEqual(counts);
    expect(await withStore(storedCounts)).toEqual(counts);
    expect(await readdir(dataDir)).toContain(DEMO_MARKER);
  }, 60_000);

  it('leaves alone a directory it did not make', async () => {
    const other = join(root, 'someone-elses-data');
    await mkdir(other);
    await writeFile(join(other, 'core.json'), '{}');
    await expect(seedDemo(options(other))).rejects.toThrow(DemoDirError);
    expect(await readdir(other)).toEqual(['core.json']);
  });
});
