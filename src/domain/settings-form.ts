// The settings card's inputs read into a change, with a plain problem per input, and the check that the
// weekly schedule is in order (open, then the reminder, then the close; summaries after the close). Pure.
import type { QuietHours } from './quiet-hours.js';
import {
  changedNames,
  cronOf,
  dayTimeOf,
  normalQuietHours,
  SEND_RATE_RANGE,
  stepSetting,
  steps,
  THRESHOLD_RANGE,
  TIME,
  type DayTime,
  type ScheduleCrons,
  type SettingName,
  type SettingsChange,
  type SettingValues,
  type Step,
} from './settings.js';

export const settingsInputIds = [
  'anonymityMin',
  ...steps.flatMap((step) => [`${step}Day`, `${step}Time`] as const),
  'quietMode',
  'quietDays',
  'quietFrom',
  'quietTo',
  'sendRate',
] as const;
export type SettingsInputId = (typeof settingsInputIds)[number];
/** The card's inputs as Teams sends them: strings, a multi-select comma-separated. */
export type SettingsInputs = Partial<Record<SettingsInputId, string>>;

/** What the card's inputs show for these settings: a step set by a pattern the card cannot show is left empty. */
export function inputsOf(values: SettingValues): SettingsInputs {
  const inputs: SettingsInputs = {
    anonymityMin: String(values.anonymityMin),
    sendRate: String(values.sendRate),
  };
  for (const step of steps) {
    const dayTime = dayTimeOf(values[stepSetting[step]]);
    inputs[`${step}Day`] = dayTime ? String(dayTime.day) : '';
    inputs[`${step}Time`] = dayTime?.time ?? '';
  }
  const quiet = normalQuietHours(values.quietHours);
  if (quiet === 'off') return { ...inputs, quietMode: 'off', quietDays: '', quietFrom: '', quietTo: '' };
  return {
    ...inputs,
    quietMode: 'hours',
    quietDays: quiet.days.join(','),
    quietFrom: quiet.from,
    quietTo: quiet.to,
  };
}

/** Where a problem shows on the card: one place per setting, the schedule one per step. */
export type SettingsField = 'anonymityMin' | Step | 'quietHours' | 'sendRate';
export type SettingsProblem = { field: SettingsField; problem: string };

export type FormOutcome =
  | { kind: 'change'; change: SettingsChange; changed: SettingName[] }
  | { kind: 'problems'; problems: SettingsProblem[] };

/** Reads the card's inputs against what applies now: the change they ask for, or every problem at once. */
export function readSettingsForm(inputs: SettingsInputs, current: SettingValues): FormOutcome {
  const problems: SettingsProblem[] = [];
  const change: SettingsChange = {};
  const read = <T>(field: SettingsField, result: T | { problem: string } | undefined): T | undefined => {
    if (result !== undefined && typeof result === 'object' && result !== null && 'problem' in result) {
      problems.push({ field, problem: result.problem });
      return undefined;
    }
    return result as T | undefined;
  };
  const threshold = read(
    'anonymityMin',
    wholeNumber(inputs.anonymityMin, THRESHOLD_RANGE, current.anonymityMin),
  );
  if (threshold !== undefined) change.anonymityMin = threshold;
  for (const step of steps) {
    const cron = read<string>(
      step,
      stepCron(inputs[`${step}Day`], inputs[`${step}Time`], current[stepSetting[step]]),
    );
    if (cron !== undefined) change[stepSetting[step]] = cron;
  }
  const quietHours = read<QuietHours>('quietHours', quietHoursOf(inputs));
  if (quietHours !== undefined) change.quietHours = quietHours;
  const rate = read('sendRate', wholeNumber(inputs.sendRate, SEND_RATE_RANGE, current.sendRate));
  if (rate !== undefined) change.sendRate = rate;
  const changed = changedNames(current, change);
  // The week's order is worth checking only once every step could be read.
  if (!problems.some((problem) => (steps as readonly string[]).includes(problem.field)))
    problems.push(...scheduleProblems({ ...current, ...change }, new Set(changed)));
  if (problems.length > 0) return { kind: 'problems', problems };
  return { kind: 'change', change: pick(change, changed), changed };
}

function pick(change: SettingsChange, names: readonly SettingName[]): SettingsChange {
  return Object.fromEntries(names.map((name) => [name, change[name]])) as SettingsChange;
}

type Problem = { problem: string };

/**
 * A whole number in range. A value that applies now is accepted as it is, even outside the card's range (the
 * environment allows a threshold up to 1000), so saving other settings never fails on one nobody touched.
 */
function wholeNumber(
  value: string | undefined,
  range: { min: number; max: number },
  now: number,
): number | Problem {
  const typed = (value ?? '').trim();
  if (typed === '') return { problem: 'missing' };
  if (!/^\d+$/.test(typed)) return { problem: 'notWhole' };
  const number = Number(typed);
  if (number === now) return number;
  return number < range.min || number > range.max ? { problem: 'range' } : number;
}

/** A step's day and time as a cron. Both empty keeps a pattern the card cannot show. */
function stepCron(
  day: string | undefined,
  time: string | undefined,
  now: string,
): string | Problem | undefined {
  const [dayTyped, timeTyped] = [(day ?? '').trim(), (time ?? '').trim()];
  if (dayTyped === '' && timeTyped === '') return dayTimeOf(now) ? { problem: 'missing' } : undefined;
  if (dayTyped === '') return { problem: 'noDay' };
  if (timeTyped === '') return { problem: 'noTime' };
  if (!/^[0-6]$/.test(dayTyped)) return { problem: 'badDay' };
  const clock = timeOf(timeTyped);
  if (!clock) return { problem: 'badTime' };
  return cronOf({ day: Number(dayTyped), time: clock });
}

/** 'HH:MM', also from the 'HH:MM:SS' some clients send. */
function timeOf(value: string): string | undefined {
  const match = /^(\d{2}:\d{2})(:00)?$/.exec(value);
  return match && TIME.test(match[1]!) ? match[1] : undefined;
}

function quietHoursOf(inputs: SettingsInputs): QuietHours | Problem {
  const mode = (inputs.quietMode ?? '').trim();
  if (mode === 'off') return 'off';
  if (mode !== 'hours') return { problem: 'noMode' };
  const parts = (inputs.quietDays ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length === 0) return { problem: 'noDays' };
  if (parts.some((part) => !/^[0-6]$/.test(part))) return { problem: 'badDays' };
  const from = timeOf((inputs.quietFrom ?? '').trim());
  const to = timeOf((inputs.quietTo ?? '').trim());
  if (!from || !to) return { problem: 'badTimes' };
  return normalQuietHours({ days: parts.map(Number), from, to });
}

// ---- Does the week make sense? -----------------------------------------------------------------------------

const WEEK_MINUTES = 7 * 24 * 60;

/** Minutes from Monday 00:00, so a week reads Monday to Sunday as the cycles do. */
function weekMinute({ day, time }: DayTime): number {
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  return ((day + 6) % 7) * 24 * 60 + hour * 60 + minute;
}

/**
 * The order of the week: after the check-in opens, the reminder, then the close; summaries after the close and
 * before the next opening. Steps set by a pattern the card cannot show are not placed, so not checked. A
 * problem shows at the step that was just changed when only one of the two was.
 */
export function scheduleProblems(
  values: ScheduleCrons,
  changed: ReadonlySet<SettingName> = new Set(),
): SettingsProblem[] {
  const opens = dayTimeOf(values.checkinOpens);
  if (!opens) return [];
  const after = (cron: string) => {
    const step = dayTimeOf(cron);
    return step && (weekMinute(step) - weekMinute(opens) + WEEK_MINUTES) % WEEK_MINUTES;
  };
  const [nudge, closes, summary] = [
    after(values.checkinNudge),
    after(values.checkinCloses),
    after(values.summaryPosts),
  ];
  const blame = (mine: Step, theirs: Step): Step =>
    changed.has(stepSetting[theirs]) && !changed.has(stepSetting[mine]) ? theirs : mine;
  const problems: SettingsProblem[] = [];
  if (closes === 0) problems.push({ field: blame('closes', 'opens'), problem: 'closesAtOpening' });
  if (nudge !== undefined && (nudge === 0 || (closes !== undefined && closes !== 0 && nudge >= closes)))
    problems.push({
      field: blame('nudge', closes !== undefined && nudge !== 0 ? 'closes' : 'opens'),
      problem: 'nudgeOrder',
    });
  if (summary !== undefined && closes !== undefined && closes !== 0 && summary <= closes)
    problems.push({ field: blame('summary', 'closes'), problem: 'summaryOrder' });
  return problems;
}
