// The Store contract for erasing a person: part of describeStoreContract. Ada is erased; Grace, and Ada2 (whose
// id begins with Ada's), must come through untouched.
import { describe, expect, it } from '@jest/globals';
import type { Store } from '../../src/store/store.js';
import {
  sampleAction,
  sampleAudit,
  sampleBroadcast,
  sampleConversation,
  sampleCycle,
  sampleDelivery,
  sampleMeasureAnswer,
  samplePerson,
  samplePulse,
  sampleTeam,
  sampleUnit,
} from './samples.js';

const ADA = 'aad-ada';
const P = 'erased-0f6d';
const WARD = '19:ward-7@thread.tacv2';
const T = '2026-11-23T09:00:00.000Z';

async function adaEverywhere(store: Store) {
  await store.savePerson(samplePerson());
  await store.savePerson(samplePerson({ aadObjectId: 'aad-ada2', teamsUserId: '29:ada2', name: 'Ada Two' }));
  await store.savePerson(samplePerson({ aadObjectId: 'aad-grace', teamsUserId: '29:grace', name: 'Grace' }));
  await store.saveConversation(sampleConversation());
  await store.saveConversation(
    sampleConversation({
      conversationId: '19:general',
      scope: 'channel',
      aadObjectId: undefined,
      installedBy: ADA,
    }),
  );
  await store.saveTeam(
    sampleTeam({
      members: {
        [ADA]: { addedAt: T },
        'aad-ada2': { addedAt: T },
        'aad-grace': { addedAt: T },
      },
    }),
  );
  await store.saveUnit(sampleUnit({ checkins: { principles: ['p1'], owner: ADA, deputy: 'aad-grace' } }));
  await store.saveRoles(ADA, { admin: false, lead: true, managerOf: [WARD] });
  await store.saveRoles('aad-grace', { admin: true, lead: false, managerOf: [] });
  const cycle = sampleCycle({
    expected: { [ADA]: WARD, 'aad-ada2': WARD, 'aad-grace': WARD },
    measures: { [WARD]: { owners: [ADA], measureIds: ['p1-partner-seats'] } },
  });
  await store.createCycle(cycle);
  await store.savePulse(cycle.id, samplePulse({ comment: 'We asked a patient partner.' }));
  await store.savePulse(cycle.id, samplePulse({ aadObjectId: 'aad-ada2', comment: 'Kept.' }));
  await store.saveMeasureAnswers(cycle.id, WARD, [sampleMeasureAnswer({ answeredBy: ADA })]);
  for (const aadObjectId of [ADA, 'aad-grace'])
    await store.addCardCopy(cycle.id, WARD, {
      aadObjectId,
      card: 'pulse',
      conversationId: `a:${aadObjectId}`,
      activityId: '1',
    });
  await store.saveAction(sampleAction({ owner: ADA, followUpOn: '2026-12-01' }));
  await store.saveAction(sampleAction({ id: '2026-11-a2', owner: 'aad-grace' }));
  await store.saveBroadcast(sampleBroadcast({ sender: ADA }));
  await store.saveBroadcast(sampleBroadcast({ id: 'b2', sender: 'aad-grace' }));
  await store.acknowledge('b2', ADA, T);
  await store.acknowledge('b2', 'aad-grace', T);
  await store.recordRead('b2', ADA, T);
  const toPerson = (aadObjectId: string, state: 'pending' | 'delivered') =>
    sampleDelivery(`person:${aadObjectId}`, T, {
      batchId: 'broadcast:b2',
      recipient: { kind: 'person', aadObjectId },
      content: { card: 'ownerGone', data: { unitId: WARD, aadObjectId } },
      state,
    });
  await store.enqueueDeliveries([toPerson(ADA, 'pending'), toPerson('aad-grace', 'delivered')]);
  await store.appendAudit(sampleAudit('a1', T, { actor: ADA, targets: [ADA] }));
  return cycle;
}

export function describeErasureContract(current: () => Store): void {
  describe('erasing a person', () => {
    it('removes who they are: their record, chats, roles and team memberships', async () => {
      const store = current();
      await adaEverywhere(store);
      const { pseudonym, counts } = await store.erasePerson(ADA, P);
      expect(pseudonym).toBe(P);
      expect(counts).toMatchObject({ person: 1, conversations: 1, roles: 1, teams: 1, unitSetups: 1 });
      expect(await store.person(ADA)).toBeUndefined();
      expect(await store.personalConversation(ADA)).toBeUndefined();
      expect(await store.conversation('a:personal-ada')).toBeUndefined();
      expect(await store.conversation('19:general')).toMatchObject({ installedBy: P });
      expect(await store.roles(ADA)).toBeUndefined();
      expect((await store.peopleWithRoles()).map((held) => held.aadObjectId)).toEqual(['aad-grace']);
      expect(await store.teamsOf(ADA)).toEqual([]);
      expect(Object.keys((await store.team(sampleTeam().id))!.members).sort()).toEqual([
        'aad-ada2',
        'aad-grace',
      ]);
      expect((await store.team(sampleTeam().id))!.installedBy).toBe(P);
      const unit = (await store.unit(WARD))!;
      expect(unit.checkins).toEqual({ principles: ['p1'], deputy: 'aad-grace' });
      expect(unit.createdBy).toBe(P);
      expect((await store.people()).map((person) => person.aadObjectId)).toEqual(['aad-ada2', 'aad-grace']);
    });

    it('keeps their pulse as an anonymous count without its comment, and the cycle still expects one', async () => {
      const store = current();
      const cycle = await adaEverywhere(store);
      const { counts } = await store.erasePerson(ADA, P);
      expect(counts).toMatchObject({ cycles: 1, pulses: 1, comments: 1, measureAnswers: 1, cardCopies: 1 });
      const after = await store.unitCheckins(cycle.id, WARD);
      expect(Object.keys(after.pulses).sort()).toEqual(['aad-ada2', P]);
      const { comment: _dropped, ...rest } = samplePulse({ comment: 'x' });
      expect(after.pulses[P]).toEqual({ ...rest, aadObjectId: P });
      expect(after.pulses['aad-ada2']!.comment).toBe('Kept.');
      expect(after.measures['p1-partner-seats']!.answeredBy).toBe(P);
      expect(after.copies.map((copy) => copy.aadObjectId)).toEqual(['aad-grace']);
      const saved = (await store.cycle(cycle.id))!;
      expect(saved.expected).toEqual({ [P]: WARD, 'aad-ada2': WARD, 'aad-grace': WARD });
      expect(saved.measures[WARD]!.owners).toEqual([P]);
      expect((await store.latestMeasureAnswers(WARD))['p1-partner-seats']!.answeredBy).toBe(P);
    });

    it('keeps their actions, broadcasts and responses under the pseudonym, counting the same', async () => {
      const store = current();
      await adaEverywhere(store);
      const { counts } = await store.erasePerson(ADA, P);
      expect(counts).toMatchObject({ actions: 1, broadcasts: 1, broadcastResponses: 2 });
      expect(await store.action('2026-11-a1')).toEqual(
        sampleAction({ owner: P, followUpOn: '2026-12-01', followUpAskedFor: '2026-12-01' }),
      );
      expect((await store.action('2026-11-a2'))!.owner).toBe('aad-grace');
      expect((await store.broadcast('b1'))!.sender).toBe(P);
      expect(await store.acknowledgedBy('b2')).toEqual(['aad-grace', P].sort());
      expect(await store.readBy('b2')).toEqual([P]);
    });

    it('puts the pseudonym in their deliveries, and never sends them one that was waiting', async () => {
      const store = current();
      await adaEverywhere(store);
      const { counts } = await store.erasePerson(ADA, P);
      expect(counts.deliveries).toBe(1);
      const batch = await store.batchDeliveries('broadcast:b2');
      expect(batch.map((d) => d.id).sort()).toEqual([`person:${P}`, 'person:aad-grace'].sort());
      const theirs = batch.find((d) => d.id === `person:${P}`)!;
      expect(theirs).toMatchObject({
        state: 'cancelled',
        recipient: { kind: 'person', aadObjectId: P },
        content: { card: 'ownerGone', data: { unitId: WARD, aadObjectId: P } },
      });
      expect(await store.dueDeliveries('2030-01-01T00:00:00.000Z', 10)).toEqual([]);
    });

    it('saves a late update from the sender, made under the id a delivery had, under the pseudonym', async () => {
      const store = current();
      await store.savePerson(samplePerson());
      const waiting = sampleDelivery(`person:${ADA}`, T, { recipient: { kind: 'person', aadObjectId: ADA } });
      await store.enqueueDeliveries([waiting]);
      const sending = { ...waiting, state: 'sending' as const, attempts: 1 };
      await store.updateDeliveries([sending]);
      await store.erasePerson(ADA, P);
      await store.updateDeliveries([{ ...sending, state: 'delivered', activityId: 'act-1' }]);
      expect(await store.batchDeliveries(waiting.batchId)).toEqual([
        {
          ...sending,
          id: `person:${P}`,
          recipient: { kind: 'person', aadObjectId: P },
          state: 'delivered',
          activityId: 'act-1',
        },
      ]);
      // Once its final state is saved it is forgotten: the old id is unknown again.
      await expect(store.updateDeliveries([{ ...sending, state: 'failed' }])).rejects.toThrow(/never/);
    });

    it('leaves the audit log as it was: it is never changed', async () => {
      const store = current();
      await adaEverywhere(store);
      await store.erasePerson(ADA, P);
      expect(await store.auditEntries({ limit: 10 })).toEqual([
        sampleAudit('a1', T, { actor: ADA, targets: [ADA] }),
      ]);
    });

    it('finds nothing of them a second time, and changes nothing else', async () => {
      const store = current();
      const cycle = await adaEverywhere(store);
      await store.erasePerson(ADA, P);
      const before = await store.unitCheckins(cycle.id, WARD);
      const { counts } = await store.erasePerson(ADA, 'erased-second');
      expect(Object.values(counts).every((count) => count === 0)).toBe(true);
      expect(await store.unitCheckins(cycle.id, WARD)).toEqual(before);
    });

    it('refuses an erasure with no id, or a pseudonym that still holds the id, changing nothing', async () => {
      const store = current();
      await adaEverywhere(store);
      await expect(store.erasePerson('', P)).rejects.toThrow(RangeError);
      await expect(store.erasePerson(ADA, `erased-${ADA}`)).rejects.toThrow(RangeError);
      expect(await store.person(ADA)).toEqual(samplePerson());
    });
  });
}
