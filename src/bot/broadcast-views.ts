// The broadcast cards a person sees, built from what the broadcasts service says: the card to write a
// reminder, the preview, the reminder itself (for the delivery engine and for the buttons on it), the
// sender's progress and report, and the list. Every path that shows one builds it here, so a button, a typed
// command, a double click and the sender all show the same thing.
import type { Choice } from '../cards/action-cards.js';
import {
  broadcastComposeCard,
  broadcastListCard,
  broadcastPreviewCard,
  broadcastReminderCard,
  broadcastReportCard,
  reminderNoticeCard,
  reminderWhy,
  type ComposeProblem,
  type ComposeValues,
} from '../cards/broadcast-cards.js';
import type { AdaptiveCard, CardAction } from '../cards/card.js';
import { refusedCard } from '../cards/notice-cards.js';
import type { Audience, Broadcast, BroadcastDraft, ScheduleNote } from '../domain/broadcasts.js';
import { may } from '../domain/permissions.js';
import type { Unit } from '../domain/units.js';
import type { Actor } from '../services/broadcasts.js';
import { cardButton as button } from './buttons.js';
import type { BotDeps } from './deps.js';
import { verbs } from './verbs.js';

/** Reminders a page, on "broadcasts". */
export const PAGE_SIZE = 5;

/** Who is writing: leads and admins to any audience; managers to the members of the units they manage. */
export type SenderScope = { mode: 'any' | 'manager'; actor: Actor; units: Unit[] };

const byName = (a: Unit, b: Unit) => a.name.localeCompare(b.name, 'en-GB');

/** What the person may send, or nothing for someone who may send no reminder at all. */
export async function senderScope(deps: BotDeps, aadObjectId: string): Promise<SenderScope | undefined> {
  const roles = await deps.access.rolesOf(aadObjectId);
  const actor = { aadObjectId, roles };
  const tracked = (await deps.units.all()).filter((unit) => unit.tracked).sort(byName);
  if (may(roles, 'broadcast')) return { mode: 'any', actor, units: tracked };
  if (roles.managerOf.length === 0) return undefined;
  return { mode: 'manager', actor, units: tracked.filter((unit) => may(roles, 'nudgeUnit', unit.id)) };
}

const now = (deps: BotDeps) => deps.clock();

// ---- Writing one ----------------------------------------------------------------------------------------

export type ComposeOptions = { values?: ComposeValues; problems?: ComposeProblem[]; notice?: string };

export function composeCard(deps: BotDeps, scope: SenderScope, options: ComposeOptions = {}): AdaptiveCard {
  const { text } = deps;
  return broadcastComposeCard(text, {
    mode: scope.mode,
    units: scope.units.map((unit): Choice => ({ title: unit.name, value: unit.id })),
    timeZone: deps.settings.timeZone,
    values: options.values ?? {},
    ...(options.problems ? { problems: options.problems } : {}),
    ...(options.notice ? { notice: options.notice } : {}),
    preview: {
      title: text.broadcasts.labels.preview,
      verb: verbs.broadcastPreview,
      data: { cardId: deps.newId() },
    },
  });
}

/** What "Send" and "Change" carry: the compose card's values, to be read and checked again. */
export const draftData = (values: ComposeValues, confirmed: boolean): Record<string, unknown> => ({
  ...values,
  ...(confirmed ? { confirmWarnings: 'true' } : {}),
});

// ---- The reminder people get ----------------------------------------------------------------------------

/** What a reminder says and who sent it: it never changes once written. */
export type ReminderContent = Pick<Broadcast, 'title' | 'message' | 'button' | 'audience' | 'senderRole'> & {
  /** Empty on the preview, before it exists. */
  id: string;
};

/** A broadcast's content, by id, for the reminder card. */
export async function reminderContent(deps: BotDeps, id: string): Promise<ReminderContent | undefined> {
  const content = await deps.broadcasts.content(id);
  return content ? { id, ...content } : undefined;
}

const unitsIn = (audience: Audience) =>
  audience.kind === 'units' || audience.kind === 'channels' ? audience.unitIds : [];

async function unitNames(deps: BotDeps, audience: Audience): Promise<string[]> {
  const units = await deps.units.all();
  return unitsIn(audience).flatMap((id) => units.find((unit) => unit.id === id)?.name ?? []);
}

/** "You get this because you are in Ward 7. It was sent by a partnership lead." */
async function whyOf(deps: BotDeps, content: ReminderContent): Promise<string> {
  const units = await deps.units.all();
  const organisations = units.filter((unit) => unit.level === 'organisation');
  const names = await unitNames(deps, content.audience);
  return reminderWhy(deps.text, {
    audience: content.audience.kind,
    unitNames: names.length ? names : [deps.text.checkins.yourUnit],
    ...(organisations.length === 1 ? { organisation: organisations[0]!.name } : {}),
    senderRole: content.senderRole,
  });
}

export type ReminderOptions = {
  /** A person's chat, or a post in a channel (no "Stop reminders" there). */
  place: 'person' | 'channel';
  stopped?: boolean;
  notice?: string;
};

/** "Got it", and "Stop reminders" or, once stopped, "Start reminders again". */
export const reminderButtons = (deps: BotDeps, broadcastId: string, stopped: boolean) => {
  const b = deps.text.broadcasts;
  const data = { cardId: deps.newId(), broadcastId };
  return {
    gotIt: { title: b.gotIt, verb: verbs.broadcastAck, data },
    stopOrStart: stopped
      ? { title: b.start, verb: verbs.remindersStart, data }
      : { title: b.stop, verb: verbs.remindersStop, data },
  };
};

/** The reminder as its recipients see it; the preview shows the same card. */
export async function reminderCard(
  deps: BotDeps,
  content: ReminderContent,
  options: ReminderOptions,
): Promise<AdaptiveCard> {
  return broadcastReminderCard(deps.text, {
    title: content.title,
    message: content.message,
    ...(content.button ? { button: content.button } : {}),
    why: await whyOf(deps, content),
    place: options.place,
    ...(options.stopped ? { stopped: true } : {}),
    ...(options.notice ? { notice: options.notice } : {}),
    ...reminderButtons(deps, content.id, options.stopped ?? false),
  });
}

/** The card a delivery carries, rendered by the delivery engine when it goes. */
export async function deliveredReminder(
  deps: BotDeps,
  broadcastId: string,
  place: ReminderOptions['place'],
): Promise<AdaptiveCard | undefined> {
  const content = await reminderContent(deps, broadcastId);
  return content && reminderCard(deps, content, { place });
}

/** A short card for a reminder that is no longer there. */
export const reminderGoneCard = (deps: BotDeps): AdaptiveCard =>
  reminderNoticeCard(deps.text, deps.text.broadcasts.gone);

// ---- The preview ----------------------------------------------------------------------------------------

export type PreviewInput = {
  scope: SenderScope;
  draft: BroadcastDraft;
  /** What "Send" and "Change" carry. */
  data: Record<string, unknown>;
  recipients: number;
  unreachable: Parameters<typeof broadcastPreviewCard>[1]['unreachable'];
  estimate: Parameters<typeof broadcastPreviewCard>[1]['estimate'];
  schedule?: { at: Date; asked: string; note?: ScheduleNote };
};

export async function previewCard(deps: BotDeps, input: PreviewInput): Promise<AdaptiveCard> {
  const { text } = deps;
  const b = text.broadcasts;
  const zone = deps.settings.timeZone;
  const { draft, schedule } = input;
  const content: ReminderContent = {
    id: '',
    title: draft.title,
    message: draft.message,
    ...(draft.button ? { button: draft.button } : {}),
    audience: draft.audience,
    senderRole: input.scope.actor.roles.admin ? 'admin' : input.scope.actor.roles.lead ? 'lead' : 'manager',
  };
  const place = draft.audience.kind === 'channels' ? 'channel' : 'person';
  const units = await deps.units.all();
  const generalChannels = unitsIn(draft.audience).filter((id) => {
    const unit = units.find((candidate) => candidate.id === id);
    return unit?.teamId !== undefined && unit.summaryChannelId === undefined;
  }).length;
  const start = schedule?.at ?? now(deps);
  const at = schedule && text.formatDateTime(schedule.at.toISOString(), zone);
  const cardId = deps.newId();
  const sendable = input.recipients > 0 || schedule !== undefined;
  return broadcastPreviewCard(text, {
    reminder: await reminderCard(deps, content, { place }),
    audience: draft.audience.kind,
    recipients: input.recipients,
    unreachable: input.unreachable,
    generalChannels: draft.audience.kind === 'channels' ? generalChannels : 0,
    estimate: input.estimate,
    finishBy: text.formatDateTime(
      new Date(start.getTime() + input.estimate.seconds * 1000).toISOString(),
      zone,
    ),
    ...(schedule && at
      ? {
          schedule: {
            at: schedule.note ? b.formatWithZone(schedule.at.toISOString(), zone) : at,
            asked: schedule.asked,
            ...(schedule.note ? { note: schedule.note } : {}),
          },
        }
      : {}),
    ...(sendable
      ? {
          send: {
            title: at ? b.scheduleFor(at) : b.send,
            verb: verbs.broadcastSend,
            data: { cardId, ...input.data },
          },
        }
      : {}),
    change: { title: b.change, verb: verbs.broadcastChange, data: { cardId, ...input.data } },
  });
}

// ---- Progress and the report ----------------------------------------------------------------------------

/** "members of Ward 7 and Ward 9". */
export async function audienceWords(deps: BotDeps, audience: Audience): Promise<string> {
  const w = deps.text.broadcasts.audienceWords;
  const names = deps.text.broadcasts.both(await unitNames(deps, audience));
  switch (audience.kind) {
    case 'units':
      return w.units(names);
    case 'channels':
      return w.channels(names);
    default:
      return w[audience.kind];
  }
}

const senderNameOf = async (deps: BotDeps, actor: Actor, broadcast: Broadcast) =>
  broadcast.sender === actor.aadObjectId
    ? undefined
    : ((await deps.roles.of(broadcast.sender)).person?.name ?? deps.text.broadcasts.someone);

/** A fresh one-use link to the export page for this report's per-recipient CSV. */
const downloadUrl = (deps: BotDeps, actor: Actor, broadcast: Broadcast) => {
  const token = deps.exports.offer(actor, {
    kind: 'broadcastReport',
    broadcastId: broadcast.id,
    filename: deps.text.broadcasts.exportFilename(broadcast.id),
    describe: deps.text.broadcasts.exportDescribe(broadcast.title),
  });
  return `${deps.publicBaseUrl.replace(/\/+$/, '')}/exports/${token}`;
};

export const mayCancel = (actor: Actor, broadcast: Broadcast) =>
  (broadcast.state === 'scheduled' || broadcast.state === 'sending') &&
  (broadcast.sender === actor.aadObjectId || actor.roles.admin);

export type ReportOptions = { notice?: string; confirmCancel?: boolean };

/** The sender's card: progress while it goes out, then the report; or who may see it. */
export async function reportCard(
  deps: BotDeps,
  actor: Actor,
  broadcastId: string,
  options: ReportOptions = {},
): Promise<AdaptiveCard> {
  const { text } = deps;
  const b = text.broadcasts;
  const outcome = await deps.broadcasts.report(actor, broadcastId);
  if (outcome.kind === 'unknownBroadcast')
    return reminderNoticeCard(text, b.notFound, [button(deps, b.list, verbs.broadcastsPage, { page: 0 })]);
  if (outcome.kind === 'notSender') return refusedCard(text, b.notSender);
  const { broadcast, report, exportable } = outcome;
  const id = broadcast.id;
  const confirm = options.confirmCancel && mayCancel(actor, broadcast);
  const senderName = await senderNameOf(deps, actor, broadcast);
  return broadcastReportCard(text, {
    broadcast,
    report,
    audience: await audienceWords(deps, broadcast.audience),
    ...(senderName ? { senderName } : {}),
    timeZone: deps.settings.timeZone,
    exportable,
    ...(exportable && broadcast.sentAt && !confirm
      ? { downloadUrl: downloadUrl(deps, actor, broadcast) }
      : {}),
    ...(options.notice ? { notice: options.notice } : {}),
    ...(confirm
      ? { question: broadcast.state === 'scheduled' ? b.confirmCancelScheduled : b.confirmCancelSending }
      : {}),
    actions: confirm
      ? [
          button(deps, b.cancelYes, verbs.broadcastCancelConfirm, { broadcastId: id }, 'destructive'),
          button(deps, b.cancelNo, verbs.broadcastProgress, { broadcastId: id }),
        ]
      : [
          button(deps, b.refresh, verbs.broadcastProgress, { broadcastId: id }, 'positive'),
          ...(mayCancel(actor, broadcast)
            ? [button(deps, b.cancel, verbs.broadcastCancel, { broadcastId: id })]
            : []),
          button(deps, b.list, verbs.broadcastsPage, { page: 0 }),
        ],
  });
}

// ---- The list -------------------------------------------------------------------------------------------

/** "broadcasts": five a page, newest first; the person's own, or every one for leads and admins. */
export async function listCard(
  deps: BotDeps,
  actor: Actor,
  options: { page?: number; notice?: string; canSend?: boolean } = {},
): Promise<AdaptiveCard> {
  const { text } = deps;
  const b = text.broadcasts;
  const page = options.page ?? 0;
  const all = await deps.broadcasts.list(actor);
  const shown = all.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  const cardId = deps.newId();
  const items = [];
  for (const broadcast of shown) {
    const senderName = await senderNameOf(deps, actor, broadcast);
    items.push({
      broadcast,
      audience: await audienceWords(deps, broadcast.audience),
      ...(senderName ? { senderName } : {}),
      open: { title: b.open, verb: verbs.broadcastProgress, data: { cardId, broadcastId: broadcast.id } },
    });
  }
  const actions: CardAction[] = [
    ...(all.length > (page + 1) * PAGE_SIZE
      ? [{ title: b.older, verb: verbs.broadcastsPage, data: { cardId, page: page + 1 } }]
      : []),
    ...(page > 0 ? [{ title: b.newer, verb: verbs.broadcastsPage, data: { cardId, page: page - 1 } }] : []),
    ...(options.canSend ? [{ title: b.newReminder, verb: verbs.broadcastNew, data: { cardId } }] : []),
  ];
  return broadcastListCard(text, {
    items,
    older: page > 0,
    timeZone: deps.settings.timeZone,
    ...(options.notice ? { notice: options.notice } : {}),
    actions,
  });
}
