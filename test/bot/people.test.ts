// Roles, units and refusals through the real route table.
import { describe, expect, it } from '@jest/globals';
import { channelCommands, personalCommands } from '../../src/bot/verbs.js';
import { text } from '../../src/text/index.js';
import { samplePerson } from '../support/bot-deps.js';
import { harness } from '../support/bot-harness.js';
import { cardOf, cardText } from '../support/cards.js';
import { message, TEAM } from '../support/teams-activities.js';

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
