// What may be exported, by whom (DESIGN.md: exports are aggregates only, with the anonymity rules applied;
// managers their own units, leads and admins every unit; the audit log for admins only). Asked when the card
// is shown, when it is sent, and again when the file is made, so a role lost in between gives nothing.
import { z } from 'zod';
import { may, type Roles } from './permissions.js';

export const ExportKind = z.enum(['results', 'actions', 'broadcasts', 'audit', 'boardPack']);
export type ExportKind = z.infer<typeof ExportKind>;

/** Kinds about chosen units (results, actions) or chosen organisation units (the board pack). */
export const unitKinds: readonly ExportKind[] = ['results', 'actions', 'boardPack'];

/** Why an export is refused: the permission it needs, or the board pack, which only leads and admins get. */
export type ExportRefusal =
  { kind: 'exportUnit'; unitId?: string } | { kind: 'seeAudit' } | { kind: 'boardPack' };

/** The kinds this person may export, in the order the card offers them; none for staff. */
export function exportKindsFor(roles: Roles): ExportKind[] {
  const everyUnit = roles.admin || roles.lead;
  if (!everyUnit && roles.managerOf.length === 0) return [];
  return ExportKind.options.filter(
    (kind) =>
      (kind !== 'audit' || may(roles, 'seeAudit')) && (kind !== 'boardPack' || may(roles, 'exportUnit')),
  );
}

/**
 * Why this person may not export this kind about these units, or undefined when they may. Managers may
 * export only units they manage; a board pack is about the whole organisation or an organisation unit, so
 * it is for those who may export every unit.
 */
export function exportRefusal(
  roles: Roles,
  kind: ExportKind,
  unitIds: readonly string[],
): ExportRefusal | undefined {
  if (kind === 'audit') return may(roles, 'seeAudit') ? undefined : { kind: 'seeAudit' };
  if (kind === 'boardPack') return may(roles, 'exportUnit') ? undefined : { kind: 'boardPack' };
  if (!exportKindsFor(roles).includes(kind)) return { kind: 'exportUnit' };
  const notTheirs = unitIds.find((unitId) => !may(roles, 'exportUnit', unitId));
  return notTheirs === undefined ? undefined : { kind: 'exportUnit', unitId: notTheirs };
}
