// Weekly summaries and digests. In a tracked team's channel, @mentioned: `post summaries here` and `stop
// summaries here` (the unit's managers, leads and admins: 'seeUnit'); in any team's channel, `post
// organisation summaries here` and `stop organisation summaries here` (leads and admins, who may see every
// unit). In a personal chat: `digest` (for leads and admins the organisation digest first; then a preview of
// this week for each unit the person may see, or a choice of units when there are many) and `post summaries
// now` (leads and admins: 'runNow'). Every step checks on the server; refusals say who may and are audited.
//
// The organisation's channel has a command of its own rather than a question after `post summaries here`:
// one typed line says what it does, a manager's `post summaries here` stays as it was, and there is no card
// to answer (and keep safe against stale clicks) in a channel everyone reads.
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { AdaptiveCard } from '../../cards/card.js';
import { errorCard, refusedCard } from '../../cards/notice-cards.js';
import { formatLocalDate } from '../../cards/pulse-cards.js';
import { digestChoiceCard, digestNoticeCard } from '../../cards/summary-cards.js';
import { CycleId } from '../../domain/checkins.js';
import { cycleMonday } from '../../domain/cycles.js';
import type { Unit } from '../../domain/units.js';
import { inboundFacts, scopeOf, teamIdOf } from '../activity.js';
import type { BotDeps } from '../deps.js';
import { refusal } from '../refusal.js';
import { sendCard } from '../reply.js';
import { digestCardFor, organisationCardFor, seesEveryUnit } from '../summary-views.js';
import { unitsInReach } from '../unit-reach.js';
import { verbs } from '../verbs.js';
import { personOf, type Handler } from './actions.js';

/** More units than this and `digest` offers a choice rather than a card for each. */
export const DIGEST_CARDS_MAX = 3;

const cardId = z.string().min(1).max(100);
const unitId = z.string().min(1).max(200);
const WeekData = z.object({ cardId, unitId, cycleId: CycleId });
const ShowData = z.object({ cardId, unitId: unitId.optional() });

/** Summaries are posted for teams and organisations, not for places or Integrated Care Systems. */
const summarised = (unit: Unit) => unit.tracked && (unit.level === 'unit' || unit.level === 'organisation');

const weekOf = (deps: BotDeps, cycleId: string) => formatLocalDate(deps.text, cycleMonday(cycleId));

type ChannelRun = (actor: string, unit: Unit | undefined, channelId: string) => Promise<string>;

/** A command about the team's unit and the channel it is typed in: answered in the thread. */
function channelCommand(deps: BotDeps, run: ChannelRun) {
  return async (context: TurnContext): Promise<void> => {
    const { text } = deps;
    const teamId = teamIdOf(context.activity);
    const channelId = inboundFacts(context.activity)?.conversationId;
    if (scopeOf(context.activity) !== 'channel' || !teamId || !channelId)
      return void (await context.sendActivity(text.tracking.onlyInChannel));
    const actor = personOf(context);
    const unit = (await deps.units.all()).find((found) => found.id === teamId || found.teamId === teamId);
    const allowed = await deps.access.check(actor, 'seeUnit', unit?.id ?? teamId);
    await context.sendActivity(
      allowed.allowed ? await run(actor, unit, channelId) : refusal(text, allowed.action),
    );
  };
}

export const postSummariesHere = (deps: BotDeps) =>
  channelCommand(deps, async (actor, unit, channelId) => {
    const t = deps.text.summaries;
    if (!unit || !summarised(unit)) return t.notTracked;
    if (unit.summaryChannelId === channelId) return t.alreadyHere(unit.name);
    const saved = await deps.summaries.postHere(actor, unit.id, channelId);
    if (!saved) return t.notTracked;
    return unit.summaryChannelId ? `${t.here(unit.name)} ${t.movedHere}` : t.here(unit.name);
  });

export const stopSummariesHere = (deps: BotDeps) =>
  channelCommand(deps, async (actor, unit, channelId) => {
    const t = deps.text.summaries;
    if (!unit) return t.notTracked;
    const stopped = await deps.summaries.stopHere(actor, unit.id, channelId);
    return stopped ? t.stoppedHere(unit.name) : t.notHere(unit.name);
  });

type OrganisationRun = (actor: string, organisation: Unit, channelId: string) => Promise<string>;

/** A command about the organisation and the channel it is typed in: for those who may see every unit. */
function organisationCommand(deps: BotDeps, run: OrganisationRun) {
  return async (context: TurnContext): Promise<void> => {
    const { text } = deps;
    const t = text.organisation;
    const channelId = inboundFacts(context.activity)?.conversationId;
    if (scopeOf(context.activity) !== 'channel' || !channelId)
      return void (await context.sendActivity(text.tracking.onlyInChannel));
    const actor = personOf(context);
    // 'seeUnit' for no one unit: every unit, which only leads and admins may see.
    const allowed = await deps.access.check(actor, 'seeUnit');
    if (!allowed.allowed)
      return void (await context.sendActivity(
        text.refusals.sentence(text.refusals.who['leads and admins'], t.refusedWhat),
      ));
    const found = await deps.summaries.organisationFor(teamIdOf(context.activity));
    if (found.kind !== 'found')
      return void (await context.sendActivity(found.kind === 'none' ? t.noOrganisation : t.unclear));
    await context.sendActivity(await run(actor, found.organisation, channelId));
  };
}

export const postOrganisationSummariesHere = (deps: BotDeps) =>
  organisationCommand(deps, async (actor, organisation, channelId) => {
    const t = deps.text.organisation;
    if (organisation.summaryChannelId === channelId) return t.alreadyHere(organisation.name);
    const saved = await deps.summaries.postHere(actor, organisation.id, channelId);
    if (!saved) return t.noOrganisation;
    const moved = organisation.summaryChannelId ? ` ${deps.text.summaries.movedHere}` : '';
    return `${t.here(organisation.name)}${moved}`;
  });

export const stopOrganisationSummariesHere = (deps: BotDeps) =>
  organisationCommand(deps, async (actor, organisation, channelId) => {
    const t = deps.text.organisation;
    const stopped = await deps.summaries.stopHere(actor, organisation.id, channelId);
    return stopped ? t.stoppedHere(organisation.name) : t.notHere(organisation.name);
  });

/** `post summaries now`: the last finished week's summaries and digests, once a week. */
export function postSummariesNow(deps: BotDeps) {
  return async (context: TurnContext): Promise<void> => {
    const { text } = deps;
    const actor = personOf(context);
    const allowed = await deps.access.check(actor, 'runNow');
    if (!allowed.allowed) return void (await context.sendActivity(refusal(text, allowed.action)));
    const outcome = await deps.summaries.postNow(actor);
    const t = text.summaries;
    if (outcome.kind === 'noClosedCycle') return void (await context.sendActivity(t.noClosedCycle));
    const week = weekOf(deps, outcome.cycle.id);
    await context.sendActivity(
      outcome.kind === 'alreadyPosted'
        ? t.alreadyPosted(week)
        : t.posted(outcome.summaries, outcome.digests, week, outcome.organisationDigests),
    );
  };
}

/** The units whose digest the person may see, by name, or the refusal for someone with no role that could. */
async function digestUnits(deps: BotDeps, actor: string): Promise<Unit[] | { refused: string }> {
  const units = await unitsInReach(deps, actor);
  return 'refused' in units ? units : units.filter(summarised);
}

function choiceCard(deps: BotDeps, units: Unit[], notice?: string): AdaptiveCard {
  return digestChoiceCard(deps.text, {
    units: units.map((unit) => ({ title: unit.name, value: unit.id })),
    ...(notice ? { notice } : {}),
    show: { title: deps.text.summaries.show, verb: verbs.digestShow, data: { cardId: deps.newId() } },
  });
}

/**
 * `digest`: this week so far, marked as a preview: for leads and admins the organisation digest first; then
 * each unit's digest, or a choice of units for many.
 */
export function digestCommand(deps: BotDeps) {
  return async (context: TurnContext): Promise<void> => {
    const t = deps.text.summaries;
    const actor = personOf(context);
    const units = await digestUnits(deps, actor);
    if ('refused' in units) return void (await context.sendActivity(units.refused));
    if (units.length === 0) return void (await context.sendActivity(t.noUnits));
    const cycle = await deps.checkins.latestCycle();
    if (!cycle) return void (await context.sendActivity(t.noCycle));
    if (seesEveryUnit(await deps.access.rolesOf(actor))) {
      const organisation = await organisationCardFor(deps, cycle.id);
      if (organisation) await sendCard(context, organisation);
    }
    if (units.length > DIGEST_CARDS_MAX) return sendCard(context, choiceCard(deps, units));
    for (const unit of units) {
      const card = await digestCardFor(deps, unit.id, cycle.id);
      if (card) await sendCard(context, card);
    }
  };
}

/** "Show digest" on the choice: the digest arrives below, and the choice stays for another unit. */
export function digestShow(deps: BotDeps): Handler {
  return async (context, _state, data): Promise<AdaptiveCard> => {
    const { text } = deps;
    const units = await digestUnits(deps, personOf(context));
    if ('refused' in units) return refusedCard(text, units.refused);
    const input = ShowData.safeParse(data);
    const wanted = input.success ? input.data.unitId : undefined;
    if (!wanted) return choiceCard(deps, units, text.summaries.unitError);
    const allowed = await deps.access.check(personOf(context), 'seeUnit', wanted);
    if (!allowed.allowed) return refusedCard(text, refusal(text, allowed.action));
    const chosen = units.find((unit) => unit.id === wanted);
    if (!chosen) return choiceCard(deps, units, text.summaries.notAvailable);
    const cycle = await deps.checkins.latestCycle();
    if (!cycle) return choiceCard(deps, units, text.summaries.noCycle);
    const card = await digestCardFor(deps, chosen.id, cycle.id);
    if (card) await sendCard(context, card);
    return choiceCard(deps, units, text.summaries.below(chosen.name));
  };
}

/** "Previous week" and "Next week" on a digest: that week's digest in its place. */
export function digestWeek(deps: BotDeps): Handler {
  return async (context, _state, data): Promise<AdaptiveCard> => {
    const { text } = deps;
    const input = WeekData.safeParse(data);
    if (!input.success) return errorCard(text, 'badInput');
    const { unitId: unit, cycleId } = input.data;
    const allowed = await deps.access.check(personOf(context), 'seeUnit', unit);
    if (!allowed.allowed) return refusedCard(text, refusal(text, allowed.action));
    const card = await digestCardFor(deps, unit, cycleId);
    const t = text.summaries;
    return card ?? digestNoticeCard(text, { title: t.chooserTitle, body: t.notAvailable, actions: [] });
  };
}
