// "erase" (admins): find a person by name, read what erasing them does and confirm, then a receipt. Every step
// checks the permission on the server; the confirmation is spent once (card actions), and nothing identifying
// the person is logged.
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { AdaptiveCard } from '../../cards/card.js';
import { eraseConfirmCard, eraseReceiptCard, eraseSearchCard } from '../../cards/erase-cards.js';
import { rolesInWords } from '../../cards/roles-cards.js';
import { errorCard, refusedCard } from '../../cards/notice-cards.js';
import type { BotDeps } from '../deps.js';
import { refusal } from '../refusal.js';
import { sendCard } from '../reply.js';
import { verbs } from '../verbs.js';

const cardId = z.string().min(1).max(100);
const SearchData = z.object({ cardId, query: z.string().trim().max(100).optional() });
const PersonData = z.object({ cardId, aadObjectId: z.string().min(1).max(100) });
const ConfirmData = PersonData.extend({ confirm: z.enum(['true', 'false']).optional() });

type Handler = (data: unknown, actor: string) => Promise<AdaptiveCard>;

const actorOf = (context: TurnContext) => context.activity.from.aadObjectId ?? '';

/** Every erase verb: admins only, refused and audited otherwise. */
function adminsOnly(deps: BotDeps, handle: Handler) {
  return async (context: TurnContext, _state: unknown, data: unknown): Promise<AdaptiveCard> => {
    const actor = actorOf(context);
    const access = await deps.access.check(actor, 'erasePerson');
    return access.allowed ? handle(data, actor) : refusedCard(deps.text, refusal(deps.text, access.action));
  };
}

async function searchCard(deps: BotDeps, actor: string, query: string, notice?: string) {
  const { text, newId } = deps;
  const unitNames = new Map((await deps.units.all()).map((unit) => [unit.id, unit.name]));
  const found = query ? await deps.roles.search(query) : undefined;
  const results =
    found &&
    (await Promise.all(
      found.map(async (person) => ({
        aadObjectId: person.aadObjectId,
        name: person.name,
        guest: person.guest,
        summary: rolesInWords(text, (await deps.roles.of(person.aadObjectId)).roles, unitNames),
      })),
    ));
  return eraseSearchCard(text, {
    query,
    actor,
    ...(results ? { results } : {}),
    find: { title: text.erasure.find, verb: verbs.eraseSearch, data: { cardId: newId() } },
    choose: (person) => ({
      verb: verbs.eraseChoose,
      data: { cardId: newId(), aadObjectId: person.aadObjectId },
    }),
    ...(notice ? { notice } : {}),
  });
}

async function confirmCard(deps: BotDeps, aadObjectId: string, name: string, notice?: string) {
  const { text, newId } = deps;
  const held = (await deps.units.all()).filter(
    (unit) => unit.checkins?.owner === aadObjectId || unit.checkins?.deputy === aadObjectId,
  );
  const cardId = newId();
  return eraseConfirmCard(text, {
    name,
    measureUnits: held.map((unit) => unit.name),
    erase: { title: text.erasure.erase, verb: verbs.eraseConfirm, data: { cardId, aadObjectId } },
    back: { title: text.erasure.back, verb: verbs.eraseSearch, data: { cardId: newId(), query: name } },
    ...(notice ? { notice } : {}),
  });
}

export function eraseCommand(deps: BotDeps) {
  return async (context: TurnContext): Promise<void> => {
    const actor = actorOf(context);
    const access = await deps.access.check(actor, 'erasePerson');
    if (!access.allowed) return void (await context.sendActivity(refusal(deps.text, access.action)));
    await sendCard(context, await searchCard(deps, actor, ''));
  };
}

export const eraseSearch = (deps: BotDeps) =>
  adminsOnly(deps, async (data, actor) => {
    const input = SearchData.safeParse(data);
    if (!input.success) return searchCard(deps, actor, '', deps.text.erasure.queryProblem);
    const { query } = input.data;
    // No query at all is a fresh start ("Erase someone else's data"); an empty one is a slip to point out.
    if (query === undefined) return searchCard(deps, actor, '');
    return query
      ? searchCard(deps, actor, query)
      : searchCard(deps, actor, '', deps.text.erasure.queryProblem);
  });

export const eraseChoose = (deps: BotDeps) =>
  adminsOnly(deps, async (data, actor) => {
    const input = PersonData.safeParse(data);
    if (!input.success) return errorCard(deps.text, 'badInput');
    const { aadObjectId } = input.data;
    if (aadObjectId === actor) return searchCard(deps, actor, '', deps.text.erasure.self);
    const person = (await deps.roles.of(aadObjectId)).person;
    return person
      ? confirmCard(deps, aadObjectId, person.name)
      : searchCard(deps, actor, '', deps.text.erasure.notFound);
  });

export const eraseConfirm = (deps: BotDeps) =>
  adminsOnly(deps, async (data, actor) => {
    const { text } = deps;
    const input = ConfirmData.safeParse(data);
    if (!input.success) return errorCard(text, 'badInput');
    const { aadObjectId, confirm } = input.data;
    if (aadObjectId === actor) return searchCard(deps, actor, '', text.erasure.self);
    const person = (await deps.roles.of(aadObjectId)).person;
    if (!person) return searchCard(deps, actor, '', text.erasure.notFound);
    if (confirm !== 'true') return confirmCard(deps, aadObjectId, person.name, text.erasure.needsConfirm);
    if (!(await deps.cardActions.claim(input.data.cardId)))
      return searchCard(deps, actor, '', text.erasure.alreadyUsed);
    const outcome = await deps.erasure.erase(actor, aadObjectId);
    if (outcome.kind === 'notFound') return searchCard(deps, actor, '', text.erasure.notFound);
    if (outcome.kind === 'self') return searchCard(deps, actor, '', text.erasure.self);
    // Counts only: the person's id and name are gone from the data, and must not live on in the logs.
    deps.log.info({ event: 'person.erase', counts: outcome.counts }, 'erasure: erased a person');
    return eraseReceiptCard(text, {
      name: person.name,
      counts: outcome.counts,
      actions: [{ title: text.erasure.another, verb: verbs.eraseSearch, data: { cardId: deps.newId() } }],
    });
  });
