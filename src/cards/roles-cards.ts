// The admin's roles cards: find a person by name (no people picker: not every client has one), then
// give or take admin, partnership lead and manager of chosen units.
import type { Roles } from '../domain/permissions.js';
import type { Unit } from '../domain/units.js';
import type { Text } from '../text/index.js';
import { expandCard, type AdaptiveCard, type CardAction } from './card.js';

export type RoleHolder = { aadObjectId: string; name: string; guest: boolean; roles: Roles };

export type RolesSearchView = {
  query: string;
  results?: RoleHolder[];
  unitNames: ReadonlyMap<string, string>;
  find: CardAction;
  edit: (person: RoleHolder) => Pick<CardAction, 'verb' | 'data'>;
  notice?: string;
};

/** Roles in words: "Partnership lead; Manager of Ward 7". */
export function rolesInWords(text: Text, roles: Roles, unitNames: ReadonlyMap<string, string>): string {
  const words = [
    ...(roles.admin ? [text.whoAmI.admin] : []),
    ...(roles.lead ? [text.whoAmI.lead] : []),
    ...(roles.managerOf.length
      ? [text.whoAmI.managerOf(roles.managerOf.map((id) => unitNames.get(id) ?? id).join(', '))]
      : []),
  ];
  return words.length ? words.join('; ') : text.whoAmI.noRoles;
}

export function rolesSearchCard(text: Text, view: RolesSearchView): AdaptiveCard {
  const t = text.roles;
  return expandCard('roles-search', {
    notice: view.notice ?? '',
    title: t.searchTitle,
    intro: t.searchIntro,
    queryLabel: t.queryLabel,
    queryPlaceholder: t.queryPlaceholder,
    queryError: t.queryError,
    query: view.query,
    findButton: view.find.title,
    findVerb: view.find.verb,
    findData: view.find.data,
    resultsHeading: view.results ? t.results(view.results.length, view.query) : '',
    results: (view.results ?? []).map((person) => ({
      name: person.guest ? `${person.name} (${t.guest})` : person.name,
      summary: rolesInWords(text, person.roles, view.unitNames),
      button: t.change,
      verb: view.edit(person).verb,
      data: view.edit(person).data,
    })),
  });
}

export type RolesEditView = {
  person: RoleHolder;
  bootstrapAdmin: boolean;
  units: Unit[];
  actions: CardAction[];
  notice?: string;
};

export function rolesEditCard(text: Text, view: RolesEditView): AdaptiveCard {
  const t = text.roles;
  const { roles } = view.person;
  return expandCard('roles-edit', {
    notice: view.notice ?? '',
    title: t.editTitle(view.person.name),
    bootstrapNote: view.bootstrapAdmin ? t.bootstrapNote : '',
    adminLabel: t.adminLabel,
    adminTitle: t.adminTitle,
    admin: String(roles.admin),
    leadLabel: t.leadLabel,
    leadTitle: t.leadTitle,
    lead: String(roles.lead),
    managerLabel: t.managerLabel,
    managerOf: roles.managerOf.join(','),
    units: view.units.map((unit) => ({ id: unit.id, name: unit.name })),
    noUnits: view.units.length ? '' : t.noUnits,
    actions: view.actions,
  });
}
