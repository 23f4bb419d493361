import { describe, expect, it } from '@jest/globals';
import {
  changedNames,
  cronOf,
  dayTimeOf,
  effectiveSettings,
  sourcesOf,
  StoredSettings,
  type SettingValues,
} from '../../src/domain/settings.js';
import {
  inputsOf,
  readSettingsForm,
  scheduleProblems,
  type SettingsInputs,
} from '../../src/domain/settings-form.js';

/** DESIGN.md's defaults, as the environment gives them. */
const environment: SettingValues = {
  anonymityMin: 5,
  checkinOpens: '0 9 * * 1',
  checkinNudge: '0 12 * * 3',
  checkinCloses: '59 23 * * 0',
  summaryPosts: '0 8 * * 1',
  quietHours: { days: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' },
  sendRate: 30,
};
const AT = '2026-11-03T10:00:00.000Z';
const form = (overrides: SettingsInputs = {}): SettingsInputs => ({ ...inputsOf(environment), ...overrides });

describe('weekly steps as a day and a time', () => {
  it.each([
    ['0 9 * * 1', { day: 1, time: '09:00' }],
    ['59 23 * * 0', { day: 0, time: '23:59' }],
    ['59 23 * * 7', { day: 0, time: '23:59' }],
    ['5 7 * * fri', { day: 5, time: '07:05' }],
    [' 30  14 * * 3 ', { day: 3, time: '14:30' }],
  ])('reads %s', (cron, step) => {
    expect(dayTimeOf(cron)).toEqual(step);
  });

  it.each([
    '0 9 * * 1-5',
    '*/5 * * * *',
    '0 9 1 * *',
    '0 9 * 1 1',
    '60 9 * * 1',
    '0 24 * * 1',
    '0 9 * * 8',
    'x',
  ])('cannot place %s in the week', (cron) => {
    expect(dayTimeOf(cron)).toBeUndefined();
  });

  it('writes the cron the scheduler runs, and reads it back', () => {
    expect(cronOf({ day: 2, time: '07:05' })).toBe('5 7 * * 2');
    expect(dayTimeOf(cronOf({ day: 6, time: '00:00' }))).toEqual({ day: 6, time: '00:00' });
  });
});

describe('effective settings', () => {
  it('takes each stored value over the environment’s, field by field', () => {
    const stored = StoredSettings.parse({
      anonymityMin: 8,
      quietHours: 'off',
      setHere: { anonymityMin: { at: AT, by: 'aad-priya' }, quietHours: { at: AT, by: 'aad-priya' } },
      updatedAt: AT,
      updatedBy: 'aad-priya',
    });
    expect(effectiveSettings(environment, stored)).toEqual({
      ...environment,
      anonymityMin: 8,
      quietHours: 'off',
    });
    expect(effectiveSettings(environment)).toEqual(environment);
  });

  it('says where each setting comes from', () => {
    const stored = StoredSettings.parse({
      sendRate: 12,
      setHere: { sendRate: { at: AT, by: 'aad-sam' } },
      updatedAt: AT,
      updatedBy: 'aad-sam',
    });
    const sources = sourcesOf(stored);
    expect(sources.sendRate).toEqual({ kind: 'here', at: AT, by: 'aad-sam' });
    expect(sources.anonymityMin).toEqual({ kind: 'environment' });
    expect(Object.values(sourcesOf(undefined)).every((source) => source.kind === 'environment')).toBe(true);
  });

  it('compares values by meaning: days in any order, Sunday as 0 or 7', () => {
    const current = { ...environment, checkinCloses: '59 23 * * 7' };
    expect(
      changedNames(current, {
        checkinCloses: '59 23 * * 0',
        quietHours: { days: [5, 4, 3, 2, 1, 1], from: '08:00', to: '18:00' },
        sendRate: 30,
      }),
    ).toEqual([]);
    expect(changedNames(current, { sendRate: 31, anonymityMin: 5 })).toEqual(['sendRate']);
  });
});

describe('reading the settings card', () => {
  it('changes nothing when the card is saved as it was shown', () => {
    expect(readSettingsForm(form(), environment)).toEqual({ kind: 'change', change: {}, changed: [] });
  });

  it('reads every kind of change, keeping only what really changed', () => {
    const outcome = readSettingsForm(
      form({
        anonymityMin: '7',
        nudgeDay: '4',
        nudgeTime: '14:30',
        quietMode: 'hours',
        quietDays: '6,1,2,3,4,5',
        quietFrom: '07:00',
        quietTo: '20:00:00',
        sendRate: '20',
      }),
      environment,
    );
    expect(outcome).toEqual({
      kind: 'change',
      change: {
        anonymityMin: 7,
        checkinNudge: '30 14 * * 4',
        quietHours: { days: [1, 2, 3, 4, 5, 6], from: '07:00', to: '20:00' },
        sendRate: 20,
      },
      changed: ['anonymityMin', 'checkinNudge', 'quietHours', 'sendRate'],
    });
  });

  it('reads quiet hours turned off, whatever the days and times still say', () => {
    expect(readSettingsForm(form({ quietMode: 'off' }), environment)).toMatchObject({
      change: { quietHours: 'off' },
      changed: ['quietHours'],
    });
  });

  it.each([
    ['anonymityMin', { anonymityMin: '2' }, 'range'],
    ['anonymityMin', { anonymityMin: '26' }, 'range'],
    ['anonymityMin', { anonymityMin: '5.5' }, 'notWhole'],
    ['anonymityMin', { anonymityMin: '-4' }, 'notWhole'],
    ['anonymityMin', { anonymityMin: '' }, 'missing'],
    ['sendRate', { sendRate: '0' }, 'range'],
    ['sendRate', { sendRate: '51' }, 'range'],
    ['sendRate', { sendRate: 'fast' }, 'notWhole'],
    ['opens', { opensDay: '', opensTime: '' }, 'missing'],
    ['opens', { opensDay: '' }, 'noDay'],
    ['nudge', { nudgeTime: '' }, 'noTime'],
    ['nudge', { nudgeDay: '9' }, 'badDay'],
    ['closes', { closesTime: '25:00' }, 'badTime'],
    ['closes', { closesTime: '9am' }, 'badTime'],
    ['quietHours', { quietMode: 'sometimes' }, 'noMode'],
    ['quietHours', { quietDays: '' }, 'noDays'],
    ['quietHours', { quietDays: '1,8' }, 'badDays'],
    ['quietHours', { quietFrom: '' }, 'badTimes'],
  ])('answers %s %j with %s', (field, inputs, problem) => {
    expect(readSettingsForm(form(inputs), environment)).toEqual({
      kind: 'problems',
      problems: [{ field, problem }],
    });
  });

  it('lists every problem at once, in the card’s order', () => {
    const outcome = readSettingsForm(form({ anonymityMin: '1', nudgeDay: '', sendRate: '99' }), environment);
    expect(outcome).toEqual({
      kind: 'problems',
      problems: [
        { field: 'anonymityMin', problem: 'range' },
        { field: 'nudge', problem: 'noDay' },
        { field: 'sendRate', problem: 'range' },
      ],
    });
  });

  it('checks the week’s order alongside other problems, once every step could be read', () => {
    expect(readSettingsForm(form({ anonymityMin: '2', summaryDay: '6' }), environment)).toEqual({
      kind: 'problems',
      problems: [
        { field: 'anonymityMin', problem: 'range' },
        { field: 'summary', problem: 'summaryOrder' },
      ],
    });
    expect(readSettingsForm(form({ summaryDay: '6', nudgeTime: '' }), environment)).toEqual({
      kind: 'problems',
      problems: [{ field: 'nudge', problem: 'noTime' }],
    });
  });

  it('accepts a threshold the environment set above 25 while it is not changed', () => {
    const high = { ...environment, anonymityMin: 40 };
    expect(readSettingsForm(form({ anonymityMin: '40', sendRate: '10' }), high)).toMatchObject({
      kind: 'change',
      changed: ['sendRate'],
    });
    expect(readSettingsForm(form({ anonymityMin: '41' }), high)).toMatchObject({ kind: 'problems' });
  });

  it('keeps a step the environment set with a pattern the card cannot show, when left empty', () => {
    const weekdays = { ...environment, checkinNudge: '0 12 * * 2-4' };
    const inputs = inputsOf(weekdays);
    expect([inputs.nudgeDay, inputs.nudgeTime]).toEqual(['', '']);
    expect(readSettingsForm(inputs, weekdays)).toEqual({ kind: 'change', change: {}, changed: [] });
    expect(readSettingsForm({ ...inputs, nudgeDay: '3', nudgeTime: '12:00' }, weekdays)).toMatchObject({
      change: { checkinNudge: '0 12 * * 3' },
    });
  });
});

describe('the order of the week', () => {
  const schedule = (overrides: Partial<SettingValues>) => ({ ...environment, ...overrides });

  it('accepts the default week, and a week that opens on Wednesday and runs over the weekend', () => {
    expect(scheduleProblems(environment)).toEqual([]);
    expect(
      scheduleProblems(
        schedule({
          checkinOpens: '0 9 * * 3',
          checkinNudge: '0 9 * * 5',
          checkinCloses: '0 17 * * 2',
          summaryPosts: '0 8 * * 3',
        }),
      ),
    ).toEqual([]);
  });

  it.each([
    ['a reminder before the opening', { checkinNudge: '0 8 * * 1' }, 'nudge', 'nudgeOrder'],
    ['a reminder at the opening', { checkinNudge: '0 9 * * 1' }, 'nudge', 'nudgeOrder'],
    ['a reminder after the close', { checkinCloses: '0 17 * * 2' }, 'closes', 'nudgeOrder'],
    ['a close at the opening', { checkinCloses: '0 9 * * 1' }, 'closes', 'closesAtOpening'],
    ['summaries before the close', { summaryPosts: '0 8 * * 6' }, 'summary', 'summaryOrder'],
    ['summaries at the opening', { summaryPosts: '0 9 * * 1' }, 'summary', 'summaryOrder'],
    ['summaries at the close', { summaryPosts: '59 23 * * 0' }, 'summary', 'summaryOrder'],
  ])('refuses %s, at the step just changed', (_name, overrides, field, problem) => {
    const changed = new Set(Object.keys(overrides) as (keyof SettingValues)[]);
    expect(scheduleProblems(schedule(overrides), changed)).toContainEqual({ field, problem });
  });

  it('blames the reminder when nothing says which step moved', () => {
    expect(scheduleProblems(schedule({ checkinCloses: '0 17 * * 2' }))).toEqual([
      { field: 'nudge', problem: 'nudgeOrder' },
    ]);
  });

  it('does not place steps set by a pattern it cannot read', () => {
    expect(scheduleProblems(schedule({ checkinNudge: '0 12 * * 1-5' }))).toEqual([]);
    expect(scheduleProblems(schedule({ checkinOpens: '0 9 * * 1-5', checkinNudge: '0 8 * * 1' }))).toEqual(
      [],
    );
  });

  it('reads the card and refuses a week out of order', () => {
    expect(readSettingsForm(form({ summaryDay: '6' }), environment)).toEqual({
      kind: 'problems',
      problems: [{ field: 'summary', problem: 'summaryOrder' }],
    });
  });
});

describe('stored settings', () => {
  it.each([
    [{ anonymityMin: 2 }],
    [{ anonymityMin: 26 }],
    [{ sendRate: 0 }],
    [{ sendRate: 51 }],
    [{ checkinOpens: '0 09 * * 1' }],
    [{ checkinOpens: '0 9 * * 1-5' }],
    [{ quietHours: { days: [7], from: '08:00', to: '18:00' } }],
    [{ quietHours: { days: [1], from: '8:00', to: '18:00' } }],
  ])('refuses %j', (overrides) => {
    const record = { setHere: {}, updatedAt: AT, updatedBy: 'aad-priya', ...overrides };
    expect(StoredSettings.safeParse(record).success).toBe(false);
  });

  it('accepts the shapes the card writes', () => {
    const record = {
      anonymityMin: 3,
      checkinOpens: '0 9 * * 1',
      quietHours: { days: [0, 6], from: '22:00', to: '06:00' },
      sendRate: 50,
      setHere: {},
      updatedAt: AT,
      updatedBy: 'aad-priya',
    };
    expect(StoredSettings.parse(record)).toEqual(record);
  });
});
