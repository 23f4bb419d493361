// The follow-up question on an action's follow-up date: queued by the daily job, rendered by the Teams
// sender against the loopback Bot Connector, then answered through Action.Execute: "Feedback given today",
// "Remind me in 2 weeks" and "Not possible (why)", each stored once; the guard on the reason; someone else's
// crafted answer refused.
import { afterEach, describe, expect, it } from '@jest/globals';
import type { Activity } from 'botbuilder';
import { createTeamsSender } from '../../src/bot/teams-sender.js';
import { verbs } from '../../src/bot/verbs.js';
import type { Delivery } from '../../src/domain/delivery.js';
import { text } from '../../src/text/index.js';
import { samplePerson, saveTrackedWard } from '../support/bot-deps.js';
import { harness } from '../support/bot-harness.js';
import { buttonTitles, cardOf, cardText, elements, type Card } from '../support/cards.js';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector.js';
import { cardAction, PRIYA, TEAM } from '../support/teams-activities.js';
import { cardProblems } from '../support/validate-card.js';

const f = text.actions.followUp;
const LEE = { id: '29:lee', name: 'Lee Jones', aadObjectId: 'aad-lee' };
const ENTRY = {
  type: 'focus-group',
  title: 'Discharge leaflet focus group',
  date: '2026-11-20',
  principles: 'p2,p5',
  patients: '12',
  depth: 'consult',
  followUpOn: '2026-11-27',
  noPatient: 'true',
};

const as = <T extends Partial<Activity>>(who: typeof LEE, activity: T): T => ({ ...activity, from: who });

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/**
 * Priya logged an action on Monday 23 November 2026 with a follow-up on the 27th; Ward 7's Teams team is
 * reached through the loopback Bot Connector. The clock stands on Monday 30 November.
 */
async function ready() {
  const connector = await startFakeConnector();
  cleanups.push(() => connector.close());
  let now = new Date('2026-11-23T10:00:00Z');
  const bot = harness({ clock: () => now });
  await bot.store.savePerson(samplePerson({ primaryUnitId: TEAM.id }));
  await saveTrackedWard(bot.store, TEAM, PRIYA.aadObjectId);
  await bot.store.saveTeam({ ...(await bot.store.team(TEAM.id))!, serviceUrl: connector.url });
  const logged = await bot.deps.actions.log(PRIYA.aadObjectId, ENTRY);
  if (logged.kind !== 'saved') throw new Error(`not logged: ${logged.kind}`);
  const at = (iso: string) => (now = new Date(iso));
  at('2026-11-30T10:00:00Z');
  const sender = createTeamsSender(bot.deps, '28:bot', async () => undefined);
  return { ...bot, connector, sender, at, actionId: logged.action.id };
}
type Bot = Awaited<ReturnType<typeof ready>>;

const lastCard = (connector: FakeConnector) =>
  (connector.sent.at(-1)!.activity['attachments'] as { content: Card }[])[0]!.content;

/** Runs the daily job and sends what it queued: the card that lands in Priya's chat. */
async function nudge(bot: Bot, month = '2026-11'): Promise<{ card: Card; delivery: Delivery }> {
  expect(await bot.deps.actions.followUpsDue()).toBe(1);
  const [delivery] = await bot.store.batchDeliveries(`followups:${month}`);
  if (!delivery) throw new Error('nothing queued');
  expect(await bot.sender.send(delivery, (request) => request())).toMatchObject({ ok: true });
  const card = lastCard(bot.connector);
  expect(cardProblems(card)).toEqual([]);
  return { card, delivery };
}

const buttonOf = (card: Card | undefined, verb: string) => {
  const found = elements(card).find((node) => node['verb'] === verb);
  return (found?.['data'] ?? {}) as Record<string, unknown>;
};

/** Priya presses a button: her chat's address is the loopback connector's, so later cards reach her there. */
async function answer(bot: Bot, card: Card | undefined, verb: string, extra: Record<string, unknown> = {}) {
  const activity = cardAction(verb, { ...buttonOf(card, verb), ...extra });
  const [reply] = await bot.send({ ...activity, serviceUrl: bot.connector.url });
  return cardOf(reply);
}

const stored = (bot: Bot) => bot.store.action(bot.actionId);

describe('bot: the follow-up question', () => {
  it('lands in the owner’s chat on the follow-up date, naming the action and its date', async () => {
    const bot = await ready();
    const { card } = await nudge(bot);
    const words = cardText(card);
    expect(words.split('\n')[0]).toBe('Have you told participants what changed because of their input?');
    expect(words).toContain(ENTRY.title);
    expect(words).toContain('20 November 2026');
    expect(words).toContain(f.why);
    expect(buttonTitles(card)).toEqual([f.told, f.later, f.notPossible]);
    expect(bot.connector.created).toHaveLength(1);
  });

  it('"Feedback given today" notes the date once, and a second click changes nothing', async () => {
    const bot = await ready();
    const { card, delivery } = await nudge(bot);
    const receipt = await answer(bot, card, verbs.actionsFollowUpTold);
    expect(cardText(receipt)).toContain(
      'Thank you. We’ve noted that participants were told on 30 November 2026.',
    );
    const after = await stored(bot);
    expect(after?.details?.feedback).toEqual({ givenOn: '2026-11-30' });
    expect(after?.version).toBe(2);

    bot.at('2026-12-01T10:00:00Z');
    const again = await answer(bot, card, verbs.actionsFollowUpTold);
    expect(cardText(again)).toContain(text.notices.alreadyDone);
    expect(cardText(again)).toContain('told on 30 November 2026');
    expect(await stored(bot)).toEqual(after);
    expect(await bot.deps.actions.followUpsDue()).toBe(0);

    // Sent again now (a retry, say), the card says no answer is needed.
    await bot.sender.send(delivery, (request) => request());
    expect(cardText(lastCard(bot.connector))).toContain(f.noAnswerNeeded.told);
    expect(buttonTitles(lastCard(bot.connector))).toEqual([]);
  });

  it('"Remind me in 2 weeks" asks again 14 days later', async () => {
    const bot = await ready();
    const { card } = await nudge(bot);
    const receipt = await answer(bot, card, verbs.actionsFollowUpLater);
    expect(cardText(receipt)).toContain('We’ll ask again on 14 December 2026.');
    expect((await stored(bot))?.followUpOn).toBe('2026-12-14');
    const again = await answer(bot, card, verbs.actionsFollowUpLater);
    expect(cardText(again)).toContain(text.notices.alreadyDone);
    expect((await stored(bot))?.version).toBe(2);

    bot.at('2026-12-14T10:00:00Z');
    const { card: second } = await nudge(bot, '2026-12');
    expect(buttonTitles(second)).toEqual([f.told, f.later, f.notPossible]);
  });

  it('"Not possible (why)" needs a reason, refuses a phone number in it, then saves it', async () => {
    const bot = await ready();
    const { card } = await nudge(bot);
    const empty = await answer(bot, card, verbs.actionsFollowUpNotPossible, { reason: '' });
    expect(cardText(empty)).toContain(f.problems['required']);
    expect((await stored(bot))?.details).toBeUndefined();

    const reason = 'Ring Sam on 07700 900123';
    const guarded = await answer(bot, empty, verbs.actionsFollowUpNotPossible, { reason });
    expect(cardText(guarded)).toContain('The ‘Why not’ box looks like it contains a phone number');
    expect(JSON.stringify(guarded)).toContain(reason);
    expect((await stored(bot))?.details).toBeUndefined();
    const logged = bot
      .logs()
      .split('\n')
      .filter((line) => line.includes('guard.refused'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged).toEqual([expect.objectContaining({ field: 'feedbackNotPossible', rules: ['phone'] })]);
    expect(bot.logs()).not.toContain('07700');

    const saved = await answer(bot, guarded, verbs.actionsFollowUpNotPossible, {
      reason: 'The survey was anonymous',
    });
    expect(cardText(saved)).toContain(`${f.notPossibleReceipt}\nThe survey was anonymous`);
    expect((await stored(bot))?.details?.feedbackNotPossible).toBe('The survey was anonymous');
    expect(await bot.deps.actions.followUpsDue()).toBe(0);
  });

  it('refuses someone else’s crafted answer, and changes nothing', async () => {
    const bot = await ready();
    await bot.store.savePerson(
      samplePerson({ aadObjectId: LEE.aadObjectId, teamsUserId: LEE.id, name: LEE.name }),
    );
    const before = await stored(bot);
    for (const [verb, extra] of [
      [verbs.actionsFollowUpTold, {}],
      [verbs.actionsFollowUpLater, {}],
      [verbs.actionsFollowUpNotPossible, { reason: 'Not mine to say' }],
    ] as const) {
      const data = { cardId: `forged-${verb}`, actionId: bot.actionId, ...extra };
      const [reply] = await bot.send(as(LEE, cardAction(verb, data)));
      expect(cardText(cardOf(reply))).toContain(text.actions.notYours);
    }
    expect(await stored(bot)).toEqual(before);
    const refused = (await bot.store.auditEntries({ limit: 5 })).filter((e) => e.outcome === 'refused');
    expect(refused.map((entry) => [entry.actor, entry.action])).toEqual(
      Array(3).fill([LEE.aadObjectId, 'action.followUp']),
    );
  });

  it('says no answer is needed once the action is deleted, and renders nothing it cannot read', async () => {
    const bot = await ready();
    const { card, delivery } = await nudge(bot);
    await bot.deps.actions.remove(PRIYA.aadObjectId, bot.actionId);
    await bot.sender.send(delivery, (request) => request());
    expect(cardText(lastCard(bot.connector))).toContain(f.noAnswerNeeded.gone);
    const late = await answer(bot, card, verbs.actionsFollowUpTold);
    expect(cardText(late)).toContain(f.noAnswerNeeded.gone);

    const garbled = { ...delivery, content: { card: 'actionFollowUp', data: { actionId: '../etc' } } };
    expect(await bot.sender.send(garbled, (request) => request())).toEqual({
      ok: false,
      status: 400,
      code: 'UnknownCard',
    });
  });
});
