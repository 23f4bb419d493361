// Broadcast reminders: the card to write one (a message by each box to fix; the guard names the box and the
// kind of detail found, never the text), the preview (the reminder exactly as recipients will see it, with
// who gets it, who cannot and why, and how long it will take), the reminder itself and its "Thanks, noted"
// version, the sender's progress and delivery report, and the list of reminders. For a "not answered"
// audience the report is counts only: nothing on it names or identifies a recipient.
import {
  draftInputIds,
  type AudienceKind,
  type Broadcast,
  type BroadcastReport,
  type Estimate,
  type ScheduleNote,
  type SenderRole,
  type Unreachable,
} from '../domain/broadcasts.js';
import type { GuardRule } from '../domain/patient-data-guard.js';
import type { Text } from '../text/index.js';
import type { Choice, StyledAction } from './action-cards.js';
import { expandCard, type AdaptiveCard, type CardAction } from './card.js';

/** The compose card's inputs, in the order it shows them. */
export const composeInputIds = [
  ...draftInputIds.filter(
    (id): id is Exclude<(typeof draftInputIds)[number], 'confirmWarnings'> => id !== 'confirmWarnings',
  ),
  'when',
  'date',
  'time',
] as const;
export type ComposeField = (typeof composeInputIds)[number];

/** What the compose card's inputs show: what the person sent, as Teams sends it (units comma-separated). */
export type ComposeValues = Partial<Record<ComposeField, string>>;

/** What to fix in one box: the domain's problems, and the bot's own (units gone, say). */
export type ComposeProblem = { field: string; problem: string; rules?: GuardRule[] };

export type ComposeView = {
  /** Leads and admins choose any audience; managers, members of the units they manage. */
  mode: 'any' | 'manager';
  /** The units to choose from. */
  units: Choice[];
  timeZone: string;
  values: ComposeValues;
  problems?: ComposeProblem[];
  notice?: string;
  preview: CardAction;
};

/** More units than this and the choice is a drop-down list rather than a list of boxes. */
const EXPANDED_UNITS_MAX = 8;

/** "Enter a title", or for the guard: "The ‘Message’ box looks like it contains an email address…". */
export function composeProblemMessage(text: Text, problem: ComposeProblem): string {
  const b = text.broadcasts;
  if (problem.problem === 'patientData' || problem.problem === 'confirmPatientData') {
    const box = b.boxes[problem.field] ?? problem.field;
    const found = text.checkins.list((problem.rules ?? []).map((rule) => text.checkins.guardRules[rule]));
    return problem.problem === 'patientData' ? b.guardBlocked(box, found) : b.guardWarning(box, found);
  }
  const messages = b.problems[problem.field];
  if (!messages) return b.somethingWrong;
  return messages[problem.problem] ?? messages.default;
}

export function broadcastComposeCard(text: Text, view: ComposeView): AdaptiveCard {
  const b = text.broadcasts;
  const zone = b.zone(view.timeZone);
  const byField = new Map<string, string[]>();
  for (const problem of view.problems ?? [])
    byField.set(problem.field, [...(byField.get(problem.field) ?? []), composeProblemMessage(text, problem)]);
  const known = new Set<string>(composeInputIds);
  const summary = [
    ...composeInputIds.flatMap((field) => byField.get(field) ?? []),
    ...[...byField].filter(([field]) => !known.has(field)).flatMap(([, messages]) => messages),
  ];
  const messages = Object.fromEntries(
    composeInputIds.map((field) => [field, (byField.get(field) ?? []).join(' ')]),
  );
  const manager = view.mode === 'manager';
  const kinds: readonly AudienceKind[] = manager
    ? ['units']
    : ['everyone', 'units', 'channels', 'notAnswered', 'managers'];
  const values = view.values;
  const unitIds = new Set((values.unitIds ?? '').split(',').map((id) => id.trim()));
  return expandCard('broadcast-compose', {
    notice: view.notice ?? '',
    problemHeading: b.problemHeading,
    summary,
    title: b.composeTitle,
    intro: manager ? b.managerIntro : b.intro,
    privacy: b.privacy,
    audiences: kinds.map((kind) => ({ title: b.audiences[kind] ?? kind, value: kind })),
    units: view.units,
    unitStyle: view.units.length > EXPANDED_UNITS_MAX ? 'compact' : 'expanded',
    unitsHint: view.units.length === 0 ? b.labels.noUnits : manager ? '' : b.labels.unitsHint,
    whens: [
      { title: b.when.now, value: 'now' },
      { title: b.when.later, value: 'later' },
    ],
    values: {
      title: values.title ?? '',
      message: values.message ?? '',
      buttonTitle: values.buttonTitle ?? '',
      buttonUrl: values.buttonUrl ?? '',
      audience: manager ? 'units' : kinds.includes(values.audience as AudienceKind) ? values.audience : '',
      unitIds: view.units
        .filter((unit) => unitIds.has(unit.value))
        .map((unit) => unit.value)
        .join(','),
      when: values.when === 'later' ? 'later' : 'now',
      date: values.date ?? '',
      time: values.time ?? '',
    },
    messages,
    confirm: (view.problems ?? []).some((problem) => problem.problem === 'confirmPatientData'),
    labels: { ...b.labels, date: b.labels.date(zone), time: b.labels.time(zone) },
    preview: view.preview,
  });
}

// ---- The reminder people get --------------------------------------------------------------------------

export type WhyView = {
  audience: AudienceKind;
  /** The chosen units' names, for a units or channels audience. */
  unitNames: string[];
  /** The organisation's name, when there is one organisation. */
  organisation?: string;
  senderRole: SenderRole;
};

/** "You get this because you are in Ward 7. It was sent by a partnership lead." */
export function reminderWhy(text: Text, view: WhyView): string {
  const b = text.broadcasts;
  const sender = b.senders[view.senderRole] ?? b.senders['lead']!;
  switch (view.audience) {
    case 'everyone':
      return b.why.everyone(view.organisation ?? b.yourOrganisation, sender);
    case 'units':
      return b.why.units(b.either(view.unitNames), sender);
    case 'channels':
      return b.why.channels(b.both(view.unitNames), sender);
    case 'notAnswered':
      return b.why.notAnswered(sender);
    case 'managers':
      return b.why.managers(sender);
  }
}

export type ReminderView = {
  title: string;
  message: string;
  button?: { title: string; url: string };
  why: string;
  /** In a person's chat the card says how to stop reminders; a post in a channel does not. */
  place: 'person' | 'channel';
  /** The person has stopped reminders: the card says how to undo it. */
  stopped?: boolean;
  notice?: string;
  gotIt: CardAction;
  /** "Stop reminders", or "Start reminders again" once stopped; none in a channel. */
  stopOrStart?: CardAction;
};

const styled = (action: CardAction, style: StyledAction['style'] = 'default') => ({ ...action, style });

/** The reminder as its recipients see it: the same function draws the sender's preview. */
export function broadcastReminderCard(text: Text, view: ReminderView): AdaptiveCard {
  const b = text.broadcasts;
  const person = view.place === 'person';
  return expandCard('broadcast-reminder', {
    notice: view.notice ?? '',
    title: view.title,
    message: view.message,
    why: view.why,
    stopNote: person && !view.stopped ? b.stopNote : '',
    link: view.button ?? { title: '', url: '' },
    actions: [
      styled(view.gotIt, 'positive'),
      ...(person && view.stopOrStart ? [styled(view.stopOrStart)] : []),
    ],
  });
}

/** After "Got it": the title, "Thanks, noted.", the link if there is one and "Stop reminders". */
export function reminderNotedCard(
  text: Text,
  view: Pick<ReminderView, 'title' | 'button' | 'stopOrStart'>,
): AdaptiveCard {
  return expandCard('broadcast-reminder', {
    notice: text.broadcasts.noted,
    title: view.title,
    message: '',
    why: '',
    stopNote: '',
    link: view.button ?? { title: '', url: '' },
    actions: view.stopOrStart ? [styled(view.stopOrStart)] : [],
  });
}

/** A reminder that is no longer there, or a short answer with no reminder to show. */
export function reminderNoticeCard(text: Text, body: string, actions: CardAction[] = []): AdaptiveCard {
  return expandCard('checkin-notice', { title: text.broadcasts.reminderTitle, body, actions });
}

// ---- The preview --------------------------------------------------------------------------------------

export type PreviewView = {
  /** The reminder exactly as recipients will see it. */
  reminder: AdaptiveCard;
  audience: AudienceKind;
  recipients: number;
  unreachable: Unreachable[];
  /** Chosen units with no summary channel, whose team's General channel is used instead. */
  generalChannels: number;
  estimate: Estimate;
  /** When the last should arrive, in words, shown when quiet hours make some wait. */
  finishBy?: string;
  /** For a scheduled one: when it goes, what was asked for, and a note about a clock change. */
  schedule?: { at: string; asked: string; note?: ScheduleNote };
  notice?: string;
  /** "Send" or "Schedule for …"; absent when nobody can get it now and it is not scheduled. */
  send?: CardAction;
  change: CardAction;
};

/**
 * "3 people cannot get it: 2 are guests and 1 has stopped reminders." With `whenSent`, the same for the
 * report: "When it went, 3 people could not get it: …".
 */
export function unreachableSentence(
  text: Text,
  audience: AudienceKind,
  unreachable: Unreachable[],
  whenSent = false,
): string {
  const b = text.broadcasts;
  const total = unreachable.reduce((sum, { count }) => sum + count, 0);
  if (total === 0) return '';
  const parts = unreachable.map(({ reason, count }) =>
    reason === 'stoppedReminders' && audience === 'notAnswered'
      ? b.unreachable.stoppedOrPaused(count)
      : b.unreachable[reason](count),
  );
  const intro = whenSent ? b.unreachableWhenSent : b.unreachableIntro;
  return `${intro(total, audience === 'channels')} ${text.checkins.list(parts)}.`;
}

export function broadcastPreviewCard(text: Text, view: PreviewView): AdaptiveCard {
  const b = text.broadcasts;
  const channels = view.audience === 'channels';
  const lines = [
    b.recipients(view.recipients, channels),
    unreachableSentence(text, view.audience, view.unreachable),
    channels && view.generalChannels > 0 ? b.generalChannel(view.generalChannels) : '',
    view.schedule && !view.schedule.note ? b.scheduledFor(view.schedule.at) : '',
    view.schedule?.note === 'skippedHour' ? b.skippedHour(view.schedule.asked, view.schedule.at) : '',
    view.schedule?.note === 'repeatedHour' ? b.repeatedHour(view.schedule.asked, view.schedule.at) : '',
    // How long the sending itself takes; time spent waiting for quiet hours to end is said apart.
    view.recipients > 0 ? b.estimate(b.duration(view.estimate.sendingSeconds)) : '',
    view.recipients > 0 && view.estimate.waitingSeconds > 0 && view.finishBy
      ? b.quietHours(view.finishBy)
      : '',
    view.send ? '' : b.nothingToSend,
  ].filter((line) => line !== '');
  const card = expandCard('broadcast-preview', {
    notice: view.notice ?? '',
    title: b.previewTitle,
    intro: b.previewIntro,
    lines,
    actions: [...(view.send ? [styled(view.send, 'positive')] : []), styled(view.change)],
  });
  return withReminder(card, view.reminder);
}

/**
 * Puts the reminder inside the preview: its body as it is, and its buttons in a row, those that would act
 * switched off (a link still opens, so the sender can check it).
 */
function withReminder(card: AdaptiveCard, reminder: AdaptiveCard): AdaptiveCard {
  const body = (card['body'] ?? []) as Record<string, unknown>[];
  const actions = ((reminder['actions'] ?? []) as Record<string, unknown>[]).map((action) =>
    action['type'] === 'Action.Execute' ? { ...action, isEnabled: false } : action,
  );
  const items = [
    ...((reminder['body'] ?? []) as unknown[]),
    ...(actions.length ? [{ type: 'ActionSet', actions }] : []),
  ];
  return {
    ...card,
    body: body.map((element) => (element['id'] === 'reminder' ? { ...element, items } : element)),
  };
}

// ---- Progress and the delivery report -----------------------------------------------------------------

export type ReportView = {
  broadcast: Broadcast;
  report: Omit<BroadcastReport, 'rows'>;
  /** Who it went to, in words: "members of Ward 7". */
  audience: string;
  /** Shown to leads and admins looking at someone else's. */
  senderName?: string;
  timeZone: string;
  /** A per-recipient export is allowed (never for "not answered"). */
  exportable: boolean;
  /** The export page's link for "Download CSV"; only with `exportable`, and not while a question is asked. */
  downloadUrl?: string;
  notice?: string;
  /** "Cancel this reminder?" above it, with the answers as its buttons. */
  question?: string;
  actions: StyledAction[];
};

/** "Sent on 23 November 2026 at 10:00." */
export function stateLine(text: Text, broadcast: Broadcast, timeZone: string): string {
  const s = text.broadcasts.state;
  const at = (iso: string | undefined) => text.formatDateTime(iso ?? broadcast.createdAt, timeZone);
  switch (broadcast.state) {
    case 'scheduled':
      return s.scheduled(at(broadcast.scheduledFor));
    case 'sending':
      return broadcast.sentAt ? s.sending(at(broadcast.sentAt)) : s.preparing;
    case 'sent':
      return s.sent(at(broadcast.sentAt));
    case 'cancelled':
      return s.cancelled(at(broadcast.cancelledAt));
  }
}

/** "they blocked the app: 2" for each failure code, in words. */
function failureLines(text: Text, failures: Record<string, number>): string[] {
  const b = text.broadcasts;
  const entries = Object.entries(failures).sort(([a], [c]) => (a < c ? -1 : a > c ? 1 : 0));
  if (entries.length === 0) return [];
  return [
    b.failuresIntro,
    ...entries.map(([code, count]) => b.failure(b.failureCodes[code] ?? b.failureCode(code), count)),
  ];
}

export function broadcastReportCard(text: Text, view: ReportView): AdaptiveCard {
  const b = text.broadcasts;
  const { broadcast, report } = view;
  const queued = broadcast.sentAt !== undefined;
  const people = broadcast.audience.kind !== 'channels';
  const count = (title: string, value: number) => ({ title, value: String(value) });
  const counts = queued
    ? [
        count(b.counts.delivered, report.delivered),
        ...(report.done ? [] : [count(b.counts.waiting, report.pending + report.sending)]),
        count(b.counts.blocked, report.blocked),
        count(b.counts.notFound, report.notFound),
        ...(report.tooLarge > 0 ? [count(b.counts.tooLarge, report.tooLarge)] : []),
        count(b.counts.failed, report.failed),
        count(b.counts.cancelled, report.cancelled),
        count(b.counts.possiblyDuplicated, report.possiblyDuplicated),
      ]
    : [];
  const unreachable = unreachableSentence(
    text,
    broadcast.audience.kind,
    broadcast.counts?.unreachable ?? [],
    true,
  );
  const lines = queued ? [...failureLines(text, report.failures), ...(unreachable ? [unreachable] : [])] : [];
  const responses = queued
    ? [b.acknowledged(report.acknowledged), ...(people ? [b.readAtLeast(report.readAtLeast)] : [])]
    : [];
  const notes = queued
    ? [
        people ? b.readNote : b.channelsNote,
        report.countsOnly ? b.countsOnly : view.exportable ? b.exportNote : '',
      ].filter((note) => note !== '')
    : [];
  return expandCard('broadcast-report', {
    notice: view.notice ?? '',
    question: view.question ?? '',
    title: broadcast.title,
    state: stateLine(text, broadcast, view.timeZone),
    about: [
      { title: b.facts.to, value: view.audience },
      ...(view.senderName ? [{ title: b.facts.sentBy, value: view.senderName }] : []),
    ],
    countsHeading: b.countsHeading,
    counts,
    lines,
    responsesHeading: b.responsesHeading,
    responses,
    notes,
    actions: view.actions.map((action) => ({ ...action, style: action.style ?? 'default' })),
    download:
      queued && view.exportable && view.downloadUrl && !view.question
        ? { title: b.downloadCsv, url: view.downloadUrl }
        : { title: '', url: '' },
  });
}

// ---- The list ------------------------------------------------------------------------------------------

export type BroadcastListView = {
  items: { broadcast: Broadcast; audience: string; senderName?: string; open: CardAction }[];
  /** True on a later page: an empty one then says there is nothing more, not nothing at all. */
  older: boolean;
  timeZone: string;
  notice?: string;
  actions: CardAction[];
};

/** "broadcasts": five at a time, newest first, each opening its report. */
export function broadcastListCard(text: Text, view: BroadcastListView): AdaptiveCard {
  const b = text.broadcasts;
  const intro = view.items.length ? b.listIntro : view.older ? b.noMore : b.none;
  return expandCard('actions-list', {
    notice: view.notice ?? '',
    title: b.listTitle,
    intro,
    items: view.items.map(({ broadcast, audience, senderName, open }) => ({
      title: broadcast.title,
      detail: stateLine(text, broadcast, view.timeZone),
      lines: [`${b.facts.to}: ${audience}`, ...(senderName ? [b.by(senderName)] : [])],
      actions: [{ ...open, tooltip: `${open.title}: ${broadcast.title}` }],
    })),
    actions: view.actions,
  });
}
