// "set up check-ins": a manager chooses the principles their unit's pulse asks, and who answers its
// measures (an owner, and a deputy for when the owner cannot). Leads and admins first choose the unit.
// Long lists (a big unit's people, a lead's units) are narrowed by a name search, to keep cards small.
import type { Text } from '../text/index.js';
import { expandCard, type AdaptiveCard, type CardAction } from './card.js';

/** One choice in a list: what the person reads, and what comes back. */
export type Choice = { title: string; value: string };

/** The value the owner and deputy lists send for "no one". */
export const NO_ONE = 'none';
/** Lists up to this long are shown whole; longer ones are searched by name. */
export const LIST_LIMIT = 100;
/** The most matches a name search shows. */
export const MATCH_LIMIT = 20;

export type UnitSetupView = {
  unitName: string;
  /** A receipt for what the person just did, shown first. */
  notice?: string;
  /** What to fix before saving again. */
  problem?: keyof Text['unitSetup']['problems'];
  /** The owner or deputy saved before who can no longer answer for the unit, with their name if known. */
  gone: { role: 'owner' | 'deputy'; name?: string }[];
  /** Every principle, in catalogue order. */
  principles: Choice[];
  /** The principles ticked. */
  chosen: string[];
  /** Everyone who may answer the unit's measures, in the order to list them. */
  people: Choice[];
  owner?: string;
  deputy?: string;
  /** The name searched for, when the list of people is long. */
  query?: string;
  find: CardAction;
  save: CardAction;
  /** Back to the list of units, for someone who may set up several. */
  otherUnit?: CardAction;
};

export type UnitChooserView = {
  notice?: string;
  units: Choice[];
  /** The name searched for, when the list of units is long. */
  query?: string;
  find: CardAction;
  show: CardAction;
};

type Narrowed = {
  shown: Choice[];
  find?: { query: string; total: number; matches: number; shown: number };
};

/** A short list whole; a long one as the matches for a name (the first few), after what is already chosen. */
export function narrow(
  items: readonly Choice[],
  query: string | undefined,
  keep: readonly string[],
): Narrowed {
  if (items.length <= LIST_LIMIT) return { shown: [...items] };
  const words = (query ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const matches = words.length
    ? items.filter((item) => words.every((word) => item.title.toLowerCase().includes(word)))
    : [];
  const first = matches.slice(0, MATCH_LIMIT);
  const kept = items.filter((item) => keep.includes(item.value) && !first.includes(item));
  return {
    shown: [...kept, ...first],
    find: { query: query ?? '', total: items.length, matches: matches.length, shown: first.length },
  };
}

function findOf(text: Text, narrowed: Narrowed, action: CardAction, many: (count: number) => string) {
  const { find } = narrowed;
  if (!find) return { hasFind: false, findMessage: '', findQuery: '', findAction: {} };
  const t = text.unitSetup;
  return {
    hasFind: true,
    findMessage: find.query ? t.found(find.matches, find.shown, find.query) : many(find.total),
    findQuery: find.query,
    findAction: action,
  };
}

const common = (text: Text, findLabel: string) => ({
  findLabel,
  findPlaceholder: text.unitSetup.findPlaceholder,
  problemHeading: text.unitSetup.problemHeading,
});

/** One unit's check-in choices, pre-filled with what is saved (or what the person just sent). */
export function unitSetupCard(text: Text, view: UnitSetupView): AdaptiveCard {
  const t = text.unitSetup;
  const chosen = [view.owner, view.deputy].filter((id): id is string => !!id && id !== NO_ONE);
  const people = narrow(view.people, view.query, chosen);
  const listed = (id: string | undefined) =>
    id !== undefined && people.shown.some((person) => person.value === id) ? id : NO_ONE;
  return expandCard('unit-setup', {
    ...common(text, t.findLabel),
    mode: 'unit',
    notice: view.notice ?? '',
    problem: view.problem ? t.problems[view.problem] : '',
    title: t.title(view.unitName),
    intro: t.intro,
    gone: view.gone.map(({ role, name }) => t.gone(t.roles[role], name)),
    principlesLabel: t.principlesLabel,
    principles: view.principles,
    principlesValue: view.chosen.join(','),
    ...findOf(text, people, view.find, t.manyPeople),
    ownerLabel: t.ownerLabel,
    noOwner: t.noOwner,
    owner: listed(view.owner),
    deputyLabel: t.deputyLabel,
    noDeputy: t.noDeputy,
    deputy: listed(view.deputy),
    people: people.shown,
    units: [],
    actions: [view.save, ...(view.otherUnit ? [view.otherUnit] : [])],
  });
}

/** For someone who may set up several units: which one. */
export function unitChooserCard(text: Text, view: UnitChooserView): AdaptiveCard {
  const t = text.unitSetup;
  const units = narrow(view.units, view.query, []);
  return expandCard('unit-setup', {
    ...common(text, t.findUnitLabel),
    mode: 'chooser',
    notice: view.notice ?? '',
    problem: '',
    title: t.chooserTitle,
    intro: view.units.length ? [t.chooserIntro] : [],
    gone: [],
    principles: [],
    people: [],
    ...findOf(text, units, view.find, t.manyUnits),
    unitLabel: t.unitLabel,
    units: units.shown,
    unit: '',
    actions: units.shown.length ? [view.show] : [],
  });
}

export type OwnerGoneView = {
  unitName: string;
  /** The person's name, when it is known. */
  name?: string;
  role: 'owner' | 'deputy';
  reason: 'left' | 'stopped';
  /** Why this person gets it: they manage the unit, or they are a lead and the unit has no manager. */
  why: 'manager' | 'lead';
  /** Opens the unit's check-in choices. */
  choose: CardAction;
};

/** To a unit's managers: the person who answered its measures has left or stopped, so choose again. */
export function ownerGoneCard(text: Text, view: OwnerGoneView): AdaptiveCard {
  const t = text.ownerGone;
  const name = view.name || t.someone;
  const what = view.reason === 'left' ? t.left(name, view.unitName) : t.stopped(name);
  return expandCard('owner-gone', {
    title: t.title(view.unitName, view.role),
    lines: [`${what} ${t.held(view.unitName, view.role)}`, t.choose],
    why: t.why[view.why](view.unitName),
    actions: [view.choose],
  });
}
