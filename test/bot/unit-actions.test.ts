// "unit actions" through the teams-ai pipeline: a manager sees the actions of the units they manage, a lead
// those of every tracked unit, staff are refused (and the refusal audited), five a page with Older and Newer,
// and a crafted page shows only the units the person may see.
import { describe, expect, it } from '@jest/globals';
import type { Activity } from 'botbuilder';
import { verbs } from '../../src/bot/verbs.js';
import type { Store } from '../../src/store/store.js';
import { text } from '../../src/text/index.js';
import { samplePerson, TENANT } from '../support/bot-deps.js';
import { harness } from '../support/bot-harness.js';
import { buttonTitles, cardOf, cardText, elements, type Card } from '../support/cards.js';
import { cardAction, message, PRIYA, TEAM } from '../support/teams-activities.js';

const t = text.actions;
const u = t.unitList;
const SAM = { id: '29:sam', name: 'Sam Smith', aadObjectId: 'aad-sam' };
const OLU = { id: '29:olu', name: 'Olu Ade', aadObjectId: 'aad-olu' };
const LEAD = { id: '29:lead', name: 'Lee Lead', aadObjectId: 'aad-lead' };
const WARD_8 = '19:ward-8@thread.tacv2';
type Who = typeof SAM;

const as = <T extends Partial<Activity>>(who: Who, activity: T): T => ({ ...activity, from: who });

const entry = (title: string) => ({
  type: 'community-outreach',
  title,
  date: '2026-11-20',
  principles: 'p4',
  patients: '3',
  carers: '0',
  public: '40',
  depth: 'involve',
  noPatient: 'true',
});

/** Priya manages Ward 7, where Sam works; Olu works on Ward 8, which nobody manages; Lee is a lead. */
async function trust(store: Store) {
  for (const who of [PRIYA, SAM, OLU, LEAD])
    await store.savePerson(
      samplePerson({ aadObjectId: who.aadObjectId, teamsUserId: who.id, name: who.name }),
    );
  for (const [id, name, member] of [
    [TEAM.id, TEAM.name, SAM.aadObjectId],
    [WARD_8, 'Ward 8', OLU.aadObjectId],
  ] as const) {
    await store.saveTeam({
      id,
      name,
      tenantId: TENANT,
      serviceUrl: 'https://smba.example.test/emea/',
      state: 'active',
      channels: [],
      members: { [member]: { addedAt: '2026-11-01T00:00:00Z' } },
      installed: true,
    });
    await store.saveUnit({
      id,
      name,
      level: 'unit',
      teamId: id,
      tracked: true,
      createdAt: '2026-11-01T00:00:00Z',
      createdBy: LEAD.aadObjectId,
    });
  }
  await store.saveRoles(PRIYA.aadObjectId, { admin: false, lead: false, managerOf: [TEAM.id] });
  await store.saveRoles(LEAD.aadObjectId, { admin: false, lead: true, managerOf: [] });
}

/** Sam logs `ward7` actions for Ward 7 a minute apart, then Olu one for Ward 8. */
async function ready(ward7 = 2) {
  let now = new Date('2026-11-23T10:00:00Z').getTime();
  const bot = harness({ clock: () => new Date(now) });
  await trust(bot.store);
  const log = async (who: Who, title: string) => {
    now += 60_000;
    const outcome = await bot.deps.actions.log(who.aadObjectId, entry(title));
    if (outcome.kind !== 'saved') throw new Error(`not logged: ${outcome.kind}`);
    return outcome.action;
  };
  for (let i = 1; i <= ward7; i++) await log(SAM, `Ward 7 action ${i}`);
  const ward8 = await log(OLU, 'Ward 8 market stall');
  return { ...bot, ward8 };
}
type Bot = Awaited<ReturnType<typeof ready>>;

async function list(bot: Bot, who: Who = PRIYA) {
  const [reply] = await bot.send(as(who, message('personal', 'unit actions')));
  return { reply, card: cardOf(reply) };
}
const titles = (card: Card | undefined) =>
  cardText(card)
    .split('\n')
    .filter((line) => /^Ward \d (action \d|market stall)$/.test(line));
const latestAudit = async (store: Store) => (await store.auditEntries({ limit: 1 }))[0];

describe('bot: unit actions', () => {
  it('shows a manager the actions of the unit they manage, with counts, and no Edit or Delete', async () => {
    const bot = await ready();
    const { card } = await list(bot);
    expect(cardText(card)).toContain(u.title);
    expect(titles(card)).toEqual(['Ward 7 action 2', 'Ward 7 action 1']);
    const words = cardText(card);
    expect(words).toContain(u.unit('Ward 7'));
    expect(words).not.toContain('Ward 8');
    expect(words).toContain(u.depth(t.depths['involve']!));
    expect(words).toContain('People: fewer than 8 patients, 0 carers, 40 members of the public');
    expect(words).toContain(t.itemDetail(t.types['community-outreach']!, '20 November 2026'));
    expect(elements(card).filter((node) => node['type'] === 'Action.Execute')).toEqual([]);
  });

  it('shows a lead the actions of every tracked unit', async () => {
    const bot = await ready();
    const { card } = await list(bot, LEAD);
    expect(titles(card)).toEqual(['Ward 8 market stall', 'Ward 7 action 2', 'Ward 7 action 1']);
    expect(cardText(card)).toContain(u.unit('Ward 8'));
  });

  it('refuses staff, saying who may, and audits the refusal; a crafted page is refused too', async () => {
    const bot = await ready();
    const { reply } = await list(bot, SAM);
    expect(reply?.text).toBe(
      'Only managers, partnership leads and admins can see this unit’s results. Nothing has been changed.',
    );
    expect(await latestAudit(bot.store)).toMatchObject({
      actor: SAM.aadObjectId,
      action: 'seeUnit',
      outcome: 'refused',
    });
    const [page] = await bot.send(as(SAM, cardAction(verbs.actionsUnitPage, { cardId: 'forged' })));
    expect(cardText(cardOf(page))).toContain(text.errors.refusedTitle);
    expect(cardText(cardOf(page))).not.toContain('Ward 7 action');
  });

  it('pages through 7 actions five at a time, older and back to newer', async () => {
    const bot = await ready(7);
    const { card: first } = await list(bot);
    expect(titles(first)).toEqual([7, 6, 5, 4, 3].map((i) => `Ward 7 action ${i}`));
    expect(buttonTitles(first)).toEqual([t.older]);
    const press = async (card: Card | undefined) => {
      const data = card?.actions?.find((action) => action.verb === verbs.actionsUnitPage)?.data;
      return cardOf((await bot.send(cardAction(verbs.actionsUnitPage, data)))[0]);
    };
    const second = await press(first);
    expect(titles(second)).toEqual(['Ward 7 action 2', 'Ward 7 action 1']);
    expect(buttonTitles(second)).toEqual([t.newer]);
    const back = await press(second);
    expect(titles(back)).toEqual([7, 6, 5, 4, 3].map((i) => `Ward 7 action ${i}`));
  });

  it('shows a crafted page only the units the person may see', async () => {
    const bot = await ready();
    for (const crafted of [
      { cardId: 'crafted-1', unitIds: [WARD_8], unitId: WARD_8 },
      { cardId: 'crafted-2', before: bot.ward8.id, newer: [''], unitIds: [WARD_8] },
    ]) {
      const [reply] = await bot.send(cardAction(verbs.actionsUnitPage, crafted));
      const card = cardOf(reply);
      expect(cardText(card)).toContain(u.title);
      expect(cardText(card)).not.toContain('Ward 8');
      expect(titles(card)).toEqual(['Ward 7 action 2', 'Ward 7 action 1']);
    }
    const [bad] = await bot.send(cardAction(verbs.actionsUnitPage, { cardId: 'x', before: '../etc' }));
    expect(cardText(cardOf(bad))).toContain(text.errors.badInput);
  });

  it('is on the help card for managers and leads, and not for staff', async () => {
    const bot = await ready();
    const helpOf = async (who: Who) =>
      cardText(cardOf((await bot.send(as(who, message('personal', 'help'))))[0]));
    expect(await helpOf(PRIYA)).toContain('unit actions');
    expect(await helpOf(LEAD)).toContain('unit actions');
    expect(await helpOf(SAM)).not.toContain('unit actions');
  });
});
