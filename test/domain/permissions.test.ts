// DESIGN.md's "who may do what", every role against every action.
import { describe, expect, it } from '@jest/globals';
import {
  allActions,
  effectiveRoles,
  may,
  noRoles,
  whoMay,
  type Action,
  type Roles,
} from '../../src/domain/permissions.js';

const staff: Roles = noRoles;
const manager: Roles = { admin: false, lead: false, managerOf: ['ward-7'] };
const lead: Roles = { admin: false, lead: true, managerOf: [] };
const admin: Roles = { admin: true, lead: false, managerOf: [] };

// [action, staff, manager of ward-7 acting on ward-7, the same manager acting on ward-9, lead, admin]
const expected: [Action, boolean, boolean, boolean, boolean, boolean][] = [
  ['answerOwn', true, true, true, true, true],
  ['trackTeam', false, true, true, true, true],
  ['manageUnit', false, true, false, true, true],
  ['seeUnit', false, true, false, true, true],
  ['nudgeUnit', false, true, false, true, true],
  ['exportUnit', false, true, false, true, true],
  ['broadcast', false, false, false, true, true],
  ['runNow', false, false, false, true, true],
  ['setTargets', false, false, false, true, true],
  ['defineUnits', false, false, false, false, true],
  ['manageRoles', false, false, false, false, true],
  ['manageSettings', false, false, false, false, true],
  ['seeAudit', false, false, false, false, true],
  ['erasePerson', false, false, false, false, true],
];

describe('permissions', () => {
  it('covers every action in the table', () => {
    expect(expected.map(([action]) => action).sort()).toEqual([...allActions].sort());
  });

  it.each(expected)('%s', (action, staffMay, ownUnit, otherUnit, leadMay, adminMay) => {
    expect(may(staff, action, 'ward-7')).toBe(staffMay);
    expect(may(manager, action, 'ward-7')).toBe(ownUnit);
    expect(may(manager, action, 'ward-9')).toBe(otherUnit);
    expect(may(lead, action, 'ward-9')).toBe(leadMay);
    expect(may(admin, action, 'ward-9')).toBe(adminMay);
  });

  it('a manager acting on no particular unit may do only what managers may do anywhere', () => {
    expect(may(manager, 'trackTeam')).toBe(true);
    expect(may(manager, 'seeUnit')).toBe(false);
  });

  it('ADMIN_AAD_IDS makes the first admins', () => {
    expect(effectiveRoles(undefined, 'aad-1', ['aad-1']).admin).toBe(true);
    expect(effectiveRoles(lead, 'aad-2', ['aad-1'])).toEqual(lead);
  });

  it.each([
    ['answerOwn', 'everyone'],
    ['manageUnit', 'managers, leads and admins'],
    ['broadcast', 'leads and admins'],
    ['manageRoles', 'admins'],
  ] as const)('says who may %s: %s', (action, who) => {
    expect(whoMay(action)).toBe(who);
  });
});
