// Broadcast reminders from partnership leads, admins and managers: what one is, reading the compose card,
// when a scheduled one goes, how long delivery will take, and the delivery report. Pure: the caller passes
// the clock, the zone and the deliveries.
import { z } from 'zod';
import { isBlank } from './answers.js';
import { toCsv } from './csv.js';
import { atLocalTime, LocalDate } from './cycles.js';
import { isFinal, type Delivery, type DeliveryState, type Recipient } from './delivery.js';
import { checkText, type GuardRule } from './patient-data-guard.js';
import { may, type Action, type Roles } from './permissions.js';
import { isAllowed, nextAllowedTime, type QuietHours } from './quiet-hours.js';
import { instantsOf } from './zoned-time.js';

export const BROADCAST_TITLE_MAX = 80;
export const BROADCAST_MESSAGE_MAX = 1_000;
export const BUTTON_TITLE_MAX = 40;
const URL_MAX = 2_000;
/** A reminder is about something coming up: a date further away is almost always a typing slip. */
export const SCHEDULE_DAYS_MAX = 366;

const unitIds = z.array(z.string().min(1)).min(1);

/** Who a broadcast goes to. Managers may choose only `units`, and only units they manage. */
export const Audience = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('everyone') }),
  z.object({ kind: z.literal('units'), unitIds }),
  /** The units' summary channels, or their team's General channel. */
  z.object({ kind: z.literal('channels'), unitIds }),
  /** People expected in the current cycle who have not answered its pulse: reported as counts only. */
  z.object({ kind: z.literal('notAnswered') }),
  z.object({ kind: z.literal('managers') }),
]);
export type Audience = z.infer<typeof Audience>;
export type AudienceKind = Audience['kind'];
export const audienceKinds: readonly AudienceKind[] = [
  'everyone',
  'units',
  'channels',
  'notAnswered',
  'managers',
];

export const BroadcastButton = z.object({
  title: z.string().min(1).max(BUTTON_TITLE_MAX),
  url: z
    .url({ protocol: /^https$/, hostname: z.regexes.domain })
    .max(URL_MAX)
    .refine((url) => !/^https:\/\/[^/?#]*@/i.test(url), 'no user name or password in the link'),
});
export type BroadcastButton = z.infer<typeof BroadcastButton>;

/** What the compose card produces: the reminder and its audience. Its texts have passed the guard. */
export const BroadcastDraft = z.object({
  title: z.string().min(1).max(BROADCAST_TITLE_MAX),
  message: z.string().min(1).max(BROADCAST_MESSAGE_MAX),
  button: BroadcastButton.optional(),
  audience: Audience,
});
export type BroadcastDraft = z.infer<typeof BroadcastDraft>;

/**
 * Why someone in the audience gets nothing: a guest; from a tenant not allowed; they stopped reminders
 * (for "not answered", paused check-ins too); a unit with no channel the bot can post in; or Teams does not
 * let the bot write to them (they blocked it, or it is installed neither personally nor in a tracked team
 * of theirs).
 */
export const UnreachableReason = z.enum([
  'guest',
  'otherTenant',
  'stoppedReminders',
  'noChannel',
  'notAllowed',
]);
export type UnreachableReason = z.infer<typeof UnreachableReason>;
export const Unreachable = z.object({ reason: UnreachableReason, count: z.number().int().min(1) });
export type Unreachable = z.infer<typeof Unreachable>;

export const BroadcastState = z.enum(['scheduled', 'sending', 'sent', 'cancelled']);
export type BroadcastState = z.infer<typeof BroadcastState>;
export const SenderRole = z.enum(['lead', 'admin', 'manager']);
export type SenderRole = z.infer<typeof SenderRole>;

export const Broadcast = BroadcastDraft.extend({
  id: z.string().min(1),
  /** The sender's Entra object id. */
  sender: z.string().min(1),
  senderRole: SenderRole,
  state: BroadcastState,
  /** UTC ISO time it is to go, for a scheduled one. */
  scheduledFor: z.string().optional(),
  createdAt: z.string(),
  /** When its deliveries were queued. "sending" without it: the bot stopped before it finished queueing. */
  sentAt: z.string().optional(),
  cancelledAt: z.string().optional(),
  /** The sender, an admin, or "system" when it could no longer go (the sender lost the role, say). */
  cancelledBy: z.string().optional(),
  /** How many it was queued for, and how many could not be reached and why, when it was queued. */
  counts: z.object({ recipients: z.number().int().min(0), unreachable: z.array(Unreachable) }).optional(),
}).refine((broadcast) => broadcast.state !== 'scheduled' || broadcast.scheduledFor !== undefined, {
  message: 'a scheduled broadcast needs scheduledFor',
  path: ['scheduledFor'],
});
export type Broadcast = z.infer<typeof Broadcast>;

export const batchOf = (broadcastId: string): string => `broadcast:${broadcastId}`;
/** Stable per recipient, so queueing again after a crash adds nothing. */
export const deliveryIdOf = (recipient: Recipient): string =>
  recipient.kind === 'person'
    ? `person:${recipient.aadObjectId}`
    : `conversation:${recipient.conversationId}`;

export const senderRoleOf = (roles: Roles): SenderRole =>
  roles.admin ? 'admin' : roles.lead ? 'lead' : 'manager';

/** The permission a sender lacks for this audience, if any: managers reach their own units' members only. */
export function refusedFor(roles: Roles, audience: Audience): Action | undefined {
  if (may(roles, 'broadcast')) return undefined;
  if (audience.kind !== 'units') return 'broadcast';
  return audience.unitIds.every((unitId) => may(roles, 'nudgeUnit', unitId)) ? undefined : 'nudgeUnit';
}

export type DraftField =
  'title' | 'message' | 'buttonTitle' | 'buttonUrl' | 'audience' | 'unitIds' | 'date' | 'time';
export type DraftProblem = {
  field: DraftField;
  problem:
    | 'required'
    | 'tooLong'
    | 'invalidChoice'
    | 'notHttps'
    | 'patientData'
    | 'confirmPatientData'
    | 'notADate'
    | 'notATime'
    | 'inPast'
    | 'tooFarAhead';
  /** For the guard's problems: which kinds of identifier were found, never where or what. */
  rules?: GuardRule[];
};

/** The compose card's input ids, in the order the card shows them. */
export const draftInputIds = [
  'title',
  'message',
  'buttonTitle',
  'buttonUrl',
  'audience',
  'unitIds',
  'confirmWarnings',
] as const;

type Read<T> = { value: T } | { problem: DraftProblem['problem'] };

function readText(value: unknown, max: number, required: boolean): Read<string | undefined> {
  if (isBlank(value)) return required ? { problem: 'required' } : { value: undefined };
  if (typeof value !== 'string') return { problem: 'invalidChoice' };
  const text = value.trim();
  return text.length > max ? { problem: 'tooLong' } : { value: text };
}

/** Teams sends a multi-select as one comma-separated string. */
function readUnitIds(value: unknown): Read<string[]> {
  const raw = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  const ids = raw.map((item) => (typeof item === 'string' ? item.trim() : '')).filter((id) => id !== '');
  return ids.length === 0 ? { problem: 'required' } : { value: [...new Set(ids)] };
}

function readAudienceKind(value: unknown): Read<AudienceKind> {
  if (isBlank(value)) return { problem: 'required' };
  const kind = audienceKinds.find((option) => typeof value === 'string' && option === value.trim());
  return kind ? { value: kind } : { problem: 'invalidChoice' };
}

function readUrl(value: unknown): Read<string | undefined> {
  const read = readText(value, URL_MAX, false);
  if (!('value' in read) || read.value === undefined) return read;
  return BroadcastButton.shape.url.safeParse(read.value).success ? read : { problem: 'notHttps' };
}

/**
 * Reads the compose card into a draft, or the problems to show beside each input. The title, message and
 * button title pass the patient-data guard: what it blocks is refused naming the box and the kind of
 * identifier; what it warns about needs "confirmWarnings" ticked.
 */
export function readDraft(
  inputs: Record<string, unknown>,
): { ok: true; draft: BroadcastDraft } | { ok: false; problems: DraftProblem[] } {
  const problems: DraftProblem[] = [];
  const take = <T>(field: DraftField, got: Read<T>): T | undefined => {
    if ('value' in got) return got.value;
    problems.push({ field, problem: got.problem });
    return undefined;
  };
  const title = take('title', readText(inputs.title, BROADCAST_TITLE_MAX, true));
  const message = take('message', readText(inputs.message, BROADCAST_MESSAGE_MAX, true));
  const buttonTitle = take('buttonTitle', readText(inputs.buttonTitle, BUTTON_TITLE_MAX, false));
  const buttonUrl = take('buttonUrl', readUrl(inputs.buttonUrl));
  if (buttonTitle !== undefined && buttonUrl === undefined && isBlank(inputs.buttonUrl))
    problems.push({ field: 'buttonUrl', problem: 'required' });
  if (buttonUrl !== undefined && buttonTitle === undefined && isBlank(inputs.buttonTitle))
    problems.push({ field: 'buttonTitle', problem: 'required' });
  const kind = take('audience', readAudienceKind(inputs.audience));
  const units = kind === 'units' || kind === 'channels' ? take('unitIds', readUnitIds(inputs.unitIds)) : [];
  const confirmed = inputs.confirmWarnings === true || inputs.confirmWarnings === 'true';
  for (const [field, text] of [
    ['title', title],
    ['message', message],
    ['buttonTitle', buttonTitle],
  ] as const) {
    if (!text) continue;
    const { blocked, warnings } = checkText(text);
    if (blocked.length > 0) problems.push({ field, problem: 'patientData', rules: blocked });
    else if (warnings.length > 0 && !confirmed)
      problems.push({ field, problem: 'confirmPatientData', rules: warnings });
  }
  if (problems.length > 0 || !kind || !units) return { ok: false, problems };
  const audience = kind === 'units' || kind === 'channels' ? { kind, unitIds: units } : { kind };
  const button = buttonTitle && buttonUrl ? { button: { title: buttonTitle, url: buttonUrl } } : {};
  return { ok: true, draft: BroadcastDraft.parse({ title, message, ...button, audience }) };
}

/** What the guard blocks in a draft however it arrived: the service's own check, whatever the card did. */
export const blockedIn = (draft: BroadcastDraft): GuardRule[] => [
  ...new Set(
    [draft.title, draft.message, draft.button?.title ?? ''].flatMap((text) => checkText(text).blocked),
  ),
];

/**
 * A clock change makes some local times ambiguous. One in the hour skipped in spring (01:30 on 28 March
 * 2027 in London) goes when the clocks jump (02:00 BST), as check-in cycles do; one in the hour repeated in
 * autumn (01:30 on 25 October 2026) goes at its first occurrence (01:30 BST, 00:30 UTC). The note lets the
 * card say so.
 */
export type ScheduleNote = 'skippedHour' | 'repeatedHour';

/**
 * The instant a local date and time ('YYYY-MM-DD', 'HH:MM') in the organisation's zone falls at. A time
 * earlier than the current minute is in the past; one more than SCHEDULE_DAYS_MAX days ahead is refused.
 */
export function readSchedule(
  inputs: { date?: unknown; time?: unknown },
  now: Date,
  timeZone: string,
): { ok: true; at: Date; note?: ScheduleNote } | { ok: false; problems: DraftProblem[] } {
  const problems: DraftProblem[] = [];
  const date = typeof inputs.date === 'string' ? inputs.date.trim().slice(0, 10) : '';
  const time = typeof inputs.time === 'string' ? inputs.time.trim().slice(0, 5) : '';
  if (isBlank(inputs.date)) problems.push({ field: 'date', problem: 'required' });
  else if (!LocalDate.safeParse(date).success) problems.push({ field: 'date', problem: 'notADate' });
  if (isBlank(inputs.time)) problems.push({ field: 'time', problem: 'required' });
  else if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) problems.push({ field: 'time', problem: 'notATime' });
  if (problems.length > 0) return { ok: false, problems };
  const at = atLocalTime(date, time, timeZone);
  const currentMinute = Math.floor(now.getTime() / 60_000) * 60_000;
  if (at.getTime() < currentMinute) return { ok: false, problems: [{ field: 'time', problem: 'inPast' }] };
  if (at.getTime() > now.getTime() + SCHEDULE_DAYS_MAX * 86_400_000)
    return { ok: false, problems: [{ field: 'date', problem: 'tooFarAhead' }] };
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  const wall = Date.parse(`${date}T00:00:00Z`) + (hours * 60 + minutes) * 60_000;
  const found = instantsOf(wall, timeZone).length;
  const note: ScheduleNote | undefined = found === 0 ? 'skippedHour' : found > 1 ? 'repeatedHour' : undefined;
  return { ok: true, at, ...(note ? { note } : {}) };
}

/** The rate gate's window: a request holds its place from its start until this long after its answer. */
export const RATE_WINDOW_MS = 1_020;

export type EstimateOptions = {
  /** People (by Entra object id) whose 1:1 chat with the bot is known: one request each, not two. */
  existingChats: ReadonlySet<string>;
  /** When set, sending happens only inside the windows; 'off' or absent sends round the clock. */
  quietHours?: QuietHours;
  /** When sending may start: now, or the scheduled time. */
  now: Date;
  timeZone: string;
  /** How long Teams takes to answer a request; 0 (a loopback connector) unless measured. */
  answerMs?: number;
};
export type Estimate = {
  /** From `now` until the last request is answered. */
  seconds: number;
  /** Requests to Teams: a message each, and a conversation-create first for people without a chat. */
  requests: number;
  sendingSeconds: number;
  /** Time spent outside the quiet-hours windows. */
  waitingSeconds: number;
};

/** One request per message, plus one to create the 1:1 chat of a person the bot has none with. */
export const requestsFor = (recipients: readonly Recipient[], existingChats: ReadonlySet<string>): number =>
  recipients.reduce(
    (total, recipient) =>
      total + (recipient.kind === 'person' && !existingChats.has(recipient.aadObjectId) ? 2 : 1),
    0,
  );

/**
 * How long delivery will take, as the delivery worker sends. Its rate gate lets `sendRate` requests start at
 * once and gives each place back RATE_WINDOW_MS after the request's answer; the worker keeps `sendRate`
 * deliveries in flight, so the gate is what limits. R requests therefore go in ceil(R / sendRate) rounds,
 * one every RATE_WINDOW_MS + answerMs:
 *
 *   sending = (ceil(R / sendRate) - 1) × (RATE_WINDOW_MS + answerMs) + answerMs
 *
 * With quiet hours the worker starts nothing outside a window (what is in flight finishes) and waits for the
 * next, so sending time is laid over the windows from `now`. Retries (5xx, 429) are not foreseeable and not
 * counted.
 */
export function estimateDuration(
  recipients: readonly Recipient[],
  sendRate: number,
  options: EstimateOptions,
): Estimate {
  if (!Number.isFinite(sendRate) || sendRate < 1)
    throw new Error(`broadcasts: the send rate must be at least 1 a second, got ${sendRate}`);
  const requests = requestsFor(recipients, options.existingChats);
  const answerMs = options.answerMs ?? 0;
  const sendingMs =
    requests === 0 ? 0 : (Math.ceil(requests / sendRate) - 1) * (RATE_WINDOW_MS + answerMs) + answerMs;
  const start = options.now.getTime();
  const end =
    requests === 0 ? start : laidOverWindows(start, sendingMs, options.quietHours ?? 'off', options.timeZone);
  return {
    seconds: (end - start) / 1000,
    requests,
    sendingSeconds: sendingMs / 1000,
    waitingSeconds: (end - start - sendingMs) / 1000,
  };
}

const MINUTE = 60_000;

/** When `sendingMs` of sending that starts at `start` ends, sending only while quiet hours allow. */
function laidOverWindows(start: number, sendingMs: number, quietHours: QuietHours, timeZone: string): number {
  if (quietHours === 'off') return start + sendingMs;
  let at = start;
  let left = sendingMs;
  // Windows open and close on whole local minutes, so a minute at a time finds every close.
  for (;;) {
    if (!isAllowed(new Date(at), quietHours, timeZone)) {
      at = nextAllowedTime(new Date(at), quietHours, timeZone).getTime();
      continue;
    }
    const step = Math.min(left, (Math.floor(at / MINUTE) + 1) * MINUTE - at);
    at += step;
    left -= step;
    if (left === 0) return at;
  }
}

/** Who acted on a broadcast: each person once. */
export type Responses = { acknowledgedBy: readonly string[]; readBy: readonly string[] };

export type ReportRow = {
  recipientKind: Recipient['kind'];
  recipientId: string;
  state: DeliveryState;
  /** Teams' code for a failure (MessageWritesBlocked…), or its HTTP status. */
  code?: string;
  possiblyDuplicated: boolean;
  acknowledged: boolean;
};

export type BroadcastReport = Record<DeliveryState, number> & {
  total: number;
  possiblyDuplicated: number;
  /** Failure codes and how often each happened. */
  failures: Record<string, number>;
  acknowledged: number;
  /** Read receipts depend on each person's settings: "at least N read". */
  readAtLeast: number;
  done: boolean;
  /** True for "not answered" audiences: a per-recipient list would name the non-responders. */
  countsOnly: boolean;
  /** Per recipient, ids and states only; absent when countsOnly. */
  rows?: ReportRow[];
};

const recipientIdOf = (recipient: Recipient) =>
  recipient.kind === 'person' ? recipient.aadObjectId : recipient.conversationId;

/**
 * The delivery report. Acknowledgements and reads count once per person, and for people only when they
 * were sent it (a crafted "Got it" from anyone else counts for nothing); a channel's readers are not
 * recipients, so there each person who acted counts.
 */
export function reportOf(
  deliveries: readonly Delivery[],
  audience: Audience,
  responses: Responses,
): BroadcastReport {
  const people = new Set(
    deliveries.flatMap((d) => (d.recipient.kind === 'person' ? [d.recipient.aadObjectId] : [])),
  );
  const counted = (ids: readonly string[]) =>
    new Set(audience.kind === 'channels' ? ids : ids.filter((id) => people.has(id))).size;
  const acknowledged = new Set(responses.acknowledgedBy);
  const report: BroadcastReport = {
    pending: 0,
    sending: 0,
    delivered: 0,
    blocked: 0,
    notFound: 0,
    tooLarge: 0,
    failed: 0,
    cancelled: 0,
    total: deliveries.length,
    possiblyDuplicated: 0,
    failures: {},
    acknowledged: counted(responses.acknowledgedBy),
    readAtLeast: counted(responses.readBy),
    done: deliveries.every((d) => isFinal(d.state)),
    countsOnly: audience.kind === 'notAnswered',
  };
  const rows: ReportRow[] = [];
  for (const delivery of deliveries) {
    report[delivery.state]++;
    if (delivery.possiblyDuplicated) report.possiblyDuplicated++;
    const failed = delivery.failure && isFinal(delivery.state) && delivery.state !== 'delivered';
    const code = failed ? (delivery.failure!.code ?? String(delivery.failure!.status)) : undefined;
    if (code) report.failures[code] = (report.failures[code] ?? 0) + 1;
    const recipientId = recipientIdOf(delivery.recipient);
    rows.push({
      recipientKind: delivery.recipient.kind,
      recipientId,
      state: delivery.state,
      ...(code ? { code } : {}),
      possiblyDuplicated: delivery.possiblyDuplicated,
      acknowledged: delivery.recipient.kind === 'person' && acknowledged.has(recipientId),
    });
  }
  if (report.countsOnly) return report;
  return {
    ...report,
    rows: rows.sort((a, b) => (a.recipientId < b.recipientId ? -1 : a.recipientId > b.recipientId ? 1 : 0)),
  };
}

const CSV_HEADER = [
  'recipient_type',
  'recipient_id',
  'state',
  'failure_code',
  'possibly_duplicated',
  'acknowledged',
];

/** The per-recipient export, through the one CSV writer (which disarms cells a spreadsheet would run). */
export function csvOf(rows: readonly ReportRow[]): string {
  return toCsv(
    CSV_HEADER,
    rows.map((row) => [
      row.recipientKind,
      row.recipientId,
      row.state,
      row.code ?? '',
      String(row.possiblyDuplicated),
      String(row.acknowledged),
    ]),
  );
}
