// The board pack's patient input for a period: activities by type and depth, people (small numbers
// suppressed, never left to subtraction) and "you said, we did" only from actions marked OK to share.
import { describe, expect, it } from '@jest/globals';
import type { Action } from '../../src/domain/actions.js';
import { boardPackActivity, boardPackPrinciples } from '../../src/domain/board-pack.js';
import { buildDigest } from '../../src/domain/digest.js';

const quarter = { from: '2026-10-01', to: '2026-12-31' };

let sequence = 0;
function action(overrides: Partial<Action> = {}): Action {
  sequence += 1;
  return {
    id: `2026-11-a${String(sequence).padStart(2, '0')}`,
    unitId: 'ward-7',
    owner: 'aad-sam',
    type: 'focus-group',
    title: `Action ${sequence}`,
    date: '2026-11-20',
    principles: ['p5'],
    participants: { patients: 10, carers: 0, public: 0 },
    depth: 'involve',
    shareable: false,
    noPatientConfirmed: true,
    version: 1,
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    ...overrides,
  };
}

describe('the board pack’s patient input', () => {
  it('counts the period’s activities by type (most first) and by depth (in depth order)', () => {
    const activity = boardPackActivity(
      [
        action({ type: 'survey', depth: 'consult' }),
        action({ type: 'focus-group', depth: 'co-design' }),
        action({ type: 'focus-group', depth: 'co-produce' }),
        action({ type: 'focus-group', depth: 'involve', date: '2026-09-30' }),
        action({ type: 'survey', depth: 'inform', deletedAt: '2026-11-21T00:00:00Z' }),
      ],
      quarter,
    );
    expect(activity.count).toBe(3);
    expect(activity.byType.map(({ type, count }) => [type, count])).toEqual([
      ['focus-group', 2],
      ['survey', 1],
    ]);
    expect(activity.byDepth).toEqual([
      { depth: 'consult', count: 1 },
      { depth: 'co-design', count: 1 },
      { depth: 'co-produce', count: 1 },
    ]);
    expect(activity.deep).toEqual({ count: 2, of: 3, percent: 67 });
    expect(activity.participants).toBe(30);
  });

  it('shows 1 to 7 people as “fewer than 8”, and withholds another type so the total gives nothing away', () => {
    const activity = boardPackActivity(
      [
        action({ type: 'survey', participants: { patients: 3, carers: 0, public: 0 } }),
        action({ type: 'focus-group', participants: { patients: 20, carers: 0, public: 0 } }),
        action({ type: 'interview', participants: { patients: 9, carers: 0, public: 0 } }),
      ],
      quarter,
    );
    const people = Object.fromEntries(activity.byType.map(({ type, participants }) => [type, participants]));
    expect(people).toEqual({ survey: 'fewerThan8', interview: 'withheld', 'focus-group': 20 });
    expect(activity.participants).toBe(32);
  });

  it('takes “you said, we did” only from actions marked OK to share, held or told back in the period', () => {
    const activity = boardPackActivity(
      [
        action({
          shareable: true,
          whatWeHeard: 'Signs hard to read',
          whatWeDid: 'New signs',
          date: '2026-10-05',
        }),
        action({ shareable: false, whatWeHeard: 'Private', whatWeDid: 'Not to be shared' }),
        action({
          shareable: true,
          whatWeDid: 'Evening clinics',
          date: '2026-08-01',
          details: { tags: [], adjustments: [], feedback: { givenOn: '2026-12-01' } },
        }),
        action({ shareable: true, whatWeDid: 'Too early', date: '2026-08-01' }),
        action({ shareable: true, title: 'No what we did' }),
      ],
      quarter,
    );
    expect(activity.highlights.map(({ whatWeDid, whatWeHeard }) => [whatWeDid, whatWeHeard])).toEqual([
      ['Evening clinics', undefined],
      ['New signs', 'Signs hard to read'],
    ]);
    expect(JSON.stringify(activity)).not.toMatch(/Private|Not to be shared|Too early/);
  });

  it('takes each principle’s status, trend and pulse from the digest tile, numbers only when shown', () => {
    const digest = buildDigest({
      cycle: { id: '2026-W48', openingDay: '2026-11-23' },
      audience: 'manager',
      k: 5,
      principles: ['p1'],
      expected: 4,
      pulses: Array.from({ length: 4 }, () => ({ choices: { p1: 'yes' as const } })),
      pulseHistory: [],
      measures: [],
      actions: [],
    });
    expect(boardPackPrinciples(digest.principles)).toEqual([
      {
        principle: 'p1',
        pulse: { shown: false, reason: 'tooFew' },
        trend: 'notEnoughData',
        leftOut: false,
        statusCounts: {},
        measures: [],
      },
    ]);
  });
});
