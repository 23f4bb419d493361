// What the fuzz suite (test/http/fuzz.test.ts) found in the bot's catch-alls and refusals, kept as plain examples.
import { describe, expect, it } from '@jest/globals';
import { loggableName } from '../../src/bot/handlers/errors.js';
import { refusal } from '../../src/bot/refusal.js';
import { verbs } from '../../src/bot/verbs.js';
import { text } from '../../src/text/index.js';
import { harness } from '../support/bot-harness.js';
import { cardOf, cardText } from '../support/cards.js';
import { sampleBroadcast, sampleCycle } from '../store/samples.js';
import { cardAction, message, teamsActivity } from '../support/teams-activities.js';

describe('bot: invokes from a tenant that is not allowed', () => {
  it('refuses a card action with 403 and no card, where the adapter would otherwise answer 501', async () => {
    const { send, store } = harness();
    const action = cardAction(verbs.help, { cardId: 'x' });
    const replies = await send({
      ...action,
      ...teamsActivity('personal', {}, 'another-tenant'),
      type: 'invoke',
      name: action.name,
      value: action.value,
    });
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ type: 'invokeResponse', value: { status: 403 } });
    expect(cardOf(replies[0])).toBeUndefined();
    expect(await store.conversation('a:personal-priya')).toBeUndefined();
  });

  it('still ignores their messages without a word', async () => {
    const { send } = harness();
    expect(await send(teamsActivity('personal', { text: 'help' }, 'another-tenant'))).toEqual([]);
  });
});

describe('bot: logging invokes nobody handles', () => {
  it('logs an unknown verb that looks like a name, for finding old cards', async () => {
    const { send, logs } = harness();
    const [response] = await send(cardAction('actions.retired', { cardId: 'x' }));
    expect(cardText(cardOf(response))).toContain(text.errors.unknownAction);
    expect(logs()).toContain('"verb":"actions.retired"');
  });

  it('never logs a verb or invoke name that is text or a value, however long', async () => {
    const { send, logs } = harness();
    const typed = `Mrs Example in bay 4 ${'x'.repeat(10_000)}`;
    await send(cardAction(typed, { cardId: 'x' }));
    await send({ ...cardAction(verbs.help, {}), name: typed });
    await send(cardAction({ nested: typed } as never, { cardId: 'x' }));
    expect(logs()).not.toContain('bay 4');
    expect(logs()).not.toContain('x'.repeat(100));
    expect(logs()).toContain('(not a name)');
  });

  it('names only plain, short names', () => {
    expect(loggableName('broadcast.send')).toBe('broadcast.send');
    expect(loggableName('adaptiveCard/action')).toBe('adaptiveCard/action');
    expect(loggableName(undefined)).toBeUndefined();
    for (const odd of ['', 'two words', 'x'.repeat(65), 42, null, {}, ['a']])
      expect(loggableName(odd)).toBe('(not a name)');
  });
});

describe('bot: someone with no Entra id', () => {
  it('is refused a privileged command like anyone else, not answered with a failure', async () => {
    const { send, logs } = harness();
    const [reply] = await send({
      ...message('personal', 'roles'),
      from: { id: '29:no-entra-id', name: 'Nobody' },
    });
    expect(reply?.text).toBe(refusal(text, 'manageRoles'));
    expect(logs()).not.toContain('bot: turn failed');
  });

  it('presses "Got it" on a reminder without the turn failing, and is not counted', async () => {
    const { send, store, logs } = harness();
    await store.saveBroadcast(sampleBroadcast());
    const [response] = await send({
      ...cardAction(verbs.broadcastAck, { broadcastId: 'b1' }),
      from: { id: '29:no-entra-id', name: 'Nobody' },
    });
    expect((response?.value as { status: number }).status).toBe(200);
    expect(await store.acknowledgedBy('b1')).toEqual([]);
    expect(logs()).not.toContain('bot: turn failed');
  });
});

describe('bot: card data naming what every object inherits', () => {
  it('answers a measures page or submission for unit "constructor" as for any unit it does not know', async () => {
    const { send, store, logs } = harness();
    await store.createCycle(sampleCycle());
    for (const unitId of ['constructor', 'toString', '__proto__']) {
      const data = { cycleId: sampleCycle().id, unitId, principle: 'p1' };
      for (const verb of [verbs.measuresPage, verbs.measuresSubmit]) {
        const [response] = await send(cardAction(verb, { ...data, cardId: `${verb}-${unitId}` }));
        expect((response?.value as { status: number }).status).toBe(200);
      }
    }
    expect(logs()).not.toContain('bot: turn failed');
  });
});
