// The check every request to /api/messages passes before the adapter sees it. What the fuzz suite found (each
// turn failed deep inside, answered by the catch-all, instead of getting a clear 400):
// - ids of any length were stored for good (a 100,000-character Entra id added 100 KB to core.json);
// - ids named like Object.prototype's members ('constructor', '__proto__') found what objects inherit;
// - a locale, conversation.isGroup or name of the wrong type made botbuilder refuse every reply;
// - botbuilder copies the conversation whole into each reply: a 100 KB field in it made every reply 100 KB;
// - an entity without a string type, or a mention without `mentioned`, threw in botbuilder's mention removal.
import { describe, expect, it } from '@jest/globals';
import { InboundActivity, MAX_ID_LENGTH } from '../../src/http/inbound-activity.js';
import { botAdded, cardAction, message, teamsActivity } from '../support/teams-activities.js';

const problems = (activity: unknown) =>
  InboundActivity.safeParse(activity).error?.issues.map((issue) => issue.path.join('.')) ?? [];
const long = 'x'.repeat(MAX_ID_LENGTH + 1);

describe('inbound activity', () => {
  it('accepts what Teams sends, in every place, with or without names', () => {
    for (const activity of [
      message('personal', 'help'),
      message('channel', 'track this team'),
      message('groupChat', 'help'),
      cardAction('help.show', { cardId: 'x' }),
      botAdded('channel'),
      teamsActivity('personal', { from: { id: '29:x', name: null } as never, channelData: null }),
    ])
      expect(problems(activity)).toEqual([]);
  });

  it('accepts ids up to the limit', () => {
    const id = 'x'.repeat(MAX_ID_LENGTH);
    expect(problems(teamsActivity('personal', { from: { id, aadObjectId: id, name: id } }))).toEqual([]);
  });

  it('refuses ids longer than any Teams id, wherever the bot stores them', () => {
    const channel = message('channel', 'help');
    expect(problems(teamsActivity('personal', { from: { id: '29:x', aadObjectId: long } as never }))).toEqual(
      ['from.aadObjectId'],
    );
    expect(problems({ ...channel, conversation: { ...channel.conversation, id: long } })).toEqual([
      'conversation.id',
    ]);
    expect(problems({ ...channel, channelData: { team: { id: long } } })).toEqual(['channelData.team.id']);
    expect(problems({ ...channel, channelData: { tenant: { id: long } } })).toEqual([
      'channelData.tenant.id',
    ]);
    expect(problems({ ...botAdded('personal'), membersAdded: [{ id: long }] })).toEqual([
      'membersAdded.0.id',
    ]);
    expect(problems({ ...channel, type: long })).toEqual(['type']);
  });

  it('refuses ids and members of the wrong type', () => {
    expect(problems(teamsActivity('personal', { from: { id: '29:x', aadObjectId: 5 } as never }))).toEqual([
      'from.aadObjectId',
    ]);
    expect(problems({ ...message('channel', 'help'), channelData: { team: { id: { id: 'x' } } } })).toEqual([
      'channelData.team.id',
    ]);
    expect(problems({ ...botAdded('personal'), membersAdded: ['29:x', null] })).toEqual([
      'membersAdded.0',
      'membersAdded.1',
    ]);
    expect(problems({ ...message('personal', 'help'), channelData: [] })).toEqual(['channelData']);
  });

  it('refuses ids named like what every object inherits', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(
        problems(teamsActivity('personal', { from: { id: '29:x', aadObjectId: name } as never })),
      ).toEqual(['from.aadObjectId']);
      expect(problems({ ...message('channel', 'help'), channelData: { team: { id: name } } })).toEqual([
        'channelData.team.id',
      ]);
    }
  });

  it('refuses fields botbuilder copies into replies when they have another type than Teams sends', () => {
    const personal = message('personal', 'help');
    expect(problems({ ...personal, locale: false })).toEqual(['locale']);
    expect(problems({ ...personal, id: 42 })).toEqual(['id']);
    expect(problems({ ...personal, conversation: { ...personal.conversation, isGroup: 'no' } })).toEqual([
      'conversation.isGroup',
    ]);
    expect(problems({ ...personal, recipient: { id: '28:bot', name: {} } })).toEqual(['recipient.name']);
  });

  it('refuses accounts and conversations too big to copy into a reply', () => {
    const personal = message('personal', 'help');
    const padding = { a: 'x'.repeat(2_000), b: 'x'.repeat(2_000) };
    expect(problems({ ...personal, conversation: { ...personal.conversation, ...padding } })).toEqual([
      'conversation',
    ]);
    expect(problems({ ...personal, from: { ...personal.from, ...padding } })).toEqual(['from']);
    expect(problems({ ...personal, conversation: { ...personal.conversation, role: long } })).toEqual([
      'conversation.role',
    ]);
  });

  it('refuses text and entities botbuilder cannot take @mentions out of', () => {
    const channel = message('channel', 'help');
    expect(problems({ ...channel, text: 42 })).toEqual(['text']);
    expect(problems({ ...channel, entities: {} })).toEqual(['entities']);
    expect(problems({ ...channel, entities: null, text: null })).toEqual(['text', 'entities']);
    expect(problems({ ...channel, entities: [null] })).toEqual(['entities.0']);
    expect(problems({ ...channel, entities: [{ name: 'no type' }] })).toEqual(['entities.0']);
    expect(problems({ ...channel, entities: [{ type: 'Mention', text: '<at>x</at>' }] })).toEqual([
      'entities.0.type',
    ]);
    expect(problems({ ...channel, entities: [{ type: 'clientInfo', locale: 'en-GB' }] })).toEqual([]);
  });
});
