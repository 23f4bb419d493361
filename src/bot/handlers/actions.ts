// Patient input actions in a personal chat: `log action` (or the help card's button) opens the short card;
// saving it logs or changes the action and answers with a receipt, or with the card again, the person's
// inputs kept and a message by each box to fix. `my actions` lists the person's own, to change or delete.
// Only the owner may see, change or delete an action: the service checks, whatever the card sent. Nothing a
// person typed is ever logged: the guard's findings are logged as the box and the rule codes only.
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import {
  detailsCountIds,
  detailsInputIds,
  type ActionFormValues,
  type DetailsFormValues,
} from '../../cards/action-cards.js';
import type { AdaptiveCard } from '../../cards/card.js';
import { errorCard, refusedCard } from '../../cards/notice-cards.js';
import { ActionId, entryInputIds, type FieldFinding } from '../../domain/actions.js';
import {
  actionForm,
  actionReceipt,
  actionsList,
  detailsForm,
  findOwnAction,
  type DetailsOptions,
  NEWER_MAX,
  noUnitsCard,
  notFoundCard,
} from '../action-views.js';
import type { BotDeps } from '../deps.js';
import { sendCard } from '../reply.js';
import { helpFor } from './help.js';

const cardId = z.string().min(1).max(100);
const IdData = z.object({ cardId, actionId: ActionId });
const NewData = z.object({ cardId, below: z.boolean().optional() });
export const PageData = z.object({
  cardId,
  before: ActionId.optional(),
  newer: z
    .array(z.union([ActionId, z.literal('')]))
    .max(NEWER_MAX)
    .optional(),
});
/** The card's inputs arrive with the button's data; anything unexpected is left for the service to refuse. */
const SaveData = z
  .object({
    cardId,
    /** Set when the card changes an action already logged. */
    actionId: ActionId.optional(),
    /** The team chosen, when the person could log for several. */
    unitId: z.string().max(200).optional().catch(undefined),
  })
  .loose();

/** The card's input ids: only these reach the service. */
const inputIds = [...entryInputIds, 'confirmWarnings'] as const;
const detailsIds = [...detailsInputIds, 'confirmWarnings'];
/** Longer than any box allows (the longest takes 500), so an oversize value is refused as too long. */
export const INPUT_MAX = 1_000;
const LIST_MAX = 20;

export type Handler = (context: TurnContext, _state: unknown, data: unknown) => Promise<AdaptiveCard>;

export const personOf = (context: TurnContext) => context.activity.from.aadObjectId ?? '';

/** A value as the service may read it: text cut to INPUT_MAX, lists short, and objects emptied. */
function capped(value: unknown): unknown {
  if (typeof value === 'string') return value.slice(0, INPUT_MAX);
  if (value === null || ['number', 'boolean', 'undefined'].includes(typeof value)) return value;
  if (Array.isArray(value))
    return value.slice(0, LIST_MAX).map((item) => (typeof item === 'string' ? item.slice(0, 100) : {}));
  return {};
}

function inputsOf(data: Record<string, unknown>, ids: readonly string[] = inputIds): Record<string, unknown> {
  return Object.fromEntries(ids.filter((id) => data[id] !== undefined).map((id) => [id, capped(data[id])]));
}

const isTrue = (value: unknown) => value === true || value === 'true';
const textOf = (value: unknown) =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  return typeof value === 'string' && /^\s*[+-]?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : undefined;
}

/** What the person sent, to show on the card again. */
function valuesOf(inputs: Record<string, unknown>, unitId: string | undefined): ActionFormValues {
  const values: ActionFormValues = {
    shareable: isTrue(inputs.shareable),
    noPatient: isTrue(inputs.noPatient),
  };
  for (const field of ['type', 'title', 'date', 'depth', 'whatWeHeard', 'whatWeDid', 'followUpOn'] as const) {
    const value = textOf(inputs[field]);
    if (value !== undefined) values[field] = value;
  }
  const principles = inputs.principles;
  if (Array.isArray(principles))
    values.principles = principles.filter((id) => typeof id === 'string').join(',');
  else if (typeof principles === 'string') values.principles = principles;
  for (const field of ['patients', 'carers', 'public'] as const) {
    const value = numberOf(inputs[field]);
    if (value !== undefined) values[field] = value;
  }
  if (unitId) values.unitId = unitId;
  return values;
}

/** What the person sent on the details card, to show on it again: counts as numbers, the rest as sent. */
function detailsValuesOfInputs(inputs: Record<string, unknown>): DetailsFormValues {
  const values: DetailsFormValues = {};
  for (const id of detailsInputIds) {
    const value = detailsCountIds.includes(id) ? numberOf(inputs[id]) : textOf(inputs[id]);
    if (value !== undefined && value !== '') values[id] = value;
  }
  return values;
}

/** Which box and which rules, never the text. */
export function logFindings(deps: BotDeps, findings: FieldFinding[]) {
  for (const { field, blocked, warnings } of findings) {
    deps.log.info(
      { event: blocked.length ? 'guard.refused' : 'guard.warned', field, rules: [...blocked, ...warnings] },
      'actions: the patient-data guard stopped a save',
    );
  }
}

export async function refusedNotYours(deps: BotDeps, aadObjectId: string, action: string, id: string) {
  await deps.audit.record(aadObjectId, action, [id], 'refused');
  deps.log.warn({ action, outcome: 'notYours' }, 'actions: refused a change to someone else’s action');
  return refusedCard(deps.text, deps.text.actions.notYours);
}

export const notAmongYours = (deps: BotDeps) => refusedCard(deps.text, deps.text.actions.notAmongYours);

/** Typed `log action`: the form, or why the person cannot log one yet. */
export function logActionCommand(deps: BotDeps) {
  return async (context: TurnContext): Promise<void> =>
    sendCard(context, (await actionForm(deps, personOf(context))) ?? noUnitsCard(deps));
}

/** Typed `my actions`: the newest five. */
export function myActionsCommand(deps: BotDeps) {
  return async (context: TurnContext): Promise<void> =>
    sendCard(context, await actionsList(deps, personOf(context)));
}

/**
 * "Log an action": the form in place of the card pressed; from the help card (`below`), as a new message,
 * the help card staying as it was with a line saying where the form is.
 */
export function actionsNew(deps: BotDeps): Handler {
  return async (context, _state, data) => {
    const input = NewData.safeParse(data);
    if (!input.success) return errorCard(deps.text, 'badInput');
    const form = await actionForm(deps, personOf(context));
    if (!input.data.below) return form ?? noUnitsCard(deps);
    if (!form) return helpFor(deps, context, deps.text.actions.noUnits);
    await sendCard(context, form);
    return helpFor(deps, context, deps.text.actions.formBelow);
  };
}

/**
 * Saves the form once per card. A second press of the same card (a double click, or Teams retrying) changes
 * nothing and shows where things stand: the action saved, or the form again with what was sent.
 */
export function actionsSave(deps: BotDeps): Handler {
  return async (context, _state, data) => {
    const { text } = deps;
    const parsed = SaveData.safeParse(data);
    if (!parsed.success) return errorCard(text, 'badInput');
    const aadObjectId = personOf(context);
    const { actionId, unitId } = parsed.data;
    const inputs = inputsOf(parsed.data);
    const kept = { values: valuesOf(inputs, unitId), ...(actionId ? { actionId } : {}) };
    if (!(await deps.cardActions.claim(parsed.data.cardId)))
      return alreadySaved(deps, aadObjectId, inputs, kept);
    const outcome = actionId
      ? await deps.actions.edit(aadObjectId, actionId, inputs)
      : await deps.actions.log(aadObjectId, inputs, unitId);
    switch (outcome.kind) {
      case 'invalid':
        return (
          (await actionForm(deps, aadObjectId, { ...kept, problems: outcome.problems })) ?? noUnitsCard(deps)
        );
      case 'guard':
        logFindings(deps, outcome.findings);
        return (
          (await actionForm(deps, aadObjectId, { ...kept, findings: outcome.findings })) ?? noUnitsCard(deps)
        );
      case 'chooseUnit':
        if (outcome.units.length === 0) return noUnitsCard(deps);
        return (
          (await actionForm(deps, aadObjectId, {
            ...kept,
            units: outcome.units,
            problems: [{ field: 'unitId', problem: 'required' }],
          })) ?? noUnitsCard(deps)
        );
      case 'saved':
        return actionReceipt(deps, outcome.action, {
          notice: actionId ? text.actions.changed : text.actions.saved,
        });
      case 'notFound':
        return notFoundCard(deps);
      case 'notYours':
        return refusedNotYours(deps, aadObjectId, 'action.edit', actionId ?? '');
    }
  };
}

/** The current state for a card saved before: the action it saved, if it saved one, or the form again. */
async function alreadySaved(
  deps: BotDeps,
  aadObjectId: string,
  inputs: Record<string, unknown>,
  kept: { values: ActionFormValues; actionId?: string },
): Promise<AdaptiveCard> {
  const notice = deps.text.notices.alreadyDone;
  if (kept.actionId) {
    const action = await findOwnAction(deps, aadObjectId, kept.actionId);
    return action ? actionReceipt(deps, action, { notice }) : notAmongYours(deps);
  }
  const { title, date, type } = kept.values;
  const saved = (await deps.actions.mine(aadObjectId)).actions.find(
    (action) => action.title === title?.trim() && action.date === date?.trim() && action.type === type,
  );
  if (saved) return actionReceipt(deps, saved, { notice });
  return (await actionForm(deps, aadObjectId, kept)) ?? noUnitsCard(deps);
}

/** "Edit": the form filled in with the action, if it is the person's own. */
export function actionsEdit(deps: BotDeps): Handler {
  return async (context, _state, data) => {
    const input = IdData.safeParse(data);
    if (!input.success) return errorCard(deps.text, 'badInput');
    const aadObjectId = personOf(context);
    const action = await findOwnAction(deps, aadObjectId, input.data.actionId);
    if (!action) return notAmongYours(deps);
    return (await actionForm(deps, aadObjectId, { action })) ?? noUnitsCard(deps);
  };
}

/** "Delete": asks first, showing what would go. */
export function actionsDelete(deps: BotDeps): Handler {
  return async (context, _state, data) => {
    const input = IdData.safeParse(data);
    if (!input.success) return errorCard(deps.text, 'badInput');
    const action = await findOwnAction(deps, personOf(context), input.data.actionId);
    return action ? actionReceipt(deps, action, { confirmDelete: true }) : notAmongYours(deps);
  };
}

/** "No, keep it": the receipt again. */
export function actionsShow(deps: BotDeps): Handler {
  return async (context, _state, data) => {
    const input = IdData.safeParse(data);
    if (!input.success) return errorCard(deps.text, 'badInput');
    const action = await findOwnAction(deps, personOf(context), input.data.actionId);
    return action ? actionReceipt(deps, action) : notAmongYours(deps);
  };
}

/** "Yes, delete": once per card; then the person's list, without it. */
export function actionsDeleteConfirm(deps: BotDeps): Handler {
  return async (context, _state, data) => {
    const { text } = deps;
    const input = IdData.safeParse(data);
    if (!input.success) return errorCard(text, 'badInput');
    const aadObjectId = personOf(context);
    const { actionId } = input.data;
    if (!(await deps.cardActions.claim(input.data.cardId)))
      return actionsList(deps, aadObjectId, { notice: text.notices.alreadyDone });
    const outcome = await deps.actions.remove(aadObjectId, actionId);
    if (outcome.kind === 'notYours') return refusedNotYours(deps, aadObjectId, 'action.delete', actionId);
    if (outcome.kind === 'notFound') return notFoundCard(deps);
    return actionsList(deps, aadObjectId, { notice: text.actions.deleted });
  };
}

/** "Older" and "Newer" on "my actions". */
export function actionsPage(deps: BotDeps): Handler {
  return async (context, _state, data) => {
    const input = PageData.safeParse(data);
    if (!input.success) return errorCard(deps.text, 'badInput');
    const { before, newer } = input.data;
    return actionsList(deps, personOf(context), {
      ...(before ? { before } : {}),
      ...(newer ? { newer } : {}),
    });
  };
}

/** "Add details": the details card for one's own action, filled in with what is already saved. */
export function actionsDetails(deps: BotDeps): Handler {
  return async (context, _state, data) => {
    const input = IdData.safeParse(data);
    if (!input.success) return errorCard(deps.text, 'badInput');
    const action = await findOwnAction(deps, personOf(context), input.data.actionId);
    return action ? detailsForm(deps, action) : notAmongYours(deps);
  };
}

const DetailsSaveData = z.object({ cardId, actionId: ActionId }).loose();

/**
 * Saves the details once per card: the receipt, or the card again with what was sent and a message by each
 * box to fix. A second press of the same card changes nothing and shows the action as saved.
 */
export function actionsDetailsSave(deps: BotDeps): Handler {
  return async (context, _state, data) => {
    const { text } = deps;
    const input = DetailsSaveData.safeParse(data);
    if (!input.success) return errorCard(text, 'badInput');
    const parsed = input.data;
    const aadObjectId = personOf(context);
    const { actionId } = parsed;
    const inputs = inputsOf(parsed, detailsIds);
    if (!(await deps.cardActions.claim(parsed.cardId))) {
      const action = await findOwnAction(deps, aadObjectId, actionId);
      return action ? actionReceipt(deps, action, { notice: text.notices.alreadyDone }) : notAmongYours(deps);
    }
    const outcome = await deps.actions.addDetails(aadObjectId, actionId, inputs);
    const again = async (options: DetailsOptions) => {
      const action = await findOwnAction(deps, aadObjectId, actionId);
      return action
        ? detailsForm(deps, action, { values: detailsValuesOfInputs(inputs), ...options })
        : notFoundCard(deps);
    };
    switch (outcome.kind) {
      case 'invalid':
        return again({ problems: outcome.problems });
      case 'guard':
        logFindings(deps, outcome.findings);
        return again({ findings: outcome.findings });
      case 'saved':
        return actionReceipt(deps, outcome.action, { notice: text.actions.details.saved });
      case 'notFound':
        return notFoundCard(deps);
      case 'notYours':
        return refusedNotYours(deps, aadObjectId, 'action.details', actionId);
    }
  };
}
