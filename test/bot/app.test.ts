// The teams-ai Application end to end in-process, through botbuilder's TestAdapter.
import { describe, expect, it } from '@jest/globals';
import { verbs } from '../../src/bot/verbs.js';
import { text } from '../../src/text/index.js';
import { samplePerson, saveTrackedWard } from '../support/bot-deps.js';
import { harness } from '../support/bot-harness.js';
import { buttonTitles, cardOf, cardText } from '../support/cards.js';
import { botAdded, cardAction, message, PRIYA, TEAM, teamsActivity } from '../support/teams-activities.js';

describe('bot: welcome and help', () => {
  it('welcomes a person who installs it in their personal chat, with buttons for the main actions', async () => {
    const { send, store } = harness();
    await store.savePerson(samplePerson());
    const [reply] = await send(botAdded('personal'));
    const card = cardOf(reply);
    expect(cardText(card)).toContain(text.welcome.title);
    expect(cardText(card)).toContain('only when at least 5 people have answered');
    expect(buttonTitles(card)).toEqual([text.buttons.help, text.buttons.snooze, text.buttons.stop]);
  });

  it('tells a guest, such as a patient partner, that they will not get staff check-ins', async () => {
    const { send, store } = harness();
    await store.savePerson(samplePerson({ guest: true }));
    const card = cardOf((await send(botAdded('personal')))[0]);
    expect(cardText(card)).toContain('I will not send you staff check-ins');
    expect(cardText(card)).not.toContain('Once a week I will send you a check-in');
    expect(buttonTitles(card)).toEqual([text.buttons.help]);
  });

  it('posts a short welcome in a team channel, saying it answers only when @mentioned', async () => {
    const { send } = harness();
    const replies = await send(botAdded('channel'));
    expect(replies).toHaveLength(1);
    expect(cardText(cardOf(replies[0]))).toContain('answer only when you @mention me');
  });

  it.each([['help'], ['Help!'], ['  HELP ']])('answers %p with the help card', async (typed) => {
    const { send, store } = harness();
    await store.savePerson(samplePerson());
    const [reply] = await send(message('personal', typed));
    expect(cardText(cardOf(reply))).toContain(text.help.title);
    expect(cardText(cardOf(reply))).toContain(text.checkinStatus.on);
    expect(buttonTitles(cardOf(reply))).toEqual([
      text.buttons.checkin,
      text.buttons.logAction,
      text.buttons.snooze,
      text.buttons.stop,
    ]);
    expect(cardText(cardOf(reply))).toContain('log action');
    expect(cardText(cardOf(reply))).toContain('my actions');
  });

  it('offers a guest, such as a patient partner, no check-in or action buttons on the help card', async () => {
    const { send, store } = harness();
    await store.savePerson(samplePerson({ guest: true }));
    const [reply] = await send(message('personal', 'help'));
    expect(cardText(cardOf(reply))).toContain(text.checkinStatus.guest);
    expect(buttonTitles(cardOf(reply))).toEqual([]);
  });

  it('answers text it does not understand with the help card', async () => {
    const { send } = harness();
    const [reply] = await send(message('personal', 'can you book me a room'));
    expect(cardText(cardOf(reply))).toContain(text.help.title);
  });

  it('answers an @mention in a channel thread with channel help, and ignores unmentioned posts', async () => {
    const { send } = harness();
    const [reply] = await send(message('channel', 'help'));
    expect(reply?.conversation?.id).toContain(';messageid=');
    expect(cardText(cardOf(reply))).toContain(text.help.channelIntro);
    expect(buttonTitles(cardOf(reply))).toEqual([]);
    expect(await send(message('channel', 'help', false))).toEqual([]);
  });

  it('offers only help in a group chat, whatever is asked', async () => {
    const { send } = harness();
    const [reply] = await send(message('groupChat', 'snooze'));
    expect(cardText(cardOf(reply))).toContain(text.help.groupChatIntro);
  });

  it('ignores activities from a tenant that is not allowed, and records nothing', async () => {
    const { send, store, logs } = harness();
    const replies = await send(teamsActivity('personal', { text: 'help' }, 'another-tenant'));
    expect(replies).toEqual([]);
    expect(await store.conversation('a:personal-priya')).toBeUndefined();
    expect(logs()).toContain('tenant that is not allowed');
  });

  it('saves the personal conversation reference from every activity', async () => {
    const { send, store } = harness();
    await send(message('personal', 'help'));
    expect(await store.conversation('a:personal-priya')).toMatchObject({
      scope: 'personal',
      aadObjectId: 'aad-priya',
      installed: true,
    });
  });

  it('never logs what a person typed', async () => {
    const { send, logs } = harness();
    await send(message('personal', 'Mrs Example in bay 4 said thank you'));
    expect(logs()).toContain('bot: turn');
    expect(logs()).not.toContain('bay 4');
  });
});

describe('bot: pausing and stopping check-ins', () => {
  it('pauses check-ins for two weeks from a button, and says until when', async () => {
    const { send, store } = harness();
    await store.savePerson(samplePerson());
    const [response] = await send(cardAction(verbs.snooze, { cardId: 'welcome-1' }));
    expect(response?.type).toBe('invokeResponse');
    expect((response?.value as { status: number }).status).toBe(200);
    expect(cardText(cardOf(response))).toContain('I will not send you check-ins until 7 December 2026');
    expect(buttonTitles(cardOf(response))).toContain(text.buttons.resume);
    expect((await store.person('aad-priya'))?.checkins.pausedUntil).toBe('2026-12-07T10:00:00.000Z');
  });

  it('changes nothing twice when the same card is acted on again (double click or retry)', async () => {
    const { send, store } = harness();
    await store.savePerson(samplePerson());
    await send(cardAction(verbs.stop, { cardId: 'card-7' }));
    await store.savePerson({ ...(await store.person('aad-priya'))!, checkins: { stopped: false } });
    const [again] = await send(cardAction(verbs.stop, { cardId: 'card-7' }));
    expect(cardText(cardOf(again))).toContain(text.notices.alreadyDone);
    expect((await store.person('aad-priya'))?.checkins.stopped).toBe(false);
  });

  it('stops and resumes by typed command', async () => {
    const { send, store } = harness();
    await store.savePerson(samplePerson());
    expect(cardText(cardOf((await send(message('personal', 'stop')))[0]))).toContain(text.notices.stopped);
    expect((await store.person('aad-priya'))?.checkins.stopped).toBe(true);
    expect(cardText(cardOf((await send(message('personal', 'resume')))[0]))).toContain(text.notices.resumed);
    expect((await store.person('aad-priya'))?.checkins.stopped).toBe(false);
  });
});

describe('bot: bad card input and failures', () => {
  it('answers an unknown verb with HTTP 200 and an error card', async () => {
    const { send } = harness();
    const [response] = await send(cardAction('no.such.verb', { cardId: 'x' }));
    expect((response?.value as { status: number }).status).toBe(200);
    expect(cardText(cardOf(response))).toContain(text.errors.unknownAction);
  });

  it('answers a card payload of the wrong shape with an error card and changes nothing', async () => {
    const { send, store } = harness();
    await store.savePerson(samplePerson());
    const [response] = await send(cardAction(verbs.stop, { cardId: 42 }));
    expect(cardText(cardOf(response))).toContain(text.errors.badInput);
    expect((await store.person('aad-priya'))?.checkins.stopped).toBe(false);
  });

  it('answers a failure inside an invoke with HTTP 200 and an error card, and inside a message kindly', async () => {
    const { send, store, logs } = harness();
    store.person = async () => {
      throw new Error('disk on fire');
    };
    const [invoke] = await send(cardAction(verbs.help, { cardId: 'x' }));
    expect((invoke?.value as { status: number }).status).toBe(200);
    expect(cardText(cardOf(invoke))).toContain(text.errors.unexpected);
    const [reply] = await send(message('personal', 'help'));
    expect(reply?.text).toBe(text.errors.message);
    expect(logs()).toContain('disk on fire');
  });
});

describe('bot: the summaries commands, by where they are typed and who types them', () => {
  type Roles = { admin: boolean; lead: boolean; managerOf: string[] };
  const MANAGER: Roles = { admin: false, lead: false, managerOf: [TEAM.id] };
  const LEAD: Roles = { admin: false, lead: true, managerOf: [] };
  const STAFF: Roles = { admin: false, lead: false, managerOf: [] };
  const seeUnit =
    'Only managers, partnership leads and admins can see this unit’s results. Nothing has been changed.';
  const runNow =
    'Only partnership leads and admins can start check-ins or summaries by hand. Nothing has been changed.';
  const ROLES = { staff: STAFF, manager: MANAGER, lead: LEAD };
  it.each([
    ['personal', 'digest', 'staff', seeUnit],
    ['personal', 'digest', 'manager', text.summaries.noCycle],
    ['personal', 'post summaries now', 'staff', runNow],
    ['personal', 'post summaries now', 'manager', runNow],
    ['personal', 'post summaries now', 'lead', text.summaries.noClosedCycle],
    ['personal', 'post summaries here', 'manager', text.tracking.onlyInChannel],
    ['channel', 'post summaries here', 'staff', seeUnit],
    ['channel', 'post summaries here', 'manager', text.summaries.here('Ward 7')],
    ['channel', 'stop summaries here', 'manager', text.summaries.notHere('Ward 7')],
  ] as const)('%s: %s, typed by %s', async (where, typed, who, answer) => {
    const { send, store } = harness();
    await store.savePerson(samplePerson());
    await saveTrackedWard(store, TEAM, PRIYA.aadObjectId);
    await store.saveRoles(PRIYA.aadObjectId, ROLES[who]);
    const [reply] = await send(message(where, typed));
    expect(reply?.text).toBe(answer);
  });

  it('offers only help for them in a group chat', async () => {
    const { send } = harness();
    for (const typed of ['digest', 'post summaries now', 'post summaries here']) {
      const [reply] = await send(message('groupChat', typed));
      expect(cardText(cardOf(reply))).toContain(text.help.groupChatIntro);
    }
  });

  it('lists them on the help card for those who may use them', async () => {
    const helpFor = async (roles: Roles) => {
      const { send, store } = harness();
      await store.savePerson(samplePerson());
      await store.saveRoles(PRIYA.aadObjectId, roles);
      return cardText(cardOf((await send(message('personal', 'help')))[0]));
    };
    const describe = (name: string) =>
      [...text.help.managerCommands, ...text.help.leadCommands].find((c) => c.name === name)!.description;
    const [staff, manager, lead] = [await helpFor(STAFF), await helpFor(MANAGER), await helpFor(LEAD)];
    expect(staff).not.toContain(describe('digest'));
    expect(manager).toContain(describe('digest'));
    expect(manager).not.toContain(describe('post summaries now'));
    expect(lead).toContain(describe('digest'));
    expect(lead).toContain(describe('post summaries now'));
    const { send } = harness();
    const channel = cardText(cardOf((await send(message('channel', 'help')))[0]));
    expect(channel).toContain('post summaries here');
    expect(channel).toContain('stop summaries here');
  });
});

describe('bot: the broadcast commands, by where they are typed and who types them', () => {
  type Roles = { admin: boolean; lead: boolean; managerOf: string[] };
  const ROLES: Record<string, Roles> = {
    staff: { admin: false, lead: false, managerOf: [] },
    manager: { admin: false, lead: false, managerOf: [TEAM.id] },
    'manager of an untracked team': { admin: false, lead: false, managerOf: ['19:elsewhere@thread.tacv2'] },
    lead: { admin: false, lead: true, managerOf: [] },
  };
  const b = text.broadcasts;
  it.each([
    ['broadcast', 'staff', b.refused],
    ['broadcast', 'manager of an untracked team', b.noUnits],
    ['broadcast', 'manager', b.composeTitle],
    ['broadcast', 'lead', b.composeTitle],
    ['Broadcast.', 'lead', b.composeTitle],
    ['broadcasts', 'staff', b.none],
    ['my broadcasts', 'lead', b.none],
  ] as const)('personal: %s, typed by %s', async (typed, who, answer) => {
    const { send, store } = harness();
    await store.savePerson(samplePerson());
    await saveTrackedWard(store, TEAM, PRIYA.aadObjectId);
    await store.saveRoles(PRIYA.aadObjectId, ROLES[who]!);
    const [reply] = await send(message('personal', typed));
    expect(reply?.text ?? cardText(cardOf(reply))).toContain(answer);
  });

  it('offers only help for them in a group chat, and in a channel', async () => {
    const { send, store } = harness();
    await store.saveRoles(PRIYA.aadObjectId, ROLES['lead']!);
    const [group] = await send(message('groupChat', 'broadcast'));
    expect(cardText(cardOf(group))).toContain(text.help.groupChatIntro);
    const [channel] = await send(message('channel', 'broadcast'));
    expect(cardText(cardOf(channel))).toContain(text.help.channelIntro);
  });

  it('lists them on the help card for managers, leads and admins only', async () => {
    const helpFor = async (roles: Roles) => {
      const { send, store } = harness();
      await store.savePerson(samplePerson());
      await store.saveRoles(PRIYA.aadObjectId, roles);
      return cardText(cardOf((await send(message('personal', 'help')))[0]));
    };
    const [command] = b.helpCommands;
    expect(await helpFor(ROLES['staff']!)).not.toContain(command!.description);
    expect(await helpFor(ROLES['manager']!)).toContain(command!.description);
    expect(await helpFor(ROLES['lead']!)).toContain(command!.description);
  });
});
