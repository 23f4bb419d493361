// "roles" (admins): find a person, then give or take admin, partnership lead and manager of units.
// Every step checks the permission on the server, whatever the card showed.
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { AdaptiveCard } from '../../cards/card.js';
import { errorCard, refusedCard } from '../../cards/notice-cards.js';
import { rolesEditCard, rolesSearchCard, type RoleHolder } from '../../cards/roles-cards.js';
import type { BotDeps } from '../deps.js';
import { refusal } from '../refusal.js';
import { sendCard } from '../reply.js';
import { verbs } from '../verbs.js';

const cardId = z.string().min(1).max(100);
const flag = z.enum(['true', 'false']).transform((value) => value === 'true');
const SearchData = z.object({ cardId, query: z.string().trim().min(1).max(100) });
const EditData = z.object({ cardId, aadObjectId: z.string().min(1).max(100) });
const SaveData = EditData.extend({
  admin: flag.default(false),
  lead: flag.default(false),
  managerOf: z.string().max(10_000).default(''),
});

type Handler = (context: TurnContext, data: unknown, actor: string) => Promise<AdaptiveCard>;

/** Every roles verb: admins only, refused and audited otherwise. */
function adminsOnly(deps: BotDeps, handle: Handler) {
  return async (context: TurnContext, _state: unknown, data: unknown): Promise<AdaptiveCard> => {
    const actor = context.activity.from.aadObjectId ?? '';
    const access = await deps.access.check(actor, 'manageRoles');
    return access.allowed
      ? handle(context, data, actor)
      : refusedCard(deps.text, refusal(deps.text, access.action));
  };
}

async function searchCard(deps: BotDeps, query: string, notice?: string): Promise<AdaptiveCard> {
  const { text, newId } = deps;
  const found = query ? await deps.roles.search(query) : undefined;
  const results = found && (await Promise.all(found.map((person) => holder(deps, person.aadObjectId))));
  return rolesSearchCard(text, {
    query,
    ...(results ? { results: results.flatMap((result) => (result ? [result] : [])) } : {}),
    unitNames: await unitNames(deps),
    find: { title: text.roles.find, verb: verbs.rolesSearch, data: { cardId: newId() } },
    edit: (person) => ({ verb: verbs.rolesEdit, data: { cardId: newId(), aadObjectId: person.aadObjectId } }),
    ...(notice ? { notice } : {}),
  });
}

async function editCard(deps: BotDeps, aadObjectId: string, notice?: string): Promise<AdaptiveCard> {
  const { text, newId } = deps;
  const person = await holder(deps, aadObjectId);
  if (!person) return searchCard(deps, '', text.roles.unknownPerson);
  const cardId = newId();
  return rolesEditCard(text, {
    person,
    bootstrapAdmin: (await deps.roles.of(aadObjectId)).bootstrapAdmin,
    units: (await deps.units.all()).filter((unit) => unit.tracked),
    actions: [
      { title: text.roles.save, verb: verbs.rolesSave, data: { cardId, aadObjectId } },
      { title: text.roles.back, verb: verbs.rolesSearch, data: { cardId, query: person.name } },
    ],
    ...(notice ? { notice } : {}),
  });
}

async function holder(deps: BotDeps, aadObjectId: string): Promise<RoleHolder | undefined> {
  const { person, roles } = await deps.roles.of(aadObjectId);
  return person && { aadObjectId, name: person.name, guest: person.guest, roles };
}

async function unitNames(deps: BotDeps): Promise<Map<string, string>> {
  return new Map((await deps.units.all()).map((unit) => [unit.id, unit.name]));
}

export function rolesCommand(deps: BotDeps) {
  return async (context: TurnContext): Promise<void> => {
    const access = await deps.access.check(context.activity.from.aadObjectId ?? '', 'manageRoles');
    if (!access.allowed) return void (await context.sendActivity(refusal(deps.text, access.action)));
    await sendCard(context, await searchCard(deps, ''));
  };
}

export const rolesSearch = (deps: BotDeps) =>
  adminsOnly(deps, async (_context, data) => {
    const input = SearchData.safeParse(data);
    return input.success
      ? searchCard(deps, input.data.query)
      : searchCard(deps, '', deps.text.roles.queryError);
  });

export const rolesEdit = (deps: BotDeps) =>
  adminsOnly(deps, async (_context, data) => {
    const input = EditData.safeParse(data);
    return input.success ? editCard(deps, input.data.aadObjectId) : errorCard(deps.text, 'badInput');
  });

export const rolesSave = (deps: BotDeps) =>
  adminsOnly(deps, async (_context, data, actor) => {
    const input = SaveData.safeParse(data);
    if (!input.success) return errorCard(deps.text, 'badInput');
    const { aadObjectId, admin, lead, managerOf } = input.data;
    const known = await unitNames(deps);
    const units = managerOf.split(',').filter(Boolean);
    if (units.some((id) => !known.has(id)) || !(await holder(deps, aadObjectId)))
      return errorCard(deps.text, 'badInput');
    const changed = await deps.roles.set(actor, aadObjectId, { admin, lead, managerOf: units });
    return editCard(deps, aadObjectId, changed ? deps.text.roles.saved : deps.text.roles.unchanged);
  });
