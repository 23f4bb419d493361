// Broadcast reminders through the bot: a lead writes one, previews it and sends it; the delivery worker
// renders it through the Teams sender to each recipient on the loopback Bot Connector; "Got it" and read
// receipts are counted in the sender's report. Scheduling across a clock change, cancelling mid-way, a
// manager limited to their own units, crafted payloads refused and audited, and "Stop reminders" leaving
// check-in nudges alone.
import { afterEach, describe, expect, it } from '@jest/globals';
import type { Activity } from 'botbuilder';
import { createTeamsSender } from '../../src/bot/teams-sender.js';
import { verbs } from '../../src/bot/verbs.js';
import { createDeliveryWorker } from '../../src/delivery/worker.js';
import type { Roles } from '../../src/domain/permissions.js';
import { createLogger } from '../../src/log.js';
import { text } from '../../src/text/index.js';
import { PUBLIC_BASE_URL, samplePerson, saveTrackedWard, TENANT } from '../support/bot-deps.js';
import { harness } from '../support/bot-harness.js';
import { buttonTitles, cardOf, cardText, elements, input, type Card, type Node } from '../support/cards.js';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector.js';
import { cardAction, message, PRIYA, TEAM, teamsActivity } from '../support/teams-activities.js';
import { cardProblems } from '../support/validate-card.js';

const b = text.broadcasts;
type Who = { id: string; name: string; aadObjectId: string };
const LEE: Who = { id: '29:lee', name: 'Lee Jones', aadObjectId: 'aad-lee' };
const SAM: Who = { id: '29:sam', name: 'Sam Patel', aadObjectId: 'aad-sam' };
const GIA: Who = { id: '29:gia', name: 'Gia Guest', aadObjectId: 'aad-gia' };
const MO: Who = { id: '29:mo', name: 'Mo Muted', aadObjectId: 'aad-mo' };
const WARD9 = { id: '19:ward-9@thread.tacv2', name: 'Ward 9' };
const LEAD: Roles = { admin: false, lead: true, managerOf: [] };
const MANAGER: Roles = { admin: false, lead: false, managerOf: [TEAM.id] };
const STAFF: Roles = { admin: false, lead: false, managerOf: [] };
const DRAFT = {
  title: 'This week’s check-in closes on Sunday',
  message: 'It takes a minute. Managers see only totals.',
  buttonTitle: 'Read the guide',
  buttonUrl: 'https://www.nhs.uk/guide',
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/**
 * Ward 7 (Priya, Lee, Sam, Gia a guest, and Mo who stopped reminders) and Ward 9 (Sam), both tracked teams
 * reached through the loopback Bot Connector. The clock stands on Monday 23 November 2026, 10:00.
 */
async function ready(roles: Roles = LEAD) {
  const connector = await startFakeConnector();
  cleanups.push(() => connector.close());
  let now = new Date('2026-11-23T10:00:00Z');
  const clock = () => now;
  const bot = harness({ clock });
  await saveTrackedWard(bot.store, TEAM, PRIYA.aadObjectId);
  await saveTrackedWard(bot.store, WARD9, SAM.aadObjectId);
  for (const team of [TEAM.id, WARD9.id]) {
    const saved = (await bot.store.team(team))!;
    const members =
      team === TEAM.id
        ? Object.fromEntries(
            [PRIYA, LEE, SAM, GIA, MO].map((who) => [who.aadObjectId, { addedAt: '2026-11-01T00:00:00Z' }]),
          )
        : saved.members;
    await bot.store.saveTeam({ ...saved, serviceUrl: connector.url, members });
  }
  for (const who of [PRIYA, LEE, SAM, GIA, MO])
    await bot.store.savePerson(
      samplePerson({
        aadObjectId: who.aadObjectId,
        teamsUserId: who.id,
        name: who.name,
        guest: who === GIA,
        ...(who === MO ? { remindersMuted: true } : {}),
      }),
    );
  await bot.store.saveRoles(PRIYA.aadObjectId, roles);
  const sender = createTeamsSender(bot.deps, '28:bot', async () => undefined);
  const at = (iso: string) => (now = new Date(iso));
  return { ...bot, connector, sender, clock, at };
}
type Bot = Awaited<ReturnType<typeof ready>>;

/** An activity from someone in their own personal chat, reaching the bot from the loopback connector. */
function as(bot: Bot, who: Who, activity: Partial<Activity>): Partial<Activity> {
  return {
    ...activity,
    from: who,
    serviceUrl: bot.connector.url,
    conversation: {
      id: `a:personal-${who.aadObjectId}`,
      conversationType: 'personal',
      tenantId: TENANT,
      isGroup: false,
    } as Activity['conversation'],
  };
}

const dataOf = (card: Card | undefined, verb: string): Record<string, unknown> => {
  const found = elements(card).find((node) => node['verb'] === verb);
  if (!found) throw new Error(`no ${verb} button on the card: ${buttonTitles(card).join(', ')}`);
  return (found['data'] ?? {}) as Record<string, unknown>;
};

/** Presses a button on a card, with what the card's inputs hold. */
async function press(bot: Bot, card: Card | undefined, verb: string, inputs = {}, who: Who = PRIYA) {
  const [reply] = await bot.send(as(bot, who, cardAction(verb, { ...dataOf(card, verb), ...inputs })));
  return cardOf(reply);
}

async function say(bot: Bot, words: string, who: Who = PRIYA) {
  const [reply] = await bot.send(as(bot, who, message('personal', words)));
  return reply;
}

/** Types `broadcast` and fills in the card: Preview. */
async function preview(bot: Bot, inputs: Record<string, string>) {
  const compose = cardOf(await say(bot, 'broadcast'));
  expect(cardText(compose)).toContain(b.composeTitle);
  return press(bot, compose, verbs.broadcastPreview, { when: 'now', ...inputs });
}

/** Runs the delivery worker over what is due, until everything queued has been sent. */
async function deliver(bot: Bot) {
  const worker = createDeliveryWorker({
    store: bot.store,
    sender: bot.sender,
    log: createLogger('silent'),
    sendRate: 50,
    quietHours: 'off',
    timeZone: 'Europe/London',
    pollMs: 10,
    clock: bot.clock,
  });
  await worker.start();
  worker.wake();
  const deadline = Date.now() + 5_000;
  while ((await bot.store.dueDeliveries(bot.clock().toISOString(), 1)).length > 0 || (await sending(bot)))
    if (Date.now() > deadline) throw new Error('deliveries did not finish');
    else await new Promise((resolve) => setTimeout(resolve, 10));
  await worker.stop();
}
const sending = async (bot: Bot) =>
  (await bot.store.interruptedDeliveries()).some((delivery) => delivery.state === 'sending');

const batchOf = async (bot: Bot) => {
  const [broadcast] = await bot.store.broadcasts();
  if (!broadcast) throw new Error('no broadcast saved');
  return { broadcast, deliveries: await bot.store.batchDeliveries(`broadcast:${broadcast.id}`) };
};

/** The reminder each person got: by the user the loopback connector created (or knew) the chat for. */
function reminders(connector: FakeConnector): Map<string, { card: Card; activityId: string }> {
  const byConversation = new Map(connector.created.map((made) => [made.conversationId, made.memberId]));
  const got = new Map<string, { card: Card; activityId: string }>();
  for (const sent of connector.sent) {
    const card = (sent.activity['attachments'] as { content: Card }[] | undefined)?.[0]?.content;
    if (!card || !cardText(card).includes(DRAFT.title)) continue;
    expect(cardProblems(card)).toEqual([]);
    got.set(byConversation.get(sent.conversationId) ?? sent.conversationId, {
      card,
      activityId: sent.activityId,
    });
  }
  return got;
}

const facts = (card: Card | undefined): Record<string, string> =>
  Object.fromEntries(
    elements(card)
      .filter((node) => node['type'] === 'FactSet')
      .flatMap((node) => node['facts'] as { title: string; value: string }[])
      .map((fact) => [fact.title, fact.value]),
  );

const audit = async (bot: Bot) =>
  (await bot.store.auditEntries({ limit: 100 })).map(
    (entry) => `${entry.actor} ${entry.action} ${entry.outcome}`,
  );

const readReceipt = (bot: Bot, who: Who, lastReadMessageId: string) =>
  bot.send(
    as(
      bot,
      who,
      teamsActivity('personal', {
        type: 'event',
        name: 'application/vnd.microsoft/readReceipt',
        value: { lastReadMessageId },
      }),
    ),
  );

describe('bot: a lead broadcasts a reminder', () => {
  it('previews it as recipients will see it, sends it, and counts "Got it" once and read receipts', async () => {
    const bot = await ready();
    const shown = await preview(bot, { ...DRAFT, audience: 'everyone' });
    const words = cardText(shown);
    expect(words).toContain(b.previewTitle);
    expect(words).toContain('It will go to 3 people.');
    expect(words).toContain('2 people cannot get it: 1 is a guest and 1 has stopped reminders.');
    expect(words).toContain('Sending should take less than a minute.');
    expect(buttonTitles(shown)).toEqual([b.send, b.change]);
    const previewed = elements(shown).find((node) => node['id'] === 'reminder') as { items: Node[] };

    const progress = await press(bot, shown, verbs.broadcastSend);
    expect(cardText(progress).split('\n')[0]).toBe('Done. Your reminder is going out to 3 people.');
    expect(facts(progress)).toMatchObject({ [b.counts.delivered]: '0', [b.counts.waiting]: '3' });
    expect(buttonTitles(progress)).toEqual([b.refresh, b.cancel, b.list, b.downloadCsv]);
    const { broadcast } = await batchOf(bot);
    expect(await audit(bot)).toContain('aad-priya broadcast.send done');

    await deliver(bot);
    const got = reminders(bot.connector);
    expect([...got.keys()].sort()).toEqual([LEE.id, SAM.id, `a:personal-${PRIYA.aadObjectId}`].sort());
    const lee = got.get(LEE.id)!;
    expect(lee.card.body).toEqual(previewed.items.slice(0, -1));
    expect(cardText(lee.card)).toContain(
      'You get this because it was sent to everyone at your organisation by a partnership lead.',
    );
    expect(buttonTitles(lee.card)).toEqual([DRAFT.buttonTitle, b.gotIt, b.stop]);

    const report = await press(bot, progress, verbs.broadcastProgress);
    expect(cardText(report)).toContain('Sent on 23 November 2026 at 10:00.');
    expect(facts(report)).toMatchObject({ [b.counts.delivered]: '3', [b.counts.failed]: '0' });
    expect(facts(report)[b.counts.waiting]).toBeUndefined();
    expect(cardText(report)).toContain('0 selected Got it.');

    const noted = await press(bot, lee.card, verbs.broadcastAck, {}, LEE);
    expect(cardText(noted).split('\n').slice(0, 2)).toEqual([b.noted, DRAFT.title]);
    expect(cardText(noted)).not.toContain(DRAFT.message);
    expect(cardText(await press(bot, lee.card, verbs.broadcastAck, {}, LEE))).toEqual(cardText(noted));
    // Someone it was not sent to counts for nothing.
    await bot.send(
      as(bot, GIA, cardAction(verbs.broadcastAck, { cardId: 'crafted', broadcastId: broadcast.id })),
    );
    expect(cardText(await press(bot, report, verbs.broadcastProgress))).toContain('1 selected Got it.');

    await readReceipt(bot, LEE, lee.activityId);
    await readReceipt(bot, LEE, lee.activityId);
    const read = cardText(await press(bot, report, verbs.broadcastProgress));
    expect(read).toContain('At least 1 read it.');
    expect(read).toContain(b.exportNote);
  });

  it('offers "Download CSV" on the report for everyone: a fresh one-use link to the export page', async () => {
    const bot = await ready();
    const progress = await press(
      bot,
      await preview(bot, { ...DRAFT, audience: 'everyone' }),
      verbs.broadcastSend,
    );
    await deliver(bot);
    const report = await press(bot, progress, verbs.broadcastProgress);
    expect(cardProblems(report)).toEqual([]);
    expect(cardText(report)).toContain('The link works once and for 15 minutes');
    const links = elements(report).filter((node) => node['type'] === 'Action.OpenUrl');
    expect(links.map((node) => node['title'])).toEqual([b.downloadCsv]);
    const url = String(links[0]?.['url']);
    expect(url).toMatch(new RegExp(`^${PUBLIC_BASE_URL}/exports/[A-Za-z0-9_-]{43}$`));
    const token = url.split('/').pop()!;
    const { broadcast } = await batchOf(bot);
    expect(bot.deps.exports.peek(token)).toEqual({
      filename: b.exportFilename(broadcast.id),
      describe: b.exportDescribe(DRAFT.title),
    });
    // Offering the link exports nothing: the download is what is audited.
    expect((await audit(bot)).filter((line) => line.includes('export'))).toEqual([]);
    const again = await press(bot, report, verbs.broadcastProgress);
    const next = elements(again).find((node) => node['type'] === 'Action.OpenUrl');
    expect(next?.['url']).not.toBe(url);
  });

  it('offers no download for "not answered": its report is counts only', async () => {
    const bot = await ready();
    await bot.deps.checkinCycles.openDue();
    const shown = await preview(bot, { ...DRAFT, audience: 'notAnswered' });
    const progress = await press(bot, shown, verbs.broadcastSend);
    await deliver(bot);
    const report = await press(bot, progress, verbs.broadcastProgress);
    expect(cardText(report)).toContain(b.countsOnly);
    expect(cardText(report)).not.toContain(b.exportNote);
    expect(elements(report).filter((node) => node['type'] === 'Action.OpenUrl')).toEqual([]);
    expect(buttonTitles(report)).not.toContain(b.downloadCsv);
  });

  it('asks what to fix, naming the box and what the guard found, before any preview', async () => {
    const bot = await ready();
    const shown = await preview(bot, {
      title: 'Clinic change',
      message: 'Call Sam on 07700 900123',
      audience: 'units',
    });
    const words = cardText(shown);
    expect(words).toContain('The ‘Message’ box looks like it contains a phone number.');
    expect(words).toContain(b.problems['unitIds']!['default']);
    expect(input(shown, 'message')?.['value']).toBe('Call Sam on 07700 900123');
    expect(await bot.store.broadcasts()).toEqual([]);
    expect(bot.logs()).toContain('"field":"message","rules":["phone"]');
    expect(bot.logs()).not.toContain('07700');
  });

  it('answers a second press of "Send" with where it stands, sending nothing twice', async () => {
    const bot = await ready();
    const shown = await preview(bot, { ...DRAFT, audience: 'everyone' });
    await press(bot, shown, verbs.broadcastSend);
    const again = await press(bot, shown, verbs.broadcastSend);
    expect(cardText(again).split('\n')[0]).toBe(text.notices.alreadyDone);
    expect(cardText(again)).toContain(DRAFT.title);
    expect(await bot.store.broadcasts()).toHaveLength(1);
    expect((await batchOf(bot)).deliveries).toHaveLength(3);
  });

  it('"Change" brings the card back filled in', async () => {
    const bot = await ready();
    const shown = await preview(bot, { ...DRAFT, audience: 'everyone' });
    const changed = await press(bot, shown, verbs.broadcastChange);
    expect(input(changed, 'title')?.['value']).toBe(DRAFT.title);
    expect(input(changed, 'buttonUrl')?.['value']).toBe(DRAFT.buttonUrl);
    expect(input(changed, 'audience')?.['value']).toBe('everyone');
  });
});

describe('bot: scheduling and cancelling', () => {
  it('schedules across the spring clock change, explains it, and cancels it when asked', async () => {
    const bot = await ready();
    const shown = await preview(bot, {
      ...DRAFT,
      audience: 'everyone',
      when: 'later',
      date: '2027-03-28',
      time: '01:30',
    });
    expect(cardText(shown)).toContain(
      'The clocks go forward that night, so 01:30 does not happen. It will go when they change, at 28 March 2027 at 02:00 BST.',
    );
    expect(buttonTitles(shown)).toEqual(['Schedule for 28 March 2027 at 02:00', b.change]);

    const scheduled = await press(bot, shown, verbs.broadcastSend);
    expect(cardText(scheduled).split('\n')[0]).toBe('Done. Your reminder will go on 28 March 2027 at 02:00.');
    expect(cardText(scheduled)).toContain('Scheduled for 28 March 2027 at 02:00.');
    expect((await batchOf(bot)).broadcast.scheduledFor).toBe('2027-03-28T01:00:00.000Z');
    expect((await batchOf(bot)).deliveries).toEqual([]);

    const asked = await press(bot, scheduled, verbs.broadcastCancel);
    expect(cardText(asked).split('\n')[0]).toBe(b.confirmCancelScheduled);
    const cancelled = await press(bot, asked, verbs.broadcastCancelConfirm);
    expect(cardText(cancelled).split('\n')[0]).toBe(b.cancelledScheduled);
    expect(buttonTitles(cancelled)).toEqual([b.refresh, b.list]);
    bot.at('2027-03-28T01:00:30Z');
    expect(await bot.deps.broadcasts.sendDue()).toBe(0);
  });

  it('says a time that has passed, and the autumn hour that happens twice', async () => {
    const bot = await ready();
    const past = await preview(bot, {
      ...DRAFT,
      audience: 'everyone',
      when: 'later',
      date: '2026-11-23',
      time: '09:00',
    });
    expect(cardText(past)).toContain(b.problems['time']!['inPast']);
    bot.at('2027-10-01T10:00:00Z');
    const twice = await preview(bot, {
      ...DRAFT,
      audience: 'everyone',
      when: 'later',
      date: '2027-10-31',
      time: '01:30',
    });
    expect(cardText(twice)).toContain(
      'The clocks go back that night, so 01:30 happens twice. It will go the first time, at 31 October 2027 at 01:30 BST.',
    );
  });

  it('cancels mid-way: those still waiting never get it, and the report says so', async () => {
    const bot = await ready();
    const progress = await press(
      bot,
      await preview(bot, { ...DRAFT, audience: 'everyone' }),
      verbs.broadcastSend,
    );
    const { deliveries } = await batchOf(bot);
    const first = deliveries[0]!;
    const sent = await bot.sender.send(first, (request) => request());
    if (!sent.ok) throw new Error('not sent');
    await bot.store.updateDeliveries([
      { ...first, state: 'delivered', conversationId: sent.conversationId, activityId: sent.activityId },
    ]);

    const asked = await press(bot, progress, verbs.broadcastCancel);
    expect(cardText(asked).split('\n')[0]).toBe(b.confirmCancelSending);
    expect(buttonTitles(asked)).toEqual([b.cancelYes, b.cancelNo]);
    const cancelled = await press(bot, asked, verbs.broadcastCancelConfirm);
    expect(cardText(cancelled).split('\n')[0]).toBe(
      'Done. It is cancelled: 2 still waiting will not get it. People who already have it keep it.',
    );
    expect(facts(cancelled)).toMatchObject({ [b.counts.delivered]: '1', [b.counts.cancelled]: '2' });
    expect(buttonTitles(cancelled)).toEqual([b.refresh, b.list, b.downloadCsv]);

    await deliver(bot);
    expect(reminders(bot.connector).size).toBe(1);
    const again = await press(bot, asked, verbs.broadcastCancelConfirm);
    expect(cardText(again).split('\n')[0]).toBe(text.notices.alreadyDone);
    expect(await audit(bot)).toContain('aad-priya broadcast.cancel done');
  });
});

describe('bot: who may broadcast', () => {
  it('limits a manager to the members of the units they manage', async () => {
    const bot = await ready(MANAGER);
    const compose = cardOf(await say(bot, 'broadcast'));
    const choices = (id: string) =>
      (input(compose, id)?.['choices'] as { value: string }[]).map((choice) => choice.value);
    expect(choices('audience')).toEqual(['units']);
    expect(choices('unitIds')).toEqual([TEAM.id]);
    const shown = await press(bot, compose, verbs.broadcastPreview, {
      ...DRAFT,
      audience: 'units',
      unitIds: TEAM.id,
      when: 'now',
    });
    expect(cardText(shown)).toContain('It will go to 3 people.');
    expect(cardText(shown)).toContain('You get this because you are in Ward 7. It was sent by a manager.');
    await press(bot, shown, verbs.broadcastSend);
    const { deliveries } = await batchOf(bot);
    expect(
      deliveries.map((d) => (d.recipient.kind === 'person' ? d.recipient.aadObjectId : '')).sort(),
    ).toEqual([LEE.aadObjectId, PRIYA.aadObjectId, SAM.aadObjectId].sort());
  });

  it('refuses a crafted payload from a manager for another unit, or for everyone, and audits it', async () => {
    const bot = await ready(MANAGER);
    const crafted = (audience: Record<string, string>) =>
      cardAction(verbs.broadcastSend, {
        cardId: `crafted-${audience['audience']}`,
        ...DRAFT,
        when: 'now',
        ...audience,
      });
    const [other] = await bot.send(as(bot, PRIYA, crafted({ audience: 'units', unitIds: WARD9.id })));
    expect(cardText(cardOf(other))).toContain(b.refusedUnits);
    const [everyone] = await bot.send(as(bot, PRIYA, crafted({ audience: 'everyone' })));
    expect(cardText(cardOf(everyone))).toContain(b.refusedAudience);
    expect(await bot.store.broadcasts()).toEqual([]);
    expect(await audit(bot)).toEqual(
      expect.arrayContaining(['aad-priya nudgeUnit refused', 'aad-priya broadcast refused']),
    );
  });

  it('refuses staff, typed or crafted, audits it, and shows them no report', async () => {
    const bot = await ready(STAFF);
    expect((await say(bot, 'broadcast'))?.text).toBe(b.refused);
    const [crafted] = await bot.send(
      as(
        bot,
        LEE,
        cardAction(verbs.broadcastSend, { cardId: 'crafted', ...DRAFT, audience: 'everyone', when: 'now' }),
      ),
    );
    expect(cardText(cardOf(crafted))).toContain(b.refused);
    expect(await bot.store.broadcasts()).toEqual([]);
    expect(await audit(bot)).toEqual(['aad-lee broadcast refused', 'aad-priya broadcast refused']);

    await bot.store.saveRoles(PRIYA.aadObjectId, LEAD);
    await press(bot, await preview(bot, { ...DRAFT, audience: 'everyone' }), verbs.broadcastSend);
    const { broadcast } = await batchOf(bot);
    const [report] = await bot.send(
      as(bot, LEE, cardAction(verbs.broadcastProgress, { cardId: 'crafted-2', broadcastId: broadcast.id })),
    );
    expect(cardText(cardOf(report))).toContain(b.notSender);
    expect(JSON.stringify(cardOf(report))).not.toContain(DRAFT.title);
    expect(await audit(bot)).toContain('aad-lee broadcast.report refused');
  });
});

describe('bot: a reminder posted in channels', () => {
  it('goes to the team’s General channel when the unit has no summary channel, without "Stop reminders"', async () => {
    const bot = await ready();
    await bot.store.saveConversation({
      conversationId: TEAM.id,
      scope: 'channel',
      serviceUrl: bot.connector.url,
      tenantId: TENANT,
      botId: '28:bot',
      teamId: TEAM.id,
      installed: true,
    });
    const shown = await preview(bot, { ...DRAFT, audience: 'channels', unitIds: `${TEAM.id},${WARD9.id}` });
    const words = cardText(shown);
    expect(words).toContain('It will be posted in 1 channel.');
    expect(words).toContain('1 unit cannot get it: 1 has no channel I can post in.');
    expect(words).toContain('2 units have no summary channel, so their team’s General channel is used.');
    expect(words).toContain('This was posted for everyone in Ward 7 and Ward 9 by a partnership lead.');

    const progress = await press(bot, shown, verbs.broadcastSend);
    await deliver(bot);
    const posted = reminders(bot.connector).get(TEAM.id);
    expect(buttonTitles(posted?.card)).toEqual([DRAFT.buttonTitle, b.gotIt]);
    expect(cardText(posted?.card)).not.toContain(b.stopNote);

    // "Got it" in the channel is counted, and the card stays as everyone there sees it.
    const [reply] = await bot.send(
      cardAction(verbs.broadcastAck, dataOf(posted?.card, verbs.broadcastAck), 'channel'),
    );
    expect(cardText(cardOf(reply))).toEqual(cardText(posted?.card));
    const report = await press(bot, progress, verbs.broadcastProgress);
    expect(cardText(report)).toContain('1 selected Got it.');
    expect(cardText(report)).not.toContain('read it');
  });
});

describe('bot: what recipients do with a reminder', () => {
  it('"Stop reminders" leaves the next broadcast out for them, while a check-in nudge still reaches them', async () => {
    const bot = await ready();
    await press(bot, await preview(bot, { ...DRAFT, audience: 'everyone' }), verbs.broadcastSend);
    await deliver(bot);
    const lee = reminders(bot.connector).get(LEE.id)!;
    const stopped = await press(bot, lee.card, verbs.remindersStop, {}, LEE);
    expect(cardText(stopped).split('\n')[0]).toBe(b.stopped);
    expect(buttonTitles(stopped)).toEqual([DRAFT.buttonTitle, b.gotIt, b.start]);
    expect((await bot.store.person(LEE.aadObjectId))?.remindersMuted).toBe(true);
    expect((await bot.store.person(LEE.aadObjectId))?.checkins).toEqual({ stopped: false });

    const next = await preview(bot, {
      title: 'Second reminder',
      message: 'Another one.',
      audience: 'everyone',
    });
    expect(cardText(next)).toContain('It will go to 2 people.');
    expect(cardText(next)).toContain('3 people cannot get it: 1 is a guest and 2 have stopped reminders.');
    await press(bot, next, verbs.broadcastSend);
    const second = (await bot.store.broadcasts()).find((one) => one.title === 'Second reminder');
    const queued = await bot.store.batchDeliveries(`broadcast:${second!.id}`);
    expect(queued.map((d) => (d.recipient.kind === 'person' ? d.recipient.aadObjectId : ''))).not.toContain(
      LEE.aadObjectId,
    );

    // This week's check-in opens, and on Wednesday the one nudge goes to Lee all the same.
    expect((await bot.deps.checkinCycles.openNow(PRIYA.aadObjectId)).kind).toBe('opened');
    bot.at('2026-11-25T12:05:00Z');
    expect(await bot.deps.checkinCycles.nudgeDue()).toBeGreaterThan(0);
    const [cycle] = [await bot.store.latestCycle()];
    const nudges = await bot.store.batchDeliveries(`nudges:${cycle!.id}`);
    const leeNudge = nudges.find(
      (d) => d.recipient.kind === 'person' && d.recipient.aadObjectId === LEE.aadObjectId,
    );
    expect(leeNudge).toBeDefined();
    expect(await bot.sender.send(leeNudge!, (request) => request())).toMatchObject({ ok: true });

    const started = await press(bot, stopped, verbs.remindersStart, {}, LEE);
    expect(cardText(started).split('\n')[0]).toBe(b.started);
    expect(buttonTitles(started)).toEqual([DRAFT.buttonTitle, b.gotIt, b.stop]);
    expect((await bot.store.person(LEE.aadObjectId))?.remindersMuted).toBeUndefined();
  });
});

describe('bot: the list and the help card', () => {
  it('`broadcasts` lists them five a page, each opening its report', async () => {
    const bot = await ready();
    for (let i = 1; i <= 6; i++) {
      bot.at(`2026-11-23T10:0${i}:00Z`);
      await press(
        bot,
        await preview(bot, { title: `Reminder ${i}`, message: 'Hello.', audience: 'everyone' }),
        verbs.broadcastSend,
      );
    }
    const list = cardOf(await say(bot, 'broadcasts'));
    const titles = () =>
      elements(list).filter(
        (node) => node['weight'] === 'Bolder' && /^Reminder \d$/.test(String(node['text'])),
      );
    expect(titles().map((node) => node['text'])).toEqual([
      'Reminder 6',
      'Reminder 5',
      'Reminder 4',
      'Reminder 3',
      'Reminder 2',
    ]);
    expect(buttonTitles(list)).toEqual([b.older, b.newReminder]);
    const older = await press(bot, list, verbs.broadcastsPage);
    expect(cardText(older)).toContain('Reminder 1');
    expect(buttonTitles(older)).toEqual([b.newer, b.newReminder]);
    const report = await press(bot, older, verbs.broadcastProgress);
    expect(cardText(report)).toContain('Reminder 1');
    expect(cardText(report)).toContain(b.countsHeading);
  });

  it('offers "Broadcast" on the help card to managers, leads and admins only; the card arrives below', async () => {
    const bot = await ready(STAFF);
    expect(buttonTitles(cardOf(await say(bot, 'help')))).not.toContain(b.helpButton);
    await bot.store.saveRoles(PRIYA.aadObjectId, MANAGER);
    const help = cardOf(await say(bot, 'help'));
    expect(buttonTitles(help)).toEqual([
      text.buttons.checkin,
      text.buttons.logAction,
      b.helpButton,
      text.buttons.snooze,
      text.buttons.stop,
    ]);
    expect(cardText(help)).toContain(b.helpCommands[0]!.description);
    const replies = await bot.send(
      as(bot, PRIYA, cardAction(verbs.broadcastNew, dataOf(help, verbs.broadcastNew))),
    );
    const below = replies.map(cardOf).find((card) => cardText(card).includes(b.composeTitle));
    expect(below).toBeDefined();
    const answer = cardOf(replies.at(-1));
    expect(cardText(answer).split('\n')[0]).toBe(b.formBelow);
  });
});
