import type { Unit, UnitLevel } from '../domain/units.js';
import type { Text } from '../text/index.js';
import { expandCard, type AdaptiveCard, type CardAction } from './card.js';

export type UnitsView = { units: Unit[]; add: CardAction; setParent: CardAction; notice?: string };

/** The admin's units card: every unit with its place in the hierarchy, and forms to add and group them. */
export function unitsCard(text: Text, view: UnitsView): AdaptiveCard {
  const t = text.units;
  const names = new Map(view.units.map((unit) => [unit.id, unit.name]));
  return expandCard('units', {
    notice: view.notice ?? '',
    title: t.title,
    intro: view.units.length ? t.intro : `${t.intro} ${t.none}`,
    units: view.units.map((unit) => ({
      id: unit.id,
      name: unit.name,
      detail: t.detail(
        t.levels[unit.level],
        unit.parentId && names.get(unit.parentId),
        unit.tracked,
        !!unit.teamId,
      ),
    })),
    addHeading: t.addHeading,
    nameLabel: t.nameLabel,
    namePlaceholder: t.namePlaceholder,
    levelLabel: t.levelLabel,
    levels: (Object.keys(t.levels) as UnitLevel[]).map((value) => ({ value, title: t.levels[value] })),
    addButton: view.add.title,
    addVerb: view.add.verb,
    addData: view.add.data,
    parentHeading: t.parentHeading,
    childLabel: t.childLabel,
    parentLabel: t.parentLabel,
    parentButton: view.setParent.title,
    parentVerb: view.setParent.verb,
    parentData: view.setParent.data,
  });
}
