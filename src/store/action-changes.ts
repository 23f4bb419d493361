// What every Store implementation shares about patient input actions: the methods, the months that name their
// partitions, and the one order a month's actions are listed in.
import { actionMonth, ActionId, type Action } from '../domain/actions.js';
import { deepFrozen } from './frozen.js';
import type { Store } from './store.js';

export type ActionMethods = Pick<
  Store,
  'action' | 'saveAction' | 'monthActions' | 'actionMonths' | 'unitActions'
>;

/** A real calendar month as 'YYYY-MM': the only names a partition of actions may have. */
export const isActionMonth = (month: string): boolean => /^\d{4}-(?:0[1-9]|1[0-2])$/.test(month);

/** The month asked for, refused unless it is a real 'YYYY-MM', before anything is looked for under its name. */
export function checkMonth(month: string): string {
  if (!isActionMonth(month))
    throw new RangeError(
      `store: ${JSON.stringify(month)} is not a month ('YYYY-MM'); nothing was read or saved.`,
    );
  return month;
}

/**
 * The month whose partition holds the action with this id ('2026-11-…' is in '2026-11'). An id not of the
 * form 'YYYY-MM-<id>', with a real month, is refused before anything is looked for under it.
 */
export function partitionOf(id: string): string {
  if (!ActionId.safeParse(id).success || !isActionMonth(actionMonth(id)))
    throw new RangeError(
      `store: ${JSON.stringify(id)} is not an action id ('YYYY-MM-<id>'); nothing was read or saved.`,
    );
  return actionMonth(id);
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The order a month's actions are listed in: by createdAt, then id. */
export const actionOrder = (a: Action, b: Action): number =>
  byCodeUnit(a.createdAt, b.createdAt) || byCodeUnit(a.id, b.id);

/** Months as 'YYYY-MM' compare as strings: newest first. */
export const newestMonthFirst = (a: string, b: string): number => byCodeUnit(b, a);

/** The order actions of several months are listed in (unitActions): newest month first, then actionOrder. */
export const newestMonthThenOrder = (a: Action, b: Action): number =>
  newestMonthFirst(actionMonth(a.id), actionMonth(b.id)) || actionOrder(a, b);

/**
 * One month's actions of these units, in the month's order and frozen (frozen.ts): the others are passed over
 * before anything is sorted or handed out, so a ward's read costs little however many wards share the month.
 */
export function unitActionsIn(actions: Iterable<Action>, unitIds: ReadonlySet<string>): Action[] {
  const found: Action[] = [];
  for (const action of actions) if (unitIds.has(action.unitId)) found.push(action);
  return found.sort(actionOrder).map(deepFrozen);
}
