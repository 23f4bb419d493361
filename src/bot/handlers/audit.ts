// "audit" (admins): the latest entries of the audit log, newest first, a page at a time.
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { auditCard } from '../../cards/audit-card.js';
import type { AdaptiveCard, CardAction } from '../../cards/card.js';
import type { AuditEntry } from '../../domain/audit.js';
import { isErased } from '../../domain/erasure.js';
import { errorCard, refusedCard } from '../../cards/notice-cards.js';
import type { AuditCursor } from '../../services/audit-log.js';
import type { BotDeps } from '../deps.js';
import { refusal } from '../refusal.js';
import { sendCard } from '../reply.js';
import { verbs } from '../verbs.js';

const PageData = z.object({
  cardId: z.string().min(1).max(100),
  before: z.object({ at: z.string().max(40), id: z.string().max(100) }).optional(),
});

/**
 * The ids in an entry that stand for people: its actor (unless the app itself), the person whose roles
 * changed, and any erasure pseudonym. The log is never changed, so an erased person's own id stays in old
 * entries: with their name gone, it is shown as a former staff member.
 */
const peopleIn = (entry: AuditEntry): string[] => [
  ...(entry.actor === 'system' ? [] : [entry.actor]),
  ...(entry.action === 'roles.change' ? entry.targets.slice(0, 1) : []),
  ...entry.targets.filter(isErased),
];

/** A purge's targets ('cycles:3', 'keptFrom:2024-11-01') in words. */
function purgeWords(deps: BotDeps, target: string): string | undefined {
  const [kind = '', value = ''] = target.split(':');
  const { counted, keptFrom } = deps.text.retention;
  if (kind === 'keptFrom') return keptFrom(deps.text.formatDate(`${value}T12:00:00Z`, 'UTC'));
  return Object.hasOwn(counted, kind) ? counted[kind as keyof typeof counted](Number(value)) : undefined;
}

async function page(deps: BotDeps, before?: AuditCursor): Promise<AdaptiveCard> {
  const { entries, next } = await deps.audit.page(before);
  const names = new Map<string, string>();
  for (const unit of await deps.units.all()) names.set(unit.id, unit.name);
  for (const id of new Set(entries.flatMap((entry) => [entry.actor, ...entry.targets]))) {
    const { person } = await deps.roles.of(id);
    if (person?.name) names.set(id, person.name);
  }
  for (const id of new Set(entries.flatMap(peopleIn)))
    if (!names.has(id)) names.set(id, deps.text.erasure.formerStaffName);
  for (const entry of entries.filter((e) => e.action === 'retention.purge'))
    for (const target of entry.targets) {
      const words = purgeWords(deps, target);
      if (words) names.set(target, words);
    }
  const cardId = deps.newId();
  const actions: CardAction[] = [
    ...(next
      ? [{ title: deps.text.audit.older, verb: verbs.auditPage, data: { cardId, before: next } }]
      : []),
    ...(before ? [{ title: deps.text.audit.newest, verb: verbs.auditPage, data: { cardId } }] : []),
  ];
  return auditCard(deps.text, { entries, names, timeZone: deps.settings.timeZone, actions });
}

export function auditCommand(deps: BotDeps) {
  return async (context: TurnContext): Promise<void> => {
    const access = await deps.access.check(context.activity.from.aadObjectId ?? '', 'seeAudit');
    if (!access.allowed) return void (await context.sendActivity(refusal(deps.text, access.action)));
    await sendCard(context, await page(deps));
  };
}

export function auditPage(deps: BotDeps) {
  return async (context: TurnContext, _state: unknown, data: unknown): Promise<AdaptiveCard> => {
    const access = await deps.access.check(context.activity.from.aadObjectId ?? '', 'seeAudit');
    if (!access.allowed) return refusedCard(deps.text, refusal(deps.text, access.action));
    const input = PageData.safeParse(data);
    return input.success ? page(deps, input.data.before) : errorCard(deps.text, 'badInput');
  };
}
