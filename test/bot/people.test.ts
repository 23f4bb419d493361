// Roles, units and refusals through the real route table.
import { describe, expect, it } from '@jest/globals';
import type { Activity } from 'botbuilder';
import { channelCommands, personalCommands, verbs } from '../../src/bot/verbs.js';
import { text } from '../../src/text/index.js';
import { samplePerson } from '../support/bot-deps.js';
import { harness } from '../support/bot-harness.js';
import { buttonTitles, cardOf, cardText } from '../support/cards.js';
import { cardAction, message, TEAM } from '../support/teams-activities.js';

describe('bot: tracking a team', () => {
  it('refuses "track this team" from someone without a role, says who may, and audits it', async () => {
    const { send, store } = harness();
    await store.savePerson(samplePerson());
    const [reply] = await send(message('channel', 'track this team'));
    expect(reply?.text).toBe(
      'Only managers, partnership leads and admins can start or stop check-ins for a team. Nothing has been changed.',
    );
    expect(await store.unit(TEAM.id)).toBeUndefined();
    expect(await store.auditEntries({ limit: 5 })).toEqual([
      expect.objectContaining({
        actor: 'aad-priya',
        action: 'trackTeam',
        outcome: 'refused',
        targets: [TEAM.id],
      }),
    ]);
  });

  it('lets an admin track the team and stop tracking it, keeping the unit', async () => {
    const { send, store } = harness({ bootstrapAdmins: ['aad-priya'] });
    await store.savePerson(samplePerson());
    await send(message('channel', 'help'));
    await store.saveTeam({ ...(await store.team(TEAM.id))!, name: 'Ward 7' });
    expect((await send(message('channel', 'Track this team!')))[0]?.text).toBe(
      text.tracking.tracked('Ward 7'),
    );
    expect((await send(message('channel', 'track this team')))[0]?.text).toBe(
      text.tracking.alreadyTracked('Ward 7'),
    );
    expect((await send(message('channel', 'stop tracking this team')))[0]?.text).toBe(
      text.tracking.stopped('Ward 7'),
    );
    expect((await send(message('channel', 'stop tracking this team')))[0]?.text).toBe(
      text.tracking.notTracked('Ward 7'),
    );
    expect(await store.unit(TEAM.id)).toMatchObject({ tracked: false, teamId: TEAM.id });
  });

  it('asks for a channel when "track this team" is typed in a personal chat', async () => {
    const { send } = harness({ bootstrapAdmins: ['aad-priya'] });
    expect((await send(message('personal', 'track this team')))[0]?.text).toBe(text.tracking.onlyInChannel);
  });
});

describe('bot: who am I', () => {
  it('tells a person their roles and check-in unit in words', async () => {
    const { send, store } = harness();
    await store.savePerson(samplePerson());
    await store.saveRoles('aad-priya', { admin: false, lead: true, managerOf: [] });
    const card = cardOf((await send(message('personal', 'who am I?')))[0]);
    expect(cardText(card)).toContain('You are Priya Shah.');
    expect(cardText(card)).toContain(text.whoAmI.lead);
    expect(cardText(card)).toContain(text.whoAmI.notChosen);
  });
});

describe('bot: every listed command has a route of its own', () => {
  // The catch-all answers anything unknown with help; a listed command must answer differently.
  const answersDifferently = async (where: 'personal' | 'channel', command: string) => {
    const { send, store } = harness();
    await store.savePerson(samplePerson());
    const withoutIds = (reply: unknown) => JSON.stringify(reply ?? null).replace(/"card-\d+"/g, '"id"');
    const answer = async (typed: string) => {
      const [reply] = await send(message(where, typed));
      return withoutIds(cardOf(reply) ?? reply?.text);
    };
    return (await answer('xyzzy')) !== (await answer(command));
  };
  it.each(personalCommands.filter((c) => c !== 'help'))('personal: %s', async (command) => {
    expect(await answersDifferently('personal', command)).toBe(true);
  });
  it.each(channelCommands.filter((c) => c !== 'help'))('channel: %s', async (command) => {
    expect(await answersDifferently('channel', command)).toBe(true);
  });
  it('the check can fail: an unknown word answers like the catch-all', async () => {
    expect(await answersDifferently('personal', 'plugh')).toBe(false);
  });
});

describe('bot: roles', () => {
  async function adminWithColleague() {
    const built = harness({ bootstrapAdmins: ['aad-admin'] });
    await built.store.savePerson(
      samplePerson({ aadObjectId: 'aad-admin', teamsUserId: '29:admin', name: 'Ada Admin' }),
    );
    await built.store.savePerson(samplePerson());
    await built.store.saveUnit({
      id: 'ward-7',
      name: 'Ward 7',
      level: 'unit',
      teamId: 'ward-7',
      tracked: true,
      createdAt: '2026-11-01T00:00:00.000Z',
      createdBy: 'aad-admin',
    });
    const asAdmin = <T extends Partial<Activity>>(activity: T) => ({
      ...activity,
      from: { id: '29:admin', name: 'Ada Admin', aadObjectId: 'aad-admin' },
    });
    return { ...built, asAdmin };
  }

  it('refuses "roles" to someone who is not an admin, and audits it', async () => {
    const { send, store } = harness();
    await store.savePerson(samplePerson());
    const [reply] = await send(message('personal', 'roles'));
    expect(reply?.text).toBe('Only admins can give or take roles. Nothing has been changed.');
    expect((await store.auditEntries({ limit: 1 }))[0]).toMatchObject({
      action: 'manageRoles',
      outcome: 'refused',
    });
  });

  it('refuses a crafted roles card payload from a non-admin, changing nothing', async () => {
    const { send, store } = harness();
    await store.savePerson(samplePerson());
    const [response] = await send(
      cardAction(verbs.rolesSave, { cardId: 'forged', aadObjectId: 'aad-priya', admin: 'true' }),
    );
    expect(cardText(cardOf(response))).toContain('Only admins can give or take roles.');
    expect(await store.roles('aad-priya')).toBeUndefined();
    expect((await store.auditEntries({ limit: 1 }))[0]).toMatchObject({
      actor: 'aad-priya',
      outcome: 'refused',
    });
  });

  it('lets an admin find a person by name and make them manager of a unit', async () => {
    const { send, store, asAdmin } = await adminWithColleague();
    const search = cardOf((await send(asAdmin(message('personal', 'roles'))))[0]);
    expect(cardText(search)).toContain(text.roles.searchTitle);
    const found = cardOf(
      (await send(asAdmin(cardAction(verbs.rolesSearch, { cardId: 'c1', query: 'priya' }))))[0],
    );
    expect(cardText(found)).toContain('1 person found for "priya":');
    const edit = JSON.stringify(found).match(/"aadObjectId":"aad-priya"/);
    expect(edit).not.toBeNull();
    const form = cardOf(
      (await send(asAdmin(cardAction(verbs.rolesEdit, { cardId: 'c2', aadObjectId: 'aad-priya' }))))[0],
    );
    expect(cardText(form)).toContain(text.roles.editTitle('Priya Shah'));
    const saved = cardOf(
      (
        await send(
          asAdmin(
            cardAction(verbs.rolesSave, {
              cardId: 'c3',
              aadObjectId: 'aad-priya',
              admin: 'false',
              lead: 'false',
              managerOf: 'ward-7',
            }),
          ),
        )
      )[0],
    );
    expect(cardText(saved)).toContain(text.roles.saved);
    expect(await store.roles('aad-priya')).toEqual({ admin: false, lead: false, managerOf: ['ward-7'] });
    expect((await store.auditEntries({ limit: 1 }))[0]).toMatchObject({
      actor: 'aad-admin',
      action: 'roles.change',
    });
  });

  it('shows the admin commands in help to admins only', async () => {
    const { send, asAdmin } = await adminWithColleague();
    const adminCommand = text.help.adminCommands[0]!.description;
    expect(cardText(cardOf((await send(asAdmin(message('personal', 'help'))))[0]))).toContain(adminCommand);
    expect(cardText(cardOf((await send(message('personal', 'help')))[0]))).not.toContain(adminCommand);
  });

  it('refuses a save naming a unit that does not exist', async () => {
    const { send, store, asAdmin } = await adminWithColleague();
    const [response] = await send(
      asAdmin(
        cardAction(verbs.rolesSave, { cardId: 'c', aadObjectId: 'aad-priya', managerOf: 'ward-7,nowhere' }),
      ),
    );
    expect(cardText(cardOf(response))).toContain(text.errors.badInput);
    expect(await store.roles('aad-priya')).toBeUndefined();
  });
});

describe('bot: my unit', () => {
  async function inTwoTeams() {
    const built = harness({ bootstrapAdmins: ['aad-admin'] });
    await built.store.savePerson(samplePerson());
    for (const [id, name] of [
      ['19:w7', 'Ward 7'],
      ['19:w8', 'Ward 8'],
    ] as const) {
      await built.store.saveTeam({
        id,
        name,
        tenantId: 't',
        serviceUrl: 'https://smba.example.test/',
        state: 'active',
        channels: [],
        members: { 'aad-priya': { addedAt: '2026-11-01T00:00:00.000Z' } },
        installed: true,
      });
      await built.store.saveUnit({
        id,
        name,
        level: 'unit',
        teamId: id,
        tracked: true,
        createdAt: '2026-11-01T00:00:00.000Z',
        createdBy: 'aad-admin',
      });
    }
    return built;
  }

  it('asks a person in two tracked teams to choose, once, after their message', async () => {
    const { send } = await inTwoTeams();
    const replies = await send(message('personal', 'help'));
    expect(replies).toHaveLength(2);
    expect(cardText(cardOf(replies[1]))).toContain(text.myUnit.firstContact);
    expect(await send(message('personal', 'help'))).toHaveLength(1);
  });

  it('saves the choice from the card, and refuses a unit that is not theirs', async () => {
    const { send, store } = await inTwoTeams();
    const replies = await send(message('personal', 'my unit'));
    expect(replies).toHaveLength(1);
    const card = cardOf(replies[0]);
    expect(cardText(card)).toContain('Ward 8');
    const chosen = cardOf((await send(cardAction(verbs.chooseUnit, { cardId: 'c1', unitId: '19:w8' })))[0]);
    expect(cardText(chosen)).toContain(text.myUnit.chosen('Ward 8'));
    expect((await store.person('aad-priya'))?.primaryUnitId).toBe('19:w8');
    const refused = cardOf(
      (await send(cardAction(verbs.chooseUnit, { cardId: 'c2', unitId: '19:elsewhere' })))[0],
    );
    expect(cardText(refused)).toContain(text.myUnit.notAChoice);
    expect((await store.person('aad-priya'))?.primaryUnitId).toBe('19:w8');
  });
});

describe('bot: audit', () => {
  it('refuses "audit" to someone who is not an admin, and audits the refusal', async () => {
    const { send, store } = harness();
    await store.savePerson(samplePerson());
    expect((await send(message('personal', 'audit')))[0]?.text).toBe(
      'Only admins can see the audit log. Nothing has been changed.',
    );
    expect((await store.auditEntries({ limit: 1 }))[0]).toMatchObject({
      action: 'seeAudit',
      outcome: 'refused',
    });
  });

  it('shows admins the newest entries in words, a page at a time', async () => {
    const { send, store } = harness({ bootstrapAdmins: ['aad-priya'] });
    await store.savePerson(samplePerson());
    for (let i = 0; i < 12; i++) {
      const at = new Date(Date.UTC(2026, 10, 1 + i, 9)).toISOString();
      await store.appendAudit({
        id: `e${i}`,
        at,
        actor: 'aad-priya',
        action: 'roles.change',
        targets: ['aad-priya'],
        outcome: 'done',
      });
    }
    const first = cardOf((await send(message('personal', 'audit')))[0]);
    expect(cardText(first)).toContain('12 November 2026 at 09:00');
    expect(cardText(first)).toContain('Changed roles');
    expect(cardText(first)).toContain('Priya Shah. Done.');
    expect(cardText(first)).not.toMatch(/^2 November 2026/m);
    const older = first?.actions?.find((action) => action.title === text.audit.older);
    const second = cardOf((await send(cardAction(verbs.auditPage, older?.data)))[0]);
    expect(cardText(second)).toContain('1 November 2026 at 09:00');
    expect(cardText(second)).toContain('2 November 2026 at 09:00');
    expect(cardText(second)).not.toMatch(/^3 November 2026/m);
    expect(buttonTitles(second)).toEqual([text.audit.newest]);
  });
});

describe('bot: units', () => {
  it('refuses a crafted "units.add" payload from someone who is not an admin', async () => {
    const { send, store } = harness();
    await store.savePerson(samplePerson());
    const [response] = await send(
      cardAction(verbs.unitsAdd, { cardId: 'x', name: 'Sneaky unit', level: 'unit' }),
    );
    expect(cardText(cardOf(response))).toContain('Only admins can set up units.');
    expect(await store.units()).toEqual([]);
  });

  it('lets an admin add a trust and a ward and put the ward inside the trust, explaining a wrong order', async () => {
    const { send, store } = harness({ bootstrapAdmins: ['aad-priya'] });
    await store.savePerson(samplePerson());
    expect(cardText(cardOf((await send(message('personal', 'units')))[0]))).toContain(text.units.none);
    await send(cardAction(verbs.unitsAdd, { cardId: 'a', name: 'Northshire Trust', level: 'organisation' }));
    const added = cardOf(
      (await send(cardAction(verbs.unitsAdd, { cardId: 'b', name: 'Outpatients', level: 'unit' })))[0],
    );
    expect(cardText(added)).toContain(text.units.added('Outpatients'));
    const byName = (name: string) => store.units().then((units) => units.find((unit) => unit.name === name)!);
    const [trust, ward] = [await byName('Northshire Trust'), await byName('Outpatients')];
    const wrong = cardOf(
      (await send(cardAction(verbs.unitsParent, { cardId: 'c', child: trust!.id, parent: ward!.id })))[0],
    );
    expect(cardText(wrong)).toContain(text.units.problems.wrongLevel);
    const right = cardOf(
      (await send(cardAction(verbs.unitsParent, { cardId: 'd', child: ward!.id, parent: trust!.id })))[0],
    );
    expect(cardText(right)).toContain(text.units.parentSet('Outpatients', 'Northshire Trust'));
    expect(cardText(right)).toContain('Unit, part of Northshire Trust');
    const empty = cardOf((await send(cardAction(verbs.unitsAdd, { cardId: 'e', name: '   ' })))[0]);
    expect(cardText(empty)).toContain(text.units.nameMissing);
  });
});

describe('bot: every privileged action refuses someone without the role, and audits it', () => {
  const typedCommands: [string, 'personal' | 'channel', string][] = [
    ['track this team', 'channel', 'trackTeam'],
    ['stop tracking this team', 'channel', 'manageUnit'],
    ['roles', 'personal', 'manageRoles'],
    ['audit', 'personal', 'seeAudit'],
    ['units', 'personal', 'defineUnits'],
  ];
  it.each(typedCommands)('typed "%s" in a %s chat', async (command, where, action) => {
    const { send, store } = harness();
    await store.savePerson(samplePerson());
    const [reply] = await send(message(where, command));
    expect(reply?.text).toMatch(/^Only .+ can .+\. Nothing has been changed\.$/);
    expect((await store.auditEntries({ limit: 1 }))[0]).toMatchObject({
      actor: 'aad-priya',
      action,
      outcome: 'refused',
    });
  });

  const craftedPayloads: [string, Record<string, unknown>, string][] = [
    [verbs.rolesSearch, { query: 'a' }, 'manageRoles'],
    [verbs.rolesEdit, { aadObjectId: 'aad-priya' }, 'manageRoles'],
    [verbs.rolesSave, { aadObjectId: 'aad-priya', admin: 'true' }, 'manageRoles'],
    [verbs.auditPage, {}, 'seeAudit'],
    [verbs.unitsAdd, { name: 'X', level: 'ics' }, 'defineUnits'],
    [verbs.unitsParent, { child: 'a', parent: 'b' }, 'defineUnits'],
  ];
  it.each(craftedPayloads)('a crafted %s card action', async (verb, data, action) => {
    const { send, store } = harness();
    await store.savePerson(samplePerson());
    const [response] = await send(cardAction(verb, { cardId: 'forged', ...data }));
    expect((response?.value as { status: number }).status).toBe(200);
    expect(cardText(cardOf(response))).toMatch(/Only .+ can .+\. Nothing has been changed\./);
    expect((await store.auditEntries({ limit: 1 }))[0]).toMatchObject({
      actor: 'aad-priya',
      action,
      outcome: 'refused',
    });
    expect(await store.roles('aad-priya')).toBeUndefined();
    expect(await store.units()).toEqual([]);
  });
});
