// The settings admins change on the settings card: the threshold (ANONYMITY_MIN), the weekly schedule, quiet
// hours and the send rate. Stored values win over the environment field by field, so a field nobody set here
// keeps following the environment. Pure; settings-form.ts reads the card's inputs.
import { z } from 'zod';
import type { QuietHours } from './quiet-hours.js';

export const settingNames = [
  'anonymityMin',
  'checkinOpens',
  'checkinNudge',
  'checkinCloses',
  'summaryPosts',
  'quietHours',
  'sendRate',
] as const;
export type SettingName = (typeof settingNames)[number];

export type SettingValues = {
  anonymityMin: number;
  /** The weekly steps as five-field cron expressions in the organisation's zone ('0 9 * * 1'). */
  checkinOpens: string;
  checkinNudge: string;
  checkinCloses: string;
  summaryPosts: string;
  quietHours: QuietHours;
  sendRate: number;
};
export type ScheduleCrons = Pick<
  SettingValues,
  'checkinOpens' | 'checkinNudge' | 'checkinCloses' | 'summaryPosts'
>;
export type SettingsChange = Partial<SettingValues>;

/** As Viva Pulse does it: an admin may ask for 3 to 25 answers before a result shows. */
export const THRESHOLD_RANGE = { min: 3, max: 25 } as const;
/** Teams allows an app 50 requests a second across the tenant; below 1 nothing would ever be sent. */
export const SEND_RATE_RANGE = { min: 1, max: 50 } as const;

/** A step of the week: a day (0 Sunday to 6 Saturday, as cron counts them) and a local 'HH:MM'. */
export type DayTime = { day: number; time: string };

/** A local time of day as the card and QUIET_HOURS write it: 'HH:MM'. */
export const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** The day and time of a cron that runs once a week at one minute; undefined for any other pattern. */
export function dayTimeOf(cron: string): DayTime | undefined {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) return undefined;
  const [minute = '', hour = '', dayOfMonth, month, dayOfWeek = ''] = fields;
  if (dayOfMonth !== '*' || month !== '*' || !/^\d{1,2}$/.test(minute) || !/^\d{1,2}$/.test(hour))
    return undefined;
  const day = /^[0-7]$/.test(dayOfWeek) ? Number(dayOfWeek) % 7 : DAY_NAMES.indexOf(dayOfWeek.toLowerCase());
  if (day < 0 || Number(minute) > 59 || Number(hour) > 23) return undefined;
  return { day, time: `${hour.padStart(2, '0')}:${minute.padStart(2, '0')}` };
}

/** The cron the scheduler runs for a weekly step. */
export function cronOf({ day, time }: DayTime): string {
  const [hour = '0', minute = '0'] = time.split(':');
  return `${Number(minute)} ${Number(hour)} * * ${day}`;
}

/** Only the canonical weekly shape is stored: the card writes nothing else. */
const WeeklyCron = z.string().refine((cron) => {
  const step = dayTimeOf(cron);
  return step !== undefined && cronOf(step) === cron;
}, 'must be a weekly time such as "0 9 * * 1"');

const Time = z.string().regex(TIME, 'must be a time such as 08:00');
export const QuietHoursSetting = z.union([
  z.literal('off'),
  z.object({
    days: z.array(z.number().int().min(0).max(6)).min(1).max(7),
    from: Time,
    to: Time,
  }),
]);

const SetHere = z.object({ at: z.iso.datetime(), by: z.string().min(1) });

export const StoredSettings = z.object({
  anonymityMin: z.number().int().min(THRESHOLD_RANGE.min).max(THRESHOLD_RANGE.max).optional(),
  checkinOpens: WeeklyCron.optional(),
  checkinNudge: WeeklyCron.optional(),
  checkinCloses: WeeklyCron.optional(),
  summaryPosts: WeeklyCron.optional(),
  quietHours: QuietHoursSetting.optional(),
  sendRate: z.number().int().min(SEND_RATE_RANGE.min).max(SEND_RATE_RANGE.max).optional(),
  /** When and by whom (an Entra object id) each stored value was set: the card says so beside it. */
  setHere: z.partialRecord(z.enum(settingNames), SetHere).default({}),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string().min(1),
});
export type StoredSettings = z.infer<typeof StoredSettings>;

export type SettingSource = { kind: 'environment' } | { kind: 'here'; at: string; by: string };

/** The names of the settings a stored record holds. */
export const storedNames = (stored: StoredSettings | undefined): SettingName[] =>
  settingNames.filter((name) => stored?.[name] !== undefined);

/** What applies: each stored value, or the environment's where nothing is stored. */
export function effectiveSettings(defaults: SettingValues, stored?: StoredSettings): SettingValues {
  const values = { ...defaults };
  for (const name of storedNames(stored)) Object.assign(values, { [name]: stored![name] });
  return values;
}

export function sourcesOf(stored: StoredSettings | undefined): Record<SettingName, SettingSource> {
  const environment: SettingSource = { kind: 'environment' };
  const entries = settingNames.map((name) => {
    const set = stored?.[name] !== undefined ? stored.setHere[name] : undefined;
    const source: SettingSource = set
      ? { kind: 'here', ...set }
      : stored?.[name] !== undefined
        ? { kind: 'here', at: stored.updatedAt, by: stored.updatedBy }
        : environment;
    return [name, source] as const;
  });
  return Object.fromEntries(entries) as Record<SettingName, SettingSource>;
}

/** Quiet hours in one form, so the same hours always compare equal: days sorted, each once. */
export function normalQuietHours(quietHours: QuietHours): QuietHours {
  if (quietHours === 'off') return 'off';
  return {
    days: [...new Set(quietHours.days)].sort((a, b) => a - b),
    from: quietHours.from,
    to: quietHours.to,
  };
}

function sameValue(name: SettingName, a: SettingValues[SettingName], b: SettingValues[SettingName]): boolean {
  if (name === 'quietHours')
    return (
      JSON.stringify(normalQuietHours(a as QuietHours)) === JSON.stringify(normalQuietHours(b as QuietHours))
    );
  if (typeof a === 'string' && typeof b === 'string') {
    const [stepA, stepB] = [dayTimeOf(a), dayTimeOf(b)];
    if (stepA && stepB) return stepA.day === stepB.day && stepA.time === stepB.time;
  }
  return a === b;
}

/** The settings a change would really change, in the card's order. */
export function changedNames(current: SettingValues, change: SettingsChange): SettingName[] {
  return settingNames.filter(
    (name) => change[name] !== undefined && !sameValue(name, current[name], change[name]),
  );
}

export const steps = ['opens', 'nudge', 'closes', 'summary'] as const;
export type Step = (typeof steps)[number];
export const stepSetting: Record<Step, keyof ScheduleCrons> = {
  opens: 'checkinOpens',
  nudge: 'checkinNudge',
  closes: 'checkinCloses',
  summary: 'summaryPosts',
};

export const isScheduleSetting = (name: SettingName): boolean =>
  (Object.values(stepSetting) as SettingName[]).includes(name);

/** A number, or a getter for one: options that follow the settings card take either. */
export type Live<T> = T | (() => T);
export const valueOf = <T>(live: Live<T>): T => (typeof live === 'function' ? (live as () => T)() : live);
