// "erase" through the real route table: an admin finds Sam by name, reads what will happen, confirms and gets a
// receipt; everyone else is refused; crafted and stale payloads get a clear answer and change nothing.
import { describe, expect, it } from '@jest/globals';
import type { Activity } from 'botbuilder';
import { verbs } from '../../src/bot/verbs.js';
import { text } from '../../src/text/index.js';
import { samplePerson } from '../support/bot-deps.js';
import { harness } from '../support/bot-harness.js';
import { cardOf, cardText, input } from '../support/cards.js';
import { cardAction, message } from '../support/teams-activities.js';

const SAM = 'aad-sam';
const WARD = 'ward-7';

async function adminAndSam() {
  const built = harness({ bootstrapAdmins: ['aad-admin'] });
  const { store } = built;
  await store.savePerson(
    samplePerson({ aadObjectId: 'aad-admin', teamsUserId: '29:admin', name: 'Sam Admin' }),
  );
  await store.savePerson(samplePerson({ aadObjectId: SAM, teamsUserId: '29:sam', name: 'Sam Jones' }));
  await store.savePerson(samplePerson());
  await store.saveUnit({
    id: WARD,
    name: 'Ward 7',
    level: 'unit',
    tracked: true,
    createdAt: '2026-11-01T00:00:00.000Z',
    createdBy: 'aad-admin',
    checkins: { principles: ['p1'], owner: SAM },
  });
  await store.saveRoles('aad-manager', { admin: false, lead: false, managerOf: [WARD] });
  const asAdmin = <T extends Partial<Activity>>(activity: T) => ({
    ...activity,
    from: { id: '29:admin', name: 'Sam Admin', aadObjectId: 'aad-admin' },
  });
  const invoke = async (verb: string, data: unknown) =>
    cardOf((await built.send(asAdmin(cardAction(verb, data))))[0]);
  return { ...built, asAdmin, invoke };
}

describe('bot: erase', () => {
  it('lets an admin find Sam by name, see what will happen, confirm, and get a receipt', async () => {
    const { send, store, asAdmin, invoke, logs } = await adminAndSam();
    const start = cardOf((await send(asAdmin(message('personal', 'erase'))))[0]);
    expect(cardText(start)).toContain(text.erasure.searchTitle);
    expect(input(start, 'query')).toMatchObject({ label: text.erasure.queryLabel, isRequired: true });

    const found = await invoke(verbs.eraseSearch, { cardId: 'c1', query: 'sam' });
    expect(cardText(found)).toContain('People found for "sam":');
    expect(cardText(found)).toContain('Sam Jones');
    // The admin is found too, but as themselves, with no way to choose.
    expect(cardText(found)).toContain(text.erasure.you);
    expect(JSON.stringify(found)).toContain(`"aadObjectId":"${SAM}"`);
    expect(JSON.stringify(found)).not.toContain('"aadObjectId":"aad-admin"');

    const confirm = await invoke(verbs.eraseChoose, { cardId: 'c2', aadObjectId: SAM });
    const said = cardText(confirm);
    expect(said).toContain(text.erasure.confirmTitle('Sam Jones'));
    for (const line of [
      text.erasure.removed,
      text.erasure.answers,
      text.erasure.actions,
      text.erasure.warning,
    ])
      expect(said).toContain(line);
    expect(said).toContain(text.erasure.measures('Ward 7'));
    expect(input(confirm, 'confirm')).toMatchObject({ label: text.erasure.confirmLabel, isRequired: true });
    const eraseData = (confirm!.actions ?? []).find((a) => a.verb === verbs.eraseConfirm)!.data!;
    expect(eraseData).toMatchObject({ aadObjectId: SAM });

    const receipt = await invoke(verbs.eraseConfirm, { ...eraseData, confirm: 'true' });
    expect(cardText(receipt)).toContain(text.erasure.receiptTitle('Sam Jones'));
    expect(cardText(receipt)).toContain(text.erasure.receiptAudit);
    expect(await store.person(SAM)).toBeUndefined();
    expect((await store.unit(WARD))!.checkins).toEqual({ principles: ['p1'] });
    const [entry] = await store.auditEntries({ limit: 1 });
    expect(entry).toMatchObject({ actor: 'aad-admin', action: 'person.erase', outcome: 'done' });
    expect(entry!.targets).toHaveLength(1);
    expect(entry!.targets[0]).toMatch(/^erased-/);
    // The unit's manager is asked to choose a new measure owner, and nothing names Sam.
    const notices = await store.batchDeliveries('owners:2026-11-23');
    expect(notices.map((d) => d.recipient)).toEqual([{ kind: 'person', aadObjectId: 'aad-manager' }]);
    expect(JSON.stringify(notices)).not.toContain(SAM);
    expect(logs()).toContain('person.erase');
    expect(logs()).not.toContain(SAM);
    expect(logs()).not.toContain('Jones');
  });

  it('asks again, changing nothing, when the box was not ticked', async () => {
    const { store, invoke } = await adminAndSam();
    for (const data of [
      { cardId: 'c1', aadObjectId: SAM },
      { cardId: 'c1', aadObjectId: SAM, confirm: 'false' },
    ]) {
      const again = await invoke(verbs.eraseConfirm, data);
      expect(cardText(again)).toContain(text.erasure.needsConfirm);
      expect(cardText(again)).toContain(text.erasure.confirmTitle('Sam Jones'));
    }
    expect(await store.person(SAM)).toBeDefined();
    // The card was not spent: ticking the box now erases.
    expect(
      cardText(await invoke(verbs.eraseConfirm, { cardId: 'c1', aadObjectId: SAM, confirm: 'true' })),
    ).toContain(text.erasure.receiptTitle('Sam Jones'));
  });

  it('answers a card already used, or one for someone already erased, and changes nothing more', async () => {
    const { store, invoke } = await adminAndSam();
    await invoke(verbs.eraseConfirm, { cardId: 'used', aadObjectId: SAM, confirm: 'true' });
    const twice = await invoke(verbs.eraseConfirm, { cardId: 'used', aadObjectId: SAM, confirm: 'true' });
    expect(cardText(twice)).toContain(text.erasure.notFound);
    // The same spent card, now carrying someone else's id, erases nobody.
    const stale = await invoke(verbs.eraseConfirm, {
      cardId: 'used',
      aadObjectId: 'aad-priya',
      confirm: 'true',
    });
    expect(cardText(stale)).toContain(text.erasure.alreadyUsed);
    expect(await store.person('aad-priya')).toBeDefined();
    expect((await store.auditEntries({ limit: 10 })).filter((e) => e.action === 'person.erase')).toHaveLength(
      1,
    );
  });

  it('answers an unknown id, the admin’s own id and a malformed payload clearly', async () => {
    const { store, invoke } = await adminAndSam();
    expect(cardText(await invoke(verbs.eraseChoose, { cardId: 'c', aadObjectId: 'aad-nobody' }))).toContain(
      text.erasure.notFound,
    );
    expect(
      cardText(await invoke(verbs.eraseConfirm, { cardId: 'c', aadObjectId: 'aad-nobody', confirm: 'true' })),
    ).toContain(text.erasure.notFound);
    expect(cardText(await invoke(verbs.eraseChoose, { cardId: 'c', aadObjectId: 'aad-admin' }))).toContain(
      text.erasure.self,
    );
    expect(
      cardText(await invoke(verbs.eraseConfirm, { cardId: 'c', aadObjectId: 'aad-admin', confirm: 'true' })),
    ).toContain(text.erasure.self);
    expect(cardText(await invoke(verbs.eraseConfirm, { cardId: 'c', confirm: 'true' }))).toContain(
      text.errors.badInput,
    );
    expect(cardText(await invoke(verbs.eraseSearch, { cardId: 'c', query: '   ' }))).toContain(
      text.erasure.queryProblem,
    );
    expect(await store.person('aad-admin')).toBeDefined();
    expect((await store.auditEntries({ limit: 10 })).some((e) => e.action === 'person.erase')).toBe(false);
  });

  it('shows Sam in the audit log as a former staff member once erased, and a purge in words', async () => {
    const { send, store, asAdmin, invoke } = await adminAndSam();
    const entry = (id: string, at: string, actor: string, action: string, targets: string[]) =>
      store.appendAudit({ id, at, actor, action, targets, outcome: 'done' });
    await entry('e1', '2026-11-20T09:00:00.000Z', SAM, 'unit.track', [WARD]);
    await entry('e2', '2026-11-21T09:00:00.000Z', 'aad-admin', 'roles.change', [SAM, WARD]);
    const purge = ['cycles:3', 'latestAnswers:0', 'actionMonths:1', 'keptFrom:2024-11-01'];
    await entry('e3', '2026-11-22T03:30:00.000Z', 'system', 'retention.purge', purge);
    const before = cardText(cardOf((await send(asAdmin(message('personal', 'audit'))))[0]));
    expect(before).toContain('Sam Jones');
    expect(before).not.toContain(text.erasure.formerStaffName);

    await invoke(verbs.eraseConfirm, { cardId: 'c', aadObjectId: SAM, confirm: 'true' });
    const after = cardText(cardOf((await send(asAdmin(message('personal', 'audit'))))[0]));
    expect(after).not.toContain('Sam Jones');
    expect(after).not.toContain(SAM);
    expect(after.split(text.erasure.formerStaffName).length - 1).toBe(3);
    expect(after).toContain(text.audit.actions['person.erase']);
    expect(after).toContain('3 weeks of check-ins, 0 measure answers no longer latest, 1 month of actions');
    expect(after).toContain('everything from 1 November 2024 kept');
  });

  it('refuses everyone but admins, typed or crafted, and audits the refusal', async () => {
    const { send, store } = await adminAndSam();
    const [reply] = await send(message('personal', 'erase'));
    expect(reply?.text).toBe('Only admins can erase a person’s data. Nothing has been changed.');
    const [response] = await send(
      cardAction(verbs.eraseConfirm, { cardId: 'x', aadObjectId: SAM, confirm: 'true' }),
    );
    expect(cardText(cardOf(response))).toContain('Only admins can erase a person’s data.');
    expect(await store.person(SAM)).toBeDefined();
    expect((await store.auditEntries({ limit: 1 }))[0]).toMatchObject({
      actor: 'aad-priya',
      action: 'erasePerson',
      outcome: 'refused',
    });
  });
});
