// Giving and taking roles, finding people by name for it, and "who am I".
import type { Person } from '../domain/roster.js';
import { noRoles, type Roles } from '../domain/permissions.js';
import type { Store } from '../store/store.js';
import type { AccessService } from './access.js';
import type { AuditLog } from './audit-log.js';
import type { KeyedLock } from './keyed-lock.js';

export const SEARCH_LIMIT = 10;

type Deps = {
  store: Store;
  audit: AuditLog;
  access: AccessService;
  withLock: KeyedLock;
  bootstrapAdmins: readonly string[];
};

export function createRoles({ store, audit, access, withLock, bootstrapAdmins }: Deps) {
  return {
    /** People whose name contains every word of the query, best matches (name starts with it) first. */
    async search(query: string): Promise<Person[]> {
      const words = query.toLowerCase().split(/\s+/).filter(Boolean);
      if (words.length === 0) return [];
      const matches = (await store.people()).filter((person) =>
        words.every((word) => person.name.toLowerCase().includes(word)),
      );
      const starts = (person: Person) => (person.name.toLowerCase().startsWith(words[0]!) ? 0 : 1);
      return matches
        .sort((a, b) => starts(a) - starts(b) || a.name.localeCompare(b.name, 'en-GB'))
        .slice(0, SEARCH_LIMIT);
    },

    async of(aadObjectId: string): Promise<{ person?: Person; roles: Roles; bootstrapAdmin: boolean }> {
      const person = await store.person(aadObjectId);
      return {
        ...(person ? { person } : {}),
        roles: await access.rolesOf(aadObjectId),
        bootstrapAdmin: bootstrapAdmins.includes(aadObjectId),
      };
    },

    /** Replaces a person's roles. Returns false when nothing changed. */
    async set(actor: string, aadObjectId: string, next: Roles): Promise<boolean> {
      return withLock(`roles:${aadObjectId}`, async () => {
        const before = (await store.roles(aadObjectId)) ?? noRoles;
        const roles: Roles = { ...next, managerOf: [...new Set(next.managerOf)].sort() };
        if (JSON.stringify(before) === JSON.stringify(roles)) return false;
        await store.saveRoles(aadObjectId, roles);
        const units = [...new Set([...before.managerOf, ...roles.managerOf])];
        await audit.record(actor, 'roles.change', [aadObjectId, ...units]);
        return true;
      });
    },
  };
}

export type RolesService = ReturnType<typeof createRoles>;
