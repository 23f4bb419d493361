// "set up check-ins" through the teams-ai pipeline: a manager chooses their unit's principles, owner and
// deputy; everyone else is refused, whatever the card sent. And the notices that follow a person leaving,
// rendered by the Teams sender against the loopback Bot Connector.
import { afterEach, describe, expect, it } from '@jest/globals';
import type { Activity } from 'botbuilder';
import { createTeamsSender } from '../../src/bot/teams-sender.js';
import { verbs } from '../../src/bot/verbs.js';
import { NO_ONE } from '../../src/cards/unit-setup-card.js';
import type { Store } from '../../src/store/store.js';
import { text } from '../../src/text/index.js';
import { samplePerson, TENANT } from '../support/bot-deps.js';
import { harness } from '../support/bot-harness.js';
import { buttonTitles, cardOf, cardText, type Card } from '../support/cards.js';
import { startFakeConnector } from '../support/fake-connector.js';
import { cardAction, message, PRIYA, TEAM } from '../support/teams-activities.js';
import { cardProblems } from '../support/validate-card.js';

const t = text.unitSetup;
const SAM = { id: '29:sam', name: 'Sam Smith', aadObjectId: 'aad-sam' };
const ALEX = { id: '29:alex', name: 'Alex Jones', aadObjectId: 'aad-alex' };
const OLU = { id: '29:olu', name: 'Olu Ade', aadObjectId: 'aad-olu' };
const LEAD = { id: '29:lead', name: 'Lee Lead', aadObjectId: 'aad-lead' };
const WARD_8 = '19:ward-8@thread.tacv2';

type Who = typeof SAM;
const as = <T extends Partial<Activity>>(who: Who, activity: T): T => ({ ...activity, from: who });

/**
 * Ward 7 (Priya manages it; Sam and Alex are in it) and Ward 8 (Olu is in it; nobody manages it) use
 * check-ins; Lee is a partnership lead. Monday 23 November 2026.
 */
async function trust(store: Store, serviceUrl = 'https://smba.example.test/emea/') {
  for (const who of [PRIYA, SAM, ALEX, OLU, LEAD])
    await store.savePerson(
      samplePerson({ aadObjectId: who.aadObjectId, teamsUserId: who.id, name: who.name }),
    );
  const team = (id: string, name: string, members: string[]) => ({
    id,
    name,
    tenantId: TENANT,
    serviceUrl,
    state: 'active' as const,
    channels: [],
    members: Object.fromEntries(members.map((member) => [member, { addedAt: '2026-11-01T00:00:00Z' }])),
    installed: true,
  });
  await store.saveTeam(team(TEAM.id, TEAM.name, [PRIYA.aadObjectId, SAM.aadObjectId, ALEX.aadObjectId]));
  await store.saveTeam(team(WARD_8, 'Ward 8', [OLU.aadObjectId]));
  for (const [id, name] of [
    [TEAM.id, TEAM.name],
    [WARD_8, 'Ward 8'],
  ] as const) {
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

async function ready() {
  const bot = harness();
  await trust(bot.store);
  return bot;
}

type Node = Record<string, unknown>;
function inputOf(card: Card | undefined, id: string): Node | undefined {
  let found: Node | undefined;
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if ((node as Node)['id'] === id) found = node as Node;
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return found;
}
const saveData = (card: Card | undefined) =>
  card?.actions?.find((action) => action.verb === verbs.unitSetupSave)?.data ?? {};
const latestAudit = async (store: Store) => (await store.auditEntries({ limit: 1 }))[0];

describe('bot: setting up a unit’s check-ins', () => {
  it('lets a manager choose principles, an owner and a deputy, and stores and audits them', async () => {
    const { send, store } = await ready();
    const [reply] = await send(message('personal', 'set up check-ins'));
    const card = cardOf(reply);
    expect(cardText(card)).toContain(t.title('Ward 7'));
    expect(inputOf(card, 'principles')?.['value']).toBe('p1,p2,p3,p4,p5,p6');
    expect(inputOf(card, 'owner')?.['value']).toBe(NO_ONE);
    expect(buttonTitles(card)).toEqual([t.save]);

    const [saved] = await send(
      cardAction(verbs.unitSetupSave, {
        ...saveData(card),
        principles: 'p1,p3',
        owner: SAM.aadObjectId,
        deputy: ALEX.aadObjectId,
      }),
    );
    expect(cardText(cardOf(saved))).toContain(t.saved(2, t.answerers.ownerAndDeputy(SAM.name, ALEX.name)));
    expect(inputOf(cardOf(saved), 'principles')?.['value']).toBe('p1,p3');
    expect(inputOf(cardOf(saved), 'deputy')?.['value']).toBe(ALEX.aadObjectId);
    expect((await store.unit(TEAM.id))?.checkins).toEqual({
      principles: ['p1', 'p3'],
      owner: SAM.aadObjectId,
      deputy: ALEX.aadObjectId,
    });
    expect(await latestAudit(store)).toMatchObject({
      actor: PRIYA.aadObjectId,
      action: 'unit.checkins',
      targets: [TEAM.id],
    });
  });

  it('accepts "check-in setup" too, and "No one" leaves the managers answering', async () => {
    const { send, store } = await ready();
    const [reply] = await send(message('personal', 'Check-in setup'));
    const [saved] = await send(
      cardAction(verbs.unitSetupSave, { ...saveData(cardOf(reply)), principles: 'p2', owner: NO_ONE }),
    );
    expect(cardText(cardOf(saved))).toContain(t.saved(1, t.answerers.managers));
    expect((await store.unit(TEAM.id))?.checkins).toEqual({ principles: ['p2'] });
  });

  it('refuses staff, saying who may, and audits the refusal', async () => {
    const { send, store } = await ready();
    const [reply] = await send(as(SAM, message('personal', 'set up check-ins')));
    expect(reply?.text).toBe(
      'Only managers, partnership leads and admins can change this unit. Nothing has been changed.',
    );
    expect(await latestAudit(store)).toMatchObject({ action: 'manageUnit', outcome: 'refused' });
  });

  it('refuses a crafted save for a unit the manager does not manage, and changes nothing', async () => {
    const { send, store } = await ready();
    const crafted = { cardId: 'crafted-1', unitId: WARD_8, principles: 'p1', owner: OLU.aadObjectId };
    const [reply] = await send(cardAction(verbs.unitSetupSave, crafted));
    expect(cardText(cardOf(reply))).toContain(text.errors.refusedTitle);
    expect((await store.unit(WARD_8))?.checkins).toBeUndefined();
    expect(await latestAudit(store)).toMatchObject({
      action: 'manageUnit',
      outcome: 'refused',
      targets: [WARD_8],
    });
    const [shown] = await send(cardAction(verbs.unitSetupShow, { cardId: 'crafted-2', unitId: WARD_8 }));
    expect(cardText(cardOf(shown))).not.toContain(t.title('Ward 8'));
  });

  it('keeps the person’s choices and names what to fix: the same deputy as owner', async () => {
    const { send, store } = await ready();
    const [reply] = await send(message('personal', 'set up check-ins'));
    const [problem] = await send(
      cardAction(verbs.unitSetupSave, {
        ...saveData(cardOf(reply)),
        principles: 'p1,p3',
        owner: SAM.aadObjectId,
        deputy: SAM.aadObjectId,
      }),
    );
    const card = cardOf(problem);
    expect(cardText(card)).toContain(t.problemHeading);
    expect(cardText(card)).toContain(t.problems.sameDeputy);
    expect(inputOf(card, 'principles')?.['value']).toBe('p1,p3');
    expect(inputOf(card, 'owner')?.['value']).toBe(SAM.aadObjectId);
    expect(inputOf(card, 'deputy')?.['value']).toBe(SAM.aadObjectId);
    expect((await store.unit(TEAM.id))?.checkins).toBeUndefined();
  });

  it('keeps the person’s choices and names what to fix: someone not in the unit', async () => {
    const { send, store } = await ready();
    const [reply] = await send(message('personal', 'set up check-ins'));
    const [problem] = await send(
      cardAction(verbs.unitSetupSave, {
        ...saveData(cardOf(reply)),
        principles: 'p4,p6',
        owner: OLU.aadObjectId,
        deputy: ALEX.aadObjectId,
      }),
    );
    expect(cardText(cardOf(problem))).toContain(t.problems.notACandidate);
    expect(inputOf(cardOf(problem), 'principles')?.['value']).toBe('p4,p6');
    expect(inputOf(cardOf(problem), 'deputy')?.['value']).toBe(ALEX.aadObjectId);
    expect((await store.unit(TEAM.id))?.checkins).toBeUndefined();
  });

  it('treats unknown or missing principles as something to fix, not a failure', async () => {
    const { send, store } = await ready();
    const [reply] = await send(message('personal', 'set up check-ins'));
    const [unknown] = await send(
      cardAction(verbs.unitSetupSave, { ...saveData(cardOf(reply)), principles: 'p1,p9' }),
    );
    expect(cardText(cardOf(unknown))).toContain(t.problems.unknownPrinciples);
    expect(inputOf(cardOf(unknown), 'principles')?.['value']).toBe('p1');
    const [none] = await send(
      cardAction(verbs.unitSetupSave, { ...saveData(cardOf(unknown)), principles: '' }),
    );
    expect(cardText(cardOf(none))).toContain(t.problems.noPrinciples);
    expect((await store.unit(TEAM.id))?.checkins).toBeUndefined();
    const [bad] = await send(
      cardAction(verbs.unitSetupSave, { ...saveData(cardOf(none)), principles: 'p1,'.repeat(100) }),
    );
    expect(cardText(cardOf(bad))).toContain(text.errors.badInput);
  });

  it('stores once when the same card is saved twice', async () => {
    const { send, store } = await ready();
    const [reply] = await send(message('personal', 'set up check-ins'));
    const data = { ...saveData(cardOf(reply)), principles: 'p1,p3', owner: SAM.aadObjectId };
    await send(cardAction(verbs.unitSetupSave, data));
    const [again] = await send(cardAction(verbs.unitSetupSave, { ...data, principles: 'p5' }));
    expect(cardText(cardOf(again))).toContain(text.notices.alreadyDone);
    expect((await store.unit(TEAM.id))?.checkins).toEqual({
      principles: ['p1', 'p3'],
      owner: SAM.aadObjectId,
    });
    const audits = (await store.auditEntries({ limit: 10 })).filter(
      (entry) => entry.action === 'unit.checkins',
    );
    expect(audits).toHaveLength(1);
  });

  it('gives a lead the list of units first, then the one they choose', async () => {
    const { send } = await ready();
    const [reply] = await send(as(LEAD, message('personal', 'set up check-ins')));
    const list = cardOf(reply);
    expect(cardText(list)).toContain(t.chooserTitle);
    expect(inputOf(list, 'unit')).toMatchObject({ label: t.unitLabel });
    const show = list?.actions?.find((action) => action.title === t.show);
    const [chosen] = await send(as(LEAD, cardAction(verbs.unitSetupShow, { ...show?.data, unit: WARD_8 })));
    expect(cardText(cardOf(chosen))).toContain(t.title('Ward 8'));
    expect(buttonTitles(cardOf(chosen))).toEqual([t.save, t.otherUnit]);
    const [nothing] = await send(as(LEAD, cardAction(verbs.unitSetupShow, { ...show?.data, unit: '' })));
    expect(cardText(cardOf(nothing))).toContain(t.chooseUnit);
  });

  it('tells a manager whose unit does not use check-ins that there is nothing to set up yet', async () => {
    const { send, store } = await ready();
    await store.saveUnit({ ...(await store.unit(TEAM.id))!, tracked: false });
    const [reply] = await send(message('personal', 'set up check-ins'));
    expect(reply?.text).toBe(t.noUnits);
  });

  it('says in words when the saved owner is no longer in the unit', async () => {
    const { send, store } = await ready();
    await store.saveUnit({
      ...(await store.unit(TEAM.id))!,
      checkins: { principles: ['p1'], owner: OLU.aadObjectId },
    });
    const [reply] = await send(message('personal', 'set up check-ins'));
    expect(cardText(cardOf(reply))).toContain(t.gone('owner', OLU.name));
    expect(inputOf(cardOf(reply), 'owner')?.['value']).toBe(NO_ONE);
  });
});

describe('bot: help shows each person the commands they may use', () => {
  const commandsFor = async (who: Who) => {
    const { send } = await ready();
    const card = cardOf((await send(as(who, message('personal', 'help'))))[0]);
    return { text: cardText(card), buttons: buttonTitles(card) };
  };

  it('offers staff the Check-in button and their own commands only', async () => {
    const staff = await commandsFor(SAM);
    expect(staff.buttons).toEqual([
      text.buttons.checkin,
      text.buttons.logAction,
      text.buttons.snooze,
      text.buttons.stop,
    ]);
    expect(staff.text).toContain('status');
    expect(staff.text).not.toContain('set up check-ins');
    expect(staff.text).not.toContain('send check-ins now');
  });

  it('adds "set up check-ins" for a manager, and "send check-ins now" for a lead', async () => {
    const manager = await commandsFor(PRIYA);
    expect(manager.text).toContain('set up check-ins');
    expect(manager.text).not.toContain('send check-ins now');
    const lead = await commandsFor(LEAD);
    expect(lead.text).toContain('set up check-ins');
    expect(lead.text).toContain('send check-ins now');
    expect(lead.text).not.toContain(text.help.adminCommands[0]!.description);
  });
});

describe('bot: notices when a measure owner leaves', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('closes the leaver’s check-in card, and asks the manager to choose a new owner', async () => {
    const connector = await startFakeConnector();
    cleanups.push(() => connector.close());
    const bot = harness();
    const { deps, store, send } = bot;
    await trust(store, connector.url);
    await store.saveUnit({
      ...(await store.unit(TEAM.id))!,
      checkins: { principles: ['p1', 'p3'], owner: SAM.aadObjectId },
    });
    const sender = createTeamsSender(deps, '28:bot', async () => undefined);
    const gate = <T>(request: () => Promise<T>) => request();
    const sendBatch = async (batchId: string) => {
      const results = [];
      for (const delivery of await store.batchDeliveries(batchId))
        results.push(await sender.send(delivery, gate));
      return results;
    };

    await deps.checkinCycles.openNow(LEAD.aadObjectId);
    // Lee, a lead in no tracked team, cannot be reached; Sam's pulse and measures cards land.
    await sendBatch('checkins:2026-W48');

    const team = (await store.team(TEAM.id))!;
    await store.saveTeam({
      ...team,
      members: {
        ...team.members,
        [SAM.aadObjectId]: { addedAt: '2026-11-01T00:00:00Z', removedAt: '2026-11-23T10:00:00Z' },
      },
    });
    await deps.ownerChanges.left(TEAM.id, [SAM.aadObjectId]);

    expect((await sendBatch('left:2026-W48')).every((result) => result.ok)).toBe(true);
    expect(connector.updated).toHaveLength(2);
    for (const update of connector.updated) {
      const card = (update.activity['attachments'] as { content: unknown }[])[0]?.content;
      expect(cardProblems(card)).toEqual([]);
      expect(cardText(card)).toContain(text.checkins.leftUnit('Ward 7'));
    }

    const before = connector.sent.length;
    expect((await sendBatch('owners:2026-11-23')).every((result) => result.ok)).toBe(true);
    const notices = connector.sent.slice(before);
    expect(notices).toHaveLength(1);
    const notice = (notices[0]!.activity['attachments'] as { content: Card }[])[0]!.content;
    expect(cardProblems(notice)).toEqual([]);
    expect(cardText(notice)).toContain(
      'Sam Smith has left Ward 7. They were the owner of Ward 7’s measures.',
    );
    expect(cardText(notice)).toContain(text.ownerGone.why.manager('Ward 7'));
    const choose = notice.actions?.find((action) => action.title === text.ownerGone.button.owner);
    expect(choose?.verb).toBe(verbs.unitSetupShow);

    const [shown] = await send(cardAction(verbs.unitSetupShow, choose?.data));
    expect(cardText(cardOf(shown))).toContain(t.gone('owner', SAM.name));
    expect(inputOf(cardOf(shown), 'principles')?.['value']).toBe('p1,p3');
  });

  it('renders nothing for an owner-gone notice it cannot read', async () => {
    const { deps } = await ready();
    const sender = createTeamsSender(deps, '28:bot', async () => undefined);
    const result = await sender.send(
      {
        id: 'x',
        batchId: 'owners:2026-11-23',
        kind: 'notice',
        recipient: { kind: 'person', aadObjectId: PRIYA.aadObjectId },
        content: { card: 'ownerGone', data: { unitId: TEAM.id, role: 'boss' } },
        respectsQuietHours: true,
        notBefore: '2026-11-23T10:00:00Z',
        attempts: 0,
        state: 'pending',
        possiblyDuplicated: false,
        createdAt: '2026-11-23T10:00:00Z',
        updatedAt: '2026-11-23T10:00:00Z',
      },
      (request) => request(),
    );
    expect(result).toEqual({ ok: false, status: 400, code: 'UnknownCard' });
  });
});
