// The settings card through the teams-ai Application and botbuilder's TestAdapter.
import { describe, expect, it } from '@jest/globals';
import type { Activity } from 'botbuilder';
import { verbs } from '../../src/bot/verbs.js';
import { text } from '../../src/text/index.js';
import { harness } from '../support/bot-harness.js';
import { samplePerson } from '../support/bot-deps.js';
import { cardOf, cardText, input, inputs, type Card } from '../support/cards.js';
import { botAdded, cardAction, message } from '../support/teams-activities.js';

const t = text.settings;
const ADMIN = { id: '29:admin', name: 'Ada Admin', aadObjectId: 'aad-admin' };

async function admin() {
  let now = new Date('2026-11-23T10:00:00Z');
  const built = harness({ bootstrapAdmins: ['aad-admin'], clock: () => now });
  await built.store.savePerson(
    samplePerson({ aadObjectId: 'aad-admin', teamsUserId: '29:admin', name: 'Ada Admin' }),
  );
  await built.store.savePerson(samplePerson());
  const asAdmin = <T extends Partial<Activity>>(activity: T) => ({ ...activity, from: ADMIN });
  const open = async () => cardOf((await built.send(asAdmin(message('personal', 'settings'))))[0])!;
  const act = async (verb: string, data: object) =>
    cardOf((await built.send(asAdmin(cardAction(verb, data))))[0])!;
  return { ...built, asAdmin, open, act, at: (iso: string) => (now = new Date(iso)) };
}

/** What the card's inputs would send as they stand, with some changed, and the card's own button data. */
function submission(card: Card, changes: Record<string, unknown> = {}): Record<string, unknown> {
  const values = Object.fromEntries(inputs(card).map((node) => [node['id'], String(node['value'] ?? '')]));
  const save = card.actions?.find((action) => action.verb === verbs.settingsSave);
  return { ...values, ...save?.data, ...changes };
}

const resetButton = (card: Card) => card.actions?.find((action) => action.verb === verbs.settingsReset);

describe('bot: settings', () => {
  it('refuses the command and any crafted save to someone who is not an admin, audited, nothing saved', async () => {
    const { send, store, deps } = harness();
    await store.savePerson(samplePerson());
    const [reply] = await send(message('personal', 'settings'));
    expect(reply?.text).toBe('Only admins can change settings. Nothing has been changed.');
    const [response] = await send(cardAction(verbs.settingsSave, { cardId: 'forged', anonymityMin: '3' }));
    expect(cardText(cardOf(response))).toContain('Only admins can change settings.');
    const [reset] = await send(cardAction(verbs.settingsResetConfirm, { cardId: 'forged-2' }));
    expect(cardText(cardOf(reset))).toContain('Only admins can change settings.');
    expect(await store.settings()).toBeUndefined();
    expect(deps.adminSettings.current().anonymityMin).toBe(5);
    const audit = await store.auditEntries({ limit: 5 });
    expect(audit.map((entry) => [entry.actor, entry.action, entry.outcome])).toEqual([
      ['aad-priya', 'manageSettings', 'refused'],
      ['aad-priya', 'manageSettings', 'refused'],
      ['aad-priya', 'manageSettings', 'refused'],
    ]);
  });

  it('shows each setting with where it comes from, every input labelled', async () => {
    const { open } = await admin();
    const card = await open();
    expect(cardText(card)).toContain(t.title);
    expect(cardText(card).split(t.sources.environment).length - 1).toBe(7);
    expect(input(card, 'anonymityMin')).toMatchObject({ type: 'Input.Number', value: 5, min: 3, max: 25 });
    expect(input(card, 'sendRate')).toMatchObject({ type: 'Input.Number', value: 30, max: 50 });
    expect(input(card, 'opensDay')).toMatchObject({ value: '1' });
    expect(input(card, 'opensTime')).toMatchObject({ value: '09:00' });
    expect(input(card, 'closesDay')).toMatchObject({ value: '0' });
    expect(input(card, 'quietMode')).toMatchObject({ value: 'hours' });
    expect(input(card, 'quietDays')).toMatchObject({ value: '1,2,3,4,5' });
    for (const node of inputs(card)) expect(node['label']).toEqual(expect.any(String));
    expect(new Set(inputs(card).map((node) => node['label'])).size).toBe(inputs(card).length);
    expect(resetButton(card)).toBeUndefined();
  });

  it('saves a change once, with a receipt of what changed, applied at once and audited by name', async () => {
    const { open, act, store, deps, send } = await admin();
    const card = await open();
    const data = submission(card, { anonymityMin: '7', sendRate: '20', nudgeDay: '4', nudgeTime: '14:30' });
    const saved = await act(verbs.settingsSave, data);
    const words = cardText(saved);
    expect(words).toContain(t.saved);
    expect(words).toContain('Fewest answers before results show: now 7.');
    expect(words).toContain('Sending speed: now 20 a second.');
    expect(words).toContain('Reminder to people who have not answered: now Thursday at 14:30.');
    expect(words).toContain(t.scheduleNote);
    expect(words).toContain('Set here on 23 November 2026 by Ada Admin.');
    expect(input(saved, 'anonymityMin')).toMatchObject({ value: 7 });
    expect(deps.adminSettings.current()).toMatchObject({
      anonymityMin: 7,
      sendRate: 20,
      checkinNudge: '30 14 * * 4',
    });
    expect(await store.settings()).toMatchObject({
      anonymityMin: 7,
      sendRate: 20,
      checkinNudge: '30 14 * * 4',
    });
    expect(resetButton(saved)).toBeDefined();

    const again = await act(verbs.settingsSave, { ...data, anonymityMin: '9' });
    expect(cardText(again)).toContain(text.notices.alreadyDone);
    expect(deps.adminSettings.current().anonymityMin).toBe(7);
    const audit = await store.auditEntries({ limit: 5 });
    expect(audit.map((entry) => [entry.action, entry.targets])).toEqual([
      ['settings.change', ['anonymityMin', 'checkinNudge', 'sendRate']],
    ]);

    // The welcome card promises the threshold that applies now.
    const [welcome] = await send(botAdded('personal'));
    expect(cardText(cardOf(welcome))).toContain('at least 7 people have answered');
  });

  it('says so when a save changes nothing', async () => {
    const { open, act, store } = await admin();
    const card = await act(verbs.settingsSave, submission(await open()));
    expect(cardText(card)).toContain(t.unchanged);
    expect(await store.settings()).toBeUndefined();
  });

  it('answers bad values by their inputs, keeping what was typed, and saves nothing', async () => {
    const { open, act, store } = await admin();
    const card = await act(
      verbs.settingsSave,
      submission(await open(), { anonymityMin: '2', nudgeDay: '', sendRate: '99', quietDays: '' }),
    );
    const words = cardText(card);
    expect(words).toContain(t.problemHeading);
    expect(words).toContain(t.problems['anonymityMin']!['range']);
    expect(words).toContain(t.problems['step']!['noDay']);
    expect(words).toContain(t.problems['quietHours']!['noDays']);
    expect(words).toContain(t.problems['sendRate']!['range']);
    expect(input(card, 'anonymityMin')).toMatchObject({ value: 2 });
    expect(input(card, 'sendRate')).toMatchObject({ value: 99 });
    expect(input(card, 'nudgeDay')).toMatchObject({ value: '' });
    expect(input(card, 'nudgeTime')).toMatchObject({ value: '12:00' });
    expect(await store.settings()).toBeUndefined();
    expect(await store.auditEntries({ limit: 5 })).toEqual([]);
  });

  it('refuses a week out of order at the step changed', async () => {
    const { open, act, store } = await admin();
    const card = await act(verbs.settingsSave, submission(await open(), { summaryDay: '6' }));
    expect(cardText(card)).toContain(t.problems['step']!['summaryOrder']);
    expect(input(card, 'summaryDay')).toMatchObject({ value: '6' });
    expect(await store.settings()).toBeUndefined();
  });

  it.each([
    ['no card id', { anonymityMin: '7' }],
    ['an object for a number', { cardId: 'c1', anonymityMin: { $gt: 3 } }],
    ['an overlong value', { cardId: 'c1', quietDays: '1,'.repeat(100) }],
    ['a list for a day', { cardId: 'c1', opensDay: ['1', '2'] }],
  ])('answers a crafted payload with %s with the bad-input card, saving nothing', async (_name, data) => {
    const { act, store } = await admin();
    expect(cardText(await act(verbs.settingsSave, data))).toContain(text.errors.badInput);
    expect(await store.settings()).toBeUndefined();
  });

  it('reads numbers sent as numbers like the strings Teams sends', async () => {
    const { open, act, deps } = await admin();
    await act(verbs.settingsSave, submission(await open(), { sendRate: 12, anonymityMin: 5 }));
    expect(deps.adminSettings.current().sendRate).toBe(12);
  });

  it('answers a card shown before someone else saved with the settings as they are now, saving nothing', async () => {
    const { open, act, deps, at } = await admin();
    const stale = await open();
    at('2026-11-23T10:05:00Z');
    await act(verbs.settingsSave, submission(await open(), { anonymityMin: '8' }));
    const answer = await act(verbs.settingsSave, submission(stale, { sendRate: '10' }));
    expect(cardText(answer)).toContain(t.stale);
    expect(input(answer, 'anonymityMin')).toMatchObject({ value: 8 });
    expect(deps.adminSettings.current()).toMatchObject({ anonymityMin: 8, sendRate: 30 });
    const ask = await act(verbs.settingsReset, resetButton(answer)!.data!);
    at('2026-11-23T10:10:00Z');
    await act(verbs.settingsSave, submission(answer, { sendRate: '10' }));
    const confirm = ask.actions!.find((action) => action.verb === verbs.settingsResetConfirm)!;
    expect(cardText(await act(confirm.verb!, confirm.data!))).toContain(t.stale);
    expect(deps.adminSettings.current()).toMatchObject({ anonymityMin: 8, sendRate: 10 });
  });

  it('asks before resetting to the environment, then clears what was set here, audited', async () => {
    const { open, act, store, deps } = await admin();
    const saved = await act(
      verbs.settingsSave,
      submission(await open(), { anonymityMin: '7', quietMode: 'off' }),
    );
    const ask = await act(verbs.settingsReset, resetButton(saved)!.data!);
    expect(cardText(ask)).toContain(t.resetTitle);
    expect(cardText(ask)).toContain('Fewest answers before results show: 7 becomes 5.');
    expect(cardText(ask)).toContain(
      'When messages may be delivered: at any time (quiet hours off) becomes Monday to Friday, 08:00 to 18:00.',
    );
    expect(deps.adminSettings.current().anonymityMin).toBe(7);
    const back = ask.actions!.find((action) => action.verb === verbs.settingsShow)!;
    expect(cardText(await act(back.verb!, back.data!))).toContain(t.title);
    const confirm = ask.actions!.find((action) => action.verb === verbs.settingsResetConfirm)!;
    const done = await act(confirm.verb!, confirm.data!);
    expect(cardText(done)).toContain(t.resetDone);
    expect(cardText(done).split(t.sources.environment).length - 1).toBe(7);
    expect(deps.adminSettings.current()).toMatchObject({
      anonymityMin: 5,
      quietHours: { days: [1, 2, 3, 4, 5] },
    });
    expect(await store.settings()).toMatchObject({ setHere: {}, updatedBy: 'aad-admin' });
    expect(cardText(await act(confirm.verb!, confirm.data!))).toContain(text.notices.alreadyDone);
    const audit = await store.auditEntries({ limit: 5 });
    expect(audit.map((entry) => [entry.action, entry.targets])).toEqual([
      ['settings.reset', ['anonymityMin', 'quietHours']],
      ['settings.change', ['anonymityMin', 'quietHours']],
    ]);
  });

  it('lists settings among the admin commands in help, for admins only', async () => {
    const { send, asAdmin } = await admin();
    const description = text.help.adminCommands.find((command) => command.name === 'settings')!.description;
    expect(cardText(cardOf((await send(asAdmin(message('personal', 'help'))))[0]))).toContain(description);
    expect(cardText(cardOf((await send(message('personal', 'help')))[0]))).not.toContain(description);
  });
});
