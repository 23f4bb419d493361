// The action cards a person sees, built from what the actions service says: the form (new, or an action being
// changed), the receipt (or "Delete this action?") and "my actions" a page at a time. Every path that shows an
// action builds it here, so a button, a typed command and a double click all show the same thing.
import {
  actionFormCard,
  actionNoticeCard,
  actionReceiptCard,
  actionsListCard,
  formValuesOf,
  type ActionFormValues,
  type StyledAction,
} from '../cards/action-cards.js';
import type { AdaptiveCard, CardAction } from '../cards/card.js';
import type { Action, EntryProblem, FieldFinding } from '../domain/actions.js';
import type { Unit } from '../domain/units.js';
import type { BotDeps } from './deps.js';
import { verbs } from './verbs.js';

/** How many earlier pages "Newer" can step back through; beyond it, "Newer" goes to the newest page. */
export const NEWER_MAX = 20;

const button = (
  deps: BotDeps,
  title: string,
  verb: string,
  data: Record<string, unknown> = {},
  style?: StyledAction['style'],
): StyledAction => ({ title, verb, data: { cardId: deps.newId(), ...data }, ...(style ? { style } : {}) });

/** Today in the organisation's zone: a new action's date. */
export const today = (deps: BotDeps): string => deps.actions.today();

/** The ways on from a notice: the person's list, or a new action. */
const onwards = (deps: BotDeps): CardAction[] => [
  button(deps, deps.text.buttons.myActions, verbs.actionsPage),
  button(deps, deps.text.buttons.logAction, verbs.actionsNew),
];

export const noUnitsCard = (deps: BotDeps): AdaptiveCard =>
  actionNoticeCard(deps.text, deps.text.actions.noUnits);

export const notFoundCard = (deps: BotDeps): AdaptiveCard =>
  actionNoticeCard(deps.text, deps.text.actions.notFound, onwards(deps));

/** One of the person's own actions, not deleted, by id; nothing for anyone else's. */
export const findOwnAction = (deps: BotDeps, aadObjectId: string, id: string): Promise<Action | undefined> =>
  deps.actions.own(aadObjectId, id);

export type FormOptions = {
  /** The action being changed: its values fill the form, and saving changes it. */
  action?: Action;
  /** Saving changes this action (after a problem, when the form shows what the person sent). */
  actionId?: string;
  values?: ActionFormValues;
  problems?: EntryProblem[];
  findings?: FieldFinding[];
  /** The teams to choose from, when the service has just said which. */
  units?: Unit[];
  notice?: string;
};

/** The "log action" form, or nothing when the person has no team to log for. */
export async function actionForm(
  deps: BotDeps,
  aadObjectId: string,
  options: FormOptions = {},
): Promise<AdaptiveCard | undefined> {
  const { text } = deps;
  const actionId = options.action?.id ?? options.actionId;
  const values: ActionFormValues =
    options.values ?? (options.action ? formValuesOf(options.action) : { date: today(deps) });
  let units: Unit[] = [];
  let unitId = values.unitId;
  if (!actionId) {
    units = options.units ?? (await deps.actions.unitsFor(aadObjectId));
    if (units.length === 0) return undefined;
    if (!units.some((unit) => unit.id === unitId)) {
      const primary = (await deps.roles.of(aadObjectId)).person?.primaryUnitId;
      unitId = units.some((unit) => unit.id === primary) ? primary : undefined;
    }
  }
  return actionFormCard(text, {
    mode: actionId ? 'edit' : 'new',
    principles: deps.checkins.principles.map((principle) => ({ title: principle.name, value: principle.id })),
    units: units.map((unit) => ({ title: unit.name, value: unit.id })),
    values: { ...values, ...(unitId ? { unitId } : {}) },
    ...(options.problems ? { problems: options.problems } : {}),
    ...(options.findings ? { findings: options.findings } : {}),
    ...(options.notice ? { notice: options.notice } : {}),
    save: button(deps, text.actions.save, verbs.actionsSave, actionId ? { actionId } : {}),
  });
}

/** What was saved, with Edit and Delete; or, with `confirmDelete`, the question before deleting. */
export async function actionReceipt(
  deps: BotDeps,
  action: Action,
  options: { notice?: string; confirmDelete?: boolean } = {},
): Promise<AdaptiveCard> {
  const t = deps.text.actions;
  const unit = (await deps.units.all()).find((candidate) => candidate.id === action.unitId);
  const names = new Map(deps.checkins.principles.map((principle) => [principle.id, principle.name]));
  const actionId = action.id;
  return actionReceiptCard(deps.text, {
    action,
    unitName: unit?.name ?? t.unknownUnit,
    principleNames: action.principles.map((id) => names.get(id) ?? id),
    ...(options.notice ? { notice: options.notice } : {}),
    ...(options.confirmDelete ? { confirmDelete: true } : {}),
    actions: options.confirmDelete
      ? [
          button(deps, t.deleteYes, verbs.actionsDeleteConfirm, { actionId }, 'destructive'),
          button(deps, t.deleteNo, verbs.actionsShow, { actionId }),
        ]
      : [
          button(deps, t.edit, verbs.actionsEdit, { actionId }),
          button(deps, t.delete, verbs.actionsDelete, { actionId }),
        ],
  });
}

export type ListOptions = {
  /** Where the page starts: the previous page's `next`; the newest actions without it. */
  before?: string;
  /** The `before` of each page stepped through to reach this one ('' for the newest), for "Newer". */
  newer?: string[];
  notice?: string;
};

/** "my actions": five of the person's actions, with Older and Newer. */
export async function actionsList(
  deps: BotDeps,
  aadObjectId: string,
  options: ListOptions = {},
): Promise<AdaptiveCard> {
  const { text } = deps;
  const t = text.actions;
  const { before, newer = [] } = options;
  const page = await deps.actions.mine(aadObjectId, before);
  const cardId = deps.newId();
  const actions: CardAction[] = [];
  if (page.next)
    actions.push({
      title: t.older,
      verb: verbs.actionsPage,
      data: { cardId, before: page.next, newer: [...newer, before ?? ''].slice(-NEWER_MAX) },
    });
  if (before) {
    const previous = newer.at(-1);
    actions.push({
      title: t.newer,
      verb: verbs.actionsPage,
      data: { cardId, ...(previous ? { before: previous } : {}), newer: newer.slice(0, -1) },
    });
  }
  actions.push({ title: text.buttons.logAction, verb: verbs.actionsNew, data: { cardId } });
  return actionsListCard(text, {
    items: page.actions.map((action) => ({
      action,
      edit: { title: t.edit, verb: verbs.actionsEdit, data: { cardId, actionId: action.id } },
      delete: { title: t.delete, verb: verbs.actionsDelete, data: { cardId, actionId: action.id } },
    })),
    older: before !== undefined,
    ...(options.notice ? { notice: options.notice } : {}),
    actions,
  });
}
