// What every Store implementation shares about check-ins: the methods, an empty partition and the one rule
// for card copies.
import type { CardCopy, UnitCheckins } from '../domain/checkins.js';
import type { ReadOnly, Store } from './store.js';

export type CheckinMethods = Pick<
  Store,
  | 'cycle'
  | 'latestCycle'
  | 'createCycle'
  | 'saveCycle'
  | 'unitCheckins'
  | 'pulseOf'
  | 'copiesOf'
  | 'savePulse'
  | 'saveMeasureAnswers'
  | 'latestMeasureAnswers'
  | 'addCardCopy'
  | 'cycles'
  | 'checkinUnits'
>;

export const emptyUnitCheckins = (): UnitCheckins => ({ pulses: {}, measures: {}, copies: [] });

/** A partition nothing was saved in: not one of the units checkinUnits lists. */
export const isEmptyCheckins = ({ pulses, measures, copies }: ReadOnly<UnitCheckins>): boolean =>
  Object.keys(pulses).length === 0 && Object.keys(measures).length === 0 && copies.length === 0;

/** A copy is known by its chat and message: landing again (a retried send) adds nothing. */
export function withCardCopy(copies: readonly CardCopy[], copy: CardCopy): CardCopy[] {
  const known = copies.some(
    (other) => other.conversationId === copy.conversationId && other.activityId === copy.activityId,
  );
  return known ? [...copies] : [...copies, copy];
}
