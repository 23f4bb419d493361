// The Store contract for check-ins: part of describeStoreContract.
import { describe, expect, it } from '@jest/globals';
import type { UnitCheckins } from '../../src/domain/checkins.js';
import type { Store } from '../../src/store/store.js';
import { sampleCycle, sampleMeasureAnswer, samplePulse } from './samples.js';

const WARD = '19:ward-7@thread.tacv2';
const OTHER = 'unit-outpatients';

export function describeCheckinContract(current: () => Store): void {
  describe('check-ins', () => {
    it('creates a cycle once: a second create with the same id changes nothing', async () => {
      const store = current();
      expect(await store.cycle('2026-W48')).toBeUndefined();
      expect(await store.createCycle(sampleCycle())).toBe(true);
      expect(await store.createCycle(sampleCycle({ openedBy: 'aad-lead' }))).toBe(false);
      expect(await store.cycle('2026-W48')).toEqual(sampleCycle());
    });

    it('gives exactly one of two racing creates', async () => {
      const store = current();
      const created = await Promise.all([store.createCycle(sampleCycle()), store.createCycle(sampleCycle())]);
      expect(created.filter(Boolean)).toHaveLength(1);
    });

    it('saves changes to a cycle and refuses to save one never created', async () => {
      const store = current();
      await store.createCycle(sampleCycle());
      const closed = sampleCycle({ closedAt: '2026-11-29T23:59:00.000Z' });
      await store.saveCycle(closed);
      expect(await store.cycle('2026-W48')).toEqual(closed);
      await expect(store.saveCycle(sampleCycle({ id: '2026-W49' }))).rejects.toThrow('create it first');
    });

    it('finds the latest cycle by week, across a year end', async () => {
      const store = current();
      expect(await store.latestCycle()).toBeUndefined();
      await store.createCycle(sampleCycle({ id: '2027-W01' }));
      await store.createCycle(sampleCycle({ id: '2026-W53' }));
      expect((await store.latestCycle())?.id).toBe('2027-W01');
    });

    it('refuses a cycle that does not match its schema', async () => {
      await expect(current().createCycle(sampleCycle({ id: '../2026' }))).rejects.toThrow('check-in cycle');
    });

    it('keeps each person’s pulse in its unit, a later answer replacing the earlier', async () => {
      const store = current();
      await store.savePulse('2026-W48', samplePulse());
      await store.savePulse('2026-W48', samplePulse({ aadObjectId: 'aad-grace' }));
      const changed = samplePulse({ choices: { ...samplePulse().choices, p1: 'no' }, version: 2 });
      await store.savePulse('2026-W48', changed);
      const ward = await store.unitCheckins('2026-W48', WARD);
      expect(Object.keys(ward.pulses).sort()).toEqual(['aad-ada', 'aad-grace']);
      expect(ward.pulses['aad-ada']).toEqual(changed);
      expect((await store.unitCheckins('2026-W48', OTHER)).pulses).toEqual({});
      expect((await store.unitCheckins('2026-W49', WARD)).pulses).toEqual({});
    });

    it('lands two pulses saved at once', async () => {
      const store = current();
      await Promise.all(
        ['a', 'b', 'c', 'd'].map((id) => store.savePulse('2026-W48', samplePulse({ aadObjectId: id }))),
      );
      expect(Object.keys((await store.unitCheckins('2026-W48', WARD)).pulses).sort()).toEqual([
        'a',
        'b',
        'c',
        'd',
      ]);
    });

    it('keeps measure answers per cycle and the latest per unit', async () => {
      const store = current();
      const november = sampleMeasureAnswer();
      const december = sampleMeasureAnswer({
        cycleId: '2026-W49',
        openingDay: '2026-11-30',
        value: { scale: 'percent', numerator: 4, denominator: 5 },
      });
      const parity = sampleMeasureAnswer({
        measureId: 'p1-papers-parity',
        value: { scale: 'yesNo', answer: 'yes' },
      });
      await store.saveMeasureAnswers('2026-W48', WARD, [november, parity]);
      await store.saveMeasureAnswers('2026-W49', WARD, [december]);
      expect((await store.unitCheckins('2026-W48', WARD)).measures).toEqual({
        'p1-partner-seats': november,
        'p1-papers-parity': parity,
      });
      expect(await store.latestMeasureAnswers(WARD)).toEqual({
        'p1-partner-seats': december,
        'p1-papers-parity': parity,
      });
      expect(await store.latestMeasureAnswers(OTHER)).toEqual({});
    });

    it('remembers where cards landed, once each', async () => {
      const store = current();
      const copy = { aadObjectId: 'aad-ada', card: 'pulse', conversationId: 'a:ada', activityId: 'm1' };
      await store.addCardCopy('2026-W48', WARD, copy);
      await store.addCardCopy('2026-W48', WARD, copy);
      await store.addCardCopy('2026-W48', WARD, { ...copy, activityId: 'm2' });
      expect((await store.unitCheckins('2026-W48', WARD)).copies).toEqual([
        copy,
        { ...copy, activityId: 'm2' },
      ]);
    });

    it('gives read-only cycles: changing one throws, and a change is saved only by saveCycle', async () => {
      const store = current();
      const given = sampleCycle();
      await store.createCycle(given);
      // What the caller gave is still its own to change: the store froze its own copy.
      given.openedBy = 'aad-lead';
      const read = (await store.cycle('2026-W48'))!;
      const latest = (await store.latestCycle())!;
      const [listed] = await store.cycles();
      for (const cycle of [read, latest, listed!]) {
        expect(() => {
          cycle.closedAt = '2026-11-29T23:59:00.000Z';
        }).toThrow(TypeError);
        expect(() => {
          cycle.expected['aad-grace'] = '19:ward-7@thread.tacv2';
        }).toThrow(TypeError);
        expect(() => {
          cycle.measures['19:ward-7@thread.tacv2']!.owners.push('aad-ada');
        }).toThrow(TypeError);
      }
      expect(await store.cycle('2026-W48')).toEqual(sampleCycle());
      const closed = { ...read, closedAt: '2026-11-29T23:59:00.000Z' };
      await store.saveCycle(closed);
      expect(await store.cycle('2026-W48')).toEqual(sampleCycle({ closedAt: '2026-11-29T23:59:00.000Z' }));
      expect(read.closedAt).toBeUndefined();
      expect((await store.latestCycle())?.closedAt).toBe('2026-11-29T23:59:00.000Z');
    });

    it('finds one person’s pulse, only their own and only in its unit', async () => {
      const store = current();
      await store.savePulse('2026-W48', samplePulse());
      await store.savePulse('2026-W48', samplePulse({ choices: { p1: 'no' }, version: 2 }));
      expect(await store.pulseOf('2026-W48', WARD, 'aad-ada')).toEqual(
        samplePulse({ choices: { p1: 'no' }, version: 2 }),
      );
      expect(await store.pulseOf('2026-W48', OTHER, 'aad-ada')).toBeUndefined();
      expect(await store.pulseOf('2026-W49', WARD, 'aad-ada')).toBeUndefined();
      // An id every object inherits finds nothing.
      expect(await store.pulseOf('2026-W48', WARD, 'constructor')).toBeUndefined();
      expect(Object.isFrozen(await store.pulseOf('2026-W48', WARD, 'aad-ada'))).toBe(true);
    });

    it('finds where one person’s cards landed, in the order they did, once each', async () => {
      const store = current();
      const copy = (aadObjectId: string, activityId: string) => ({
        aadObjectId,
        card: 'pulse',
        conversationId: `a:${aadObjectId}`,
        activityId,
      });
      await store.addCardCopy('2026-W48', WARD, copy('aad-ada', 'm1'));
      await store.addCardCopy('2026-W48', WARD, copy('aad-grace', 'm2'));
      await store.addCardCopy('2026-W48', WARD, copy('aad-ada', 'm3'));
      await store.addCardCopy('2026-W48', WARD, copy('aad-ada', 'm1'));
      expect(await store.copiesOf('2026-W48', WARD, 'aad-ada')).toEqual([
        copy('aad-ada', 'm1'),
        copy('aad-ada', 'm3'),
      ]);
      expect(await store.copiesOf('2026-W48', OTHER, 'aad-ada')).toEqual([]);
      expect(await store.copiesOf('2026-W48', WARD, 'constructor')).toEqual([]);
    });

    it('gives a unit’s week read-only: changing it throws, and later saves leave what was read as it was', async () => {
      const store = current();
      const given = samplePulse();
      await store.savePulse('2026-W48', given);
      // What the caller gave is still its own to change.
      given.choices.p1 = 'no';
      // Typed read-only; cast to try what a careless caller might do at run time.
      const read = (await store.unitCheckins('2026-W48', WARD)) as UnitCheckins;
      expect(() => {
        read.pulses['aad-ada']!.choices.p1 = 'no';
      }).toThrow(TypeError);
      expect(() => {
        read.pulses['aad-grace'] = samplePulse({ aadObjectId: 'aad-grace' });
      }).toThrow(TypeError);
      expect(() =>
        read.copies.push({ conversationId: 'a:1', activityId: 'm1', aadObjectId: 'aad-ada' } as never),
      ).toThrow(TypeError);
      await store.savePulse('2026-W48', samplePulse({ aadObjectId: 'aad-grace' }));
      await store.saveMeasureAnswers('2026-W48', WARD, [sampleMeasureAnswer()]);
      expect(Object.keys(read.pulses)).toEqual(['aad-ada']);
      expect(read.measures).toEqual({});
      expect(read.pulses['aad-ada']?.choices.p1).toBe('yes');
      const again = await store.unitCheckins('2026-W48', WARD);
      expect(Object.keys(again.pulses).sort()).toEqual(['aad-ada', 'aad-grace']);
      expect(Object.keys(again.measures)).toHaveLength(1);
    });
  });
}
