// The four measures worked out from the action log rather than asked (DOMAIN.md, "Two kinds of check-in
// question"). Pure: given a unit's actions, the measure's cadence and a day in the period, the value or nothing.
import type { Action } from './actions.js';
import { TRANSITION_TAG } from './actions.js';
import type { MeasureValue } from './answers.js';
import type { Measure } from './catalogue.js';
import { addDays, periodOf, type LocalDate } from './cycles.js';

/** Participants are told what changed within this many days of the activity, or the loop is not closed. */
export const LOOP_DAYS = 90;

const participantsOf = ({ participants }: Action) =>
  participants.patients + participants.carers + participants.public;

/**
 * The value of a computed measure for the period (by the measure's cadence) that holds `day`; undefined when
 * there is nothing to measure (a percentage of no one), or for a measure this module does not compute.
 */
export function computeMeasure(
  measure: Pick<Measure, 'id' | 'cadence'>,
  actions: readonly Action[],
  day: LocalDate,
): MeasureValue | undefined {
  const period = periodOf(measure.cadence, day);
  const live = actions.filter((action) => !action.deletedAt);
  const inPeriod = live.filter((action) => periodOf(measure.cadence, action.date) === period);
  switch (measure.id) {
    case 'p5-activities':
      return { scale: 'count', count: inPeriod.length };
    case 'p6-transition-input':
      return {
        scale: 'count',
        count: inPeriod.filter((action) => action.details?.tags.includes(TRANSITION_TAG)).length,
      };
    case 'p4-core20plus-reach': {
      // Only activities whose reach was monitored count, each person once (core20plus), never more than came.
      const monitored = inPeriod.filter(
        (action) => action.details?.reach && action.details.reach.monitoring !== 'notCollected',
      );
      const denominator = monitored.reduce((sum, action) => sum + participantsOf(action), 0);
      const numerator = monitored.reduce(
        (sum, action) => sum + Math.min(action.details?.reach?.core20plus ?? 0, participantsOf(action)),
        0,
      );
      return denominator > 0 ? { scale: 'percent', numerator, denominator } : undefined;
    }
    case 'p5-loop-closed': {
      // Activities whose 90 days ran out in this period: was anyone told in time?
      const due = live.filter(
        (action) => periodOf(measure.cadence, addDays(action.date, LOOP_DAYS)) === period,
      );
      const closed = due.filter((action) => {
        const givenOn = action.details?.feedback?.givenOn;
        return givenOn !== undefined && givenOn <= addDays(action.date, LOOP_DAYS);
      });
      return due.length > 0
        ? { scale: 'percent', numerator: closed.length, denominator: due.length }
        : undefined;
    }
    default:
      return undefined;
  }
}
