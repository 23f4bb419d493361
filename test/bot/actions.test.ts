// Patient input actions through the teams-ai pipeline: `log action`, saving (clean, refused by the guard,
// warned and confirmed, with problems), the receipt, edit, delete, `my actions` a page at a time, someone
// else's crafted payloads and payloads of the wrong size or shape.
import { describe, expect, it } from '@jest/globals';
import type { Activity } from 'botbuilder';
import { verbs } from '../../src/bot/verbs.js';
import type { Store } from '../../src/store/store.js';
import { text } from '../../src/text/index.js';
import { NOW, samplePerson, saveTrackedWard } from '../support/bot-deps.js';
import { harness } from '../support/bot-harness.js';
import { buttonTitles, cardOf, cardText, type Card } from '../support/cards.js';
import { cardAction, message, PRIYA, TEAM } from '../support/teams-activities.js';

const t = text.actions;
const LEE = { id: '29:lee', name: 'Lee Jones', aadObjectId: 'aad-lee' };
const ORG = 'northshire';

/** What a person fills in: clean, nothing that could identify anyone. */
const CLEAN = {
  type: 'focus-group',
  title: 'Discharge leaflet focus group',
  date: '2026-11-20',
  principles: 'p2,p5',
  patients: '12',
  carers: '1',
  public: '',
  depth: 'co-design',
  whatWeHeard: 'The leaflet used words people did not know',
  whatWeDid: 'Rewrote it with the group',
  followUpOn: '2027-01-15',
  shareable: 'false',
  noPatient: 'true',
};

const as = <T extends Partial<Activity>>(who: typeof LEE, activity: T): T => ({ ...activity, from: who });

/** Ward 7 is tracked and Priya is in it; Lee is in no tracked team. Monday 23 November 2026, 10:00. */
async function trust(store: Store, options: { organisation?: boolean } = {}) {
  await store.savePerson(samplePerson({ primaryUnitId: TEAM.id }));
  await store.savePerson(samplePerson({ aadObjectId: LEE.aadObjectId, teamsUserId: LEE.id, name: LEE.name }));
  await saveTrackedWard(store, TEAM, PRIYA.aadObjectId);
  if (options.organisation)
    await store.saveUnit({
      id: ORG,
      name: 'Northshire Hospitals NHS Trust',
      level: 'organisation',
      tracked: true,
      createdAt: '2026-11-01T00:00:00Z',
      createdBy: PRIYA.aadObjectId,
    });
}

async function ready(options: { organisation?: boolean; clock?: () => Date } = {}) {
  const bot = harness(options.clock ? { clock: options.clock } : {});
  await trust(bot.store, options);
  return bot;
}

type Bot = Awaited<ReturnType<typeof ready>>;

const dataOf = (card: Card | undefined, verb: string) =>
  card?.actions?.find((action) => action.verb === verb)?.data ?? {};

/** Every input's value on a card, by id. */
function inputValues(card: Card | undefined): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const element = node as Record<string, unknown>;
      if (typeof element['type'] === 'string' && String(element['type']).startsWith('Input.'))
        values[element['id'] as string] = element['value'];
      Object.values(element).forEach(walk);
    }
  };
  walk(card?.body);
  return values;
}

/** The buttons inside a card's body (each listed action has its own Edit and Delete). */
function innerButtons(card: Card | undefined) {
  const found: { title: string; verb: string; data: Record<string, unknown> }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const element = node as Record<string, unknown>;
      if (element['type'] === 'Action.Execute') found.push(element as (typeof found)[number]);
      Object.values(element).forEach(walk);
    }
  };
  walk(card?.body);
  return found;
}

async function form(bot: Bot): Promise<Card> {
  const [reply] = await bot.send(message('personal', 'log action'));
  return cardOf(reply)!;
}

async function submit(bot: Bot, card: Card | undefined, inputs: Record<string, unknown>) {
  const [reply] = await bot.send(
    cardAction(verbs.actionsSave, { ...dataOf(card, verbs.actionsSave), ...inputs }),
  );
  return cardOf(reply);
}

async function press(bot: Bot, card: Card | undefined, verb: string, who?: typeof LEE) {
  const activity = cardAction(verb, dataOf(card, verb));
  const [reply] = await bot.send(who ? as(who, activity) : activity);
  return cardOf(reply);
}

const stored = async (store: Store) => store.monthActions('2026-11');

describe('bot: logging an action', () => {
  it.each([['log action'], ['Log an action'], ['new action']])(
    'answers %p with the form, dated today, with no team choice for someone in one team',
    async (typed) => {
      const bot = await ready();
      const [reply] = await bot.send(message('personal', typed));
      const card = cardOf(reply);
      expect(cardText(card)).toContain(t.formTitle);
      expect(buttonTitles(card)).toEqual([t.save]);
      expect(inputValues(card)).toMatchObject({ date: '2026-11-23', noPatient: 'false', shareable: 'false' });
      expect(inputValues(card)).not.toHaveProperty('unitId');
    },
  );

  it('saves a clean entry and answers with a receipt in words', async () => {
    const bot = await ready();
    const receipt = await submit(bot, await form(bot), CLEAN);
    const words = cardText(receipt);
    expect(words).toContain(t.saved);
    expect(words).toContain('Discharge leaflet focus group');
    expect(words).toContain('20 November 2026');
    expect(words).toContain('Patients who are fully informed, Seeking patient input');
    expect(words).toContain('12 patients, 1 carer, 0 members of the public');
    expect(words).toContain('15 January 2027');
    expect(words).toContain(t.notShared);
    expect(buttonTitles(receipt)).toEqual([t.addDetails, t.edit, t.delete]);
    const [action] = await stored(bot.store);
    expect(action).toMatchObject({
      owner: PRIYA.aadObjectId,
      unitId: TEAM.id,
      title: 'Discharge leaflet focus group',
      participants: { patients: 12, carers: 1, public: 0 },
      version: 1,
    });
    expect((await bot.store.auditEntries({ limit: 1 }))[0]).toMatchObject({ action: 'action.log' });
  });

  it('refuses an NHS number in "What we did", naming the box, keeping the text and logging only the rule', async () => {
    const bot = await ready();
    const whatWeDid = 'Phoned 943 476 5919 to say what changed';
    const back = await submit(bot, await form(bot), { ...CLEAN, whatWeDid });
    expect(cardText(back)).toContain(t.problemHeading);
    expect(cardText(back)).toContain(
      `The ‘What we did’ box looks like it contains ${text.checkins.guardRules.nhsNumber}`,
    );
    expect(inputValues(back)).toMatchObject({
      whatWeDid,
      title: CLEAN.title,
      principles: 'p2,p5',
      patients: 12,
    });
    expect(inputValues(back)).not.toHaveProperty('confirmWarnings');
    expect(await stored(bot.store)).toEqual([]);
    const logged = bot
      .logs()
      .split('\n')
      .filter((line) => line.includes('guard.refused'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged).toEqual([expect.objectContaining({ field: 'whatWeDid', rules: ['nhsNumber'] })]);
    expect(bot.logs()).not.toContain('943');
    expect(bot.logs()).not.toContain('Phoned');

    const fixed = await submit(bot, back, { ...CLEAN, whatWeDid: 'Told the group what changed' });
    expect(cardText(fixed)).toContain(t.saved);
    expect(await stored(bot.store)).toHaveLength(1);
  });

  it('asks the person to check a possible name, then saves once they confirm', async () => {
    const bot = await ready();
    const whatWeHeard = 'Mrs Patel said the signs were confusing';
    const asked = await submit(bot, await form(bot), { ...CLEAN, whatWeHeard });
    expect(cardText(asked)).toContain(t.guardWarning('What we heard', text.checkins.guardRules.titleAndName));
    expect(inputValues(asked)).toMatchObject({ whatWeHeard, confirmWarnings: 'false' });
    expect(await stored(bot.store)).toEqual([]);
    expect(bot.logs()).toContain('"event":"guard.warned","field":"whatWeHeard","rules":["titleAndName"]');

    const saved = await submit(bot, asked, { ...CLEAN, whatWeHeard, confirmWarnings: 'true' });
    expect(cardText(saved)).toContain(t.saved);
    expect((await stored(bot.store))[0]?.whatWeHeard).toBe(whatWeHeard);
  });

  it('says what to fix by each box, keeping what was typed', async () => {
    const bot = await ready();
    const back = await submit(bot, await form(bot), {
      ...CLEAN,
      title: '',
      date: '2024-01-01',
      followUpOn: '2026-11-01',
      noPatient: 'false',
    });
    const words = cardText(back);
    expect(words).toContain('Enter a title');
    expect(words).toContain('The date must be within a year of today');
    expect(words).toContain(t.problems['noPatient']!.default);
    expect(inputValues(back)).toMatchObject({
      date: '2024-01-01',
      whatWeDid: CLEAN.whatWeDid,
      noPatient: 'false',
    });
    expect(await stored(bot.store)).toEqual([]);
  });

  it('stores one action when the same card is submitted twice, and answers the second with the receipt', async () => {
    const bot = await ready();
    const card = await form(bot);
    await submit(bot, card, CLEAN);
    const again = await submit(bot, card, CLEAN);
    expect(cardText(again)).toContain(text.notices.alreadyDone);
    expect(cardText(again)).toContain(CLEAN.title);
    expect(await stored(bot.store)).toHaveLength(1);
  });

  it('asks which team when the person could log for several, pre-selecting their own', async () => {
    const bot = await ready({ organisation: true });
    const card = await form(bot);
    expect(inputValues(card)['unitId']).toBe(TEAM.id);
    const back = await submit(bot, card, CLEAN);
    expect(cardText(back)).toContain(t.problems['unitId']!.default);
    expect(await stored(bot.store)).toEqual([]);
    const saved = await submit(bot, back, { ...CLEAN, unitId: ORG });
    expect(cardText(saved)).toContain('Northshire Hospitals NHS Trust');
    expect((await stored(bot.store))[0]?.unitId).toBe(ORG);
  });

  it('tells someone in no tracked team who can help, and offers no form', async () => {
    const bot = await ready();
    const [reply] = await bot.send(as(LEE, message('personal', 'log action')));
    expect(cardText(cardOf(reply))).toContain(t.noUnits);
    expect(buttonTitles(cardOf(reply))).not.toContain(t.save);
  });

  it('opens the form below the help card from its "Log an action" button', async () => {
    const bot = await ready();
    const help = cardOf((await bot.send(message('personal', 'help')))[0]);
    const replies = await bot.send(cardAction(verbs.actionsNew, dataOf(help, verbs.actionsNew)));
    const sent = replies.find((reply) => reply.type === 'message');
    expect(cardText(cardOf(sent))).toContain(t.formTitle);
    const answer = replies.find((reply) => reply.type === 'invokeResponse');
    expect(cardText(cardOf(answer)).split('\n')[0]).toBe(t.formBelow);
    expect(cardText(cardOf(answer))).toContain(text.help.title);
  });
});

describe('bot: changing and deleting an action', () => {
  async function logged(bot: Bot) {
    return submit(bot, await form(bot), CLEAN);
  }

  it('edits an action from its receipt: the form is filled in, and saving makes a new version', async () => {
    const bot = await ready();
    const receipt = await logged(bot);
    const edit = await press(bot, receipt, verbs.actionsEdit);
    expect(cardText(edit)).toContain(t.editTitle);
    expect(inputValues(edit)).toMatchObject({
      title: CLEAN.title,
      date: CLEAN.date,
      principles: 'p2,p5',
      patients: 12,
      carers: 1,
      public: 0,
      depth: 'co-design',
      whatWeHeard: CLEAN.whatWeHeard,
      followUpOn: CLEAN.followUpOn,
      noPatient: 'false',
    });
    const changed = await submit(bot, edit, { ...CLEAN, title: 'Discharge leaflet, second session' });
    expect(cardText(changed)).toContain(t.changed);
    expect(cardText(changed)).toContain('Discharge leaflet, second session');
    const all = await stored(bot.store);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ title: 'Discharge leaflet, second session', version: 2 });
  });

  it('asks before deleting; "No, keep it" goes back to the receipt; "Yes, delete" deletes', async () => {
    const bot = await ready();
    const receipt = await logged(bot);
    const asked = await press(bot, receipt, verbs.actionsDelete);
    expect(cardText(asked).split('\n')[0]).toBe(t.deleteQuestion);
    expect(buttonTitles(asked)).toEqual([t.deleteYes, t.deleteNo]);
    const kept = await press(bot, asked, verbs.actionsShow);
    expect(buttonTitles(kept)).toEqual([t.addDetails, t.edit, t.delete]);
    expect((await stored(bot.store))[0]?.deletedAt).toBeUndefined();

    const deleted = await press(bot, asked, verbs.actionsDeleteConfirm);
    expect(cardText(deleted)).toContain(t.deleted);
    expect(cardText(deleted)).toContain(t.none);
    expect((await stored(bot.store))[0]?.deletedAt).toBe(NOW.toISOString());
    const again = await press(bot, asked, verbs.actionsDeleteConfirm);
    expect(cardText(again)).toContain(text.notices.alreadyDone);
  });

  it('refuses someone else’s crafted view, edit and delete, and changes nothing', async () => {
    const bot = await ready();
    const receipt = await logged(bot);
    const [action] = await stored(bot.store);
    const crafted = (cardId: string) => ({ cardId, actionId: action!.id });

    for (const verb of [verbs.actionsEdit, verbs.actionsDelete, verbs.actionsShow]) {
      const [reply] = await bot.send(as(LEE, cardAction(verb, crafted(`view-${verb}`))));
      expect(cardText(cardOf(reply))).toContain(t.notAmongYours);
      expect(cardText(cardOf(reply))).not.toContain(CLEAN.title);
    }
    const [edit] = await bot.send(
      as(LEE, cardAction(verbs.actionsSave, { ...crafted('edit-1'), ...CLEAN, title: 'Taken over' })),
    );
    expect(cardText(cardOf(edit))).toContain('You can only change actions you logged');
    const [remove] = await bot.send(as(LEE, cardAction(verbs.actionsDeleteConfirm, crafted('delete-1'))));
    expect(cardText(cardOf(remove))).toContain('You can only change actions you logged');

    expect(await stored(bot.store)).toEqual([action]);
    const audit = await bot.store.auditEntries({ limit: 5 });
    expect(
      audit
        .filter((entry) => entry.outcome === 'refused')
        .map((entry) => entry.action)
        .sort(),
    ).toEqual(['action.delete', 'action.edit']);
    expect(buttonTitles(receipt)).toEqual([t.addDetails, t.edit, t.delete]);
  });
});

describe('bot: my actions', () => {
  it('says when there are none, and offers "Log an action"', async () => {
    const bot = await ready();
    const list = cardOf((await bot.send(message('personal', 'my actions')))[0]);
    expect(cardText(list)).toContain(t.none);
    expect(buttonTitles(list)).toEqual([text.buttons.logAction]);
    const opened = await press(bot, list, verbs.actionsNew);
    expect(cardText(opened)).toContain(t.formTitle);
  });

  it('pages through 7 actions five at a time, older and back to newer', async () => {
    let now = NOW.getTime();
    const bot = await ready({ clock: () => new Date(now) });
    for (let i = 1; i <= 7; i++) {
      now += 60_000;
      await bot.deps.actions.log(PRIYA.aadObjectId, { ...CLEAN, title: `Action ${i}` });
    }
    const titles = (card: Card | undefined) =>
      cardText(card)
        .split('\n')
        .filter((line) => /^Action \d$/.test(line));

    const first = cardOf((await bot.send(message('personal', 'my actions')))[0]);
    expect(titles(first)).toEqual(['Action 7', 'Action 6', 'Action 5', 'Action 4', 'Action 3']);
    expect(buttonTitles(first)).toEqual([t.older, text.buttons.logAction]);
    const inner = innerButtons(first);
    expect(inner.map((button) => button.title)).toEqual(Array(5).fill([t.edit, t.delete]).flat());

    const second = await press(bot, first, verbs.actionsPage);
    expect(titles(second)).toEqual(['Action 2', 'Action 1']);
    expect(buttonTitles(second)).toEqual([t.newer, text.buttons.logAction]);

    const back = await press(bot, second, verbs.actionsPage);
    expect(titles(back)).toEqual(['Action 7', 'Action 6', 'Action 5', 'Action 4', 'Action 3']);
    expect(buttonTitles(back)).toEqual([t.older, text.buttons.logAction]);

    const edit = innerButtons(second)[0]!;
    const [form] = await bot.send(cardAction(edit.verb, edit.data));
    expect(inputValues(cardOf(form))['title']).toBe('Action 2');
  });
});

describe('bot: payloads of the wrong size or shape', () => {
  it('answers a 100 KB title with a clear problem and a card of ordinary size', async () => {
    const bot = await ready();
    const back = await submit(bot, await form(bot), { ...CLEAN, title: 'x'.repeat(100_000) });
    expect(cardText(back)).toContain(t.problems['title']!['tooLong']);
    expect(Buffer.byteLength(JSON.stringify(back))).toBeLessThan(25 * 1024);
    expect(await stored(bot.store)).toEqual([]);
  });

  it('answers principles as a number and counts as objects with a problem by each box', async () => {
    const bot = await ready();
    const back = await submit(bot, await form(bot), {
      ...CLEAN,
      principles: 42,
      patients: { many: true },
      carers: ['1'],
      whatWeHeard: { text: 'x' },
    });
    const words = cardText(back);
    expect(words).toContain(t.problems['principles']!['invalidChoice']);
    expect(words).toContain(t.problems['patients']!.default);
    expect(words).toContain(t.problems['carers']!.default);
    expect(words).toContain(t.problems['whatWeHeard']!.default);
    expect(await stored(bot.store)).toEqual([]);
  });

  it('answers a missing card id, a made-up action id or a bad page cursor with the error card', async () => {
    const bot = await ready();
    for (const [verb, data] of [
      [verbs.actionsSave, { ...CLEAN }],
      [verbs.actionsSave, { cardId: 'x', actionId: '../../etc/passwd', ...CLEAN }],
      [verbs.actionsEdit, { cardId: 'x', actionId: 42 }],
      [verbs.actionsPage, { cardId: 'x', newer: Array(50).fill('') }],
      [verbs.actionsDeleteConfirm, 'not an object'],
    ] as const) {
      const [reply] = await bot.send(cardAction(verb, data));
      expect((reply?.value as { status: number }).status).toBe(200);
      expect(cardText(cardOf(reply))).toContain(text.errors.badInput);
    }
    expect(await stored(bot.store)).toEqual([]);
  });
});
