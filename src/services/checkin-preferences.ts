// A person's own say over check-ins: pause for a while, stop, or start again.
import { atLocalTime, localDateOf, type LocalDate } from '../domain/cycles.js';
import { isPaused, type Person } from '../domain/roster.js';
import type { Store } from '../store/store.js';
import type { Clock } from './clock.js';
import type { KeyedLock } from './keyed-lock.js';

export const SNOOZE_DAYS = 14;

export type CheckinState = { kind: 'on' | 'stopped' | 'guest' } | { kind: 'paused'; until: string };

export function createCheckinPreferences(deps: {
  store: Store;
  clock: Clock;
  withLock: KeyedLock;
  timeZone: string;
}) {
  const { store, clock, withLock, timeZone } = deps;
  const update = (aadObjectId: string, change: (person: Person) => Person) =>
    withLock(`person:${aadObjectId}`, async (): Promise<CheckinState | undefined> => {
      const person = await store.person(aadObjectId);
      if (!person) return undefined;
      const updated = change(person);
      await store.savePerson(updated);
      return stateOf(updated, clock());
    });

  return {
    async state(aadObjectId: string): Promise<CheckinState | undefined> {
      const person = await store.person(aadObjectId);
      return person && stateOf(person, clock());
    },
    snooze: (aadObjectId: string) =>
      update(aadObjectId, (person) => ({
        ...person,
        checkins: {
          stopped: false,
          pausedUntil: new Date(clock().getTime() + SNOOZE_DAYS * 86_400_000).toISOString(),
        },
      })),
    /** Away until a day (local): check-ins pause until that day begins. Refused for a day not after today. */
    async awayUntil(
      aadObjectId: string,
      day: LocalDate,
    ): Promise<CheckinState | 'notAfterToday' | undefined> {
      if (day <= localDateOf(clock(), timeZone)) return 'notAfterToday';
      const until = atLocalTime(day, '00:00', timeZone).toISOString();
      return update(aadObjectId, (person) => ({
        ...person,
        checkins: { stopped: false, pausedUntil: until },
      }));
    },
    stop: (aadObjectId: string) =>
      update(aadObjectId, (person) => ({ ...person, checkins: { stopped: true } })),
    resume: (aadObjectId: string) =>
      update(aadObjectId, (person) => ({ ...person, checkins: { stopped: false } })),
  };
}

export type CheckinPreferences = ReturnType<typeof createCheckinPreferences>;

function stateOf(person: Person, now: Date): CheckinState {
  if (person.guest) return { kind: 'guest' };
  if (person.checkins.stopped) return { kind: 'stopped' };
  if (isPaused(person.checkins, now) && person.checkins.pausedUntil)
    return { kind: 'paused', until: person.checkins.pausedUntil };
  return { kind: 'on' };
}
