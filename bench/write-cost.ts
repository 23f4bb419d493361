// Benchmark 2, write cost against history: one pulse submission, as the handler does it (claim the card id,
// save the pulse, remember the card's copy: each durable before it returns), timed one at a time on a store
// holding 52 weeks of history and on one holding a week, same staff, same process, in alternating rounds.
// The store's savePulse alone is timed beside it, to tell the partition write from the rest.
import { performance } from 'node:perf_hooks';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pulseCardName } from '../src/domain/checkins.js';
import { openBotDeps, type OpenDeps } from './bot-deps.js';
import { scratchCopy, type Scratch } from './files.js';
import type { Generated } from './generate.js';
import { interleave, median, quantile } from './stats.js';
import { aadOf, personalChatOf, UNITS } from './synthetic-org.js';
import { cardActivityId } from './synthetic-weeks.js';

export type WriteCostOptions = { rounds: number; writesPerRound: number };
export type WriteSide = {
  weeks: number;
  staff: number;
  coreBytes: number;
  cardIdsRemembered: number;
  submitMs: { median: number; p90: number };
  savePulseMs: { median: number; p90: number };
};
export type WriteCostResult = {
  options: WriteCostOptions;
  short: WriteSide;
  long: WriteSide;
  ratio: number;
  savePulseRatio: number;
};

type Side = {
  data: Generated;
  scratch: Scratch;
  open: OpenDeps;
  next: number;
  submit: number[];
  save: number[];
};

export async function runWriteCost(
  short: Generated,
  long: Generated,
  options: WriteCostOptions,
): Promise<WriteCostResult> {
  const sides: Side[] = [];
  try {
    for (const data of [short, long]) {
      const scratch = await scratchCopy(data.dataDir, 'write-cost');
      sides.push({ data, scratch, open: await openBotDeps(scratch.dataDir), next: 0, submit: [], save: [] });
    }
    // One submission per ward first, so every ward's file of this cycle is open: the rounds time writes only.
    for (const side of sides) for (let unit = 0; unit < UNITS; unit++) await submission(side);
    for (const side of sides) {
      side.submit.length = 0;
      side.save.length = 0;
    }
    await interleave(options.rounds, {
      short: async () => {
        for (let k = 0; k < options.writesPerRound; k++) await submission(sides[0]!);
      },
      long: async () => {
        for (let k = 0; k < options.writesPerRound; k++) await submission(sides[1]!);
      },
    });
    const [shortSide, longSide] = await Promise.all(sides.map(summary));
    return {
      options,
      short: shortSide!,
      long: longSide!,
      ratio: longSide!.submitMs.median / shortSide!.submitMs.median,
      savePulseRatio: longSide!.savePulseMs.median / shortSide!.savePulseMs.median,
    };
  } finally {
    for (const side of sides) {
      await side.open.close();
      await side.scratch.remove();
    }
  }
}

/** The next person presses Submit on their pulse card; then their pulse is saved once more, alone. */
async function submission(side: Side): Promise<void> {
  const { deps, store } = side.open;
  const { staff, currentCycleId: cycleId } = side.data.manifest;
  const person = side.next++ % staff;
  const aadObjectId = aadOf(person);
  const landed = {
    conversationId: personalChatOf(person),
    activityId: cardActivityId(cycleId, pulseCardName, person),
  };
  const inputs = {
    cardId: `bench-write-${Date.now()}-${side.next}`,
    cycleId,
    p1: 'yes',
    p2: 'yes',
    p3: 'no',
    p4: 'yes',
    p5: 'yes',
    p6: 'yes',
  };
  const start = performance.now();
  if (!(await deps.cardActions.claim(inputs.cardId))) throw new Error('bench: a new card id was refused');
  const outcome = await deps.checkins.submitPulse(aadObjectId, { cycleId, inputs, landed });
  if (outcome.kind !== 'saved') throw new Error(`bench: a pulse submission was not saved (${outcome.kind})`);
  await deps.checkins.rememberCopy(cycleId, outcome.answer.unitId, {
    aadObjectId,
    card: pulseCardName,
    ...landed,
  });
  const submitted = performance.now();
  await store.savePulse(cycleId, { ...outcome.answer, version: outcome.answer.version + 1 });
  side.save.push(performance.now() - submitted);
  side.submit.push(submitted - start);
}

async function summary(side: Side): Promise<WriteSide> {
  const { weeks, staff } = side.data.manifest;
  const stats = (values: number[]) => ({ median: median(values), p90: quantile(values, 0.9) });
  return {
    weeks,
    staff,
    coreBytes: (await stat(join(side.scratch.dataDir, 'core.json'))).size,
    cardIdsRemembered: side.data.manifest.counts.cardActions,
    submitMs: stats(side.submit),
    savePulseMs: stats(side.save),
  };
}
