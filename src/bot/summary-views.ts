// Summaries and digests as the bot shows them, built from the summaries service's numbers at the moment they
// are shown: the channel's weekly summary (no names), a manager's digest (naming the owner of each measure
// with no update) with buttons to step between weeks, the short notices in their place, and the organisation
// digest for leads and the organisation summary for its channel. The scheduled post, `digest` and its buttons
// all come through here, so each shows the same card.
import type { AdaptiveCard, CardAction } from '../cards/card.js';
import { organisationDigestCard } from '../cards/org-digest-card.js';
import { formatLocalDate } from '../cards/pulse-cards.js';
import { digestCard, digestNoticeCard, summaryCard, type SummaryView } from '../cards/summary-cards.js';
import { COMPARE_FEW } from '../domain/comparison.js';
import { cycleMonday, nextCycleId, previousCycleId } from '../domain/cycles.js';
import { isErased } from '../domain/erasure.js';
import { may, type Roles } from '../domain/permissions.js';
import type { UnitDigest } from '../services/summaries.js';
import type { SummaryReading } from '../services/summary-readers.js';
import type { BotDeps } from './deps.js';
import { verbs } from './verbs.js';

/** `reading`: what the cards of one delivery batch share (delivered-cards.ts); each card reads alone without. */
type Options = { proactive?: boolean; reading?: SummaryReading };

/** The latest cycle, and whether the one shown is still open (its card is then a preview). */
async function whereWeAre(deps: BotDeps, cycleId: string) {
  const [latest, closed] = await Promise.all([deps.checkins.latestCycle(), deps.summaries.lastClosedCycle()]);
  return { latest, open: latest?.id === cycleId && closed?.id !== cycleId };
}

async function viewOf(
  deps: BotDeps,
  found: UnitDigest,
  open: boolean,
  options: Options,
): Promise<SummaryView> {
  const { unit, cycle, digest } = found;
  return {
    unitName: unit.name,
    monday: cycleMonday(cycle.id),
    digest,
    anonymityMin: deps.adminSettings.current().anonymityMin,
    timeZone: deps.settings.timeZone,
    principleNames: Object.fromEntries(deps.checkins.principles.map((p) => [p.id, p.name])),
    measureLabels: Object.fromEntries(deps.checkins.measures.map((m) => [m.id, m.label])),
    ...(open ? { previewUntil: cycle.closesAt } : {}),
    ...(options.proactive ? { proactive: true } : {}),
  };
}

/** A unit's weekly summary for its channel, or nothing for a unit or cycle that does not exist. */
export async function summaryCardFor(
  deps: BotDeps,
  unitId: string,
  cycleId: string,
  options: Options = {},
): Promise<AdaptiveCard | undefined> {
  const found = await deps.summaries.digestOf(unitId, cycleId, 'channel', options.reading);
  if (!found) return undefined;
  const { open } = await whereWeAre(deps, cycleId);
  return summaryCard(deps.text, await viewOf(deps, found, open, options));
}

const weekButton = (deps: BotDeps, title: string, verb: string, unitId: string, cycleId: string) => ({
  title,
  verb,
  data: { cardId: deps.newId(), unitId, cycleId },
});

/** "Previous week" while the unit was tracked then; "Next week" up to the latest cycle. */
function weekButtons(deps: BotDeps, unitId: string, cycleId: string, createdAt: string, latest?: string) {
  const t = deps.text.summaries;
  const buttons: CardAction[] = [];
  if (createdAt < cycleMonday(cycleId))
    buttons.push(weekButton(deps, t.previousWeek, verbs.digestPrevious, unitId, previousCycleId(cycleId)));
  if (latest && cycleId < latest)
    buttons.push(weekButton(deps, t.nextWeek, verbs.digestNext, unitId, nextCycleId(cycleId)));
  return buttons;
}

/** The names of the people a digest names, as far as they are known. */
async function namesIn(deps: BotDeps, found: UnitDigest): Promise<Record<string, string>> {
  const { noUpdate, loopOverdue } = found.digest;
  const ids = new Set([...noUpdate, ...loopOverdue].flatMap((item) => (item.owner ? [item.owner] : [])));
  const names: Record<string, string> = {};
  for (const id of ids) {
    const name = (await deps.roles.of(id)).person?.name;
    if (name) names[id] = name;
    else if (isErased(id)) names[id] = deps.text.erasure.formerStaff;
  }
  return names;
}

/**
 * A unit's digest for a manager (the caller checked 'seeUnit'), or, for a week with no check-in, a short
 * notice with the way back; nothing for a unit that does not exist.
 */
export async function digestCardFor(
  deps: BotDeps,
  unitId: string,
  cycleId: string,
  options: Options = {},
): Promise<AdaptiveCard | undefined> {
  const [found, where] = await Promise.all([
    deps.summaries.digestOf(unitId, cycleId, 'manager', options.reading),
    whereWeAre(deps, cycleId),
  ]);
  if (!found) return noWeekCard(deps, unitId, cycleId, where.latest?.id);
  const view = await viewOf(deps, found, where.open, options);
  return digestCard(deps.text, {
    ...view,
    names: await namesIn(deps, found),
    actions: weekButtons(deps, unitId, cycleId, found.unit.createdAt, where.latest?.id),
  });
}

async function noWeekCard(deps: BotDeps, unitId: string, cycleId: string, latest?: string) {
  const unit = (await deps.units.all()).find((candidate) => candidate.id === unitId);
  if (!unit) return undefined;
  const t = deps.text.summaries;
  return digestNoticeCard(deps.text, {
    title: t.digestTitle(unit.name),
    body: t.noWeek(formatLocalDate(deps.text, cycleMonday(cycleId))),
    actions:
      latest && cycleId < latest
        ? [weekButton(deps, t.nextWeek, verbs.digestNext, unitId, nextCycleId(cycleId))]
        : [],
  });
}

/** The digest delivered to a manager: only while they may still see the unit, since it names people. */
export async function deliveredDigest(
  deps: BotDeps,
  aadObjectId: string,
  unitId: string,
  cycleId: string,
  reading?: SummaryReading,
): Promise<AdaptiveCard | undefined> {
  if (!may(await deps.access.rolesOf(aadObjectId), 'seeUnit', unitId)) return undefined;
  return digestCardFor(deps, unitId, cycleId, { proactive: true, reading });
}

/** Whoever may see every unit's results (leads and admins): a manager may see only their own units. */
export const seesEveryUnit = (roles: Roles): boolean => may(roles, 'seeUnit');

/**
 * The organisation digest for a lead (the caller checked `seesEveryUnit`), or the organisation summary for an
 * organisation unit's channel; nothing for a cycle, or an organisation, that does not exist.
 */
export async function organisationCardFor(
  deps: BotDeps,
  cycleId: string,
  options: Options & { organisationId?: string } = {},
): Promise<AdaptiveCard | undefined> {
  const { organisationId, proactive, reading } = options;
  const [found, where] = await Promise.all([
    deps.summaries.organisationDigestOf(cycleId, organisationId, reading),
    whereWeAre(deps, cycleId),
  ]);
  if (!found) return undefined;
  const audience = organisationId ? 'channel' : 'lead';
  const owners = new Set(found.digest.noUpdate.flatMap((item) => (item.owner ? [item.owner] : [])));
  const names: Record<string, string> = {};
  if (audience === 'lead')
    for (const id of owners) {
      const name = (await deps.roles.of(id)).person?.name;
      if (name) names[id] = name;
      else if (isErased(id)) names[id] = deps.text.erasure.formerStaff;
    }
  return organisationDigestCard(deps.text, {
    audience,
    ...(found.organisation ? { organisationName: found.organisation.name } : {}),
    monday: cycleMonday(found.cycle.id),
    digest: found.digest,
    anonymityMin: deps.adminSettings.current().anonymityMin,
    timeZone: deps.settings.timeZone,
    few: COMPARE_FEW,
    principleNames: Object.fromEntries(deps.checkins.principles.map((p) => [p.id, p.name])),
    measureLabels: Object.fromEntries(deps.checkins.measures.map((m) => [m.id, m.label])),
    names,
    ...(where.open ? { previewUntil: found.cycle.closesAt } : {}),
    ...(proactive ? { proactive: true } : {}),
  });
}

/** The organisation digest delivered to a lead: only while they may still see every unit. */
export async function deliveredOrganisationDigest(
  deps: BotDeps,
  aadObjectId: string,
  cycleId: string,
  reading?: SummaryReading,
): Promise<AdaptiveCard | undefined> {
  if (!seesEveryUnit(await deps.access.rolesOf(aadObjectId))) return undefined;
  return organisationCardFor(deps, cycleId, { proactive: true, reading });
}
