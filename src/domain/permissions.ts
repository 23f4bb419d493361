// Who may do what: DESIGN.md's table as data, and the one function every privileged command and card verb
// asks on the server, whatever the card showed.
import { z } from 'zod';

export const Roles = z.object({
  admin: z.boolean().default(false),
  lead: z.boolean().default(false),
  /** Ids of the units this person manages. */
  managerOf: z.array(z.string()).default([]),
});
export type Roles = z.infer<typeof Roles>;

export const noRoles: Roles = { admin: false, lead: false, managerOf: [] };

/** A manager may act on any unit (`any`), only on units they manage (`own`), or not at all. */
type ManagerReach = 'any' | 'own' | 'none';
type Rule = { staff: boolean; manager: ManagerReach; lead: boolean; admin: true };

const table = {
  answerOwn: { staff: true, manager: 'any', lead: true, admin: true },
  trackTeam: { staff: false, manager: 'any', lead: true, admin: true },
  manageUnit: { staff: false, manager: 'own', lead: true, admin: true },
  seeUnit: { staff: false, manager: 'own', lead: true, admin: true },
  nudgeUnit: { staff: false, manager: 'own', lead: true, admin: true },
  exportUnit: { staff: false, manager: 'own', lead: true, admin: true },
  broadcast: { staff: false, manager: 'none', lead: true, admin: true },
  runNow: { staff: false, manager: 'none', lead: true, admin: true },
  setTargets: { staff: false, manager: 'none', lead: true, admin: true },
  defineUnits: { staff: false, manager: 'none', lead: false, admin: true },
  manageRoles: { staff: false, manager: 'none', lead: false, admin: true },
  manageSettings: { staff: false, manager: 'none', lead: false, admin: true },
  seeAudit: { staff: false, manager: 'none', lead: false, admin: true },
  erasePerson: { staff: false, manager: 'none', lead: false, admin: true },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof table;
export const allActions = Object.keys(table) as Action[];

/** Admins come from the stored roles or from ADMIN_AAD_IDS, which bootstraps the first ones. */
export function effectiveRoles(
  stored: Roles | undefined,
  aadObjectId: string,
  bootstrapAdmins: readonly string[],
): Roles {
  const roles = stored ?? noRoles;
  return bootstrapAdmins.includes(aadObjectId) ? { ...roles, admin: true } : roles;
}

/** May a person with these roles do this, on this unit when the action is about one? */
export function may(roles: Roles, action: Action, unitId?: string): boolean {
  const rule: Rule = table[action];
  if (roles.admin || (roles.lead && rule.lead) || rule.staff) return true;
  if (roles.managerOf.length === 0 || rule.manager === 'none') return false;
  return rule.manager === 'any' || (unitId !== undefined && roles.managerOf.includes(unitId));
}

/** Who may do this, for the plain-English refusal: the least role that could. */
export function whoMay(
  action: Action,
): 'admins' | 'leads and admins' | 'managers, leads and admins' | 'everyone' {
  const rule: Rule = table[action];
  if (rule.staff) return 'everyone';
  if (rule.manager !== 'none') return 'managers, leads and admins';
  return rule.lead ? 'leads and admins' : 'admins';
}
