// "units" (admins): add units that are not Teams teams, and put units inside organisations, places, ICSs.
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { AdaptiveCard } from '../../cards/card.js';
import { errorCard, refusedCard } from '../../cards/notice-cards.js';
import { unitsCard } from '../../cards/units-card.js';
import { UnitLevel } from '../../domain/units.js';
import type { BotDeps } from '../deps.js';
import { refusal } from '../refusal.js';
import { sendCard } from '../reply.js';
import { verbs } from '../verbs.js';

const cardId = z.string().min(1).max(100);
const AddData = z.object({
  cardId,
  name: z.string().trim().max(100).default(''),
  level: UnitLevel.default('unit'),
});
const ParentData = z.object({
  cardId,
  child: z.string().max(200).default(''),
  parent: z.string().max(200).default(''),
});

async function card(deps: BotDeps, notice?: string): Promise<AdaptiveCard> {
  const { text, newId } = deps;
  const id = newId();
  return unitsCard(text, {
    units: await deps.units.all(),
    add: { title: text.units.add, verb: verbs.unitsAdd, data: { cardId: id } },
    setParent: { title: text.units.setParent, verb: verbs.unitsParent, data: { cardId: id } },
    ...(notice ? { notice } : {}),
  });
}

type Handler = (data: unknown, actor: string) => Promise<AdaptiveCard>;

function adminsOnly(deps: BotDeps, handle: Handler) {
  return async (context: TurnContext, _state: unknown, data: unknown): Promise<AdaptiveCard> => {
    const actor = context.activity.from.aadObjectId ?? '';
    const access = await deps.access.check(actor, 'defineUnits');
    return access.allowed ? handle(data, actor) : refusedCard(deps.text, refusal(deps.text, access.action));
  };
}

export function unitsCommand(deps: BotDeps) {
  return async (context: TurnContext): Promise<void> => {
    const access = await deps.access.check(context.activity.from.aadObjectId ?? '', 'defineUnits');
    if (!access.allowed) return void (await context.sendActivity(refusal(deps.text, access.action)));
    await sendCard(context, await card(deps));
  };
}

export const unitsAdd = (deps: BotDeps) =>
  adminsOnly(deps, async (data, actor) => {
    const input = AddData.safeParse(data);
    if (!input.success) return errorCard(deps.text, 'badInput');
    if (!input.data.name) return card(deps, deps.text.units.nameMissing);
    const unit = await deps.units.defineUnit(actor, input.data.name, input.data.level);
    return card(deps, deps.text.units.added(unit.name));
  });

export const unitsParent = (deps: BotDeps) =>
  adminsOnly(deps, async (data, actor) => {
    const input = ParentData.safeParse(data);
    if (!input.success) return errorCard(deps.text, 'badInput');
    const { child, parent } = input.data;
    const problem = await deps.units.setParent(actor, child, parent);
    if (problem) return card(deps, deps.text.units.problems[problem]);
    const names = new Map((await deps.units.all()).map((unit) => [unit.id, unit.name]));
    return card(deps, deps.text.units.parentSet(names.get(child) ?? child, names.get(parent) ?? parent));
  });
