// The action cards a person sees, built from what the actions service says: the form (new, or an action being
// changed), the receipt (or "Delete this action?"), "Add details", the follow-up question and its receipts,
// and "my actions" and "unit actions" a page at a time. Every path that shows an
// action builds it here, so a button, a typed command and a double click all show the same thing.
import {
  actionDetailsCard,
  actionFollowUpCard,
  actionFormCard,
  actionNoticeCard,
  actionReceiptCard,
  actionsListCard,
  detailsValuesOf,
  followUpReceiptCard,
  formValuesOf,
  unitActionsListCard,
  type ActionFormValues,
  type DetailsFormValues,
  type FollowUpOutcome,
} from '../cards/action-cards.js';
import type { AdaptiveCard, CardAction } from '../cards/card.js';
import type { Action, DetailsProblem, EntryProblem, FieldFinding } from '../domain/actions.js';
import type { Unit } from '../domain/units.js';
import { cardButton as button } from './buttons.js';
import type { BotDeps } from './deps.js';
import { verbs } from './verbs.js';

/** How many earlier pages "Newer" can step back through; beyond it, "Newer" goes to the newest page. */
export const NEWER_MAX = 20;

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
          button(deps, t.addDetails, verbs.actionsDetails, { actionId }, 'positive'),
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

/** Older and Newer, for a list paged five at a time. */
function pagingButtons(
  deps: BotDeps,
  cardId: string,
  verb: string,
  options: ListOptions & { next?: string },
): CardAction[] {
  const { before, newer = [], next } = options;
  const t = deps.text.actions;
  const buttons: CardAction[] = [];
  if (next)
    buttons.push({
      title: t.older,
      verb,
      data: { cardId, before: next, newer: [...newer, before ?? ''].slice(-NEWER_MAX) },
    });
  if (before) {
    const previous = newer.at(-1);
    buttons.push({
      title: t.newer,
      verb,
      data: { cardId, ...(previous ? { before: previous } : {}), newer: newer.slice(0, -1) },
    });
  }
  return buttons;
}

/** "my actions": five of the person's actions, with Older and Newer. */
export async function actionsList(
  deps: BotDeps,
  aadObjectId: string,
  options: ListOptions = {},
): Promise<AdaptiveCard> {
  const { text } = deps;
  const t = text.actions;
  const page = await deps.actions.mine(aadObjectId, options.before);
  const cardId = deps.newId();
  const actions = [
    ...pagingButtons(deps, cardId, verbs.actionsPage, {
      ...options,
      ...(page.next ? { next: page.next } : {}),
    }),
    { title: text.buttons.logAction, verb: verbs.actionsNew, data: { cardId } },
  ];
  return actionsListCard(text, {
    items: page.actions.map((action) => ({
      action,
      edit: { title: t.edit, verb: verbs.actionsEdit, data: { cardId, actionId: action.id } },
      delete: { title: t.delete, verb: verbs.actionsDelete, data: { cardId, actionId: action.id } },
    })),
    older: options.before !== undefined,
    ...(options.notice ? { notice: options.notice } : {}),
    actions,
  });
}

/**
 * "unit actions": five of these units' actions (the caller has checked the person may see each), with Older
 * and Newer; no Edit or Delete, which only the owner has.
 */
export async function unitActionsList(
  deps: BotDeps,
  units: readonly Unit[],
  options: ListOptions = {},
): Promise<AdaptiveCard> {
  const names = new Map(units.map((unit) => [unit.id, unit.name]));
  const page = await deps.actions.ofUnits([...names.keys()], options.before);
  const cardId = deps.newId();
  return unitActionsListCard(deps.text, {
    items: page.actions.map((action) => ({
      action,
      unitName: names.get(action.unitId) ?? deps.text.actions.unknownUnit,
    })),
    older: options.before !== undefined,
    ...(options.notice ? { notice: options.notice } : {}),
    actions: pagingButtons(deps, cardId, verbs.actionsUnitPage, {
      ...options,
      ...(page.next ? { next: page.next } : {}),
    }),
  });
}

export type DetailsOptions = {
  /** What the person sent, shown again after a problem; the saved details without it. */
  values?: DetailsFormValues;
  problems?: DetailsProblem[];
  findings?: FieldFinding[];
  notice?: string;
};

/** "Add details": the card filled in with what is saved (or what the person sent), to save or go back. */
export function detailsForm(deps: BotDeps, action: Action, options: DetailsOptions = {}): AdaptiveCard {
  const { text } = deps;
  const t = text.actions;
  const actionId = action.id;
  const { patients, carers, public: members } = action.participants;
  return actionDetailsCard(text, {
    actionTitle: action.title,
    participants: patients + carers + members,
    values: options.values ?? detailsValuesOf(action.details),
    ...(options.problems ? { problems: options.problems } : {}),
    ...(options.findings ? { findings: options.findings } : {}),
    ...(options.notice ? { notice: options.notice } : {}),
    save: button(deps, t.details.save, verbs.actionsDetailsSave, { actionId }),
    back: button(deps, t.details.back, verbs.actionsShow, { actionId }),
  });
}

// ---- The follow-up question ---------------------------------------------------------------------------

/** Where an action's follow-up stands for its owner: gone, the loop closed either way, or open. */
type FollowUpState = 'gone' | 'told' | 'notPossible' | 'open';

function followUpState(action: Action | undefined): FollowUpState {
  if (!action) return 'gone';
  if (action.details?.feedback) return 'told';
  if (action.details?.feedbackNotPossible) return 'notPossible';
  return 'open';
}

export type FollowUpOptions = {
  reason?: string;
  problem?: string;
  findings?: FieldFinding[];
  notice?: string;
};

/** The question with its three answers, each carrying the card's id and the action's. */
function followUpQuestion(deps: BotDeps, action: Action, options: FollowUpOptions = {}): AdaptiveCard {
  const f = deps.text.actions.followUp;
  const cardId = deps.newId();
  const data = { cardId, actionId: action.id };
  return actionFollowUpCard(deps.text, {
    actionTitle: action.title,
    date: action.date,
    ...options,
    told: { title: f.told, verb: verbs.actionsFollowUpTold, data },
    later: { title: f.later, verb: verbs.actionsFollowUpLater, data },
    notPossible: { title: f.saveReason, verb: verbs.actionsFollowUpNotPossible, data },
  });
}

/** What was noted: told on a date, asked again on a date, or why participants could not be told. */
export function followUpReceipt(deps: BotDeps, action: Action, notice?: string): AdaptiveCard {
  const { details } = action;
  const outcome: FollowUpOutcome = details?.feedback
    ? { kind: 'told', on: details.feedback.givenOn }
    : details?.feedbackNotPossible
      ? { kind: 'notPossible', reason: details.feedbackNotPossible }
      : { kind: 'later', on: action.followUpOn ?? deps.actions.today() };
  return followUpReceiptCard(deps.text, {
    actionTitle: action.title,
    date: action.date,
    outcome,
    ...(notice ? { notice } : {}),
    actions: [button(deps, deps.text.actions.addDetails, verbs.actionsDetails, { actionId: action.id })],
  });
}

/**
 * The follow-up card for the action's owner as things stand: the question while it is open (or put off),
 * or a short notice that no answer is needed once the action has gone or the loop is closed.
 */
export async function followUpCard(
  deps: BotDeps,
  aadObjectId: string,
  actionId: string,
  options: FollowUpOptions = {},
): Promise<AdaptiveCard> {
  const action = await findOwnAction(deps, aadObjectId, actionId);
  const state = followUpState(action);
  if (!action || state !== 'open')
    return followUpReceiptCard(deps.text, {
      ...(action ? { actionTitle: action.title, date: action.date } : {}),
      outcome: { kind: 'noAnswerNeeded', because: state === 'open' ? 'gone' : state },
      ...(options.notice ? { notice: options.notice } : {}),
      actions: [],
    });
  return followUpQuestion(deps, action, options);
}
