import { describe, expect, it } from '@jest/globals';
import { ancestry, parentProblem, type Unit, type UnitLevel } from '../../src/domain/units.js';

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
