// The Store contract for enumeration: listing what the keyed lookups cannot, so a whole store can be copied
// (npm run migrate:lowdb-to-postgres). Part of describeStoreContract.
import { describe, expect, it } from '@jest/globals';
import type { Store } from '../../src/store/store.js';
import {
  sampleBroadcast,
  sampleConversation,
  sampleCycle,
  sampleDelivery,
  sampleMeasureAnswer,
  samplePulse,
  sampleTeam,
} from './samples.js';

const WARD = '19:ward-7@thread.tacv2';
// Ids that need encoding in a lowdb file name, so listing must read the names back correctly.
const OUTPATIENTS = 'unit:Outpatients/ünit';
const T0 = '2026-11-23T09:00:00.000Z';

export function describeEnumerationContract(current: () => Store): void {
  describe('enumeration', () => {
    it('lists nothing in an empty store', async () => {
      const store = current();
      expect(await store.conversations()).toEqual([]);
      expect(await store.teams()).toEqual([]);
      expect(await store.jobRuns()).toEqual([]);
      expect(await store.cycles()).toEqual([]);
      expect(await store.checkinUnits('2026-W48')).toEqual([]);
      expect(await store.deliveryBatches()).toEqual([]);
    });

    it('lists every conversation and team by id, as saved', async () => {
      const store = current();
      const group = sampleConversation({ conversationId: '19:group', scope: 'groupChat' });
      delete group.aadObjectId;
      const personal = sampleConversation();
      await store.saveConversation(personal);
      await store.saveConversation(group);
      const ward = sampleTeam();
      const theatres = sampleTeam({ id: '19:theatres@thread.tacv2', name: 'Theatres' });
      await store.saveTeam(theatres);
      await store.saveTeam(ward);
      expect(await store.conversations()).toEqual([group, personal]);
      expect(await store.teams()).toEqual([theatres, ward]);
      // A copy: changing what was listed changes nothing saved.
      (await store.teams())[1]!.name = 'changed';
      expect((await store.team(WARD))?.name).toBe('Ward 7');
    });

    it("lists each job's last claimed run by job name", async () => {
      const store = current();
      await store.claimJobRun('retention', '2026-11-24T03:00:00.000Z');
      await store.claimJobRun('member-sync', '2026-11-24T02:00:00.000Z');
      await store.claimJobRun('member-sync', '2026-11-25T02:00:00.000Z');
      expect(await store.jobRuns()).toEqual([
        { job: 'member-sync', runKey: '2026-11-25T02:00:00.000Z' },
        { job: 'retention', runKey: '2026-11-24T03:00:00.000Z' },
      ]);
    });

    it('lists cycles oldest first, across a year end', async () => {
      const store = current();
      const w01 = sampleCycle({ id: '2027-W01' });
      const w53 = sampleCycle({ id: '2026-W53', closedAt: '2027-01-03T23:59:00.000Z' });
      await store.createCycle(w01);
      await store.createCycle(w53);
      expect(await store.cycles()).toEqual([w53, w01]);
    });

    it('lists the units with check-ins in a cycle: a pulse, an answer or a card copy, not one only read', async () => {
      const store = current();
      await store.createCycle(sampleCycle());
      await store.createCycle(sampleCycle({ id: '2026-W49' }));
      await store.savePulse('2026-W48', samplePulse());
      await store.saveMeasureAnswers('2026-W48', OUTPATIENTS, [sampleMeasureAnswer({ unitId: OUTPATIENTS })]);
      await store.addCardCopy('2026-W49', 'unit-copies-only', {
        aadObjectId: 'aad-ada',
        card: 'pulse',
        conversationId: 'a:personal-ada',
        activityId: 'activity-1',
      });
      await store.unitCheckins('2026-W48', 'unit-only-read');
      expect(await store.checkinUnits('2026-W48')).toEqual([WARD, OUTPATIENTS].sort());
      expect(await store.checkinUnits('2026-W49')).toEqual(['unit-copies-only']);
      expect(await store.checkinUnits('2026-W50')).toEqual([]);
    });

    it('lists every delivery batch, finished ones too', async () => {
      const store = current();
      await store.enqueueDeliveries([
        sampleDelivery('d1', T0),
        sampleDelivery('d2', T0, { batchId: 'cycle:2026-W48/Ward 7' }),
      ]);
      // A batch whose every delivery is final is filed away (in lowdb, compacted): it is still listed.
      await store.updateDeliveries([sampleDelivery('d1', T0, { state: 'delivered', attempts: 1 })]);
      expect(await store.deliveryBatches()).toEqual(['broadcast-1', 'cycle:2026-W48/Ward 7']);
    });

    it('gives when each person first acknowledged and read a broadcast, by aadObjectId', async () => {
      const store = current();
      await store.saveBroadcast(sampleBroadcast());
      await store.saveBroadcast(sampleBroadcast({ id: 'b2' }));
      await store.acknowledge('b1', 'aad-zoe', '2026-11-23T10:00:00.000Z');
      await store.acknowledge('b1', 'aad-ada', '2026-11-23T11:00:00.000Z');
      await store.acknowledge('b1', 'aad-ada', '2026-11-23T12:00:00.000Z');
      await store.recordRead('b1', 'aad-ada', '2026-11-23T10:30:00.000Z');
      expect(await store.broadcastResponses('b1')).toEqual({
        acknowledged: [
          { aadObjectId: 'aad-ada', at: '2026-11-23T11:00:00.000Z' },
          { aadObjectId: 'aad-zoe', at: '2026-11-23T10:00:00.000Z' },
        ],
        read: [{ aadObjectId: 'aad-ada', at: '2026-11-23T10:30:00.000Z' }],
      });
      expect(await store.broadcastResponses('b2')).toEqual({ acknowledged: [], read: [] });
      await expect(store.broadcastResponses('../b1')).rejects.toThrow('not a broadcast id');
    });
  });
}
