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
export type FieldFinding = { field: FreeTextField; blocked: GuardRule[]; warnings: GuardRule[] };

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

/** Runs every free-text field through the guard; only fields where something was found are listed. */
export function guardEntry(entry: Pick<ActionEntry, FreeTextField>): FieldFinding[] {
  return freeTextFields.flatMap((field) => {
    const text = entry[field];
    if (!text) return [];
    const { blocked, warnings } = checkText(text);
    return blocked.length + warnings.length > 0 ? [{ field, blocked, warnings }] : [];
  });
}

function withoutUndefined<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}
