// What summaries and digests read from the store, shared by a unit's digest and the organisation's: the weeks
// before a cycle, the actions of some units, and a unit's (or the organisation's) measures with their history.
// A reading reads each of those once however often it is asked: a digest read each week twice (its pulses,
// then its measures) and its actions twice (computed measures, then its own), and every card of a post reads
// the same cycles. A reading is made for one card, or for the cards of one post, and dropped after them, so
// nothing it holds is older than the card or the post it was made for.
import { actionMonth, type Action } from '../domain/actions.js';
import type { Catalogue } from '../domain/catalogue.js';
import { pulsePrinciples, type Cycle, type MeasureRecord, type UnitCheckins } from '../domain/checkins.js';
import { addDays, previousCycleId, type LocalDate } from '../domain/cycles.js';
import { USUAL_WEEKS, type DigestMeasure } from '../domain/digest.js';
import type { ReadOnly, Store } from '../store/store.js';
import type { ActionsService } from './actions.js';

type Deps = {
  store: Store;
  catalogue: Catalogue;
  actions: Pick<ActionsService, 'computedMeasures' | 'actionsOf'>;
};

/** The actions a digest reads: the last 12 weeks for "usual", and 90 days more for closing the loop. */
const ACTION_DAYS = USUAL_WEEKS * 7 + 90 + 7;

/** One set of units' actions as read: from which month, and the read itself (newest month first). */
type ActionsRead = { fromMonth: string; actions: Promise<readonly Action[]> };

export function createSummaryReaders({ store, catalogue, actions }: Deps) {
  // Kept by the cycle itself, which the store hands out frozen and replaces when it changes (frozen.ts), so a
  // count always belongs to the cycle it is read for, and every card and post shares it.
  const expectedCounts = new WeakMap<Cycle, ReadonlyMap<string, number>>();

  /**
   * How many people a unit expected in a cycle: counted once per cycle, as listing a cycle's 10,000 names for
   * each ward's card cost more than the rest of its digest.
   */
  function expectedIn(cycle: Cycle, unitId: string): number {
    const known = expectedCounts.get(cycle);
    if (known) return known.get(unitId) ?? 0;
    const counts = new Map<string, number>();
    for (const person in cycle.expected) {
      const unit = cycle.expected[person]!;
      counts.set(unit, (counts.get(unit) ?? 0) + 1);
    }
    if (Object.isFrozen(cycle.expected)) expectedCounts.set(cycle, counts);
    return counts.get(unitId) ?? 0;
  }

  /** A new reading: nothing read yet. */
  return function newReading() {
    const reads = new Map<string, Promise<unknown>>();
    // A read that failed is forgotten, so the next card of a post tries again instead of failing alike.
    const once = <T>(key: string, read: () => Promise<T>): Promise<T> => {
      if (!reads.has(key)) reads.set(key, read().catch(forget(reads, key)));
      return reads.get(key) as Promise<T>;
    };
    const actionReads = new Map<string, ActionsRead>();

    const cycle = (cycleId: string) => once(`cycle ${cycleId}`, () => store.cycle(cycleId));
    const unitCheckins = (cycleId: string, unitId: string): Promise<ReadOnly<UnitCheckins>> =>
      once(JSON.stringify(['checkins', cycleId, unitId]), () => store.unitCheckins(cycleId, unitId));
    const latestMeasureAnswers = (unitId: string): Promise<Record<string, MeasureRecord>> =>
      once(JSON.stringify(['latest', unitId]), () => store.latestMeasureAnswers(unitId));

    /**
     * As actions.actionsOf: these units' actions logged in the month of `since` or later. A set already read
     * from that month or earlier is not read again; computed measures, which reach furthest back, are read
     * first (measuresOf), so a digest reads its actions once.
     */
    async function unitActions(unitIds: ReadonlySet<string>, since: LocalDate): Promise<readonly Action[]> {
      const key = JSON.stringify([...unitIds].sort());
      const fromMonth = since.slice(0, 7);
      const known = actionReads.get(key);
      if (known && known.fromMonth <= fromMonth) {
        const read = await known.actions;
        return known.fromMonth === fromMonth ? read : read.filter((a) => actionMonth(a.id) >= fromMonth);
      }
      const read = actions.actionsOf(unitIds, since).catch(forget(actionReads, key));
      actionReads.set(key, { fromMonth, actions: read });
      return read;
    }

    return {
      cycle,
      unitCheckins,
      expectedIn,

      /** The USUAL_WEEKS cycles before this one, oldest first; undefined for a week with no check-in. */
      historyOf(cycleId: string): Promise<(Cycle | undefined)[]> {
        const ids: string[] = [];
        for (let id = cycleId; ids.length < USUAL_WEEKS;) ids.unshift((id = previousCycleId(id)));
        return Promise.all(ids.map(cycle));
      },

      /** The actions of these units, logged recently enough for a digest of the week holding `day`. */
      actionsOf: (unitIds: ReadonlySet<string>, day: LocalDate): Promise<readonly Action[]> =>
        unitActions(unitIds, addDays(day, -ACTION_DAYS)),

      /** The measures at this level, on the unit's principles, with this cycle's answer and earlier ones. */
      async measuresOf(
        unitId: string,
        level: 'unit' | 'organisation',
        cycle: Cycle,
        history: readonly (Cycle | undefined)[],
      ): Promise<DigestMeasure[]> {
        const principles = pulsePrinciples(cycle, unitId);
        const latest = await latestMeasureAnswers(unitId);
        const computed = await actions.computedMeasures(unitId, cycle.openingDay, unitActions);
        const earlier = await Promise.all(
          history.map(async (past) => (past ? (await unitCheckins(past.id, unitId)).measures : undefined)),
        );
        const owner = cycle.measures[unitId]?.owners[0];
        const measures = catalogue.measures.filter(
          (m) => m.level === level && principles.includes(m.principle),
        );
        return measures.map((measure) => ({
          measure,
          ...(latest[measure.id]
            ? { latest: { value: latest[measure.id]!.value, openingDay: latest[measure.id]!.openingDay } }
            : {}),
          ...(measure.computed && computed[measure.id] ? { computed: computed[measure.id] } : {}),
          history: earlier.map((answers) => answers?.[measure.id]?.value),
          ...(owner ? { owner } : {}),
        }));
      },
    };
  };
}

/** Drops a failed read from its memo, then fails as it did. */
const forget =
  (memo: Map<string, unknown>, key: string) =>
  (error: unknown): never => {
    memo.delete(key);
    throw error;
  };

/** What a card, or a post's cards, read through: see the top of this file. */
export type SummaryReading = ReturnType<ReturnType<typeof createSummaryReaders>>;

/** How long a batch's reading is kept after its last card: longer than the gap between two of its sends. */
export const BATCH_READING_IDLE_MS = 5_000;

/**
 * The reading the cards of one delivery batch share, by batch id. The weekly post sends a hundred summaries
 * one at a time, and each alone re-read the same 13 weeks; shared, they read them once. A reading is dropped
 * once its batch has sent nothing for a few seconds, and never serves another batch, so a later post (or a
 * card retried later) reads afresh. The timer is unref'd: a kept reading never holds the process open.
 */
export function createBatchReadings(newReading: () => SummaryReading): (batchId: string) => SummaryReading {
  const kept = new Map<string, { reading: SummaryReading; dropping: NodeJS.Timeout }>();
  return (batchId) => {
    const held = kept.get(batchId);
    if (held) {
      held.dropping.refresh();
      return held.reading;
    }
    const reading = newReading();
    const dropping = setTimeout(() => kept.delete(batchId), BATCH_READING_IDLE_MS).unref();
    kept.set(batchId, { reading, dropping });
    return reading;
  };
}
