// Answering check-ins from their cards: the pulse (submit, change, away), the measure pages, and `checkin`,
// which brings the current cycle's cards back. Each handler reads the card data with zod, calls the
// check-ins service and answers with the next card; the card pressed is remembered so later changes reach it.
import type { TurnContext } from 'botbuilder';
import { CardFactory, MessageFactory } from 'botbuilder';
import { z } from 'zod';
import type { AdaptiveCard } from '../../cards/card.js';
import { errorCard } from '../../cards/notice-cards.js';
import { checkinNoticeCard } from '../../cards/pulse-cards.js';
import { PrincipleId } from '../../domain/catalogue.js';
import { CycleId } from '../../domain/checkins.js';
import { LocalDate } from '../../domain/cycles.js';
import type { Landed } from '../../services/checkins.js';
import {
  closedNotice,
  measuresCardFor,
  measuresCardOf,
  pulseCardFor,
  pulseCardOf,
  type CheckinCard,
} from '../checkin-views.js';
import type { BotDeps } from '../deps.js';

const CardData = z.object({ cardId: z.string().min(1).max(100) }).loose();
const PulseData = CardData.extend({ cycleId: CycleId });
const AwayData = CardData.extend({ awayUntil: LocalDate });
const PageData = CardData.extend({
  cycleId: CycleId,
  unitId: z.string().min(1).max(200),
  principle: PrincipleId,
  edit: z.boolean().optional(),
});

type Handler = (context: TurnContext, _state: unknown, data: unknown) => Promise<AdaptiveCard>;

const personOf = (context: TurnContext) => context.activity.from.aadObjectId ?? '';

/** The message whose card was pressed: the invoke's answer replaces it. */
function landedOf(context: TurnContext): Landed | undefined {
  const { replyToId, conversation } = context.activity;
  return replyToId && conversation?.id
    ? { conversationId: conversation.id, activityId: replyToId }
    : undefined;
}

async function remember(deps: BotDeps, aadObjectId: string, shown: CheckinCard, landed: Landed | undefined) {
  if (shown.copy && landed) {
    const { cycleId, unitId, card } = shown.copy;
    await deps.checkins.rememberCopy(cycleId, unitId, { aadObjectId, card, ...landed });
  }
}

/** Answers an invoke with a check-in card, remembering the copy it replaces. */
async function answer(deps: BotDeps, context: TurnContext, shown: CheckinCard): Promise<AdaptiveCard> {
  await remember(deps, personOf(context), shown, landedOf(context));
  return shown.card;
}

/** Runs a button once per card: a double click or a retried invoke is answered with the current card. */
function once<T extends z.ZodType<{ cardId: string }>>(
  deps: BotDeps,
  schema: T,
  act: (context: TurnContext, data: z.infer<T>) => Promise<CheckinCard>,
  current: (context: TurnContext, data: z.infer<T>) => Promise<CheckinCard>,
): Handler {
  return async (context, _state, data) => {
    const input = schema.safeParse(data);
    if (!input.success) return errorCard(deps.text, 'badInput');
    const first = await deps.cardActions.claim(input.data.cardId);
    return answer(deps, context, await (first ? act : current)(context, input.data));
  };
}

export function pulseSubmit(deps: BotDeps): Handler {
  return once(
    deps,
    PulseData,
    async (context, data) => {
      const aadObjectId = personOf(context);
      const landed = landedOf(context);
      const outcome = await deps.checkins.submitPulse(aadObjectId, {
        cycleId: data.cycleId,
        inputs: data,
        ...(landed ? { landed } : {}),
      });
      const base = { cycleId: data.cycleId, reason: 'requested' as const };
      if (outcome.kind === 'closed') return { card: closedNotice(deps, outcome.cycle) };
      if (outcome.kind === 'invalid' || outcome.kind === 'guard') {
        const values = {
          choices: pick(data, ['p1', 'p2', 'p3', 'p4', 'p5', 'p6']),
          comment: String(data.comment ?? ''),
        };
        return pulseCardFor(deps, aadObjectId, {
          ...base,
          edit: true,
          values,
          ...(outcome.kind === 'invalid' ? { problems: outcome.problems } : { guard: outcome.guard }),
        });
      }
      // Where the receipt lands was saved with the pulse: no copy to remember again.
      if (outcome.kind === 'saved') return { card: pulseCardOf(deps, outcome.situation, base).card };
      return pulseCardFor(deps, aadObjectId, base);
    },
    (context, data) => pulseCardFor(deps, personOf(context), { cycleId: data.cycleId, reason: 'requested' }),
  );
}

export function pulseChange(deps: BotDeps): Handler {
  const show = (context: TurnContext, data: z.infer<typeof PulseData>) =>
    pulseCardFor(deps, personOf(context), { cycleId: data.cycleId, reason: 'requested', edit: true });
  return once(deps, PulseData, show, show);
}

export function away(deps: BotDeps): Handler {
  return async (context, _state, data) => {
    const { text, settings } = deps;
    const input = AwayData.safeParse(data);
    const outcome = input.success
      ? await deps.preferences.awayUntil(personOf(context), input.data.awayUntil)
      : 'notAfterToday';
    const body =
      outcome === 'notAfterToday' || outcome === undefined
        ? text.checkins.awayInPast
        : text.checkins.awaySaved(
            outcome.kind === 'paused' ? text.formatDate(outcome.until, settings.timeZone) : '',
          );
    return checkinNoticeCard({ title: text.checkins.title, body });
  };
}

export function measuresSubmit(deps: BotDeps): Handler {
  return once(
    deps,
    PageData,
    async (context, data) => {
      const landed = landedOf(context);
      const outcome = await deps.checkins.submitMeasures(personOf(context), {
        cycleId: data.cycleId,
        unitId: data.unitId,
        principle: data.principle,
        inputs: data,
        ...(landed ? { landed } : {}),
      });
      const notice = (body: string) => ({
        card: checkinNoticeCard({ title: deps.text.checkins.title, body }),
      });
      switch (outcome.kind) {
        case 'closed':
          return { card: closedNotice(deps, outcome.cycle) };
        case 'noCycle':
        case 'notExpected':
          return notice(deps.text.checkins.noCycle);
        case 'notAnOwner':
          return notice(deps.text.checkins.notAnOwner);
        case 'invalid':
          return measuresCardOf(deps, outcome.page, {
            reason: 'requested',
            edit: true,
            problems: outcome.problems,
            values: strings(data),
          });
        case 'saved':
          return measuresCardOf(deps, outcome.page, { reason: 'requested' });
      }
    },
    (context, data) => measuresCardFor(deps, personOf(context), { ...data, reason: 'requested' }),
  );
}

export function measuresPage(deps: BotDeps): Handler {
  const show = (context: TurnContext, data: z.infer<typeof PageData>) =>
    measuresCardFor(deps, personOf(context), { ...data, reason: 'requested', edit: data.edit ?? false });
  return once(deps, PageData, show, show);
}

/** `checkin`, or the help card's button: this cycle's pulse and measure cards, as new messages. */
export async function sendCheckinCards(deps: BotDeps, context: TurnContext): Promise<void> {
  const aadObjectId = personOf(context);
  const cards = [await pulseCardFor(deps, aadObjectId, { reason: 'requested' })];
  const cycle = await deps.checkins.latestCycle();
  for (const unitId of cycle ? await deps.checkins.measureUnitsFor(aadObjectId, cycle.id) : []) {
    cards.push(await measuresCardFor(deps, aadObjectId, { cycleId: cycle!.id, unitId, reason: 'requested' }));
  }
  for (const shown of cards) {
    const sent = await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(shown.card)));
    const conversationId = context.activity.conversation?.id;
    if (sent?.id && conversationId)
      await remember(deps, aadObjectId, shown, { conversationId, activityId: sent.id });
  }
}

function pick(data: Record<string, unknown>, keys: string[]): Record<string, string> {
  return Object.fromEntries(
    keys.filter((key) => typeof data[key] === 'string').map((key) => [key, data[key] as string]),
  );
}

/** The inputs as the card sent them, to show again: every string or number value. */
function strings(data: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(data)
      .filter(([, value]) => typeof value === 'string' || typeof value === 'number')
      .map(([key, value]) => [key, String(value)]),
  );
}
