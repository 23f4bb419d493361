// Weekly check-ins through the teams-ai pipeline: sending check-ins now, the pulse card, the guard, receipts,
// measures pages, status, away, late answers and crafted payloads.
import { describe, expect, it } from '@jest/globals';
import { verbs } from '../../src/bot/verbs.js';
import type { Store } from '../../src/store/store.js';
import { text } from '../../src/text/index.js';
import { harness } from '../support/bot-harness.js';
import { samplePerson, saveTrackedWard } from '../support/bot-deps.js';
import { buttonTitles, cardOf, cardText, type Card } from '../support/cards.js';
import { cardAction, message, PRIYA, TEAM } from '../support/teams-activities.js';

const CLEAN = { p1: 'yes', p2: 'no', p3: 'notApplicable', p4: 'yes', p5: 'yes', p6: 'no' };
const LEAD = 'aad-lead';

/** Ward 7 is tracked; Priya is on it and manages it; a lead exists. Monday 23 November 2026, 10:00. */
async function trust(store: Store) {
  await store.savePerson(samplePerson());
  await store.savePerson(samplePerson({ aadObjectId: LEAD, teamsUserId: '29:lead', name: 'Lee Lead' }));
  await saveTrackedWard(store, TEAM, PRIYA.aadObjectId);
  await store.saveRoles(PRIYA.aadObjectId, { admin: false, lead: false, managerOf: [TEAM.id] });
  await store.saveRoles(LEAD, { admin: false, lead: true, managerOf: [] });
}

const asLead = (activity: ReturnType<typeof message>) => ({
  ...activity,
  from: { id: '29:lead', name: 'Lee Lead', aadObjectId: LEAD },
});

async function opened(options: Parameters<typeof harness>[0] = {}) {
  const bot = harness(options);
  await trust(bot.store);
  await bot.send(asLead(message('personal', 'send check-ins now')));
  return bot;
}

const submitData = (card: Card | undefined) =>
  card?.actions?.find((action) => action.verb === verbs.pulseSubmit)?.data ?? {};

describe('bot: sending check-ins now', () => {
  it('lets a lead open the cycle once, and says how many people it goes to', async () => {
    const { send, store } = harness();
    await trust(store);
    const [first] = await send(asLead(message('personal', 'send check-ins now')));
    expect(first?.text).toContain(text.checkins.opened('23 November 2026', 1, 2));
    const [second] = await send(asLead(message('personal', 'Send checkins now')));
    expect(second?.text).toBe(text.checkins.alreadyOpen('23 November 2026'));
    expect(await store.batchDeliveries('checkins:2026-W48')).toHaveLength(3);
  });

  it('refuses staff, saying who may, and audits the refusal', async () => {
    const { send, store } = harness();
    await trust(store);
    const [reply] = await send(message('personal', 'send check-ins now'));
    expect(reply?.text).toContain(
      'Only partnership leads and admins can start check-ins or summaries by hand',
    );
    expect(await store.cycle('2026-W48')).toBeUndefined();
    expect((await store.auditEntries({ limit: 5 }))[0]).toMatchObject({
      action: 'runNow',
      outcome: 'refused',
    });
  });
});

describe('bot: the staff pulse', () => {
  it('brings the pulse back with `checkin`, not pre-filled, with a label on every input', async () => {
    const { send } = await opened();
    const [pulse] = await send(message('personal', 'checkin'));
    const card = JSON.stringify(cardOf(pulse));
    expect(cardText(cardOf(pulse))).toContain(text.checkins.pulseTitle);
    for (const id of ['p1', 'p2', 'p3', 'p4', 'p5', 'p6']) expect(card).toContain(`"id":"${id}"`);
    expect(card).not.toMatch(/"id":"p\d","value":"/);
  });

  it('refuses a comment with an NHS number, naming it and keeping what was typed; then saves a clean one', async () => {
    const { send, store, logs } = await opened();
    const [pulse] = await send(message('personal', 'checkin'));
    const comment = 'Spoke to the family of 943 476 5919 about discharge';
    const [refused] = await send(
      cardAction(verbs.pulseSubmit, { ...submitData(cardOf(pulse)), ...CLEAN, comment }),
    );
    expect(cardText(cardOf(refused))).toContain(text.checkins.guardRules.nhsNumber);
    expect(JSON.stringify(cardOf(refused))).toContain(comment);
    expect((await store.unitCheckins('2026-W48', TEAM.id)).pulses).toEqual({});
    expect(logs()).not.toContain('943');

    const [receipt] = await send(
      cardAction(verbs.pulseSubmit, { ...submitData(cardOf(refused)), ...CLEAN, comment: 'Good week' }),
    );
    expect(cardText(cardOf(receipt))).toContain(text.checkins.change);
    expect((await store.unitCheckins('2026-W48', TEAM.id)).pulses[PRIYA.aadObjectId]).toMatchObject({
      version: 1,
      comment: 'Good week',
    });

    const [status] = await send(message('personal', 'status'));
    expect(status?.text).toContain(text.checkins.status.answered('23 November 2026'));
  });

  it('remembers the card pressed, where the receipt lands, so a later change reaches it', async () => {
    const { send, store } = await opened();
    const [pulse] = await send(message('personal', 'checkin'));
    const pressed = {
      ...cardAction(verbs.pulseSubmit, { ...submitData(cardOf(pulse)), ...CLEAN }),
      replyToId: 'act-pulse-1',
    };
    const [receipt] = await send(pressed);
    expect(cardText(cardOf(receipt))).toContain(text.checkins.change);
    const copies = await store.copiesOf('2026-W48', TEAM.id, PRIYA.aadObjectId);
    expect(copies.filter((copy) => copy.activityId === 'act-pulse-1')).toEqual([
      {
        aadObjectId: PRIYA.aadObjectId,
        card: 'pulse',
        conversationId: 'a:personal-priya',
        activityId: 'act-pulse-1',
      },
    ]);
  });

  it('stores one answer set when the same card is submitted twice', async () => {
    const { send, store } = await opened();
    const [pulse] = await send(message('personal', 'checkin'));
    const data = { ...submitData(cardOf(pulse)), ...CLEAN };
    await send(cardAction(verbs.pulseSubmit, data));
    const [again] = await send(cardAction(verbs.pulseSubmit, { ...data, p1: 'no' }));
    expect(cardText(cardOf(again))).toContain(text.checkins.change);
    expect((await store.unitCheckins('2026-W48', TEAM.id)).pulses[PRIYA.aadObjectId]).toMatchObject({
      version: 1,
      choices: { p1: 'yes' },
    });
  });

  it('says what to fix when questions are left unanswered', async () => {
    const { send } = await opened();
    const [pulse] = await send(message('personal', 'checkin'));
    const [back] = await send(cardAction(verbs.pulseSubmit, { ...submitData(cardOf(pulse)), p1: 'yes' }));
    expect(cardText(cardOf(back))).toContain('Shared decision making and patient partnership');
    expect(JSON.stringify(cardOf(back))).toMatch(/"id":"p1","value":"yes"|"value":"yes"[^}]*"id":"p1"/);
  });

  it('answers a late submit with the date the check-in closed', async () => {
    const { send, store } = await opened();
    const [pulse] = await send(message('personal', 'checkin'));
    const cycle = (await store.cycle('2026-W48'))!;
    await store.saveCycle({ ...cycle, closedAt: '2026-11-29T23:59:00.000Z' });
    const [late] = await send(cardAction(verbs.pulseSubmit, { ...submitData(cardOf(pulse)), ...CLEAN }));
    expect(cardText(cardOf(late))).toContain(text.checkins.closedOn('29 November 2026'));
  });

  it('pauses check-ins until a date from the "I’m away" input', async () => {
    const { send, store } = await opened();
    const [reply] = await send(cardAction(verbs.away, { cardId: 'away-1', awayUntil: '2026-12-14' }));
    expect(cardText(cardOf(reply))).toContain(text.checkins.awaySaved('14 December 2026'));
    expect((await store.person(PRIYA.aadObjectId))?.checkins.pausedUntil).toBe('2026-12-14T00:00:00.000Z');
    const [past] = await send(cardAction(verbs.away, { cardId: 'away-2', awayUntil: '2026-11-01' }));
    expect(cardText(cardOf(past))).toContain(text.checkins.awayInPast);
  });
});

describe('bot: measures for their owners', () => {
  it('shows the owner their measures, saves a page and offers the next', async () => {
    const { send, store } = await opened();
    const replies = await send(message('personal', 'checkin'));
    const measures = replies.map(cardOf).find((card) => cardText(card).includes(text.checkins.savePage));
    expect(measures).toBeDefined();
    const submit = measures!.actions!.find((action) => action.verb === verbs.measuresSubmit)!;
    const [receipt] = await send(
      cardAction(verbs.measuresSubmit, { ...submit.data, 'p1-papers-parity': 'yes' }),
    );
    expect(buttonTitles(cardOf(receipt))).toEqual(
      expect.arrayContaining([text.checkins.change, text.checkins.nextPage]),
    );
    expect((await store.latestMeasureAnswers(TEAM.id))['p1-papers-parity']?.value).toEqual({
      scale: 'yesNo',
      answer: 'yes',
    });
  });

  it('refuses a crafted measures payload from someone who does not own them', async () => {
    const { send, store } = await opened();
    const crafted = {
      cardId: 'crafted-1',
      cycleId: '2026-W48',
      unitId: 'organisation',
      principle: 'p1',
      'p1-partner-seats.numerator': '1',
      'p1-partner-seats.denominator': '2',
    };
    const [reply] = await send(cardAction(verbs.measuresSubmit, crafted));
    expect(cardText(cardOf(reply))).toContain(text.checkins.notAnOwner);
    expect(await store.latestMeasureAnswers('organisation')).toEqual({});
  });

  it('answers a payload of the wrong shape with an error card', async () => {
    const { send } = await opened();
    const [reply] = await send(
      cardAction(verbs.measuresSubmit, { cardId: 'x', cycleId: '../etc', unitId: 'u', principle: 'p9' }),
    );
    expect(cardText(cardOf(reply))).toContain(text.errors.badInput);
  });
});
