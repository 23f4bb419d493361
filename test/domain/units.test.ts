import { describe, expect, it } from '@jest/globals';
import {
  ancestry,
  measureAnswerers,
  parentProblem,
  unitPrinciples,
  type Unit,
  type UnitLevel,
} from '../../src/domain/units.js';

const unit = (id: string, level: UnitLevel, parentId?: string): Unit => ({
  id,
  name: id,
  level,
  ...(parentId ? { parentId } : {}),
  tracked: true,
  createdAt: '2026-11-01T00:00:00Z',
  createdBy: 'aad-admin',
});
const all = new Map(
  [
    unit('ward-7', 'unit', 'trust'),
    unit('trust', 'organisation', 'place'),
    unit('place', 'place', 'ics'),
    unit('ics', 'ics'),
  ].map((u) => [u.id, u]),
);

describe('units', () => {
  it.each([
    ['ward-7', 'trust', undefined],
    ['ward-7', 'place', 'wrongLevel'],
    ['trust', 'ics', undefined],
    ['trust', 'ward-7', 'wrongLevel'],
    ['place', 'ics', undefined],
    ['ward-7', 'missing', 'unknownParent'],
  ])('%s under %s → %p', (child, parent, problem) => {
    expect(parentProblem(all.get(child)!, all.get(parent), all)).toBe(problem);
  });

  it('refuses a parent that would make a loop', () => {
    const looped = new Map(all);
    looped.set('ics', { ...unit('ics', 'ics'), parentId: 'place' });
    const place = { ...all.get('place')! };
    expect(parentProblem(place, looped.get('ics'), looped)).toBe('cycle');
  });

  it('lists a unit and its ancestors, nearest first', () => {
    expect(ancestry(all.get('ward-7')!, all).map((u) => u.id)).toEqual(['ward-7', 'trust', 'place', 'ics']);
  });
});

describe('a unit’s check-in choices', () => {
  it('works on all six principles until a manager chooses, then on those chosen, in catalogue order', () => {
    const ward = unit('ward-7', 'unit');
    expect(unitPrinciples(ward)).toEqual(['p1', 'p2', 'p3', 'p4', 'p5', 'p6']);
    expect(unitPrinciples({ ...ward, checkins: { principles: ['p5', 'p2'] } })).toEqual(['p2', 'p5']);
  });

  it.each([
    ['the owner when they can answer', ['owner', 'deputy'], ['owner']],
    ['the deputy when the owner cannot', ['deputy'], ['deputy']],
    ['the managers when neither can', [], ['m1', 'm2']],
  ])('asks %s', (_case, able, expected) => {
    const can = (id: string) => (able as string[]).includes(id);
    expect(
      measureAnswerers({ principles: ['p1'], owner: 'owner', deputy: 'deputy' }, can, ['m1', 'm2']),
    ).toEqual(expected);
  });

  it('asks the managers when no owner was chosen', () => {
    expect(measureAnswerers(undefined, () => true, ['m1'])).toEqual(['m1']);
    expect(measureAnswerers({ principles: ['p1'], deputy: 'd' }, () => true, ['m1'])).toEqual(['d']);
  });
});
