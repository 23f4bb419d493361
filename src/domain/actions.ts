// Patient input actions: what a team did to hear from patients, carers and the public (a focus group, a
// co-design workshop, a patient story at Board), as DOMAIN.md lists them. Staff-entered and aggregate only:
// free text passes the patient-data guard, people involved are counts, never names.
import { z } from 'zod';
import { isBlank, readChoice, readWholeNumber, type AnswerProblem } from './answers.js';
import { PrincipleId } from './catalogue.js';
import { addDays, LocalDate } from './cycles.js';
import { checkText, type GuardRule } from './patient-data-guard.js';

export const ActionType = z.enum([
  'survey',
  'focus-group',
  'interview',
  'codesign-workshop',
  'patient-panel',
  'board-story',
  'ppg-meeting',
  'community-outreach',
  'vcse-led',
  'complaint-change',
  'safety-involvement',
  'public-consultation',
  'independent-voice-report',
  'deliberative',
  'digital-engagement',
  'partner-recruitment',
  'other',
]);
export type ActionType = z.infer<typeof ActionType>;

/** How deep the partnership went, from telling people to making the change with them. */
export const Depth = z.enum(['inform', 'consult', 'involve', 'co-design', 'co-produce']);
export type Depth = z.infer<typeof Depth>;

export const TITLE_MAX = 80;
export const TEXT_MAX = 500;
// More than any honest single activity involves (a formal consultation may reach thousands); above is a typo.
export const PARTICIPANTS_MAX = 100_000;
// An action is logged around when it happens: a date further away is almost always a typing slip.
export const PAST_DAYS_MAX = 366;
export const FUTURE_DAYS_MAX = 366;

const count = z.number().int().min(0).max(PARTICIPANTS_MAX);

/** The people involved, as counts: patients, carers and members of the public. */
export const Participants = z.object({ patients: count, carers: count, public: count });
export type Participants = z.infer<typeof Participants>;

/** What the short "log action" card asks: under a minute to fill in. */
export const ActionEntry = z.object({
  type: ActionType,
  title: z.string().min(1).max(TITLE_MAX),
  /** The day it happened (or starts), in the organisation's zone. */
  date: LocalDate,
  principles: z.array(PrincipleId).min(1),
  participants: Participants,
  depth: Depth,
  whatWeHeard: z.string().min(1).max(TEXT_MAX).optional(),
  whatWeDid: z.string().min(1).max(TEXT_MAX).optional(),
  /** When to ask the owner whether participants were told what changed. */
  followUpOn: LocalDate.optional(),
  /** May appear, without names, in channel summaries' "you said, we did". Off unless the person says so. */
  shareable: z.boolean(),
});
export type ActionEntry = z.infer<typeof ActionEntry>;

/** An id's first seven characters are the month it was logged in: where the store keeps it. */
export const ActionId = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-[\w-]{1,64}$/, 'expected YYYY-MM-<id>');

/** Groups a system agrees locally for Core20PLUS5 (the "PLUS"), counted in aggregate only. */
export const PlusGroup = z.enum([
  'ethnicMinority',
  'inclusionHealth',
  'learningDisabilityAutism',
  'coastal',
  'multipleConditions',
  'other',
]);
export type PlusGroup = z.infer<typeof PlusGroup>;

/** Equality Act 2010 protected characteristics: how many participants said they share each. */
export const Characteristic = z.enum([
  'age',
  'disability',
  'ethnicity',
  'sex',
  'genderReassignment',
  'religionOrBelief',
  'sexualOrientation',
  'pregnancyMaternity',
  'marriageCivilPartnership',
]);
export type Characteristic = z.infer<typeof Characteristic>;

/** Who took part, as counts only: never a list of people. */
export const Reach = z.object({
  monitoring: z.enum(['selfReported', 'estimated', 'notCollected']),
  /** From the most deprived fifth of areas (IMD quintile 1). */
  core20: count.optional(),
  plus: z.partialRecord(PlusGroup, count).default({}),
  /** From Core20 areas or a PLUS group, each person counted once: the Core20PLUS reach measure's numerator. */
  core20plus: count.optional(),
  characteristics: z.partialRecord(Characteristic, count).default({}),
  preferNotToSay: count.optional(),
});
export type Reach = z.infer<typeof Reach>;

export const Adjustment = z.enum([
  'bsl',
  'interpreter',
  'easyRead',
  'largePrint',
  'hybrid',
  'stepFree',
  'eveningWeekend',
  'careCover',
]);
export type Adjustment = z.infer<typeof Adjustment>;

export const ChangeStatus = z.enum(['proposed', 'agreed', 'implemented', 'notPossible']);
export const FeedbackMethod = z.enum(['email', 'letter', 'meeting', 'webPage', 'panel']);

/** A tag such as 'transition' (a hand-off between services, counted by the p6-transition-input measure). */
export const Tag = z.string().regex(/^[a-z0-9][a-z0-9-]{0,29}$/, 'lower-case letters, digits and hyphens');
export const TRANSITION_TAG = 'transition';

/** What "Add details" records, later and at leisure. */
export const ActionDetails = z.object({
  tags: z.array(Tag).max(10).default([]),
  reach: Reach.optional(),
  adjustments: z.array(Adjustment).default([]),
  payment: z.enum(['yes', 'no', 'notApplicable']).optional(),
  change: z
    .object({ status: ChangeStatus, reason: z.string().min(1).max(TEXT_MAX).optional() })
    .refine((change) => change.status !== 'notPossible' || change.reason !== undefined, {
      message: 'a change that was not possible needs its reason',
      path: ['reason'],
    })
    .optional(),
  /** When and how participants were told what changed: closes the loop. */
  feedback: z.object({ givenOn: LocalDate, method: FeedbackMethod.optional() }).optional(),
  /** Why participants could not be told (an anonymous survey, say): the follow-up stops asking. */
  feedbackNotPossible: z.string().min(1).max(TEXT_MAX).optional(),
  evidenceLink: z
    .url({ protocol: /^https$/ })
    .max(500)
    .optional(),
});
export type ActionDetails = z.infer<typeof ActionDetails>;

export const Action = ActionEntry.extend({
  id: ActionId,
  /** The unit it was logged for. */
  unitId: z.string().min(1),
  /** Who logged it, and who is asked to follow it up. */
  owner: z.string().min(1),
  /** The person confirmed that it identifies no patient or carer: required to save. */
  noPatientConfirmed: z.literal(true),
  /** 1 when logged, then one more for each edit. */
  version: z.number().int().min(1),
  createdAt: z.string(),
  updatedAt: z.string(),
  details: ActionDetails.optional(),
  /** The follow-up date the owner was last asked about, so each date is asked about once. */
  followUpAskedFor: LocalDate.optional(),
  /** Soft delete: kept, unseen, until the retention period ends. */
  deletedAt: z.string().optional(),
});
export type Action = z.infer<typeof Action>;

export const actionMonth = (id: string): string => id.slice(0, 7);

/** The fields a person types into: each passes the guard before anything is saved. */
export const freeTextFields = ['title', 'whatWeHeard', 'whatWeDid'] as const;
export type FreeTextField = (typeof freeTextFields)[number];

export type EntryProblem = {
  field: string;
  problem:
    | AnswerProblem['problem']
    | 'notADate'
    | 'tooLongAgo'
    | 'tooFarAhead'
    | 'followUpBeforeDate'
    | 'notConfirmed';
};
type Read<T> = { value: T } | { problem: EntryProblem['problem'] };

/** What the guard found in one free-text field: the card names the field and the kind, never the text. */
export type FieldFinding = {
  field: FreeTextField | 'changeReason' | 'feedbackNotPossible';
  blocked: GuardRule[];
  warnings: GuardRule[];
};

const isTrue = (value: unknown) => value === true || value === 'true';

function readText(value: unknown, max: number, required: boolean): Read<string | undefined> {
  if (isBlank(value)) return required ? { problem: 'required' } : { value: undefined };
  if (typeof value !== 'string') return { problem: 'invalidChoice' };
  const text = value.trim();
  return text.length > max ? { problem: 'tooLong' } : { value: text };
}

function readDate(value: unknown, today: LocalDate, required: boolean): Read<LocalDate | undefined> {
  if (isBlank(value)) return required ? { problem: 'required' } : { value: undefined };
  const day = typeof value === 'string' ? value.trim().slice(0, 10) : '';
  if (!LocalDate.safeParse(day).success) return { problem: 'notADate' };
  if (day < addDays(today, -PAST_DAYS_MAX)) return { problem: 'tooLongAgo' };
  if (day > addDays(today, FUTURE_DAYS_MAX)) return { problem: 'tooFarAhead' };
  return { value: day };
}

/** Teams sends a multi-select as one comma-separated string. */
function readPrinciples(value: unknown): Read<PrincipleId[]> {
  if (isBlank(value)) return { problem: 'required' };
  const raw = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  const ids = raw.map((item) => (typeof item === 'string' ? item.trim() : ''));
  if (ids.length === 0 || ids.some((id) => !PrincipleId.safeParse(id).success))
    return { problem: 'invalidChoice' };
  return { value: PrincipleId.options.filter((id) => ids.includes(id)) };
}

/** The "log action" card's input ids, in the order the card shows them. */
export const entryInputIds = [
  'type',
  'title',
  'date',
  'principles',
  'patients',
  'carers',
  'public',
  'depth',
  'whatWeHeard',
  'whatWeDid',
  'followUpOn',
  'shareable',
  'noPatient',
] as const;

/**
 * Reads the "log action" card's inputs into an entry, or the problems to show beside each input. `today` is
 * the organisation's local date: dates far from it are refused as typing slips.
 */
export function readActionEntry(
  inputs: Record<string, unknown>,
  today: LocalDate,
): { ok: true; entry: ActionEntry; confirmed: boolean } | { ok: false; problems: EntryProblem[] } {
  const problems: EntryProblem[] = [];
  const take = <T>(field: string, got: Read<T>): T | undefined => {
    if ('value' in got) return got.value;
    problems.push({ field, problem: got.problem });
    return undefined;
  };
  const participant = (field: keyof Participants) => {
    const raw = inputs[field];
    if (isBlank(raw)) return 0;
    const read = readWholeNumber(raw);
    return take(field, 'value' in read && read.value > PARTICIPANTS_MAX ? { problem: 'tooLarge' } : read);
  };
  const entry = {
    type: take('type', readChoice(inputs.type, ActionType.options)),
    title: take('title', readText(inputs.title, TITLE_MAX, true)),
    date: take('date', readDate(inputs.date, today, true)),
    principles: take('principles', readPrinciples(inputs.principles)),
    participants: {
      patients: participant('patients'),
      carers: participant('carers'),
      public: participant('public'),
    },
    depth: take('depth', readChoice(inputs.depth, Depth.options)),
    whatWeHeard: take('whatWeHeard', readText(inputs.whatWeHeard, TEXT_MAX, false)),
    whatWeDid: take('whatWeDid', readText(inputs.whatWeDid, TEXT_MAX, false)),
    followUpOn: take('followUpOn', readDate(inputs.followUpOn, today, false)),
    shareable: isTrue(inputs.shareable),
  };
  if (entry.followUpOn && entry.date && entry.followUpOn < entry.date)
    problems.push({ field: 'followUpOn', problem: 'followUpBeforeDate' });
  const confirmed = isTrue(inputs.noPatient);
  if (!confirmed) problems.push({ field: 'noPatient', problem: 'notConfirmed' });
  if (problems.length > 0) return { ok: false, problems };
  const parsed = ActionEntry.parse(withoutUndefined(entry));
  return { ok: true, entry: parsed, confirmed };
}

function findings(texts: [FieldFinding['field'], string | undefined][]): FieldFinding[] {
  return texts.flatMap(([field, text]) => {
    if (!text) return [];
    const { blocked, warnings } = checkText(text);
    return blocked.length + warnings.length > 0 ? [{ field, blocked, warnings }] : [];
  });
}

/** Runs every free-text field through the guard; only fields where something was found are listed. */
export const guardEntry = (entry: Pick<ActionEntry, FreeTextField>): FieldFinding[] =>
  findings(freeTextFields.map((field) => [field, entry[field]]));

/** The details' one free-text field, the reason a change was not possible, through the guard. */
export const guardDetails = (details: ActionDetails): FieldFinding[] =>
  findings([
    ['changeReason', details.change?.reason],
    ['feedbackNotPossible', details.feedbackNotPossible],
  ]);

function withoutUndefined<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}

export type DetailsProblem = {
  field: string;
  problem:
    | EntryProblem['problem']
    | 'notHttps'
    | 'domainNotAllowed'
    | 'reasonNeeded'
    | 'badTag'
    | 'overParticipants';
};

const splitList = (value: unknown): string[] =>
  typeof value === 'string'
    ? value
        .split(/[,\s]+/)
        .map((item) => item.trim())
        .filter((item) => item !== '')
    : [];

/** Is the link's host one of the allowed domains (or under one)? No list means any https link. */
export function evidenceHostAllowed(url: URL, allowedDomains: readonly string[]): boolean {
  const host = url.hostname.toLowerCase();
  return allowedDomains.length === 0 || allowedDomains.some((d) => host === d || host.endsWith(`.${d}`));
}

/**
 * Reads the "Add details" card's inputs. Counts may be left blank; a reach count above the people who took
 * part, a change that was not possible without its reason, and evidence links that are not https (or not on
 * the organisation's allowed domains, when it lists them) come back as problems.
 */
export function readActionDetails(
  inputs: Record<string, unknown>,
  {
    today,
    participants,
    allowedDomains,
  }: { today: LocalDate; participants: number; allowedDomains: readonly string[] },
): { ok: true; details: ActionDetails } | { ok: false; problems: DetailsProblem[] } {
  const problems: DetailsProblem[] = [];
  const take = <T>(field: string, got: Read<T>): T | undefined => {
    if ('value' in got) return got.value;
    problems.push({ field, problem: got.problem });
    return undefined;
  };
  const optionalCount = (field: string): number | undefined => {
    const raw = inputs[field];
    if (isBlank(raw)) return undefined;
    const read = readWholeNumber(raw);
    const value = take(field, read);
    if (value !== undefined && value > participants) problems.push({ field, problem: 'overParticipants' });
    return value;
  };
  const optionalChoice = <T extends string>(field: string, choices: readonly T[]): T | undefined =>
    isBlank(inputs[field]) ? undefined : take(field, readChoice(inputs[field], choices));

  const tags = [...new Set(splitList(inputs.tags).map((tag) => tag.toLowerCase()))];
  if (tags.some((tag) => !Tag.safeParse(tag).success) || tags.length > 10)
    problems.push({ field: 'tags', problem: 'badTag' });

  const monitoring = optionalChoice('monitoring', Reach.shape.monitoring.options);
  const counts = <K extends string>(prefix: string, keys: readonly K[]) =>
    Object.fromEntries(
      keys.flatMap((key) => {
        const value = optionalCount(`${prefix}.${key}`);
        return value === undefined ? [] : [[key, value]];
      }),
    ) as Partial<Record<K, number>>;
  const reach = {
    monitoring: monitoring ?? 'notCollected',
    core20: optionalCount('core20'),
    core20plus: optionalCount('core20plus'),
    plus: counts('plus', PlusGroup.options),
    characteristics: counts('characteristic', Characteristic.options),
    preferNotToSay: optionalCount('preferNotToSay'),
  };
  const anyCounts =
    [reach.core20, reach.core20plus, reach.preferNotToSay].some((value) => value !== undefined) ||
    Object.keys(reach.plus).length + Object.keys(reach.characteristics).length > 0;
  // Counts without saying how they were known would be read as self-reported: ask.
  if (anyCounts && monitoring === undefined) problems.push({ field: 'monitoring', problem: 'required' });
  const anyReach = monitoring !== undefined || anyCounts;

  const adjustments = splitList(inputs.adjustments);
  if (adjustments.some((item) => !Adjustment.safeParse(item).success))
    problems.push({ field: 'adjustments', problem: 'invalidChoice' });

  const status = optionalChoice('changeStatus', ChangeStatus.options);
  const reason = take('changeReason', readText(inputs.changeReason, TEXT_MAX, false));
  if (status === 'notPossible' && !reason) problems.push({ field: 'changeReason', problem: 'reasonNeeded' });

  const payment = optionalChoice('payment', ['yes', 'no', 'notApplicable'] as const);
  const givenOn = take('feedbackGivenOn', readDate(inputs.feedbackGivenOn, today, false));
  const method = optionalChoice('feedbackMethod', FeedbackMethod.options);

  let evidenceLink: string | undefined;
  const rawLink = typeof inputs.evidenceLink === 'string' ? inputs.evidenceLink.trim() : '';
  if (rawLink !== '') {
    const url = URL.canParse(rawLink) ? new URL(rawLink) : undefined;
    if (!url || url.protocol !== 'https:' || rawLink.length > 500)
      problems.push({ field: 'evidenceLink', problem: 'notHttps' });
    else if (!evidenceHostAllowed(url, allowedDomains))
      problems.push({ field: 'evidenceLink', problem: 'domainNotAllowed' });
    else evidenceLink = url.href;
  }

  if (problems.length > 0) return { ok: false, problems };
  const details = ActionDetails.parse(
    withoutUndefined({
      tags,
      reach: anyReach ? withoutUndefined(reach) : undefined,
      adjustments: Adjustment.options.filter((item) => adjustments.includes(item)),
      payment,
      change: status ? withoutUndefined({ status, reason }) : undefined,
      feedback: givenOn ? withoutUndefined({ givenOn, method }) : undefined,
      evidenceLink,
    }),
  );
  return { ok: true, details };
}
