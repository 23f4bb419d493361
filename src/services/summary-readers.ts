// What summaries and digests read from the store, shared by a unit's digest and the organisation's: the weeks
// before a cycle, the actions of some units, and a unit's (or the organisation's) measures with their history.
import type { Action } from '../domain/actions.js';
import type { Catalogue } from '../domain/catalogue.js';
import { pulsePrinciples, type Cycle } from '../domain/checkins.js';
import { addDays, previousCycleId, type LocalDate } from '../domain/cycles.js';
import { USUAL_WEEKS, type DigestMeasure } from '../domain/digest.js';
import type { Store } from '../store/store.js';
import type { ActionsService } from './actions.js';

type Deps = {
  store: Store;
  catalogue: Catalogue;
  actions: Pick<ActionsService, 'computedMeasures' | 'actionsOf'>;
};

/** The actions a digest reads: the last 12 weeks for "usual", and 90 days more for closing the loop. */
const ACTION_DAYS = USUAL_WEEKS * 7 + 90 + 7;

export function createSummaryReaders({ store, catalogue, actions }: Deps) {
  return {
    /** The USUAL_WEEKS cycles before this one, oldest first; undefined for a week with no check-in. */
    async historyOf(cycleId: string): Promise<(Cycle | undefined)[]> {
      const ids: string[] = [];
      for (let id = cycleId; ids.length < USUAL_WEEKS;) ids.unshift((id = previousCycleId(id)));
      return Promise.all(ids.map((id) => store.cycle(id)));
    },

    /** The actions of these units, logged recently enough for a digest of the week holding `day`. */
    actionsOf: (unitIds: ReadonlySet<string>, day: LocalDate): Promise<Action[]> =>
      actions.actionsOf(unitIds, addDays(day, -ACTION_DAYS)),

    /** The measures at this level, on the unit's principles, with this cycle's answer and earlier ones. */
    async measuresOf(
      unitId: string,
      level: 'unit' | 'organisation',
      cycle: Cycle,
      history: readonly (Cycle | undefined)[],
    ): Promise<DigestMeasure[]> {
      const principles = pulsePrinciples(cycle, unitId);
      const latest = await store.latestMeasureAnswers(unitId);
      const computed = await actions.computedMeasures(unitId, cycle.openingDay);
      const earlier = await Promise.all(
        history.map(async (past) =>
          past ? (await store.unitCheckins(past.id, unitId)).measures : undefined,
        ),
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
}

export type SummaryReaders = ReturnType<typeof createSummaryReaders>;
