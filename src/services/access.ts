// The server-side check behind every privileged command and card verb. A refusal is an answer the person
// can act on, and it is audited.
import { effectiveRoles, may, type Action, type Roles } from '../domain/permissions.js';
import type { Store } from '../store/store.js';
import type { AuditLog } from './audit-log.js';

export type Access = { allowed: true; roles: Roles } | { allowed: false; action: Action };

export function createAccess({
  store,
  audit,
  bootstrapAdmins,
}: {
  store: Store;
  audit: AuditLog;
  bootstrapAdmins: readonly string[];
}) {
  async function rolesOf(aadObjectId: string): Promise<Roles> {
    return effectiveRoles(await store.roles(aadObjectId), aadObjectId, bootstrapAdmins);
  }
  return {
    rolesOf,
    async check(actor: string, action: Action, unitId?: string): Promise<Access> {
      const roles = await rolesOf(actor);
      if (may(roles, action, unitId)) return { allowed: true, roles };
      await audit.record(actor, action, unitId ? [unitId] : [], 'refused');
      return { allowed: false, action };
    },
  };
}

export type AccessService = ReturnType<typeof createAccess>;
