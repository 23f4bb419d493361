import type { Unit } from '../domain/units.js';
import type { Text } from '../text/index.js';
import { expandCard, type AdaptiveCard, type CardAction } from './card.js';

export type MyUnitView = {
  units: Unit[];
  current?: string;
  intro?: 'firstContact';
  save: CardAction;
  notice?: string;
};

/** Choose the unit whose weekly pulse you answer. */
export function myUnitCard(text: Text, view: MyUnitView): AdaptiveCard {
  const t = text.myUnit;
  const any = view.units.length > 0;
  return expandCard('my-unit', {
    notice: view.notice ?? '',
    title: t.title,
    intro: !any ? t.none : view.intro === 'firstContact' ? t.firstContact : t.intro,
    choiceLabel: t.choiceLabel,
    choiceError: t.choiceError,
    current: view.current ?? '',
    units: view.units.map((unit) => ({ id: unit.id, name: unit.name })),
    actions: any ? [view.save] : [],
  });
}
