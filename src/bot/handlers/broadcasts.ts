// Broadcast reminders in a personal chat. `broadcast` (or "Broadcast" on the help card) opens the card to
// write one: leads and admins may send to any audience, managers to the members of the units they manage.
// "Preview" shows the reminder exactly as recipients will see it, with the numbers; "Send" or "Schedule for
// …" reads the draft again from the card's data and sends it once per card. The sender's card then shows
// progress and the report, with "Cancel" (asked first). `broadcasts` lists them. On the reminder itself:
// "Got it", "Stop reminders" and "Start reminders again"; and Teams' read receipts count who read it.
// Every step is checked on the server, whatever the card sent: the service refuses audiences the person may
// not use, and refusals are audited. Nothing a person typed is ever logged.
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import {
  composeInputIds,
  reminderNoticeCard,
  reminderNotedCard,
  type ComposeProblem,
  type ComposeValues,
} from '../../cards/broadcast-cards.js';
import type { AdaptiveCard } from '../../cards/card.js';
import { errorCard, refusedCard } from '../../cards/notice-cards.js';
import {
  draftInputIds,
  readDraft,
  readSchedule,
  type BroadcastDraft,
  type ScheduleNote,
} from '../../domain/broadcasts.js';
import type { Actor } from '../../services/broadcasts.js';
import { scopeOf } from '../activity.js';
import {
  composeCard,
  draftData,
  listCard,
  previewCard,
  reminderButtons,
  reminderCard,
  reminderContent,
  reminderGoneCard,
  reportCard,
  senderScope,
  type SenderScope,
} from '../broadcast-views.js';
import type { BotDeps } from '../deps.js';
import { refusal } from '../refusal.js';
import { sendCard } from '../reply.js';
import { personOf, type Handler } from './actions.js';
import { helpFor } from './help.js';

const cardId = z.string().min(1).max(100);
const broadcastId = z.string().min(1).max(100);
const NewData = z.object({ cardId, below: z.boolean().optional() });
const IdData = z.object({ cardId, broadcastId });
const PageData = z.object({ cardId, page: z.number().int().min(0).max(1_000) });
const ReminderData = z.object({ broadcastId });
/** The card's inputs arrive with the button's data; only the compose card's inputs are read. */
const DraftData = z.object({ cardId }).loose();

/** Longer than any box allows (a link may be 2,000), so an oversize value is refused as too long. */
const INPUT_MAX = 2_100;
const UNITS_MAX = 200;

/** What the person sent, as text: the boxes cut to INPUT_MAX, the units as Teams sends them. */
function valuesOf(data: Record<string, unknown>): ComposeValues {
  const values: ComposeValues = {};
  for (const id of composeInputIds) {
    const value = data[id];
    if (typeof value === 'string') values[id] = value.slice(0, INPUT_MAX);
    else if (id === 'unitIds' && Array.isArray(value))
      values[id] = value
        .slice(0, UNITS_MAX)
        .filter((item) => typeof item === 'string')
        .join(',');
  }
  return values;
}

const confirmedIn = (data: Record<string, unknown>) =>
  data['confirmWarnings'] === true || data['confirmWarnings'] === 'true';

/** The guard's findings: the box and the rule codes, never the text. */
function logGuard(deps: BotDeps, problems: ComposeProblem[]) {
  for (const { field, problem, rules } of problems)
    if (rules)
      deps.log.info(
        { event: problem === 'patientData' ? 'guard.refused' : 'guard.warned', field, rules },
        'broadcasts: the patient-data guard stopped a reminder',
      );
}

type Read =
  | { ok: true; draft: BroadcastDraft; schedule?: { at: Date; asked: string; note?: ScheduleNote } }
  | { ok: false; problems: ComposeProblem[] };

/** The draft and, for a scheduled one, when it goes: read from the card as the service would read it. */
function readCard(deps: BotDeps, values: ComposeValues, confirmed: boolean): Read {
  const inputs: Record<string, unknown> = Object.fromEntries(
    draftInputIds.flatMap((id) =>
      values[id as keyof ComposeValues] === undefined ? [] : [[id, values[id as keyof ComposeValues]]],
    ),
  );
  if (confirmed) inputs['confirmWarnings'] = 'true';
  const read = readDraft(inputs);
  const problems: ComposeProblem[] = read.ok ? [] : [...read.problems];
  let schedule: { at: Date; asked: string; note?: ScheduleNote } | undefined;
  const when = values.when ?? 'now';
  if (when === 'later') {
    const timed = readSchedule(
      { date: values.date, time: values.time },
      deps.clock(),
      deps.settings.timeZone,
    );
    if (timed.ok)
      schedule = {
        at: timed.at,
        asked: (values.time ?? '').trim().slice(0, 5),
        ...(timed.note ? { note: timed.note } : {}),
      };
    else problems.push(...timed.problems);
  } else if (when !== 'now') problems.push({ field: 'when', problem: 'required' });
  if (!read.ok || problems.length > 0) return { ok: false, problems };
  return { ok: true, draft: read.draft, ...(schedule ? { schedule } : {}) };
}

/** The sender's scope, or the refusal for someone who may send no reminder (audited). */
async function scopeOrRefusal(
  deps: BotDeps,
  aadObjectId: string,
): Promise<SenderScope | { refused: string }> {
  const scope = await senderScope(deps, aadObjectId);
  if (scope) return scope;
  await deps.access.check(aadObjectId, 'broadcast');
  return { refused: deps.text.broadcasts.refused };
}

/** Why the service refused an audience, in words: the service has audited it. */
const refusedAudience = (deps: BotDeps, action: string) =>
  refusedCard(
    deps.text,
    action === 'nudgeUnit'
      ? deps.text.broadcasts.refusedUnits
      : action === 'broadcast'
        ? deps.text.broadcasts.refusedAudience
        : refusal(deps.text, action as Parameters<typeof refusal>[1]),
  );

/** The card to write one, or why the person cannot: no role, or a manager whose units are not tracked. */
async function startCard(
  deps: BotDeps,
  aadObjectId: string,
): Promise<{ card: AdaptiveCard } | { refused: string }> {
  const scope = await scopeOrRefusal(deps, aadObjectId);
  if ('refused' in scope) return scope;
  if (scope.mode === 'manager' && scope.units.length === 0) return { refused: deps.text.broadcasts.noUnits };
  return { card: composeCard(deps, scope) };
}

/** Typed `broadcast`. */
export function broadcastCommand(deps: BotDeps) {
  return async (context: TurnContext): Promise<void> => {
    const start = await startCard(deps, personOf(context));
    if ('refused' in start) return void (await context.sendActivity(start.refused));
    await sendCard(context, start.card);
  };
}

/** Typed `broadcasts`: the person's own, or every one for leads and admins. */
export function broadcastsCommand(deps: BotDeps) {
  return async (context: TurnContext): Promise<void> => {
    const aadObjectId = personOf(context);
    const scope = await senderScope(deps, aadObjectId);
    const actor = scope?.actor ?? { aadObjectId, roles: await deps.access.rolesOf(aadObjectId) };
    await sendCard(context, await listCard(deps, actor, { canSend: scope !== undefined }));
  };
}

/**
 * "Broadcast" on the help card (`below`): the card arrives as a new message, the help card staying with a
 * line saying where it is. "New reminder" on the list: the card in its place.
 */
export function broadcastNew(deps: BotDeps): Handler {
  return async (context, _state, data) => {
    const input = NewData.safeParse(data);
    if (!input.success) return errorCard(deps.text, 'badInput');
    const start = await startCard(deps, personOf(context));
    if ('refused' in start)
      return input.data.below ? helpFor(deps, context, start.refused) : refusedCard(deps.text, start.refused);
    if (!input.data.below) return start.card;
    await sendCard(context, start.card);
    return helpFor(deps, context, deps.text.broadcasts.formBelow);
  };
}

/** "Change" on the preview: the card again, filled in with what was sent. */
export function broadcastChange(deps: BotDeps): Handler {
  return async (context, _state, data) => {
    const input = DraftData.safeParse(data);
    if (!input.success) return errorCard(deps.text, 'badInput');
    const scope = await scopeOrRefusal(deps, personOf(context));
    if ('refused' in scope) return refusedCard(deps.text, scope.refused);
    return composeCard(deps, scope, { values: valuesOf(input.data) });
  };
}

/** "Preview": the reminder as recipients will see it and the numbers, or the card again to fix. */
export function broadcastPreview(deps: BotDeps): Handler {
  return async (context, _state, data) => {
    const { text } = deps;
    const input = DraftData.safeParse(data);
    if (!input.success) return errorCard(text, 'badInput');
    const scope = await scopeOrRefusal(deps, personOf(context));
    if ('refused' in scope) return refusedCard(text, scope.refused);
    const values = valuesOf(input.data);
    const confirmed = confirmedIn(input.data);
    const again = (options: { problems?: ComposeProblem[]; notice?: string }) =>
      composeCard(deps, scope, { values, ...options });
    const read = readCard(deps, values, confirmed);
    if (!read.ok) {
      logGuard(deps, read.problems);
      return again({ problems: read.problems });
    }
    const outcome = await deps.broadcasts.preview(scope.actor, read.draft, read.schedule?.at);
    switch (outcome.kind) {
      case 'preview':
        return previewCard(deps, {
          scope,
          draft: read.draft,
          data: draftData(values, confirmed),
          recipients: outcome.recipients,
          unreachable: outcome.unreachable,
          estimate: outcome.estimate,
          ...(read.schedule ? { schedule: read.schedule } : {}),
        });
      case 'refused':
        return refusedAudience(deps, outcome.action);
      case 'unknownUnits':
        return again({ problems: [{ field: 'unitIds', problem: 'unknown' }] });
      case 'noOpenCycle':
        return again({ notice: text.broadcasts.noOpenCycle });
      case 'invalid':
        return again({ notice: text.errors.badInput });
    }
  };
}

/** A second press of "Send": where it stands, found by what it says, or the list. */
async function alreadySent(deps: BotDeps, actor: Actor, values: ComposeValues): Promise<AdaptiveCard> {
  const notice = deps.text.notices.alreadyDone;
  const sent = (await deps.broadcasts.list(actor)).find(
    (broadcast) =>
      broadcast.sender === actor.aadObjectId &&
      broadcast.title === values.title?.trim() &&
      broadcast.message === values.message?.trim(),
  );
  if (sent) return reportCard(deps, actor, sent.id, { notice });
  return listCard(deps, actor, { notice, canSend: true });
}

/** "Send" or "Schedule for …": once per card, the draft read and checked again. */
export function broadcastSend(deps: BotDeps): Handler {
  return async (context, _state, data) => {
    const { text } = deps;
    const b = text.broadcasts;
    const input = DraftData.safeParse(data);
    if (!input.success) return errorCard(text, 'badInput');
    const scope = await scopeOrRefusal(deps, personOf(context));
    if ('refused' in scope) return refusedCard(text, scope.refused);
    const { actor } = scope;
    const values = valuesOf(input.data);
    if (!(await deps.cardActions.claim(input.data.cardId))) return alreadySent(deps, actor, values);
    const again = (options: { problems?: ComposeProblem[]; notice?: string }) =>
      composeCard(deps, scope, { values, ...options });
    const read = readCard(deps, values, confirmedIn(input.data));
    if (!read.ok) {
      logGuard(deps, read.problems);
      return again({ problems: read.problems });
    }
    const outcome = read.schedule
      ? await deps.broadcasts.schedule(actor, read.draft, read.schedule.at)
      : await deps.broadcasts.send(actor, read.draft);
    switch (outcome.kind) {
      case 'sent':
        deps.log.info(
          { event: 'broadcast.sent', broadcastId: outcome.broadcast.id, recipients: outcome.recipients },
          'broadcasts: queued a reminder',
        );
        return reportCard(deps, actor, outcome.broadcast.id, {
          notice: b.sent(outcome.recipients, read.draft.audience.kind === 'channels'),
        });
      case 'scheduled': {
        deps.log.info(
          { event: 'broadcast.scheduled', broadcastId: outcome.broadcast.id },
          'broadcasts: scheduled a reminder',
        );
        const at = text.formatDateTime(outcome.broadcast.scheduledFor ?? '', deps.settings.timeZone);
        return reportCard(deps, actor, outcome.broadcast.id, { notice: b.scheduled(at) });
      }
      case 'noRecipients':
        return again({ notice: b.nothingToSend });
      case 'inPast':
        return again({ problems: [{ field: 'time', problem: 'inPast' }] });
      case 'refused':
        return refusedAudience(deps, outcome.action);
      case 'unknownUnits':
        return again({ problems: [{ field: 'unitIds', problem: 'unknown' }] });
      case 'noOpenCycle':
        return again({ notice: b.noOpenCycle });
      case 'invalid':
        return again({ notice: text.errors.badInput });
    }
  };
}

const actorOf = async (deps: BotDeps, context: TurnContext): Promise<Actor> => {
  const aadObjectId = personOf(context);
  return { aadObjectId, roles: await deps.access.rolesOf(aadObjectId) };
};

/** "Refresh", "Open report" and "No, keep it": progress while it goes out, then the report. */
export function broadcastProgress(deps: BotDeps): Handler {
  return async (context, _state, data) => {
    const input = IdData.safeParse(data);
    if (!input.success) return errorCard(deps.text, 'badInput');
    return reportCard(deps, await actorOf(deps, context), input.data.broadcastId);
  };
}

/** "Cancel": asks first. */
export function broadcastCancel(deps: BotDeps): Handler {
  return async (context, _state, data) => {
    const input = IdData.safeParse(data);
    if (!input.success) return errorCard(deps.text, 'badInput');
    return reportCard(deps, await actorOf(deps, context), input.data.broadcastId, { confirmCancel: true });
  };
}

/** "Yes, cancel it": a scheduled one never goes; one going out stops what has not gone yet. */
export function broadcastCancelConfirm(deps: BotDeps): Handler {
  return async (context, _state, data) => {
    const b = deps.text.broadcasts;
    const input = IdData.safeParse(data);
    if (!input.success) return errorCard(deps.text, 'badInput');
    const actor = await actorOf(deps, context);
    const id = input.data.broadcastId;
    const outcome = await deps.broadcasts.cancel(actor, id);
    switch (outcome.kind) {
      case 'cancelled':
        return reportCard(deps, actor, id, {
          notice: outcome.broadcast.sentAt
            ? b.cancelledSending(outcome.deliveriesCancelled)
            : b.cancelledScheduled,
        });
      case 'alreadyFinished':
        return reportCard(deps, actor, id, {
          notice: outcome.broadcast.state === 'cancelled' ? deps.text.notices.alreadyDone : b.alreadyFinished,
        });
      case 'notSender':
        return refusedCard(deps.text, b.notSenderCancel);
      case 'unknownBroadcast':
        return reportCard(deps, actor, id);
    }
  };
}

/** "Older" and "Newer" on the list. */
export function broadcastsPage(deps: BotDeps): Handler {
  return async (context, _state, data) => {
    const input = PageData.safeParse(data);
    if (!input.success) return errorCard(deps.text, 'badInput');
    const aadObjectId = personOf(context);
    const scope = await senderScope(deps, aadObjectId);
    const actor = scope?.actor ?? (await actorOf(deps, context));
    return listCard(deps, actor, { page: input.data.page, canSend: scope !== undefined });
  };
}

// ---- On the reminder --------------------------------------------------------------------------------------

const placeOf = (context: TurnContext) => (scopeOf(context.activity) === 'personal' ? 'person' : 'channel');

/**
 * "Got it": counted once per person (the report counts only those it was sent to). In a person's chat the
 * card becomes a small "Thanks, noted"; in a channel the card stays as everyone sees it.
 */
export function broadcastAck(deps: BotDeps): Handler {
  return async (context, _state, data) => {
    const input = ReminderData.safeParse(data);
    if (!input.success) return errorCard(deps.text, 'badInput');
    const id = input.data.broadcastId;
    const counted = await deps.broadcasts.acknowledge(personOf(context), id);
    const content = counted ? await reminderContent(deps, id) : undefined;
    if (!content) return reminderGoneCard(deps);
    const place = placeOf(context);
    if (place === 'channel') return reminderCard(deps, content, { place });
    const { stopOrStart } = reminderButtons(deps, content.id, false);
    return reminderNotedCard(deps.text, {
      title: content.title,
      ...(content.button ? { button: content.button } : {}),
      stopOrStart,
    });
  };
}

/** "Stop reminders" and "Start reminders again": the person's own setting; check-ins are not touched. */
export function remindersButton(deps: BotDeps, change: 'stop' | 'start'): Handler {
  return async (context, _state, data) => {
    const b = deps.text.broadcasts;
    const input = ReminderData.safeParse(data);
    if (!input.success) return errorCard(deps.text, 'badInput');
    const aadObjectId = personOf(context);
    const changed =
      change === 'stop'
        ? await deps.broadcasts.muteReminders(aadObjectId)
        : await deps.broadcasts.unmuteReminders(aadObjectId);
    if (!changed) return errorCard(deps.text, 'unexpected');
    deps.log.info({ event: `reminders.${change}` }, 'broadcasts: a person changed their reminders');
    const stopped = change === 'stop';
    const notice = stopped ? b.stopped : b.started;
    const content = await reminderContent(deps, input.data.broadcastId);
    if (!content) {
      const { stopOrStart } = reminderButtons(deps, input.data.broadcastId, stopped);
      return reminderNoticeCard(deps.text, notice, [stopOrStart]);
    }
    return reminderCard(deps, content, { place: 'person', stopped, notice });
  };
}

/**
 * Teams' read receipt in a personal chat: the person has read up to this message, so each reminder that
 * landed there at or before it counts as read.
 */
export function readReceipt(deps: BotDeps) {
  return async (context: TurnContext, _state: unknown, info: { lastReadMessageId?: string } | undefined) => {
    const aadObjectId = context.activity.from?.aadObjectId;
    const lastRead = info?.lastReadMessageId;
    if (!aadObjectId || typeof lastRead !== 'string' || lastRead === '') return;
    const counted = await deps.broadcasts.recordRead(aadObjectId, lastRead.slice(0, 200));
    deps.log.debug({ event: 'broadcast.read', counted }, 'broadcasts: read receipt');
  };
}
