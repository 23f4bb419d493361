// The synthetic trust's data directory for N staff and W weeks of history, written through the Store port of
// the real lowdb store, so every record passes the store's own schemas and lands where the bot would put it.
// Saves that arrive together share their file's writes, so a week is saved all at once.
// Generated directories are cached under bench/.data (git-ignored), keyed by the parameters and the current
// ISO week (the data is dated relative to now), so reruns in the same week start at once.
//
//   node --import tsx bench/generate.ts --staff 1000 --weeks 4 [--fresh]
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cycleIdOf, localDateOf } from '../src/domain/cycles.js';
import { loadCatalogue, loadHolidays } from '../src/reference-data.js';
import { cronSchedule } from '../src/scheduler/checkin-schedule.js';
import { openLowdbStore } from '../src/store/lowdb-store.js';
import type { Store } from '../src/store/store.js';
import { directoryBytes } from './files.js';
import { randomFrom } from './random.js';
import { buildActivity, type Activity, type Sent } from './synthetic-activity.js';
import { buildOrganisation, type Organisation } from './synthetic-org.js';
import { buildWeeks, CARD_MEMORY_DAYS, type Week } from './synthetic-weeks.js';

/** Bumped whenever what is generated changes, so no stale cache is used. */
const GENERATOR_VERSION = 4;
const SEED = 20_261_130;
const TIME_ZONE = 'Europe/London';
const CRONS = { checkinOpens: '0 9 * * 1', checkinNudge: '0 12 * * 3', checkinCloses: '59 23 * * 0' };
export const CACHE_DIR = fileURLToPath(new URL('./.data/', import.meta.url));

export type Manifest = {
  generatorVersion: number;
  staff: number;
  weeks: number;
  /** When the data was generated: its "now". */
  generatedAt: string;
  currentCycleId: string;
  seconds: number;
  bytes: number;
  counts: {
    pulses: number;
    measureAnswers: number;
    actions: number;
    broadcasts: number;
    deliveries: number;
    cardActions: number;
  };
};
export type Generated = { dataDir: string; manifest: Manifest; cached: boolean };

type Log = (line: string) => void;

/** The cached directory for these parameters, generating it first if there is none. */
export async function generated(
  staff: number,
  weeks: number,
  options: { fresh?: boolean; log?: Log } = {},
): Promise<Generated> {
  const now = new Date();
  const key = `staff-${staff}-weeks-${weeks}-${cycleIdOf(localDateOf(now, TIME_ZONE))}-v${GENERATOR_VERSION}`;
  const home = join(CACHE_DIR, key);
  if (!options.fresh && existsSync(join(home, 'manifest.json'))) {
    const manifest = JSON.parse(await readFile(join(home, 'manifest.json'), 'utf8')) as Manifest;
    return { dataDir: join(home, 'data'), manifest, cached: true };
  }
  // Written beside the cache and renamed into place, so an interrupted run never leaves half a directory.
  const building = join(CACHE_DIR, `.building-${key}-${process.pid}`);
  await rm(building, { recursive: true, force: true });
  await mkdir(join(building, 'data'), { recursive: true });
  const manifest = await generate(join(building, 'data'), staff, weeks, now, options.log ?? (() => {}));
  await writeFile(join(building, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await rm(home, { recursive: true, force: true });
  await rename(building, home);
  return { dataDir: join(home, 'data'), manifest, cached: false };
}

async function generate(
  dataDir: string,
  staff: number,
  weeks: number,
  now: Date,
  log: Log,
): Promise<Manifest> {
  const started = performance.now();
  const random = randomFrom(SEED + staff + weeks);
  const catalogue = loadCatalogue();
  const holidays = new Set(loadHolidays().dates);
  const schedule = cronSchedule(CRONS, TIME_ZONE);
  const since = new Date(now.getTime() - (weeks + 1) * 7 * 86_400_000).toISOString();
  const counts: Manifest['counts'] = {
    pulses: 0,
    measureAnswers: 0,
    actions: 0,
    broadcasts: 0,
    deliveries: 0,
    cardActions: 0,
  };
  const forgetBefore = new Date(now.getTime() - CARD_MEMORY_DAYS * 86_400_000).toISOString();
  let currentCycleId = '';
  const store = await openLowdbStore({ dataDir });
  try {
    await writeOrganisation(store, buildOrganisation(staff, since, now.toISOString()));
    const settings = { staff, weeks, now, catalogue, holidays, schedule, timeZone: TIME_ZONE };
    let index = 0;
    for (const week of buildWeeks(settings, random)) {
      const answered = new Set(week.pulses.map((pulse) => pulse.aadObjectId));
      const activity = buildActivity(staff, { index, cycle: week.cycle, answered }, now, TIME_ZONE, random);
      await writeWeek(store, week, forgetBefore);
      await writeActivity(store, activity);
      tally(counts, week, activity);
      currentCycleId = week.cycle.id;
      index++;
      if (index % 10 === 0 || index === weeks)
        log(`bench: generated week ${index} of ${weeks} (${seconds(started)} s)`);
    }
  } finally {
    await store.close();
  }
  // Opened once more, so a directory the store would refuse is found now, not in the middle of a benchmark;
  // and every week read, which folds its journal of saves into its unit files as a store does with a week it
  // opens again after a stop: a trust's past weeks rest in unit files, which is what the benchmarks read.
  const reopened = await openLowdbStore({ dataDir });
  try {
    for (const cycle of await reopened.cycles()) await reopened.checkinUnits(cycle.id);
  } finally {
    await reopened.close();
  }
  return {
    generatorVersion: GENERATOR_VERSION,
    staff,
    weeks,
    generatedAt: now.toISOString(),
    currentCycleId,
    seconds: Number(seconds(started)),
    bytes: await directoryBytes(dataDir),
    counts,
  };
}

const seconds = (started: number) => ((performance.now() - started) / 1_000).toFixed(1);

/** A week's check-ins and card presses, saved all at once: saves to one file that arrive together share its writes. */
async function writeWeek(store: Store, week: Week, forgetBefore: string): Promise<void> {
  const { cycle, pulses, measures, copies, cardActions } = week;
  if (!(await store.createCycle(cycle))) throw new Error(`bench: cycle ${cycle.id} was there already`);
  await Promise.all([
    ...pulses.map((pulse) => store.savePulse(cycle.id, pulse)),
    ...measures.map(({ unitId, records }) => store.saveMeasureAnswers(cycle.id, unitId, records)),
    ...copies.map(({ unitId, copy }) => store.addCardCopy(cycle.id, unitId, copy)),
    ...cardActions.map(([key, at]) => store.claimCardAction(key, at, forgetBefore)),
  ]);
}

async function writeActivity(store: Store, { actions, audit, broadcast }: Activity): Promise<void> {
  await Promise.all(actions.map((action) => store.saveAction(action)));
  await Promise.all(audit.map((entry) => store.appendAudit(entry)));
  if (broadcast) await writeBroadcast(store, broadcast);
}

function tally(counts: Manifest['counts'], week: Week, activity: Activity): void {
  counts.pulses += week.pulses.length;
  counts.measureAnswers += week.measures.reduce((sum, { records }) => sum + records.length, 0);
  counts.cardActions += week.cardActions.length;
  counts.actions += activity.actions.length;
  counts.broadcasts += activity.broadcast ? 1 : 0;
  counts.deliveries += activity.broadcast?.deliveries.length ?? 0;
}

/** A sent broadcast as the product leaves it: queued pending, then each delivery's final state. */
async function writeBroadcast(
  store: Store,
  { broadcast, deliveries, acknowledged, read }: Sent,
): Promise<void> {
  await store.saveBroadcast(broadcast);
  const { sentAt } = broadcast;
  await store.enqueueDeliveries(
    deliveries.map(({ conversationId: _c, activityId: _a, failure: _f, ...pending }) => ({
      ...pending,
      attempts: 0,
      state: 'pending',
      updatedAt: sentAt!,
    })),
  );
  await store.updateDeliveries(deliveries);
  await Promise.all([
    ...acknowledged.map(({ aadObjectId, at }) => store.acknowledge(broadcast.id, aadObjectId, at)),
    ...read.map(({ aadObjectId, at }) => store.recordRead(broadcast.id, aadObjectId, at)),
  ]);
}

/** The people, their 1:1 chats, the wards' teams and channels, the units and who holds which role. */
async function writeOrganisation(store: Store, organisation: Organisation): Promise<void> {
  await Promise.all([
    ...organisation.people.map((person) => store.savePerson(person)),
    ...organisation.conversations.map((chat) => store.saveConversation(chat)),
    ...organisation.teams.map((team) => store.saveTeam(team)),
    ...organisation.units.map((unit) => store.saveUnit(unit)),
    ...organisation.roles.map(({ aadObjectId, roles }) => store.saveRoles(aadObjectId, roles)),
  ]);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      staff: { type: 'string', default: '1000' },
      weeks: { type: 'string', default: '4' },
      fresh: { type: 'boolean', default: false },
    },
  });
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const result = await generated(Number(values.staff), Number(values.weeks), { fresh: values.fresh, log });
  log(
    `bench: ${result.cached ? 'cached' : 'generated'} ${result.dataDir}\n${JSON.stringify(result.manifest, null, 2)}`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
