// From the settings service to the settings card's words: where each setting comes from, each value as a
// sentence for receipts and the reset card, and the card itself with the buttons it needs.
import type { AdaptiveCard } from '../cards/card.js';
import { settingsCard, type SettingsView } from '../cards/settings-card.js';
import type { QuietHours } from '../domain/quiet-hours.js';
import {
  dayTimeOf,
  normalQuietHours,
  settingNames,
  steps,
  stepSetting,
  type SettingName,
  type SettingValues,
  type Step,
} from '../domain/settings.js';
import { inputsOf, type SettingsInputs, type SettingsProblem } from '../domain/settings-form.js';
import type { BotDeps } from './deps.js';
import { verbs } from './verbs.js';

type Deps = Pick<BotDeps, 'text' | 'settings' | 'adminSettings' | 'roles' | 'newId'>;

/** "Set here on 3 November 2026 by Priya Shah." or "From the environment…", for every setting. */
async function sourceSentences(deps: Deps): Promise<Record<SettingName, string>> {
  const t = deps.text.settings;
  const { sources } = deps.adminSettings.describe();
  const names = new Map<string, string>();
  for (const source of Object.values(sources))
    if (source.kind === 'here' && !names.has(source.by))
      names.set(source.by, (await deps.roles.of(source.by)).person?.name || t.sources.someone);
  const sentences = settingNames.map((name) => {
    const source = sources[name];
    const sentence =
      source.kind === 'here'
        ? t.sources.here(deps.text.formatDate(source.at, deps.settings.timeZone), names.get(source.by)!)
        : t.sources.environment;
    return [name, sentence] as const;
  });
  return Object.fromEntries(sentences) as Record<SettingName, string>;
}

/** "Monday to Friday", "Monday, Wednesday and Friday", "every day". */
function daysInWords(deps: Deps, days: readonly number[]): string {
  const t = deps.text.settings;
  const week = [1, 2, 3, 4, 5, 6, 0].filter((day) => days.includes(day));
  if (week.length === 7) return t.values.everyDay;
  const order = (day: number) => (day + 6) % 7;
  const consecutive = week.every((day, i) => i === 0 || order(day) === order(week[i - 1]!) + 1);
  if (consecutive && week.length >= 3) return t.values.dayRange(t.days[week[0]!]!, t.days[week.at(-1)!]!);
  return deps.text.checkins.list(week.map((day) => t.days[day]!));
}

/** One setting's value in words: "5", "Monday at 09:00", "Monday to Friday, 08:00 to 18:00", "30 a second". */
export function valueInWords(deps: Deps, name: SettingName, values: SettingValues): string {
  const t = deps.text.settings.values;
  if (name === 'anonymityMin') return t.threshold(values.anonymityMin);
  if (name === 'sendRate') return t.rate(values.sendRate);
  if (name === 'quietHours') {
    const quiet: QuietHours = normalQuietHours(values.quietHours);
    return quiet === 'off' ? t.quietOff : t.quiet(daysInWords(deps, quiet.days), quiet.from, quiet.to);
  }
  const cron = values[name];
  const step = dayTimeOf(cron);
  return step ? t.step(deps.text.settings.days[step.day]!, step.time) : t.custom(cron);
}

export type SettingsCardOptions = {
  notice?: string[];
  problems?: SettingsProblem[];
  /** What the person sent, kept when there is a problem. */
  sent?: SettingsInputs;
};

/** The settings card as things stand, with fresh buttons (each card instance is its own idempotency key). */
export async function settingsCardFor(deps: Deps, options: SettingsCardOptions = {}): Promise<AdaptiveCard> {
  const t = deps.text.settings;
  const { values, stored, version } = deps.adminSettings.describe();
  const cardId = deps.newId();
  const custom: Partial<Record<Step, string>> = {};
  for (const step of steps) {
    const cron = values[stepSetting[step]];
    if (!dayTimeOf(cron)) custom[step] = cron;
  }
  const view: SettingsView = {
    ...(options.notice ? { notice: options.notice } : {}),
    ...(options.problems ? { problems: options.problems } : {}),
    values: { ...inputsOf(values), ...options.sent },
    sources: await sourceSentences(deps),
    custom,
    zone: deps.text.broadcasts.zone(deps.settings.timeZone),
    thresholdMax: values.anonymityMin,
    save: { title: t.save, verb: verbs.settingsSave, data: { cardId, version }, style: 'positive' },
    ...(stored.length > 0
      ? { reset: { title: t.reset, verb: verbs.settingsReset, data: { cardId: deps.newId(), version } } }
      : {}),
  };
  return settingsCard(deps.text, view);
}
