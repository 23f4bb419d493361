import type { Roles } from '../domain/permissions.js';
import type { Unit } from '../domain/units.js';
import type { Text } from '../text/index.js';
import { expandCard, type AdaptiveCard } from './card.js';

export type WhoAmIView = {
  name: string;
  roles: Roles;
  teamUnits: Unit[];
  primary?: Unit;
  unitNames: ReadonlyMap<string, string>;
};

/** "Who am I": a person's roles and the teams that count them, in words. */
export function whoAmICard(text: Text, view: WhoAmIView): AdaptiveCard {
  const t = text.whoAmI;
  const list = (names: string[]) => names.join(', ');
  const roles = [
    ...(view.roles.admin ? [t.admin] : []),
    ...(view.roles.lead ? [t.lead] : []),
    ...(view.roles.managerOf.length
      ? [t.managerOf(list(view.roles.managerOf.map((id) => view.unitNames.get(id) ?? id)))]
      : []),
  ];
  return expandCard('who-am-i', {
    title: t.title,
    you: t.you(view.name),
    facts: [
      { title: t.rolesLabel, value: roles.length ? roles.join('; ') : t.noRoles },
      {
        title: t.teamsLabel,
        value: view.teamUnits.length ? list(view.teamUnits.map((u) => u.name)) : t.noTeams,
      },
      { title: t.primaryLabel, value: view.primary?.name ?? t.notChosen },
    ],
  });
}
