// "Add details" through the teams-ai pipeline: from the receipt, the details card (filled in with what is
// saved), saving (clean, stopped by the guard, warned and confirmed, with problems), someone else's crafted
// payloads, a double submit, and payloads of the wrong size or shape.
import { describe, expect, it } from '@jest/globals';
import type { Activity } from 'botbuilder';
import { verbs } from '../../src/bot/verbs.js';
import type { Store } from '../../src/store/store.js';
import { text } from '../../src/text/index.js';
import { samplePerson, saveTrackedWard } from '../support/bot-deps.js';
import { harness } from '../support/bot-harness.js';
import { buttonTitles, cardOf, cardText, inputs, type Card } from '../support/cards.js';
import { cardAction, message, PRIYA, TEAM } from '../support/teams-activities.js';

const t = text.actions;
const d = t.details;
const LEE = { id: '29:lee', name: 'Lee Jones', aadObjectId: 'aad-lee' };

/** The short card, clean: 12 patients and 1 carer took part (13 people). */
const ENTRY = {
  type: 'focus-group',
  title: 'Discharge leaflet focus group',
  date: '2026-11-20',
  principles: 'p2,p5',
  patients: '12',
  carers: '1',
  depth: 'co-design',
  noPatient: 'true',
};

/** Every detail, clean: counts only, nothing that could identify anyone. */
const DETAILS = {
  tags: 'transition, Discharge',
  monitoring: 'selfReported',
  core20: '4',
  core20plus: '6',
  'plus.ethnicMinority': '3',
  'characteristic.disability': '2',
  preferNotToSay: '1',
  adjustments: 'easyRead,stepFree',
  payment: 'yes',
  changeStatus: 'implemented',
  changeReason: '',
  feedbackGivenOn: '2026-11-20',
  feedbackMethod: 'meeting',
  evidenceLink: 'https://nhs.sharepoint.com/sites/ward7/leaflet',
};

const as = <T extends Partial<Activity>>(who: typeof LEE, activity: T): T => ({ ...activity, from: who });

async function ready() {
  const bot = harness();
  await bot.store.savePerson(samplePerson({ primaryUnitId: TEAM.id }));
  await bot.store.savePerson(
    samplePerson({ aadObjectId: LEE.aadObjectId, teamsUserId: LEE.id, name: LEE.name }),
  );
  await saveTrackedWard(bot.store, TEAM, PRIYA.aadObjectId);
  const [reply] = await bot.send(message('personal', 'log action'));
  const form = cardOf(reply);
  const save = form?.actions?.find((action) => action.verb === verbs.actionsSave)?.data;
  const [saved] = await bot.send(cardAction(verbs.actionsSave, { ...save, ...ENTRY }));
  const receipt = cardOf(saved);
  const [action] = await bot.store.monthActions('2026-11');
  if (!action) throw new Error('the action was not logged');
  return { ...bot, receipt, action };
}
type Bot = Awaited<ReturnType<typeof ready>>;

const dataOf = (card: Card | undefined, verb: string) =>
  card?.actions?.find((action) => action.verb === verb)?.data ?? {};

async function press(bot: Bot, card: Card | undefined, verb: string) {
  const [reply] = await bot.send(cardAction(verb, dataOf(card, verb)));
  return cardOf(reply);
}

async function save(bot: Bot, card: Card | undefined, values: Record<string, unknown>) {
  const [reply] = await bot.send(
    cardAction(verbs.actionsDetailsSave, { ...dataOf(card, verbs.actionsDetailsSave), ...values }),
  );
  return cardOf(reply);
}

const valuesOf = (card: Card | undefined) =>
  Object.fromEntries(inputs(card).map((node) => [node['id'] as string, node['value']]));
const current = async (store: Store, id: string) => store.action(id);
const guardLines = (logs: string) =>
  logs
    .split('\n')
    .filter((line) => line.includes('"event":"guard.'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('bot: adding details to an action', () => {
  it('opens the details card from the receipt, then saves and lists the details in words', async () => {
    const bot = await ready();
    expect(buttonTitles(bot.receipt)).toEqual([t.addDetails, t.edit, t.delete]);
    const card = await press(bot, bot.receipt, verbs.actionsDetails);
    expect(cardText(card)).toContain(d.title);
    expect(cardText(card)).toContain(d.tagsHint);
    expect(buttonTitles(card)).toEqual([d.save, d.back]);
    expect(valuesOf(card)['tags']).toBe('');

    const receipt = await save(bot, card, DETAILS);
    const words = cardText(receipt);
    for (const expected of [
      d.saved,
      'transition, discharge',
      'Easy read, Step-free venue',
      'A change has been made',
      'Told on 20 November 2026 (at a meeting)',
      'https://nhs.sharepoint.com/sites/ward7/leaflet',
      `${t.detailFacts.core20}\n4`,
      `${t.detailFacts.core20plus}\n6`,
      'Ethnic minority communities\n3',
      'Disability\n2',
    ])
      expect(words).toContain(expected);
    expect(await current(bot.store, bot.action.id)).toMatchObject({
      version: 2,
      details: {
        tags: ['transition', 'discharge'],
        reach: {
          monitoring: 'selfReported',
          core20: 4,
          core20plus: 6,
          plus: { ethnicMinority: 3 },
          characteristics: { disability: 2 },
          preferNotToSay: 1,
        },
        adjustments: ['easyRead', 'stepFree'],
        payment: 'yes',
        change: { status: 'implemented' },
        feedback: { givenOn: '2026-11-20', method: 'meeting' },
      },
    });
    expect((await bot.store.auditEntries({ limit: 1 }))[0]).toMatchObject({ action: 'action.details' });

    const again = await press(bot, receipt, verbs.actionsDetails);
    expect(valuesOf(again)).toMatchObject({
      tags: 'transition, discharge',
      core20: 4,
      'plus.ethnicMinority': 3,
      adjustments: 'easyRead,stepFree',
      feedbackMethod: 'meeting',
    });
  });

  it('goes back to the receipt without saving', async () => {
    const bot = await ready();
    const card = await press(bot, bot.receipt, verbs.actionsDetails);
    const back = await press(bot, card, verbs.actionsShow);
    expect(cardText(back)).toContain(t.receiptTitle);
    expect((await current(bot.store, bot.action.id))?.version).toBe(1);
  });

  it('refuses a phone number in "Why not", naming the box, keeping the text and logging only the rule', async () => {
    const bot = await ready();
    const card = await press(bot, bot.receipt, verbs.actionsDetails);
    const changeReason = 'Call Sam on 07700 900123 about it';
    const back = await save(bot, card, { ...DETAILS, changeStatus: 'notPossible', changeReason });
    expect(cardText(back)).toContain(t.problemHeading);
    expect(cardText(back)).toContain('The ‘Why not’ box looks like it contains a phone number');
    expect(valuesOf(back)).toMatchObject({ changeReason, changeStatus: 'notPossible', core20: 4 });
    expect(valuesOf(back)).not.toHaveProperty('confirmWarnings');
    expect(await current(bot.store, bot.action.id)).toEqual(bot.action);
    expect(guardLines(bot.logs())).toEqual([
      expect.objectContaining({ event: 'guard.refused', field: 'changeReason', rules: ['phone'] }),
    ]);
    expect(bot.logs()).not.toContain('07700');
    expect(bot.logs()).not.toContain('Call Sam');

    const fixed = await save(bot, back, {
      ...DETAILS,
      changeStatus: 'notPossible',
      changeReason: 'The budget was withdrawn',
    });
    expect(cardText(fixed)).toContain(`${t.whyNot}\nThe budget was withdrawn`);
    expect((await current(bot.store, bot.action.id))?.details?.change).toEqual({
      status: 'notPossible',
      reason: 'The budget was withdrawn',
    });
  });

  it('asks the person to check a possible name, then saves once they confirm', async () => {
    const bot = await ready();
    const card = await press(bot, bot.receipt, verbs.actionsDetails);
    const changeReason = 'Mrs Example said the room was too small';
    const asked = await save(bot, card, { changeStatus: 'notPossible', changeReason });
    expect(cardText(asked)).toContain(t.guardWarning('Why not', text.checkins.guardRules.titleAndName));
    expect(valuesOf(asked)).toMatchObject({ changeReason, confirmWarnings: 'false' });
    expect((await current(bot.store, bot.action.id))?.details).toBeUndefined();
    const saved = await save(bot, asked, {
      changeStatus: 'notPossible',
      changeReason,
      confirmWarnings: 'true',
    });
    expect(cardText(saved)).toContain(d.saved);
    expect((await current(bot.store, bot.action.id))?.details?.change?.reason).toBe(changeReason);
  });

  it('says a count is more than the people who took part, by the box, and stores nothing', async () => {
    const bot = await ready();
    const card = await press(bot, bot.receipt, verbs.actionsDetails);
    const back = await save(bot, card, { ...DETAILS, core20: '14', 'characteristic.age': '20' });
    expect(cardText(back)).toContain('‘Core20’ must not be more than the 13 people who took part');
    expect(cardText(back)).toContain('‘Age’ must not be more than the 13 people who took part');
    expect(valuesOf(back)).toMatchObject({ core20: 14, 'characteristic.age': 20, tags: DETAILS.tags });
    expect(await current(bot.store, bot.action.id)).toEqual(bot.action);
  });

  it('needs a reason when a change was not possible', async () => {
    const bot = await ready();
    const card = await press(bot, bot.receipt, verbs.actionsDetails);
    const back = await save(bot, card, { changeStatus: 'notPossible', changeReason: '  ' });
    expect(cardText(back)).toContain(d.problems['changeReason']!['reasonNeeded']);
    expect(valuesOf(back)['changeStatus']).toBe('notPossible');
    expect(await current(bot.store, bot.action.id)).toEqual(bot.action);
  });

  it('stores once when the same card is saved twice, and answers the second with the receipt', async () => {
    const bot = await ready();
    const card = await press(bot, bot.receipt, verbs.actionsDetails);
    await save(bot, card, DETAILS);
    const again = await save(bot, card, { ...DETAILS, tags: 'other' });
    expect(cardText(again)).toContain(text.notices.alreadyDone);
    expect(cardText(again)).toContain('transition, discharge');
    const stored = await current(bot.store, bot.action.id);
    expect(stored?.version).toBe(2);
    expect(stored?.details?.tags).toEqual(['transition', 'discharge']);
    const audits = (await bot.store.auditEntries({ limit: 10 })).filter((e) => e.action === 'action.details');
    expect(audits).toHaveLength(1);
  });

  it('refuses someone else’s crafted details card and save, and changes nothing', async () => {
    const bot = await ready();
    const crafted = (cardId: string) => ({ cardId, actionId: bot.action.id });
    const [view] = await bot.send(as(LEE, cardAction(verbs.actionsDetails, crafted('view-1'))));
    expect(cardText(cardOf(view))).toContain(t.notAmongYours);
    expect(cardText(cardOf(view))).not.toContain(ENTRY.title);
    const [saved] = await bot.send(
      as(LEE, cardAction(verbs.actionsDetailsSave, { ...crafted('save-1'), ...DETAILS })),
    );
    expect(cardText(cardOf(saved))).toContain(t.notYours);
    expect(await current(bot.store, bot.action.id)).toEqual(bot.action);
    expect((await bot.store.auditEntries({ limit: 1 }))[0]).toMatchObject({
      actor: LEE.aadObjectId,
      action: 'action.details',
      outcome: 'refused',
    });
  });

  it('answers oversized or oddly shaped inputs with problems by each box, and bad ids with the error card', async () => {
    const bot = await ready();
    const card = await press(bot, bot.receipt, verbs.actionsDetails);
    const back = await save(bot, card, {
      tags: 'x'.repeat(100_000),
      core20: { many: true },
      adjustments: 'easyRead,teleport',
      evidenceLink: 'http://example.org/notes',
    });
    const words = cardText(back);
    expect(words).toContain(d.problems['tags']!.default);
    expect(words).toContain('Enter ‘Core20’ as a whole number, like 12');
    expect(words).toContain(d.problems['adjustments']!.default);
    expect(words).toContain('Enter a link that starts with https://');
    expect(Buffer.byteLength(JSON.stringify(back))).toBeLessThan(25 * 1024);
    expect(await current(bot.store, bot.action.id)).toEqual(bot.action);

    for (const data of [{ ...DETAILS }, { cardId: 'x', actionId: '../../etc/passwd' }, 'not an object']) {
      const [reply] = await bot.send(cardAction(verbs.actionsDetailsSave, data));
      expect((reply?.value as { status: number }).status).toBe(200);
      expect(cardText(cardOf(reply))).toContain(text.errors.badInput);
    }
  });
});
