// `export` through the teams-ai pipeline: the choice offers only what the person may export, Continue gives a
// one-use link to the download page, and a crafted choice (someone else's unit, the audit log for a lead) is
// refused and audited. Staff get the standard refusal.
import { describe, expect, it } from '@jest/globals';
import type { Activity } from 'botbuilder';
import { verbs } from '../../src/bot/verbs.js';
import { text } from '../../src/text/index.js';
import { PUBLIC_BASE_URL } from '../support/bot-deps.js';
import { harness } from '../support/bot-harness.js';
import { cardOf, cardText, elements, input, type Card } from '../support/cards.js';
import { ADA, exportTrust, LEE, PRIYA, SAM, WARD_7, WARD_9 } from '../support/export-trust.js';
import { cardAction, message } from '../support/teams-activities.js';

const t = text.exports;
type Who = { id: string; name: string; aadObjectId: string };
const as = <T extends Partial<Activity>>(who: Who, activity: T): T => ({ ...activity, from: who });

async function bot() {
  const trust = await exportTrust();
  const built = harness({ store: trust.store, clock: trust.now, bootstrapAdmins: [ADA.aadObjectId] });
  const choose = async (who: Who) => {
    const [reply] = await built.send(as(who, message('personal', 'export')));
    return { reply, card: cardOf(reply) };
  };
  const press = async (who: Who, data: Record<string, unknown>, verb: string = verbs.exportsContinue) => {
    const [reply] = await built.send(as(who, cardAction(verb, { cardId: 'card-x', ...data })));
    return cardOf(reply);
  };
  const latestAudit = async () => (await built.store.auditEntries({ limit: 1 }))[0];
  return { ...built, choose, press, latestAudit };
}

const choiceValues = (card: Card | undefined, id: string) =>
  ((input(card, id)?.['choices'] as { value: string }[] | undefined) ?? []).map((choice) => choice.value);
const openUrl = (card: Card | undefined) =>
  elements(card).find((node) => node['type'] === 'Action.OpenUrl') as
    { title: string; url: string } | undefined;

describe('bot: export', () => {
  it('refuses staff with the standard sentence, and audits it', async () => {
    const { choose, latestAudit } = await bot();
    const { reply } = await choose(SAM);
    expect(reply?.text).toBe(
      'Only managers, partnership leads and admins can export this unit’s results. Nothing has been changed.',
    );
    expect(await latestAudit()).toMatchObject({
      actor: SAM.aadObjectId,
      action: 'exportUnit',
      outcome: 'refused',
    });
  });

  it('offers a manager what they may export, the periods and only their own units, every input labelled', async () => {
    const { choose } = await bot();
    const { card } = await choose(PRIYA);
    expect(cardText(card)).toContain(t.title);
    expect(choiceValues(card, 'kind')).toEqual(['results', 'actions', 'broadcasts']);
    expect(choiceValues(card, 'period')).toEqual([
      'last13Weeks',
      'FY2026-Q3',
      'FY2026-Q2',
      'FY2026-Q1',
      'FY2025-Q4',
    ]);
    expect(choiceValues(card, 'unitIds')).toEqual([WARD_7]);
    expect(input(card, 'unitIds')).toMatchObject({ isMultiSelect: true });
    for (const id of ['kind', 'period', 'unitIds'])
      expect(input(card, id)?.['label']).toEqual(expect.any(String));
    expect(cardText(card)).toContain('Quarter 3 of 2026 to 2027: 1 October 2026 to 31 December 2026');
  });

  it('offers a lead every unit and the board pack, and an admin the audit log too', async () => {
    const { choose } = await bot();
    const lead = (await choose(LEE)).card;
    expect(choiceValues(lead, 'kind')).toEqual(['results', 'actions', 'broadcasts', 'boardPack']);
    expect(cardText(lead)).toContain('Northshire Trust');
    expect(choiceValues(lead, 'unitIds')).toHaveLength(3);
    expect(choiceValues((await choose(ADA)).card, 'kind')).toContain('audit');
  });

  it('gives a one-use link to the download page on Continue, with what the file will hold', async () => {
    const { press, deps } = await bot();
    const card = await press(PRIYA, { kind: 'results', period: 'FY2026-Q3', unitIds: '' });
    expect(cardText(card)).toContain(t.readyTitle);
    expect(cardText(card)).toContain(t.linkRule);
    expect(cardText(card)).toContain('Ward 7');
    expect(cardText(card)).toContain('results-FY2026-Q3.csv');
    expect(cardText(card)).toContain(t.contents['results']!(5));
    const link = openUrl(card);
    expect(link?.title).toBe('Open download page');
    const token = link!.url.slice(`${PUBLIC_BASE_URL}/exports/`.length);
    expect(link!.url.startsWith(`${PUBLIC_BASE_URL}/exports/`)).toBe(true);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(deps.exports.peek(token)?.describe).toContain('Ward 7');
    expect(deps.exports.take(token)).toMatchObject({
      kind: 'results',
      unitIds: [WARD_7],
      aadObjectId: PRIYA.aadObjectId,
    });
  });

  it('refuses a manager’s crafted unit, and a lead’s crafted audit log, and audits both', async () => {
    const { press, latestAudit } = await bot();
    const crafted = await press(PRIYA, {
      kind: 'results',
      period: 'FY2026-Q3',
      unitIds: `${WARD_7},${WARD_9}`,
    });
    expect(cardText(crafted)).toContain(text.errors.refusedTitle);
    expect(openUrl(crafted)).toBeUndefined();
    expect(await latestAudit()).toMatchObject({
      actor: PRIYA.aadObjectId,
      action: 'exportUnit',
      targets: [WARD_9],
    });
    const audit = await press(LEE, { kind: 'audit', period: 'FY2026-Q3' });
    expect(cardText(audit)).toContain('Only admins can see the audit log. Nothing has been changed.');
    expect(await latestAudit()).toMatchObject({
      actor: LEE.aadObjectId,
      action: 'seeAudit',
      outcome: 'refused',
    });
    const pack = await press(PRIYA, { kind: 'boardPack', period: 'FY2026-Q3' });
    expect(cardText(pack)).toContain('Only partnership leads and admins can export the board pack.');
  });

  it('brings the choice back with what to fix, keeping what was chosen', async () => {
    const { press } = await bot();
    const period = await press(LEE, { kind: 'actions', period: 'FY2020-Q1', unitIds: WARD_9 });
    expect(cardText(period)).toContain(t.badPeriod);
    expect(input(period, 'kind')?.['value']).toBe('actions');
    expect(input(period, 'unitIds')?.['value']).toBe(WARD_9);
    const unknown = await press(LEE, { kind: 'results', period: 'FY2026-Q3', unitIds: 'made-up' });
    expect(cardText(unknown)).toContain(t.unknownUnits);
    expect(cardText(await press(LEE, { kind: 'everything', period: 'FY2026-Q3' }))).toContain(t.kindError);
    expect(cardText(await press(LEE, { kind: 'results', cardId: 7 }))).toContain(text.errors.badInput);
    const again = await press(LEE, {}, verbs.exportsNew);
    expect(choiceValues(again, 'kind')).toContain('boardPack');
  });
});
