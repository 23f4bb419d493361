// The behaviour every Store must have. Each implementation's test file calls describeStoreContract with a
// factory that opens a fresh, empty store and a cleanup that closes it and removes what it made.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { StoreClosedError, type Store } from '../../src/store/store.js';
import { describeActionContract } from './contract-actions.js';
import { describeAuditContract } from './contract-audit.js';
import { describeBroadcastContract } from './contract-broadcasts.js';
import { describeCheckinContract } from './contract-checkins.js';
import { describeClaimContract } from './contract-claims.js';
import { describeDeliveryContract } from './contract-deliveries.js';
import { describeEnumerationContract } from './contract-enumeration.js';
import { describeErasureContract } from './contract-erasure.js';
import { describeJobRunContract } from './contract-jobs.js';
import { describeRetentionContract } from './contract-retention.js';
import { describeSettingsContract } from './contract-settings.js';
import { describeUnitsAndRolesContract } from './contract-units-roles.js';
import {
  sampleAction,
  sampleAudit,
  sampleBroadcast,
  sampleConversation,
  sampleDelivery,
  samplePerson,
  sampleTeam,
  sampleUnit,
  SERVICE_URL,
} from './samples.js';

export type OpenStore = () => Promise<{ store: Store; cleanup(): Promise<void> }>;

const T0 = '2025-03-03T09:00:00.000Z';
const T1 = '2025-03-04T09:00:00.000Z';
const T2 = '2025-03-05T09:00:00.000Z';

export function describeStoreContract(name: string, open: OpenStore): void {
  describe(`${name}: Store contract`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await open());
    });
    afterEach(async () => {
      await cleanup();
    });

    describe('people', () => {
      it('reads back each saved person by aadObjectId', async () => {
        const ada = samplePerson();
        const grace = samplePerson({
          aadObjectId: 'aad-grace',
          teamsUserId: '29:grace',
          name: 'Grace Hopper',
        });
        await store.savePerson(ada);
        await store.savePerson(grace);
        expect(await store.person('aad-ada')).toEqual(ada);
        expect(await store.person('aad-grace')).toEqual(grace);
      });

      it('replaces a person on a later save', async () => {
        await store.savePerson(samplePerson());
        const paused = samplePerson({ name: 'Ada King', checkins: { stopped: false, pausedUntil: T2 } });
        await store.savePerson(paused);
        expect(await store.person('aad-ada')).toEqual(paused);
      });

      it('keeps its own copy: changing the object passed in changes nothing saved', async () => {
        const ada = samplePerson();
        await store.savePerson(ada);
        ada.name = 'changed';
        ada.checkins.stopped = true;
        expect(await store.person('aad-ada')).toEqual(samplePerson());
      });

      it('keeps its own copy: changing the object returned changes nothing saved', async () => {
        await store.savePerson(samplePerson());
        const read = await store.person('aad-ada');
        read!.name = 'changed';
        read!.checkins.stopped = true;
        expect(await store.person('aad-ada')).toEqual(samplePerson());
      });

      it('refuses a person that fails its schema and keeps nothing of it', async () => {
        await expect(
          store.savePerson(samplePerson({ aadObjectId: 'aad-bad', teamsUserId: '' })),
        ).rejects.toThrow(/teamsUserId/);
        expect(await store.person('aad-bad')).toBeUndefined();
      });
    });

    describe('conversations', () => {
      const channel = sampleConversation({
        conversationId: '19:general@thread.tacv2',
        scope: 'channel',
        teamId: '19:ward-7@thread.tacv2',
      });
      const groupChat = sampleConversation({ conversationId: '19:group@thread.v2', scope: 'groupChat' });
      const personal = sampleConversation();

      it('reads back a conversation by id', async () => {
        await store.saveConversation(channel);
        await store.saveConversation(personal);
        expect(await store.conversation(personal.conversationId)).toEqual(personal);
        expect(await store.conversation(channel.conversationId)).toEqual(channel);
      });

      it("finds a person's personal conversation by aadObjectId, never a channel or group chat", async () => {
        // Saved first and carrying the same aadObjectId, so a lookup that ignores the scope finds these.
        await store.saveConversation(channel);
        await store.saveConversation(groupChat);
        expect(await store.personalConversation('aad-ada')).toBeUndefined();
        await store.saveConversation(personal);
        expect(await store.personalConversation('aad-ada')).toEqual(personal);
        expect(await store.personalConversation('aad-grace')).toBeUndefined();
      });

      it('replaces a conversation on a later save (a new serviceUrl, a block)', async () => {
        await store.saveConversation(personal);
        const moved = { ...personal, serviceUrl: 'https://smba.trafficmanager.net/emea/', blockedAt: T1 };
        await store.saveConversation(moved);
        expect(await store.conversation(personal.conversationId)).toEqual(moved);
        expect(await store.personalConversation('aad-ada')).toEqual(moved);
      });

      it('keeps its own copy on the way in and out', async () => {
        const passed = sampleConversation();
        await store.saveConversation(passed);
        passed.serviceUrl = 'changed';
        const read = await store.conversation(passed.conversationId);
        read!.installed = false;
        expect(await store.conversation(passed.conversationId)).toEqual(sampleConversation());
      });
    });

    describe('teams', () => {
      it('reads back a team with its channels and members', async () => {
        const team = sampleTeam({
          channels: [
            { id: '19:ward-7@thread.tacv2', name: 'General', state: 'active' },
            { id: '19:huddle@thread.tacv2', name: 'Huddle', state: 'archived' },
          ],
          members: { 'aad-ada': { addedAt: T0 }, 'aad-grace': { addedAt: T0, removedAt: T1 } },
        });
        await store.saveTeam(team);
        expect(await store.team(team.id)).toEqual(team);
      });

      it('keeps its own copy of nested channels and members', async () => {
        const passed = sampleTeam();
        await store.saveTeam(passed);
        passed.channels.push({ id: '19:x@thread.tacv2', name: 'x', state: 'active' });
        passed.members['aad-ada']!.removedAt = T1;
        const read = await store.team(passed.id);
        read!.channels[0]!.name = 'changed';
        read!.members['aad-new'] = { addedAt: T2 };
        expect(await store.team(passed.id)).toEqual(sampleTeam());
      });

      it('lists the teams a person is a current member of, not those they left', async () => {
        await store.saveTeam(
          sampleTeam({
            members: { 'aad-ada': { addedAt: T0 }, 'aad-grace': { addedAt: T0, removedAt: T1 } },
          }),
        );
        await store.saveTeam(
          sampleTeam({ id: '19:ward-8@thread.tacv2', serviceUrl: 'https://smba.example.test/emea/' }),
        );
        expect(await store.teamsOf('aad-ada')).toEqual([
          { teamId: '19:ward-7@thread.tacv2', serviceUrl: SERVICE_URL },
          { teamId: '19:ward-8@thread.tacv2', serviceUrl: 'https://smba.example.test/emea/' },
        ]);
        expect(await store.teamsOf('aad-grace')).toEqual([]);
        expect(await store.teamsOf('aad-nobody')).toEqual([]);
      });
    });

    describeUnitsAndRolesContract(() => store);
    describeAuditContract(() => store);
    describeJobRunContract(() => store);
    describeSettingsContract(() => store);
    describeDeliveryContract(() => store);
    describeClaimContract(() => store);
    describeCheckinContract(() => store);
    describeActionContract(() => store);
    describeBroadcastContract(() => store);
    describeRetentionContract(() => store);
    describeErasureContract(() => store);
    describeEnumerationContract(() => store);

    describe('claimCardAction', () => {
      it('is true the first time and false on every repeat', async () => {
        expect(await store.claimCardAction('card-1:v1', T1, T0)).toBe(true);
        expect(await store.claimCardAction('card-1:v1', T1, T0)).toBe(false);
        expect(await store.claimCardAction('card-1:v1', T2, T0)).toBe(false);
        expect(await store.claimCardAction('card-1:v2', T1, T0)).toBe(true);
      });

      it('gives exactly one true to claims racing for one key', async () => {
        const results = await Promise.all(
          Array.from({ length: 5 }, () => store.claimCardAction('card-1:v1', T1, T0)),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
      });

      it('forgets a key claimed before forgetBefore, so it can be claimed again', async () => {
        expect(await store.claimCardAction('old', T0, T0)).toBe(true);
        expect(await store.claimCardAction('kept', T1, T0)).toBe(true);
        // Forgetting happens on a later claim: 'old' (T0) is older than T1, 'kept' (T1) is not.
        expect(await store.claimCardAction('other', T2, T1)).toBe(true);
        expect(await store.claimCardAction('kept', T2, T1)).toBe(false);
        expect(await store.claimCardAction('old', T2, T1)).toBe(true);
      });
    });

    it('answers undefined for ids it has never seen', async () => {
      await store.savePerson(samplePerson());
      await store.saveConversation(sampleConversation());
      await store.saveTeam(sampleTeam());
      expect(await store.person('aad-nobody')).toBeUndefined();
      expect(await store.conversation('a:nowhere')).toBeUndefined();
      expect(await store.personalConversation('aad-nobody')).toBeUndefined();
      expect(await store.team('19:no-team@thread.tacv2')).toBeUndefined();
      expect(await store.unit('no-unit')).toBeUndefined();
      expect(await store.roles('aad-nobody')).toBeUndefined();
    });

    it('refuses saves from the moment close() is called', async () => {
      await store.savePerson(samplePerson());
      const closing = store.close();
      await expect(store.savePerson(samplePerson({ name: 'Ada King' }))).rejects.toThrow(StoreClosedError);
      await expect(store.saveConversation(sampleConversation())).rejects.toThrow(StoreClosedError);
      await expect(store.saveTeam(sampleTeam())).rejects.toThrow(StoreClosedError);
      await expect(store.claimCardAction('card-1:v1', T1, T0)).rejects.toThrow(/refused a save after close/);
      await expect(store.saveUnit(sampleUnit())).rejects.toThrow(StoreClosedError);
      await expect(store.saveRoles('aad-ada', { admin: true, lead: false, managerOf: [] })).rejects.toThrow(
        StoreClosedError,
      );
      await expect(store.appendAudit(sampleAudit('late', T1))).rejects.toThrow(StoreClosedError);
      await expect(store.enqueueDeliveries([sampleDelivery('late', T1)])).rejects.toThrow(StoreClosedError);
      await expect(store.updateDeliveries([])).rejects.toThrow(StoreClosedError);
      await expect(store.saveAction(sampleAction())).rejects.toThrow(StoreClosedError);
      await expect(store.saveBroadcast(sampleBroadcast())).rejects.toThrow(StoreClosedError);
      await expect(store.acknowledge('b1', 'aad-ada', T1)).rejects.toThrow(StoreClosedError);
      await expect(store.recordRead('b1', 'aad-ada', T1)).rejects.toThrow(StoreClosedError);
      await closing;
      expect(await store.person('aad-ada')).toEqual(samplePerson());
      expect(await store.unit(sampleUnit().id)).toBeUndefined();
      expect(await store.roles('aad-ada')).toBeUndefined();
      expect(await store.auditEntries({ limit: 10 })).toEqual([]);
      expect(await store.batchDeliveries('broadcast-1')).toEqual([]);
      expect(await store.action(sampleAction().id)).toBeUndefined();
      expect(await store.actionMonths()).toEqual([]);
      expect(await store.broadcasts()).toEqual([]);
      expect(await store.broadcast('b1')).toBeUndefined();
    });

    it('closes once, and a second close is harmless', async () => {
      await store.savePerson(samplePerson());
      await expect(store.close()).resolves.toBeUndefined();
      await expect(store.close()).resolves.toBeUndefined();
    });
  });
}
