// The settings card (admins): each setting with where it comes from (set here, when and by whom, or the
// environment), inputs to change it, a message by each input to fix, and a receipt of what a save changed.
// The reset card asks before stored settings are cleared.
import type { SettingsInputs, SettingsProblem } from '../domain/settings-form.js';
import type { SettingName, Step } from '../domain/settings.js';
import { steps, stepSetting, THRESHOLD_RANGE } from '../domain/settings.js';
import type { Text } from '../text/index.js';
import type { StyledAction } from './action-cards.js';
import { expandCard, type AdaptiveCard } from './card.js';

export type SettingsView = {
  /** A receipt for what the person just did: its first line, then one line per change. */
  notice?: string[];
  problems?: SettingsProblem[];
  /** What each input shows: what applies now, or what the person sent when there is a problem. */
  values: SettingsInputs;
  /** Where each setting comes from, in words. */
  sources: Record<SettingName, string>;
  /** A step the environment sets with a pattern the card cannot show as a day and a time. */
  custom: Partial<Record<Step, string>>;
  /** The zone's everyday name, as "UK". */
  zone: string;
  /** The highest threshold the input allows: 25, or more when the environment asks for more. */
  thresholdMax: number;
  save: StyledAction;
  /** Shown when something is set here. */
  reset?: StyledAction;
};

export type SettingsResetView = {
  /** One line per stored setting: what it is now, and what the environment says. */
  lines: string[];
  confirm: StyledAction;
  cancel: StyledAction;
};

/** "Enter a number from 3 to 25…", for one problem at one place on the card. */
export function settingsProblemMessage(text: Text, problem: SettingsProblem): string {
  const group = steps.includes(problem.field as Step) ? 'step' : problem.field;
  const messages = text.settings.problems[group] ?? { default: text.errors.badInput };
  return messages[problem.problem] ?? messages.default;
}

const number = (value: string | undefined) => (/^\d{1,4}$/.test(value ?? '') ? Number(value) : undefined);

export function settingsCard(text: Text, view: SettingsView): AdaptiveCard {
  const t = text.settings;
  const { values } = view;
  const fields = ['anonymityMin', ...steps, 'quietHours', 'sendRate'] as const;
  const messages = new Map<string, string[]>();
  for (const problem of view.problems ?? [])
    messages.set(problem.field, [
      ...(messages.get(problem.field) ?? []),
      settingsProblemMessage(text, problem),
    ]);
  const message = (field: string) => (messages.get(field) ?? []).join(' ');
  const threshold = number(values.anonymityMin);
  const rate = number(values.sendRate);
  const days = [1, 2, 3, 4, 5, 6, 0].map((day) => ({ title: t.days[day]!, value: String(day) }));
  return expandCard('settings', {
    notice: view.notice ?? [],
    problemHeading: t.problemHeading,
    summary: fields.flatMap((field) => messages.get(field) ?? []),
    title: t.title,
    intro: t.intro,
    days,
    threshold: {
      heading: t.names['anonymityMin'],
      source: view.sources.anonymityMin,
      hint: t.threshold.hint,
      message: message('anonymityMin'),
      label: t.threshold.label,
      max: Math.max(THRESHOLD_RANGE.max, view.thresholdMax),
      hasValue: threshold !== undefined,
      value: threshold ?? 0,
      error: t.threshold.inputError,
    },
    schedule: {
      heading: t.schedule.heading,
      intro: t.schedule.intro(view.zone),
      steps: steps.map((step) => {
        const name = t.names[stepSetting[step]]!;
        const custom = view.custom[step];
        return {
          name,
          source: view.sources[stepSetting[step]],
          custom: custom ? t.schedule.custom(custom) : '',
          message: message(step),
          dayId: `${step}Day`,
          dayLabel: t.schedule.dayLabel(name),
          day: values[`${step}Day`] ?? '',
          timeId: `${step}Time`,
          timeLabel: t.schedule.timeLabel(name),
          time: values[`${step}Time`] ?? '',
        };
      }),
    },
    quiet: {
      heading: t.names['quietHours'],
      source: view.sources.quietHours,
      hint: t.quietHours.hint,
      message: message('quietHours'),
      modeLabel: t.quietHours.modeLabel,
      modeError: t.problems['quietHours']!.default,
      mode: values.quietMode === 'off' || values.quietMode === 'hours' ? values.quietMode : '',
      modes: [
        { title: t.quietHours.modes.hours, value: 'hours' },
        { title: t.quietHours.modes.off, value: 'off' },
      ],
      daysLabel: t.quietHours.daysLabel,
      days: values.quietDays ?? '',
      fromLabel: t.quietHours.fromLabel,
      from: values.quietFrom ?? '',
      toLabel: t.quietHours.toLabel,
      to: values.quietTo ?? '',
    },
    rate: {
      heading: t.names['sendRate'],
      source: view.sources.sendRate,
      hint: t.sendRate.hint,
      message: message('sendRate'),
      label: t.sendRate.label,
      hasValue: rate !== undefined,
      value: rate ?? 0,
      error: t.sendRate.inputError,
    },
    actions: [view.save, ...(view.reset ? [view.reset] : [])].map((action) => ({
      ...action,
      style: action.style ?? 'default',
    })),
  });
}

/** Before clearing what admins set: what goes back to the environment's values. */
export function settingsResetCard(text: Text, view: SettingsResetView): AdaptiveCard {
  const t = text.settings;
  return expandCard('settings-reset', {
    title: t.resetTitle,
    intro: t.resetIntro,
    lines: view.lines,
    actions: [view.confirm, view.cancel].map((action) => ({ ...action, style: action.style ?? 'default' })),
  });
}
