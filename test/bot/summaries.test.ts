// Weekly summaries and digests through the teams-ai pipeline: `post summaries here` and `stop summaries here`
// in a tracked team's channel, `post organisation summaries here` for leads, `digest` (a preview of the week
// so far; for leads the organisation digest first) and its buttons, `post summaries now` once a week,
// refusals said and audited, and the posted summaries and digests rendered by the Teams sender against the
// loopback Bot Connector, landing once however often the weekly job runs.
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from '@jest/globals';
import type { Activity } from 'botbuilder';
import { createTeamsSender } from '../../src/bot/teams-sender.js';
import { verbs } from '../../src/bot/verbs.js';
import type { Store } from '../../src/store/store.js';
import { text } from '../../src/text/index.js';
import { samplePerson, saveTrackedWard } from '../support/bot-deps.js';
import { harness } from '../support/bot-harness.js';
import { buttonTitles, cardOf, cardText, elements, type Card } from '../support/cards.js';
import { catalogue } from '../support/checkin-options.js';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector.js';
import { cardAction, message, PRIYA, TEAM } from '../support/teams-activities.js';
import { cardProblems } from '../support/validate-card.js';

const t = text.summaries;
const CLEAN = { p1: 'yes', p2: 'no', p3: 'notApplicable', p4: 'yes', p5: 'yes', p6: 'no' };
/** A comment that passes the patient-data guard: saved, and never shown to anyone else. */
const COMMENT = 'Used teach-back twice on the discharge lounge';
const STAFF = ['aad-ada', 'aad-bo', 'aad-cy', 'aad-di', 'aad-ed', 'aad-fay'];
const LEAD = { id: '29:lee', name: 'Lee Lead', aadObjectId: 'aad-lead' };
const STAFFER = { id: '29:ada', name: 'Ada Nurse', aadObjectId: 'aad-ada' };
const OTHER_MANAGER = { id: '29:olu', name: 'Olu Other', aadObjectId: 'aad-olu' };
const WARD_9 = 'ward-9';
const SEE_UNIT_REFUSAL =
  'Only managers, partnership leads and admins can see this unit’s results. Nothing has been changed.';
const RUN_NOW_REFUSAL =
  'Only partnership leads and admins can start check-ins or summaries by hand. Nothing has been changed.';

/** Teams' chart elements, unknown to the reference library: registered so the rest of each card is validated. */
(function registerCharts() {
  const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js');
  for (const type of ['Chart.HorizontalBar', 'Chart.VerticalBar', 'Chart.Line']) {
    class Chart extends AC.CardElement {
      getJsonTypeName() {
        return type;
      }
      internalRender() {
        return undefined;
      }
    }
    AC.GlobalRegistry.elements.register(type, Chart, AC.Versions.v1_5);
  }
})();

const as = <T extends Partial<Activity>>(
  who: { id: string; name: string; aadObjectId: string },
  activity: T,
) => ({
  ...activity,
  from: who,
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/**
 * Ward 7 is tracked, with Priya (its manager) and six staff; Ward 9 is managed by Olu; Lee is a lead. Monday
 * 23 November 2026, 10:00. Teams is the loopback Bot Connector when one is given.
 */
async function trust(store: Store, serviceUrl = 'https://smba.example.test/emea/') {
  await store.savePerson(samplePerson());
  for (const [i, id] of STAFF.entries())
    await store.savePerson(samplePerson({ aadObjectId: id, teamsUserId: `29:s${i}`, name: `Staff ${i}` }));
  for (const who of [LEAD, OTHER_MANAGER])
    await store.savePerson(
      samplePerson({ aadObjectId: who.aadObjectId, teamsUserId: who.id, name: who.name }),
    );
  await saveTrackedWard(store, TEAM, PRIYA.aadObjectId);
  const team = (await store.team(TEAM.id))!;
  const joined = { addedAt: '2026-11-01T00:00:00Z' };
  await store.saveTeam({
    ...team,
    serviceUrl,
    members: { ...team.members, ...Object.fromEntries(STAFF.map((id) => [id, joined])) },
  });
  await store.saveUnit({
    id: WARD_9,
    name: 'Ward 9',
    level: 'unit',
    tracked: true,
    createdAt: '2026-11-01T00:00:00Z',
    createdBy: OTHER_MANAGER.aadObjectId,
  });
  await store.saveRoles(PRIYA.aadObjectId, { admin: false, lead: false, managerOf: [TEAM.id] });
  await store.saveRoles(OTHER_MANAGER.aadObjectId, { admin: false, lead: false, managerOf: [WARD_9] });
  await store.saveRoles(LEAD.aadObjectId, { admin: false, lead: true, managerOf: [] });
}

async function ready(serviceUrl?: string) {
  let now = new Date('2026-11-23T10:00:00Z');
  const bot = harness({ clock: () => now });
  await trust(bot.store, serviceUrl);
  return { ...bot, at: (iso: string) => (now = new Date(iso)) };
}
type Bot = Awaited<ReturnType<typeof ready>>;

/** The week opens and five of the six staff answer: enough to show the pulse. */
async function answered(bot: Bot, count = 5) {
  const opened = await bot.deps.checkinCycles.openNow(LEAD.aadObjectId);
  for (const id of STAFF.slice(0, count))
    await bot.deps.checkins.submitPulse(id, {
      cycleId: opened.cycle.id,
      inputs: { ...CLEAN, comment: COMMENT },
    });
  return opened.cycle;
}

const headings = (card: Card | undefined) =>
  elements(card)
    .filter((node) => node['style'] === 'heading')
    .map((node) => node['text']);

const principleNames = catalogue.principles.map((principle) => principle.name);

describe('bot: post summaries here, and stop', () => {
  it('lets the unit’s manager choose this channel, answering in the thread, and stop it again', async () => {
    const { send, store } = await ready();
    const [reply] = await send(message('channel', 'post summaries here'));
    expect(reply?.text).toBe(t.here('Ward 7'));
    expect(reply?.text).toMatch(/^Done\. This channel will get Ward 7’s weekly summary every Monday/);
    expect(reply?.conversation?.id).toContain(';messageid=');
    expect((await store.unit(TEAM.id))?.summaryChannelId).toBe(TEAM.id);

    const [again] = await send(message('channel', 'Post summaries here.'));
    expect(again?.text).toBe(t.alreadyHere('Ward 7'));

    const [stopped] = await send(message('channel', 'stop summaries here'));
    expect(stopped?.text).toBe(t.stoppedHere('Ward 7'));
    expect((await store.unit(TEAM.id))?.summaryChannelId).toBeUndefined();
    const [nothing] = await send(message('channel', 'stop summaries here'));
    expect(nothing?.text).toBe(t.notHere('Ward 7'));
    const audit = (await store.auditEntries({ limit: 10 })).map((entry) => entry.action);
    expect(audit).toEqual(expect.arrayContaining(['summaries.here', 'summaries.stop']));
  });

  it('lets a lead choose it too, and says when it moved from another channel', async () => {
    const { send, store } = await ready();
    await store.saveUnit({ ...(await store.unit(TEAM.id))!, summaryChannelId: '19:elsewhere@thread.tacv2' });
    const [reply] = await send(as(LEAD, message('channel', 'post summaries here')));
    expect(reply?.text).toBe(`${t.here('Ward 7')} ${t.movedHere}`);
  });

  it.each([
    ['staff', STAFFER],
    ['a manager of another unit', OTHER_MANAGER],
  ])('refuses %s, saying who may, and audits it', async (_who, person) => {
    const { send, store } = await ready();
    for (const command of ['post summaries here', 'stop summaries here']) {
      const [reply] = await send(as(person, message('channel', command)));
      expect(reply?.text).toBe(SEE_UNIT_REFUSAL);
    }
    expect((await store.unit(TEAM.id))?.summaryChannelId).toBeUndefined();
    expect((await store.auditEntries({ limit: 1 }))[0]).toMatchObject({
      actor: person.aadObjectId,
      action: 'seeUnit',
      outcome: 'refused',
      targets: [TEAM.id],
    });
  });

  it('asks for it in a channel, and for a team that is tracked', async () => {
    const { send, store } = await ready();
    const [personal] = await send(message('personal', 'post summaries here'));
    expect(personal?.text).toBe(text.tracking.onlyInChannel);
    await store.saveUnit({ ...(await store.unit(TEAM.id))!, tracked: false });
    const [untracked] = await send(message('channel', 'post summaries here'));
    expect(untracked?.text).toBe(t.notTracked);
  });
});

describe('bot: digest', () => {
  it('previews this week for the unit’s manager, marked as a preview, by principle, naming who owes updates', async () => {
    const bot = await ready();
    await answered(bot);
    const replies = await bot.send(message('personal', 'digest'));
    expect(replies).toHaveLength(1);
    const card = cardOf(replies[0]);
    const words = cardText(card);
    expect(words.split('\n')[0]).toBe(t.preview('29 November 2026'));
    expect(words).toContain(t.digestTitle('Ward 7'));
    expect(headings(card)).toEqual(expect.arrayContaining(principleNames));
    expect(words).toContain(t.pulse(100, 5, 5));
    expect(words).toContain('Priya Shah to update');
    expect(words).not.toContain(COMMENT);
    expect(words).toContain(catalogue.measures.find((m) => m.level === 'unit')!.label);
    expect(buttonTitles(card)).toEqual([t.previousWeek]);
  });

  it('steps to the previous week and back, and refuses a crafted unit', async () => {
    const bot = await ready();
    await answered(bot);
    const card = cardOf((await bot.send(message('personal', 'digest')))[0]);
    const previous = card?.actions?.find((action) => action.verb === verbs.digestPrevious);
    expect(previous?.data).toMatchObject({ unitId: TEAM.id, cycleId: '2026-W47' });

    const [back] = await bot.send(cardAction(verbs.digestPrevious, previous?.data));
    expect(cardText(cardOf(back))).toContain(t.noWeek('16 November 2026'));
    expect(buttonTitles(cardOf(back))).toEqual([t.nextWeek]);
    const next = cardOf(back)?.actions?.[0];
    const [forward] = await bot.send(cardAction(verbs.digestNext, next?.data));
    expect(cardText(cardOf(forward))).toContain(t.digestTitle('Ward 7'));

    const [crafted] = await bot.send(cardAction(verbs.digestPrevious, { ...previous?.data, unitId: WARD_9 }));
    expect(cardText(cardOf(crafted))).toContain(SEE_UNIT_REFUSAL);
    const [broken] = await bot.send(cardAction(verbs.digestNext, { cardId: 'x', unitId: TEAM.id }));
    expect(cardText(cardOf(broken))).toContain(text.errors.badInput);
  });

  it('refuses staff, and says so kindly when there is no check-in yet', async () => {
    const bot = await ready();
    const [staff] = await bot.send(as(STAFFER, message('personal', 'digest')));
    expect(staff?.text).toBe(SEE_UNIT_REFUSAL);
    expect((await bot.store.auditEntries({ limit: 1 }))[0]).toMatchObject({
      action: 'seeUnit',
      outcome: 'refused',
    });
    const [none] = await bot.send(message('personal', 'digest'));
    expect(none?.text).toBe(t.noCycle);
  });

  it('shows a unit with no answers and no actions a kind empty state', async () => {
    const bot = await ready();
    await bot.deps.checkinCycles.openNow(LEAD.aadObjectId);
    const words = cardText(cardOf((await bot.send(message('personal', 'digest')))[0]));
    expect(words).toContain(t.empty.title);
    for (const step of t.empty.manager) expect(words).toContain(step);
  });

  it('offers a lead who sees many units a choice, then shows the one chosen below it', async () => {
    const bot = await ready();
    for (const n of [11, 12, 13])
      await bot.store.saveUnit({
        id: `ward-${n}`,
        name: `Ward ${n}`,
        level: 'unit',
        tracked: true,
        createdAt: '2026-11-01T00:00:00Z',
        createdBy: LEAD.aadObjectId,
      });
    await answered(bot);
    const replies = await bot.send(as(LEAD, message('personal', 'digest')));
    expect(replies).toHaveLength(2);
    expect(cardText(cardOf(replies[0]))).toContain(text.organisation.digestTitle());
    const chooser = cardOf(replies[1]);
    expect(cardText(chooser)).toContain(t.chooserIntro);
    const show = chooser?.actions?.find((action) => action.verb === verbs.digestShow);
    const shown = await bot.send(as(LEAD, cardAction(verbs.digestShow, { ...show?.data, unitId: TEAM.id })));
    const digest = shown.map(cardOf).find((card) => cardText(card).includes(t.digestTitle('Ward 7')));
    expect(headings(digest)).toEqual(expect.arrayContaining(principleNames));
    const answer = shown.find((reply) => reply.type === 'invokeResponse');
    expect(cardText(cardOf(answer))).toContain(t.below('Ward 7'));

    // A manager cannot use the choice to see a unit they do not manage.
    const [crafted] = await bot.send(
      as(OTHER_MANAGER, cardAction(verbs.digestShow, { cardId: 'x', unitId: TEAM.id })),
    );
    expect(cardText(cardOf(crafted))).toContain(SEE_UNIT_REFUSAL);
  });
});

const ORG = 'org-trust';
const o = text.organisation;
const LEADS_ONLY = text.refusals.sentence(text.refusals.who['leads and admins'], o.refusedWhat);

/** "Northshire Trust" as an organisation unit, with Ward 7 in it. */
async function withOrganisation(bot: Bot) {
  await bot.store.saveUnit({
    id: ORG,
    name: 'Northshire Trust',
    level: 'organisation',
    tracked: true,
    createdAt: '2026-11-01T00:00:00Z',
    createdBy: LEAD.aadObjectId,
  });
  await bot.store.saveUnit({ ...(await bot.store.unit(TEAM.id))!, parentId: ORG });
}

describe('bot: the organisation digest in `digest`', () => {
  it('shows a lead the organisation digest first, then each unit’s digest', async () => {
    const bot = await ready();
    await withOrganisation(bot);
    await answered(bot);
    const replies = await bot.send(as(LEAD, message('personal', 'digest')));
    const cards = replies.map((reply) => cardText(cardOf(reply)));
    expect(cards[0]).toContain(o.digestTitle('Northshire Trust'));
    expect(cards[0]).toContain(t.preview('29 November 2026'));
    expect(cards[0]).toContain(o.compareHeading);
    expect(cards.slice(1).join('\n')).toContain(t.digestTitle('Ward 7'));
    expect(cards[0]).not.toContain(COMMENT);
    // Ward 7 has five answers and is compared; Ward 9 has none and is not.
    const facts = elements(cardOf(replies[0])).flatMap((node) =>
      node['type'] === 'FactSet' ? (node['facts'] as { title: string; value: string }[]) : [],
    );
    expect(facts).toContainEqual({ title: 'Ward 7', value: o.rateFigure(71, 5, 7) });
    expect(facts.map((fact) => fact.title)).not.toContain('Ward 9');
  });

  it('shows a manager only their own units’ digests', async () => {
    const bot = await ready();
    await answered(bot);
    const replies = await bot.send(message('personal', 'digest'));
    expect(replies).toHaveLength(1);
    expect(cardText(cardOf(replies[0]))).not.toContain(o.digestTitle());
  });
});

describe('bot: post organisation summaries here', () => {
  it('lets a lead choose a channel for the organisation summary, and stop it', async () => {
    const bot = await ready();
    await withOrganisation(bot);
    const [reply] = await bot.send(as(LEAD, message('channel', 'post organisation summaries here')));
    expect(reply?.text).toBe(o.here('Northshire Trust'));
    expect((await bot.store.unit(ORG))?.summaryChannelId).toBe(TEAM.id);
    // The team's own summary is a different choice, and stays as it was.
    expect((await bot.store.unit(TEAM.id))?.summaryChannelId).toBeUndefined();
    const [again] = await bot.send(as(LEAD, message('channel', 'Post organisation summary here.')));
    expect(again?.text).toBe(o.alreadyHere('Northshire Trust'));
    const [stopped] = await bot.send(as(LEAD, message('channel', 'stop organisation summaries here')));
    expect(stopped?.text).toBe(o.stoppedHere('Northshire Trust'));
    const [nothing] = await bot.send(as(LEAD, message('channel', 'stop organisation summaries here')));
    expect(nothing?.text).toBe(o.notHere('Northshire Trust'));
    const audit = (await bot.store.auditEntries({ limit: 10 })).map((e) => [e.action, e.targets]);
    expect(audit).toEqual(
      expect.arrayContaining([
        ['summaries.here', [ORG, TEAM.id]],
        ['summaries.stop', [ORG, TEAM.id]],
      ]),
    );
  });

  it.each([
    ['the team’s manager', PRIYA],
    ['staff', STAFFER],
  ])('refuses %s, saying who may, and audits it', async (_who, person) => {
    const bot = await ready();
    await withOrganisation(bot);
    const [reply] = await bot.send(as(person, message('channel', 'post organisation summaries here')));
    expect(reply?.text).toBe(LEADS_ONLY);
    expect((await bot.store.unit(ORG))?.summaryChannelId).toBeUndefined();
    expect((await bot.store.auditEntries({ limit: 1 }))[0]).toMatchObject({
      actor: person.aadObjectId,
      action: 'seeUnit',
      outcome: 'refused',
    });
  });

  it('asks for an organisation unit first, and for a channel', async () => {
    const bot = await ready();
    const [none] = await bot.send(as(LEAD, message('channel', 'post organisation summaries here')));
    expect(none?.text).toBe(o.noOrganisation);
    expect(none?.text).toContain('“units”');
    const [personal] = await bot.send(as(LEAD, message('personal', 'post organisation summaries here')));
    expect(personal?.text).toBe(text.tracking.onlyInChannel);
    // Two organisations, and this team in neither: which one is not clear.
    await withOrganisation(bot);
    await bot.store.saveUnit({ ...(await bot.store.unit(ORG))!, id: 'org-2', name: 'Southshire Trust' });
    await bot.store.saveUnit({ ...(await bot.store.unit(TEAM.id))!, parentId: 'elsewhere' });
    const [unclear] = await bot.send(as(LEAD, message('channel', 'post organisation summaries here')));
    expect(unclear?.text).toBe(o.unclear);
  });
});

describe('bot: post summaries now', () => {
  it('posts the finished week’s summaries and digests once, for leads only', async () => {
    const bot = await ready();
    await bot.send(message('channel', 'post summaries here'));
    await answered(bot);
    const [early] = await bot.send(as(LEAD, message('personal', 'post summaries now')));
    expect(early?.text).toBe(t.noClosedCycle);

    bot.at('2026-11-30T08:30:00Z');
    const [manager] = await bot.send(message('personal', 'post summaries now'));
    expect(manager?.text).toBe(RUN_NOW_REFUSAL);
    const [posted] = await bot.send(as(LEAD, message('personal', 'Post summaries now')));
    expect(posted?.text).toBe(
      'Done. Posted 1 summary and 2 digests for the week of 23 November 2026. The organisation digest goes to 1 partnership lead.',
    );
    const [again] = await bot.send(as(LEAD, message('personal', 'post summaries now')));
    expect(again?.text).toBe(t.alreadyPosted('23 November 2026'));
    expect(await bot.store.batchDeliveries('summaries:2026-W48')).toHaveLength(1);
    expect(await bot.store.batchDeliveries('digests:2026-W48')).toHaveLength(2);
    expect(await bot.store.batchDeliveries('org-digests:2026-W48')).toHaveLength(1);
  });
});

describe('bot: the weekly summary as it lands', () => {
  async function posted(connector: FakeConnector) {
    const bot = await ready(connector.url);
    const channel = { ...message('channel', 'post summaries here'), serviceUrl: connector.url };
    await bot.send(channel);
    await bot.send({ ...message('personal', 'help'), serviceUrl: connector.url });
    const cycle = await answered(bot);
    bot.at('2026-11-30T08:00:00Z');
    const sender = createTeamsSender(bot.deps, '28:bot', async () => undefined);
    const sendAll = async (batchId: string) => {
      for (const delivery of await bot.store.batchDeliveries(batchId))
        expect(await sender.send(delivery, (request) => request())).toMatchObject({ ok: true });
    };
    return { ...bot, cycle, sender, sendAll };
  }

  const cardsTo = (connector: FakeConnector, conversationId: string) =>
    connector.sent
      .filter((sent) => sent.conversationId === conversationId)
      .map((sent) => (sent.activity['attachments'] as { content: Card }[])[0]!.content);

  it('lands in the channel once across two runs of the weekly job, with no names and no comments', async () => {
    const connector = await startFakeConnector();
    cleanups.push(() => connector.close());
    const bot = await posted(connector);
    expect(await bot.deps.summaries.postDue()).toMatchObject({ kind: 'posted', summaries: 1, digests: 2 });
    expect(await bot.deps.summaries.postDue()).toMatchObject({ kind: 'posted' });
    await bot.sendAll(`summaries:${bot.cycle.id}`);

    const cards = cardsTo(connector, TEAM.id);
    expect(cards).toHaveLength(1);
    const card = cards[0]!;
    expect(cardProblems(card)).toEqual([]);
    const words = cardText(card);
    expect(words).toContain(t.summaryTitle('Ward 7'));
    expect(words).toContain(t.why.channel('Ward 7'));
    expect(words).not.toContain('Preview');
    expect(headings(card)).toEqual(expect.arrayContaining(principleNames));
    expect(buttonTitles(card)).toEqual([]);
    for (const secret of ['Priya', 'Staff 0', COMMENT, PRIYA.aadObjectId])
      expect(JSON.stringify(card)).not.toContain(secret);
  });

  it('brings each manager their digest, naming owners, only while they manage the unit', async () => {
    const connector = await startFakeConnector();
    cleanups.push(() => connector.close());
    const bot = await posted(connector);
    await bot.deps.summaries.postDue();
    const digests = await bot.store.batchDeliveries(`digests:${bot.cycle.id}`);
    const digest = digests.find(
      (d) => d.recipient.kind === 'person' && d.recipient.aadObjectId === PRIYA.aadObjectId,
    );
    expect(await bot.sender.send(digest!, (request) => request())).toMatchObject({ ok: true });
    const card = cardsTo(connector, 'a:personal-priya')[0];
    expect(cardProblems(card)).toEqual([]);
    expect(cardText(card)).toContain(t.why.manager('Ward 7'));
    expect(cardText(card)).toContain('Priya Shah to update');
    expect(buttonTitles(card)).toEqual([t.previousWeek]);

    // Roles change before a retry: the digest names people, so it is not sent.
    await bot.store.saveRoles(PRIYA.aadObjectId, { admin: false, lead: false, managerOf: [] });
    expect(await bot.sender.send(digest!, (request) => request())).toMatchObject({
      ok: false,
      code: 'UnknownCard',
    });
  });

  it('brings each lead the organisation digest, and the organisation’s channel its summary, only while they may see it', async () => {
    const connector = await startFakeConnector();
    cleanups.push(() => connector.close());
    const bot = await posted(connector);
    await withOrganisation(bot);
    await bot.store.saveUnit({ ...(await bot.store.unit(ORG))!, summaryChannelId: TEAM.id });
    await bot.store.saveUnit({ ...(await bot.store.unit(TEAM.id))!, summaryChannelId: '19:other' });
    expect(await bot.deps.summaries.postDue()).toMatchObject({ organisationDigests: 1 });
    const [toLead] = await bot.store.batchDeliveries(`org-digests:${bot.cycle.id}`);
    await bot.store.saveRoles(PRIYA.aadObjectId, { admin: false, lead: true, managerOf: [TEAM.id] });
    // Priya has a chat with the bot; Lee does not, so the lead's copy is sent to her for the test.
    const delivery = { ...toLead!, recipient: { kind: 'person' as const, aadObjectId: PRIYA.aadObjectId } };
    expect(await bot.sender.send(delivery, (request) => request())).toMatchObject({ ok: true });
    const card = cardsTo(connector, 'a:personal-priya')[0];
    expect(cardProblems(card)).toEqual([]);
    expect(cardText(card)).toContain(o.digestTitle('Northshire Trust'));
    expect(cardText(card)).toContain(o.why.lead);
    expect(cardText(card)).not.toContain('Preview');

    const summary = (await bot.store.batchDeliveries(`summaries:${bot.cycle.id}`)).find(
      (d) => d.content.card === 'orgSummary',
    )!;
    expect(await bot.sender.send(summary, (request) => request())).toMatchObject({ ok: true });
    const channel = cardsTo(connector, TEAM.id).find((c) =>
      cardText(c).includes(o.summaryTitle('Northshire Trust')),
    );
    expect(cardProblems(channel)).toEqual([]);
    expect(cardText(channel)).toContain(o.why.channel);
    for (const secret of ['Priya', 'Staff 0', COMMENT]) expect(JSON.stringify(channel)).not.toContain(secret);

    // No longer a lead: the organisation digest is not sent. Nor is a summary addressed to a person.
    await bot.store.saveRoles(PRIYA.aadObjectId, { admin: false, lead: false, managerOf: [TEAM.id] });
    for (const refused of [delivery, { ...summary, recipient: delivery.recipient }])
      expect(await bot.sender.send(refused, (request) => request())).toMatchObject({
        ok: false,
        code: 'UnknownCard',
      });
  });

  it('renders nothing for an unknown unit or cycle, or a summary addressed to a person', async () => {
    const connector = await startFakeConnector();
    cleanups.push(() => connector.close());
    const bot = await posted(connector);
    await bot.deps.summaries.postDue();
    const [summary] = await bot.store.batchDeliveries(`summaries:${bot.cycle.id}`);
    const unknown = [
      { ...summary!, content: { card: 'summary', data: { unitId: 'nowhere', cycleId: bot.cycle.id } } },
      { ...summary!, content: { card: 'summary', data: { unitId: TEAM.id, cycleId: '2020-W01' } } },
      { ...summary!, content: { card: 'summary', data: { unitId: TEAM.id } } },
      { ...summary!, recipient: { kind: 'person' as const, aadObjectId: PRIYA.aadObjectId } },
    ];
    for (const delivery of unknown)
      expect(await bot.sender.send(delivery, (request) => request())).toMatchObject({
        ok: false,
        code: 'UnknownCard',
      });
  });
});
