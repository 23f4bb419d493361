// Records a store hands out read-only, so that reading them copies nothing: a cycle names every member of staff,
// and copying it on every read cost a ward's weekly summary millions of entries. Freezing also makes a caller
// that changes a record it read fail at once (TypeError in strict mode) instead of quietly changing saved state.

/**
 * Freezes a plain JSON value and everything in it, and returns it. A value already frozen is returned as it is,
 * so freezing what was frozen before costs nothing; only this helper freezes store records, so a frozen record's
 * parts are frozen too.
 */
export function deepFrozen<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  for (const child of Object.values(value)) deepFrozen(child);
  return Object.freeze(value) as T;
}
