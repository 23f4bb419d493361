// Erasing a person on an admin's request (DOMAIN.md, "Information governance"; the rules are domain/erasure.ts).
// Managers are asked to choose again for units whose measures the person answered, as for a leaver, while
// the person can still be found; then the store erases them, and the act is audited with no name: the
// pseudonym is the only target, and nothing maps it back.
import { pseudonymOf, type ErasureCounts } from '../domain/erasure.js';
import type { Store } from '../store/store.js';
import type { AuditLog } from './audit-log.js';
import type { KeyedLock } from './keyed-lock.js';
import type { OwnerChanges } from './owner-changes.js';

type Deps = {
  store: Store;
  audit: AuditLog;
  ownerChanges: Pick<OwnerChanges, 'left'>;
  withLock: KeyedLock;
  newId: () => string;
};

export type ErasureOutcome =
  | { kind: 'erased'; counts: ErasureCounts }
  /** Nobody by that id: never met, or erased already. */
  | { kind: 'notFound' }
  /** An admin cannot erase themselves: another admin must, so it is never done by a slip. */
  | { kind: 'self' };

export function createErasure({ store, audit, ownerChanges, withLock, newId }: Deps) {
  return {
    /** The caller has checked that the actor may erase people. */
    async erase(actor: string, aadObjectId: string): Promise<ErasureOutcome> {
      if (actor === aadObjectId) return { kind: 'self' };
      return withLock(`person:${aadObjectId}`, async (): Promise<ErasureOutcome> => {
        if (!(await store.person(aadObjectId))) return { kind: 'notFound' };
        const held = (await store.units()).filter(
          (unit) => unit.checkins?.owner === aadObjectId || unit.checkins?.deputy === aadObjectId,
        );
        for (const unit of held) await ownerChanges.left(unit.id, [aadObjectId]);
        const { pseudonym, counts } = await store.erasePerson(aadObjectId, pseudonymOf(newId()));
        await audit.record(actor, 'person.erase', [pseudonym]);
        return { kind: 'erased', counts };
      });
    },
  };
}

export type ErasureService = ReturnType<typeof createErasure>;
