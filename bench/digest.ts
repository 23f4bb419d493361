// Benchmark 4, digests: every unit's weekly summary card for the last closed cycle, rendered as the delivery
// worker renders the scheduled post (renderDelivery: the numbers read from the store at that moment), on a
// freshly opened store, against the time to read and parse the data those summaries rest on (that cycle and
// the 12 weeks before it: cycles and every ward's check-ins, the latest measure answers, the action months
// the digests look back over) through the same store, also freshly opened. And the same summaries for a tenth
// of the staff: the work should grow no faster than the trust.
import { performance } from 'node:perf_hooks';
import { renderDelivery } from '../src/bot/delivered-cards.js';
import { addDays, previousCycleId } from '../src/domain/cycles.js';
import type { Delivery } from '../src/domain/delivery.js';
import { USUAL_WEEKS } from '../src/domain/digest.js';
import { openBotDeps } from './bot-deps.js';
import type { Generated } from './generate.js';
import { interleave, median } from './stats.js';
import { ORGANISATION_ID, unitIdOf, UNITS } from './synthetic-org.js';

/** How far back the digests read actions: computed measures look 240 days back (services/actions.ts). */
const ACTION_DAYS_READ = 240;

export type DigestOptions = { rounds: number };
export type DigestTimes = { readMs: number[]; summariesMs: number[] };
export type DigestSide = { staff: number; weeks: number; readMs: number; summariesMs: number; cards: number };
export type DigestResult = {
  options: DigestOptions;
  large: DigestSide;
  small: DigestSide;
  /** Summaries ÷ reading their data, for the large trust. */
  ratio: number;
  /** Summaries for the large trust ÷ for the small one. */
  scaling: number;
};

export async function runDigest(
  large: Generated,
  small: Generated,
  options: DigestOptions,
): Promise<DigestResult> {
  const times = new Map<Generated, DigestTimes>([
    [large, { readMs: [], summariesMs: [] }],
    [small, { readMs: [], summariesMs: [] }],
  ]);
  let cards = 0;
  const round = (data: Generated) => async () => {
    const entry = times.get(data)!;
    entry.readMs.push(await timed(data, readAll));
    cards = 0;
    entry.summariesMs.push(
      await timed(data, async (deps, cycleId) => {
        cards = await renderSummaries(deps, cycleId);
      }),
    );
  };
  await interleave(options.rounds, { large: round(large), small: round(small) });
  const side = (data: Generated): DigestSide => ({
    staff: data.manifest.staff,
    weeks: data.manifest.weeks,
    readMs: median(times.get(data)!.readMs),
    summariesMs: median(times.get(data)!.summariesMs),
    cards,
  });
  const [largeSide, smallSide] = [side(large), side(small)];
  return {
    options,
    large: largeSide,
    small: smallSide,
    ratio: largeSide.summariesMs / largeSide.readMs,
    scaling: largeSide.summariesMs / smallSide.summariesMs,
  };
}

type Deps = Awaited<ReturnType<typeof openBotDeps>>['deps'];
type Store = Awaited<ReturnType<typeof openBotDeps>>['store'];

/** `work` on a store opened just for it (nothing read yet), timed from after opening to before closing. */
async function timed(data: Generated, work: (deps: Deps, cycleId: string, store: Store) => Promise<void>) {
  const opened = await openBotDeps(data.dataDir);
  try {
    const cycleId = previousCycleId(data.manifest.currentCycleId);
    const start = performance.now();
    await work(opened.deps, cycleId, opened.store);
    return performance.now() - start;
  } finally {
    await opened.close();
  }
}

const unitIds = [...Array.from({ length: UNITS }, (_, unit) => unitIdOf(unit)), ORGANISATION_ID];

/** Every file the summaries read, each read, parsed and validated once through the store. */
async function readAll(_deps: Deps, cycleId: string, store: Store): Promise<void> {
  const cycles = [cycleId];
  while (cycles.length <= USUAL_WEEKS) cycles.push(previousCycleId(cycles.at(-1)!));
  for (const id of cycles) {
    const cycle = await store.cycle(id);
    if (!cycle) continue;
    for (const unitId of unitIds) await store.unitCheckins(id, unitId);
  }
  for (const unitId of unitIds) await store.latestMeasureAnswers(unitId);
  const from = addDays((await store.cycle(cycleId))!.openingDay, -ACTION_DAYS_READ).slice(0, 7);
  for (const month of await store.actionMonths()) if (month >= from) await store.monthActions(month);
}

/** Each ward's summary to its channel and the organisation's, as the weekly post delivers them. */
async function renderSummaries(deps: Deps, cycleId: string): Promise<number> {
  let rendered = 0;
  for (const unitId of unitIds) {
    const content =
      unitId === ORGANISATION_ID
        ? { card: 'orgSummary', data: { organisationId: unitId, cycleId } }
        : { card: 'summary', data: { unitId, cycleId } };
    const shown = await renderDelivery(deps, summaryDelivery(unitId, content));
    if (!shown) throw new Error(`bench: no summary card for ${unitId} in ${cycleId}`);
    rendered++;
  }
  return rendered;
}

function summaryDelivery(unitId: string, content: Delivery['content']): Delivery {
  const at = new Date().toISOString();
  return {
    id: unitId,
    batchId: `summaries:bench`,
    kind: 'summary',
    recipient: { kind: 'conversation', conversationId: unitId },
    content,
    respectsQuietHours: false,
    notBefore: at,
    attempts: 0,
    state: 'sending',
    possiblyDuplicated: false,
    createdAt: at,
    updatedAt: at,
  };
}
