// "set up check-ins" (managers for their own units; leads and admins for every unit): the principles a unit's
// pulse asks, and who answers its measures. Every step checks 'manageUnit' on the server for the unit named,
// whatever the card showed.
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { AdaptiveCard } from '../../cards/card.js';
import { errorCard, refusedCard } from '../../cards/notice-cards.js';
import { NO_ONE, unitChooserCard, unitSetupCard, type UnitSetupView } from '../../cards/unit-setup-card.js';
import type { PrincipleId } from '../../domain/catalogue.js';
import type { Roles } from '../../domain/permissions.js';
import type { Unit } from '../../domain/units.js';
import type { CheckinSetup } from '../../services/units.js';
import type { BotDeps } from '../deps.js';
import { refusal } from '../refusal.js';
import { sendCard } from '../reply.js';
import { verbs } from '../verbs.js';

const cardId = z.string().min(1).max(100);
const id = z.string().max(200);
/** Teams sends a multi-select as one comma-separated string. */
const Inputs = z.object({
  principles: z.string().max(200).default(''),
  owner: id.default(NO_ONE),
  deputy: id.default(NO_ONE),
});
const ShowData = Inputs.partial().extend({
  cardId,
  /** The unit to show; without it, the list of units. */
  unitId: id.min(1).optional(),
  /** "find": search the long list by the name typed; "unit": show the unit chosen from the list. */
  use: z.enum(['find', 'unit']).optional(),
  find: z.string().trim().max(100).optional(),
  unit: id.optional(),
});
const SaveData = Inputs.extend({ cardId, unitId: id.min(1) });

type Draft = { principles: PrincipleId[]; owner?: string; deputy?: string };

const actorOf = (context: TurnContext) => context.activity.from.aadObjectId ?? '';
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'en-GB');

/** The principles sent, in catalogue order, and whether anything else was sent with them. */
function principlesOf(deps: BotDeps, value: string): { ids: PrincipleId[]; unknown: boolean } {
  const sent = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const known = deps.checkins.principles.map((principle) => principle.id);
  return {
    ids: known.filter((principle) => sent.includes(principle)),
    unknown: sent.some((part) => !known.includes(part as PrincipleId)),
  };
}

const person = (value: string | undefined) => (value && value !== NO_ONE ? value : undefined);

function draftOf(deps: BotDeps, input: { principles?: string; owner?: string; deputy?: string }): Draft {
  const owner = person(input.owner);
  const deputy = person(input.deputy);
  return {
    principles: principlesOf(deps, input.principles ?? '').ids,
    ...(owner ? { owner } : {}),
    ...(deputy ? { deputy } : {}),
  };
}

type UnitCardOptions = {
  draft?: Draft;
  query?: string;
  notice?: string;
  problem?: UnitSetupView['problem'];
  several: boolean;
};

/** One unit's card: what is saved, or the person's own choices after a problem or a search. */
async function unitCard(deps: BotDeps, setup: CheckinSetup, options: UnitCardOptions): Promise<AdaptiveCard> {
  const { text } = deps;
  const t = text.unitSetup;
  const card = deps.newId();
  const unitId = setup.unit.id;
  const candidates = new Set(setup.candidates.map((candidate) => candidate.aadObjectId));
  const gone: UnitSetupView['gone'] = [];
  for (const role of ['owner', 'deputy'] as const) {
    const saved = setup[role];
    if (saved && !candidates.has(saved)) {
      const name = (await deps.roles.of(saved)).person?.name;
      gone.push({ role, ...(name ? { name } : {}) });
    }
  }
  const chosen = options.draft ?? setup;
  return unitSetupCard(text, {
    unitName: setup.unit.name,
    gone,
    principles: deps.checkins.principles.map((principle) => ({ title: principle.name, value: principle.id })),
    chosen: chosen.principles,
    people: [...setup.candidates]
      .sort(byName)
      .map((candidate) => ({ title: candidate.name || t.unnamed, value: candidate.aadObjectId })),
    ...(chosen.owner ? { owner: chosen.owner } : {}),
    ...(chosen.deputy ? { deputy: chosen.deputy } : {}),
    ...(options.query ? { query: options.query } : {}),
    ...(options.notice ? { notice: options.notice } : {}),
    ...(options.problem ? { problem: options.problem } : {}),
    find: { title: t.find, verb: verbs.unitSetupShow, data: { cardId: card, unitId, use: 'find' } },
    save: { title: t.save, verb: verbs.unitSetupSave, data: { cardId: card, unitId } },
    ...(options.several
      ? { otherUnit: { title: t.otherUnit, verb: verbs.unitSetupShow, data: { cardId: card } } }
      : {}),
  });
}

function chooserCard(deps: BotDeps, units: Unit[], options: { query?: string; notice?: string } = {}) {
  const { text } = deps;
  const card = deps.newId();
  return unitChooserCard(text, {
    units: [...units].sort(byName).map((unit) => ({ title: unit.name, value: unit.id })),
    ...(options.query ? { query: options.query } : {}),
    ...(options.notice ? { notice: options.notice } : {}),
    find: { title: text.unitSetup.find, verb: verbs.unitSetupShow, data: { cardId: card, use: 'find' } },
    show: { title: text.unitSetup.show, verb: verbs.unitSetupShow, data: { cardId: card, use: 'unit' } },
  });
}

/** "Saved. From the next check-in, the pulse asks about 2 principles. Priya Shah answers the measures." */
function savedNotice(deps: BotDeps, setup: CheckinSetup): string {
  const t = deps.text.unitSetup;
  const nameOf = (aadObjectId: string) =>
    setup.candidates.find((candidate) => candidate.aadObjectId === aadObjectId)?.name || t.unnamed;
  const { owner, deputy } = setup;
  const answerer =
    owner && deputy
      ? t.answerers.ownerAndDeputy(nameOf(owner), nameOf(deputy))
      : owner
        ? t.answerers.owner(nameOf(owner))
        : deputy
          ? t.answerers.deputy(nameOf(deputy))
          : t.answerers.managers;
  return t.saved(setup.principles.length, answerer);
}

/**
 * For someone with no units to set up: the refusal (audited) when they have no role that could; nothing for
 * a manager, lead or admin, who is told instead that there are no units yet.
 */
async function refusedWithoutRole(deps: BotDeps, actor: string, roles: Roles): Promise<string | undefined> {
  if (roles.admin || roles.lead || roles.managerOf.length > 0) return undefined;
  const access = await deps.access.check(actor, 'manageUnit');
  return access.allowed ? undefined : refusal(deps.text, access.action);
}

/** Typed `set up check-ins`: the unit's card, the list of units for someone with several, or a refusal. */
export function unitSetupCommand(deps: BotDeps) {
  return async (context: TurnContext): Promise<void> => {
    const actor = actorOf(context);
    const roles = await deps.access.rolesOf(actor);
    const units = await deps.units.setupChoices(roles);
    if (units.length === 0) {
      const refused = await refusedWithoutRole(deps, actor, roles);
      return void (await context.sendActivity(refused ?? deps.text.unitSetup.noUnits));
    }
    const setup = units.length === 1 ? await deps.units.checkinSetup(units[0]!.id) : undefined;
    await sendCard(
      context,
      setup ? await unitCard(deps, setup, { several: false }) : chooserCard(deps, units),
    );
  };
}

/** Shows a unit's card (from the list, or a manager's "Choose the owner" button), or searches a long list. */
export function unitSetupShow(deps: BotDeps) {
  return async (context: TurnContext, _state: unknown, data: unknown): Promise<AdaptiveCard> => {
    const { text } = deps;
    const input = ShowData.safeParse(data);
    if (!input.success) return errorCard(text, 'badInput');
    const actor = actorOf(context);
    const { use, find } = input.data;
    const unitId = use === 'unit' ? input.data.unit : input.data.unitId;
    if (!unitId) {
      const roles = await deps.access.rolesOf(actor);
      const units = await deps.units.setupChoices(roles);
      const refused = units.length === 0 && (await refusedWithoutRole(deps, actor, roles));
      if (refused) return refusedCard(text, refused);
      return chooserCard(deps, units, {
        ...(use === 'find' && find ? { query: find } : {}),
        ...(units.length === 0 ? { notice: text.unitSetup.noUnits } : {}),
        ...(use === 'unit' ? { notice: text.unitSetup.chooseUnit } : {}),
      });
    }
    const access = await deps.access.check(actor, 'manageUnit', unitId);
    if (!access.allowed) return refusedCard(text, refusal(text, access.action));
    const units = await deps.units.setupChoices(access.roles);
    const setup = units.some((unit) => unit.id === unitId) && (await deps.units.checkinSetup(unitId));
    if (!setup) return chooserCard(deps, units, { notice: text.unitSetup.notAvailable });
    return unitCard(deps, setup, {
      several: units.length > 1,
      ...(use === 'find' ? { draft: draftOf(deps, input.data), ...(find ? { query: find } : {}) } : {}),
    });
  };
}

/** Saves a unit's choices once per card: a problem comes back with the person's choices kept. */
export function unitSetupSave(deps: BotDeps) {
  return async (context: TurnContext, _state: unknown, data: unknown): Promise<AdaptiveCard> => {
    const { text } = deps;
    const input = SaveData.safeParse(data);
    if (!input.success) return errorCard(text, 'badInput');
    const actor = actorOf(context);
    const { unitId } = input.data;
    const access = await deps.access.check(actor, 'manageUnit', unitId);
    if (!access.allowed) return refusedCard(text, refusal(text, access.action));
    const units = await deps.units.setupChoices(access.roles);
    const several = units.length > 1;
    const current = units.some((unit) => unit.id === unitId) && (await deps.units.checkinSetup(unitId));
    if (!current) return chooserCard(deps, units, { notice: text.unitSetup.notAvailable });
    if (!(await deps.cardActions.claim(input.data.cardId)))
      return unitCard(deps, current, { several, notice: text.notices.alreadyDone });
    const draft = draftOf(deps, input.data);
    if (principlesOf(deps, input.data.principles).unknown)
      return unitCard(deps, current, { several, draft, problem: 'unknownPrinciples' });
    const outcome = await deps.units.saveCheckinSetup(actor, unitId, draft);
    if (outcome.kind === 'unknownUnit')
      return chooserCard(deps, units, { notice: text.unitSetup.notAvailable });
    if (outcome.kind === 'problem')
      return unitCard(deps, outcome.setup, { several, draft, problem: outcome.problem });
    return unitCard(deps, outcome.setup, { several, notice: savedNotice(deps, outcome.setup) });
  };
}
