import { describe, expect, it } from '@jest/globals';
import { computeMeasure } from '../../src/domain/action-measures.js';
import type { Action, ActionDetails } from '../../src/domain/actions.js';

let sequence = 0;
function action(date: string, details?: Partial<ActionDetails>, overrides: Partial<Action> = {}): Action {
  sequence += 1;
  return {
    id: `2026-11-a${sequence}`,
    unitId: 'ward-7',
    owner: 'aad-1',
    type: 'focus-group',
    title: `Action ${sequence}`,
    date,
    principles: ['p5'],
    participants: { patients: 6, carers: 2, public: 2 },
    depth: 'involve',
    shareable: false,
    noPatientConfirmed: true,
    version: 1,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...(details ? { details: { tags: [], adjustments: [], ...details } } : {}),
    ...overrides,
  };
}

const weekly = { id: 'p5-activities', cadence: 'weekly' } as const;
const monthly = (id: string) => ({ id, cadence: 'monthly' }) as const;

describe('computed measures', () => {
  it('counts the activities held in the week, leaving out deleted ones', () => {
    const actions = [
      action('2026-11-23'),
      action('2026-11-29'),
      action('2026-11-22'), // the Sunday before: last week
      action('2026-11-24', undefined, { deletedAt: '2026-11-25T10:00:00.000Z' }),
    ];
    expect(computeMeasure(weekly, actions, '2026-11-26')).toEqual({ scale: 'count', count: 2 });
    expect(computeMeasure(weekly, [], '2026-11-26')).toEqual({ scale: 'count', count: 0 });
  });

  it('counts the month’s activities tagged as hand-offs between services', () => {
    const actions = [
      action('2026-11-03', { tags: ['transition'] }),
      action('2026-11-20', { tags: ['discharge', 'transition'] }),
      action('2026-11-21', { tags: ['discharge'] }),
      action('2026-10-30', { tags: ['transition'] }),
    ];
    expect(computeMeasure(monthly('p6-transition-input'), actions, '2026-11-30')).toEqual({
      scale: 'count',
      count: 2,
    });
  });

  it('sums Core20PLUS reach over monitored activities only, never above those who came', () => {
    const reach = (core20plus: number, monitoring: 'selfReported' | 'notCollected' = 'selfReported') => ({
      reach: { monitoring, core20plus, plus: {}, characteristics: {} },
    });
    const actions = [
      action('2026-11-03', reach(4)), // 4 of 10
      action('2026-11-10', reach(25)), // says 25 of 10: counts as 10
      action('2026-11-11', reach(9, 'notCollected')), // not monitored: left out
      action('2026-11-12'), // no reach recorded: left out
    ];
    expect(computeMeasure(monthly('p4-core20plus-reach'), actions, '2026-11-30')).toEqual({
      scale: 'percent',
      numerator: 14,
      denominator: 20,
    });
    expect(
      computeMeasure(monthly('p4-core20plus-reach'), [action('2026-11-12')], '2026-11-30'),
    ).toBeUndefined();
  });

  it('closes the loop for activities whose 90 days ran out this month, told within them', () => {
    // 90 days after 2026-08-05 is 2026-11-03; after 2026-08-31, 2026-11-29; after 2026-09-05, 2026-12-04.
    const actions = [
      action('2026-08-05', { feedback: { givenOn: '2026-10-01' } }), // told in time
      action('2026-08-31', { feedback: { givenOn: '2026-11-30' } }), // told a day late
      action('2026-08-20'), // never told
      action('2026-09-05', { feedback: { givenOn: '2026-09-20' } }), // due next month
    ];
    expect(computeMeasure(monthly('p5-loop-closed'), actions, '2026-11-15')).toEqual({
      scale: 'percent',
      numerator: 1,
      denominator: 3,
    });
    expect(computeMeasure(monthly('p5-loop-closed'), actions, '2026-07-15')).toBeUndefined();
  });

  it('computes nothing for a measure that is asked', () => {
    expect(computeMeasure(monthly('p1-papers-parity'), [action('2026-11-03')], '2026-11-30')).toBeUndefined();
  });
});
