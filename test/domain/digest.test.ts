import { describe, expect, it } from '@jest/globals';
import type { MeasureValue } from '../../src/domain/answers.js';
import type { PrincipleId } from '../../src/domain/catalogue.js';
import {
  buildDigest,
  type DigestAction,
  type DigestInput,
  type DigestMeasure,
} from '../../src/domain/digest.js';
import type { PulseLike } from '../../src/domain/suppression.js';

// Cycle 2026-W48 opens on Monday 23 November 2026; its week ends on Sunday 29 November.
const cycle = { id: '2026-W48', openingDay: '2026-11-23' };

const pulses = (yes: number, no = 0, principle: PrincipleId = 'p1'): PulseLike[] => [
  ...Array.from({ length: yes }, () => ({ choices: { [principle]: 'yes' as const } })),
  ...Array.from({ length: no }, () => ({ choices: { [principle]: 'no' as const } })),
];

let sequence = 0;
function action(date: string, overrides: Partial<DigestAction> = {}): DigestAction {
  sequence += 1;
  return {
    id: `2026-11-a${sequence}`,
    type: 'focus-group',
    depth: 'involve',
    date,
    owner: 'aad-owner',
    participants: { patients: 6, carers: 2, public: 2 },
    shareable: false,
    title: `Action ${sequence}`,
    details: { feedback: { givenOn: date } },
    ...overrides,
  };
}

const measure = (
  id: string,
  principle: PrincipleId,
  scale: MeasureValue['scale'],
  rest: Partial<DigestMeasure> & {
    target?: number;
    cadence?: 'weekly' | 'monthly';
    isComputed?: boolean;
  } = {},
): DigestMeasure => {
  const { target, cadence = 'monthly', isComputed = false, ...item } = rest;
  return {
    measure: {
      id,
      principle,
      scale,
      cadence,
      computed: isComputed,
      ...(target === undefined ? {} : { target }),
    },
    ...item,
  };
};
const answered = (value: MeasureValue, openingDay = '2026-11-02') => ({ latest: { value, openingDay } });

function input(overrides: Partial<DigestInput> = {}): DigestInput {
  return {
    cycle,
    audience: 'channel',
    k: 5,
    principles: ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'],
    expected: 8,
    pulses: [],
    pulseHistory: [],
    measures: [],
    actions: [],
    ...overrides,
  };
}

describe('headline', () => {
  it('leads with what changed, what is off track and what is owed, at most five facts', () => {
    const digest = buildDigest(
      input({
        actions: [
          action('2026-11-24', {
            details: { change: { status: 'implemented' }, feedback: { givenOn: '2026-11-24' } },
          }),
          action('2026-11-25', { details: { change: { status: 'agreed' } } }),
          action('2026-08-20', { details: {} }), // told nobody within 90 days
        ],
        measures: [
          measure('p1-a', 'p1', 'count', { target: 10, ...answered({ scale: 'count', count: 2 }) }),
          measure('p1-b', 'p1', 'yesNo', { owner: 'aad-1' }), // never answered
        ],
      }),
    );
    expect(digest.headline).toEqual([
      { kind: 'changesMade', count: 1 },
      { kind: 'offTrack', count: 1 },
      { kind: 'loopOverdue', count: 1 },
      { kind: 'activities', count: 2, usual: 0 },
      { kind: 'noUpdate', count: 1 },
    ]);
  });

  it('gives a quiet unit three facts: activities, response rate and participants', () => {
    // Without a start date, all 12 earlier weeks count (here all empty).
    expect(buildDigest(input({ expected: 6 })).headline).toEqual([
      { kind: 'activities', count: 0, usual: 0 },
      { kind: 'responseRate', answered: 0, expected: 6, percent: 0 },
      { kind: 'participants', count: 0, usual: 0 },
    ]);
    expect(buildDigest(input({ expected: 6, since: '2026-11-23' })).headline).toEqual([
      { kind: 'activities', count: 0 },
      { kind: 'responseRate', answered: 0, expected: 6, percent: 0 },
      { kind: 'participants', count: 0 },
    ]);
  });

  it('compares this week’s activities and participants with the median of the previous 12 weeks', () => {
    // Weeks W36 to W47: 1, 2, …, 12 activities of 10 people each; medians 6.5 (shown as 7) and 65 people.
    const history = Array.from({ length: 12 }, (_, week) => {
      const monday = new Date(Date.UTC(2026, 7, 31 + 7 * week)).toISOString().slice(0, 10);
      return Array.from({ length: week + 1 }, () => action(monday));
    }).flat();
    const thisWeek = [action('2026-11-23'), action('2026-11-29')];
    const digest = buildDigest(input({ actions: [...history, ...thisWeek, action('2026-08-24')] }));
    expect(digest.headline[0]).toEqual({ kind: 'activities', count: 2, usual: 7 });
    expect(digest.actions.usualParticipants).toBe(65);
    expect(digest.actions.participants).toBe(20);
  });

  it('has no "usual" until the unit has been tracked for 4 weeks before this one', () => {
    const actions = [action('2026-11-02'), action('2026-11-09'), action('2026-11-16')];
    const three = buildDigest(input({ actions, since: '2026-11-02' }));
    expect(three.headline.find((fact) => fact.kind === 'activities')).toEqual({
      kind: 'activities',
      count: 0,
    });
    const four = buildDigest(input({ actions, since: '2026-10-28' }));
    expect(four.headline.find((fact) => fact.kind === 'activities')).toEqual({
      kind: 'activities',
      count: 0,
      usual: 1,
    });
  });
});

describe('response rate', () => {
  it.each([
    [3, 8, { answered: 3, expected: 8, percent: 38 }],
    [8, 8, { answered: 8, expected: 8, percent: 100 }],
    [0, 0, { answered: 0, expected: 0 }],
  ])('%p answered of %p expected, shown whatever k is', (count, expected, rate) => {
    expect(buildDigest(input({ pulses: pulses(count), expected })).responseRate).toEqual(rate);
  });
});

describe('principle tiles', () => {
  it('shows a pulse result only from k answers, and a change only when both weeks reach k', () => {
    const digest = buildDigest(input({ pulses: pulses(4, 1), pulseHistory: [pulses(3, 1), pulses(3, 3)] }));
    const p1 = digest.principles[0]!;
    expect(p1.pulse).toEqual({ shown: true, yes: 4, applied: 5, percent: 80 });
    expect(p1.change).toEqual({ shown: true, points: 30 });
    const afterSmallWeek = buildDigest(
      input({ pulses: pulses(4, 1), pulseHistory: [pulses(3, 3), pulses(3, 1)] }),
    );
    expect(afterSmallWeek.principles[0]!.change).toEqual({ shown: false, reason: 'tooFew' });
    const small = buildDigest(input({ pulses: pulses(3, 1), pulseHistory: [pulses(5, 1)] }));
    expect(small.principles[0]!.pulse).toEqual({ shown: false, reason: 'tooFew' });
    expect(small.principles[0]!.change).toEqual({ shown: false, reason: 'tooFew' });
    expect(buildDigest(input({ pulses: pulses(5) })).principles[0]!.change).toEqual({
      shown: false,
      reason: 'noPrevious',
    });
  });

  it('reads the pulse trend from shown weeks only, hidden weeks being gaps', () => {
    // 9 earlier weeks: 3 too small to show (gaps), 6 at 50%; with this week, 7 values: too few for a trend.
    const earlier = [
      ...Array.from({ length: 3 }, () => pulses(2)),
      ...Array.from({ length: 6 }, () => pulses(5, 5)),
    ];
    expect(buildDigest(input({ pulses: pulses(10), pulseHistory: earlier })).principles[0]!.trend).toEqual({
      trend: 'notEnoughData',
      basis: 'none',
      points: 7,
    });
    const shown = [
      ...Array.from({ length: 4 }, () => pulses(5, 5)),
      ...Array.from({ length: 3 }, () => pulses(9, 1)),
    ];
    expect(buildDigest(input({ pulses: pulses(10), pulseHistory: shown })).principles[0]!.trend).toEqual({
      trend: 'improving',
      basis: 'recentMeans',
      points: 8,
    });
  });

  it('gives each measure its status, and names the one most off track: red first, then the largest gap', () => {
    const digest = buildDigest(
      input({
        measures: [
          measure('p1-amber', 'p1', 'count', { target: 10, ...answered({ scale: 'count', count: 9 }) }),
          measure('p1-red-small-gap', 'p1', 'percent', {
            target: 80,
            ...answered({ scale: 'percent', numerator: 60, denominator: 100 }),
          }),
          measure('p1-red-big-gap', 'p1', 'count', { target: 10, ...answered({ scale: 'count', count: 2 }) }),
          measure('p1-green', 'p1', 'maturity', answered({ scale: 'maturity', level: 'inProgress' })),
          measure('p2-amber', 'p2', 'maturity', answered({ scale: 'maturity', level: 'planning' })),
          measure('p2-amber-gap', 'p2', 'percent', {
            target: 50,
            ...answered({ scale: 'percent', numerator: 46, denominator: 100 }),
          }),
          measure('p3-blue', 'p3', 'maturity', answered({ scale: 'maturity', level: 'embedded' })),
          measure('p4-amber', 'p4', 'maturity', answered({ scale: 'maturity', level: 'planning' })),
          measure('p4-red-small-gap', 'p4', 'count', {
            target: 10,
            ...answered({ scale: 'count', count: 7 }),
          }),
        ],
      }),
    );
    const [p1, p2, p3, p4, p5] = digest.principles;
    expect(p1!.measures.map((line) => [line.measureId, line.status.status])).toEqual([
      ['p1-amber', 'amber'],
      ['p1-red-small-gap', 'red'],
      ['p1-red-big-gap', 'red'],
      ['p1-green', 'green'],
    ]);
    expect(p1!.mostOffTrack).toBe('p1-red-big-gap');
    expect(p1!.statusCounts).toEqual({ amber: 1, red: 2, green: 1 });
    expect(p1!.maturity).toBe('inProgress');
    // Planning is a third of the way to embedded; 46% of a 50% target is 8% short.
    expect(p2!.mostOffTrack).toBe('p2-amber');
    expect(p2!.maturity).toBe('planning');
    expect(p3!.mostOffTrack).toBeUndefined();
    expect(p3!.maturity).toBe('embedded');
    // Red comes first even when an amber measure is further from where it should be.
    expect(p4!.mostOffTrack).toBe('p4-red-small-gap');
    expect(p5!.maturity).toBeUndefined();
    expect(p5!.measures).toEqual([]);
  });

  it('calls a measure not answered in its period "no update", never its old status, and lists it', () => {
    const item = measure('p1-stale', 'p1', 'maturity', {
      owner: 'aad-owner-1',
      ...answered({ scale: 'maturity', level: 'embedded' }, '2026-10-26'),
    });
    const later = measure('p1-later', 'p1', 'count', {
      cadence: 'weekly',
      ...answered({ scale: 'count', count: 3 }, '2026-11-30'),
    });
    const manager = buildDigest(input({ audience: 'manager', measures: [item, later] }));
    expect(manager.principles[0]!.measures[0]!.status).toEqual({
      status: 'noUpdate',
      lastAnsweredOn: '2026-10-26',
    });
    expect(manager.principles[0]!.maturity).toBeUndefined();
    // An answer given in a later cycle is not known to this one.
    expect(manager.principles[0]!.measures[1]!.status).toEqual({ status: 'noUpdate' });
    expect(manager.noUpdate).toEqual([
      { measureId: 'p1-stale', principle: 'p1', lastAnsweredOn: '2026-10-26', owner: 'aad-owner-1' },
      { measureId: 'p1-later', principle: 'p1' },
    ]);
    const channel = buildDigest(input({ audience: 'channel', measures: [item] }));
    expect(channel.noUpdate).toEqual([
      { measureId: 'p1-stale', principle: 'p1', lastAnsweredOn: '2026-10-26' },
    ]);
  });

  it('judges computed measures on their computed value, never as "no update"', () => {
    const digest = buildDigest(
      input({
        measures: [
          measure('p5-activities', 'p5', 'count', { cadence: 'weekly', isComputed: true, target: 4 }),
        ],
      }),
    );
    expect(digest.principles[4]!.measures[0]!.status).toEqual({ status: 'grey' });
    const counted = buildDigest(
      input({
        measures: [
          measure('p5-activities', 'p5', 'count', {
            cadence: 'weekly',
            isComputed: true,
            target: 4,
            computed: { scale: 'count', count: 4 },
          }),
        ],
      }),
    );
    expect(counted.principles[4]!.measures[0]!.status).toMatchObject({ status: 'green', amount: 4 });
    expect(counted.noUpdate).toEqual([]);
  });

  it('reads a measure’s trend from its earlier periods and this one', () => {
    const history: MeasureValue[] = [40, 42, 41, 40, 55, 56, 57].map((n) => ({
      scale: 'percent',
      numerator: n,
      denominator: 100,
    }));
    const digest = buildDigest(
      input({
        measures: [
          measure('p2-x', 'p2', 'percent', {
            history,
            ...answered({ scale: 'percent', numerator: 58, denominator: 100 }),
          }),
        ],
      }),
    );
    expect(digest.principles[1]!.measures[0]!.trend).toEqual({
      trend: 'improving',
      basis: 'recentMeans',
      points: 8,
    });
  });

  it('covers only the unit’s principles', () => {
    const digest = buildDigest(
      input({
        principles: ['p2', 'p5'],
        measures: [measure('p1-a', 'p1', 'count', { target: 10, ...answered({ scale: 'count', count: 0 }) })],
      }),
    );
    expect(digest.principles.map((tile) => tile.principle)).toEqual(['p2', 'p5']);
    expect(digest.headline.some((fact) => fact.kind === 'offTrack')).toBe(false);
  });
});

describe('actions of the week', () => {
  it('counts by type and depth, with participants as small counts that cannot be worked out by subtraction', () => {
    const people = (patients: number) => ({ participants: { patients, carers: 0, public: 0 } });
    const digest = buildDigest(
      input({
        actions: [
          action('2026-11-23', { type: 'survey', depth: 'consult', ...people(20) }),
          action('2026-11-24', { type: 'survey', depth: 'consult', ...people(4) }),
          action('2026-11-25', { type: 'codesign-workshop', depth: 'co-design', ...people(9) }),
          action('2026-11-26', { type: 'board-story', depth: 'involve', ...people(1) }),
          action('2026-11-27', {
            type: 'board-story',
            depth: 'co-produce',
            deletedAt: '2026-11-28T09:00:00Z',
            ...people(50),
          }),
          action('2026-11-30', { type: 'survey', ...people(40) }), // next week
        ],
      }),
    );
    expect(digest.actions).toEqual({
      count: 4,
      byType: [
        { type: 'survey', count: 2, participants: 24 },
        { type: 'codesign-workshop', count: 1, participants: 'withheld' },
        { type: 'board-story', count: 1, participants: 'fewerThan8' },
      ],
      byDepth: { consult: 2, 'co-design': 1, involve: 1 },
      deep: { count: 1, of: 4, percent: 25 },
      participants: 34,
      usualParticipants: 0,
    });
  });

  it('shows fewer than 8 participants as such', () => {
    const digest = buildDigest(
      input({ actions: [action('2026-11-23', { participants: { patients: 2, carers: 1, public: 0 } })] }),
    );
    expect(digest.actions.participants).toBe('fewerThan8');
    expect(digest.headline).toContainEqual({ kind: 'participants', count: 'fewerThan8', usual: 0 });
    expect(buildDigest(input()).actions.deep).toEqual({ count: 0, of: 0 });
  });
});

describe('closing the loop', () => {
  it('lists actions whose 90 days ran out before the week ended with nobody told', () => {
    const overdue = action('2026-08-20', { details: {} }); // 90 days end on 18 November
    const actions = [
      overdue,
      action('2026-08-31', { details: {} }), // 90 days end on the Sunday itself: not yet overdue
      action('2026-08-20', { details: { feedback: { givenOn: '2026-12-01' } } }),
      action('2026-08-20', { details: { feedbackNotPossible: 'Anonymous survey' } }),
      action('2026-08-20', { details: {}, deletedAt: '2026-09-01T10:00:00Z' }),
    ];
    expect(buildDigest(input({ audience: 'manager', actions })).loopOverdue).toEqual([
      { actionId: overdue.id, dueOn: '2026-11-18', owner: 'aad-owner' },
    ]);
    expect(buildDigest(input({ audience: 'channel', actions })).loopOverdue).toEqual([
      { actionId: overdue.id, dueOn: '2026-11-18' },
    ]);
  });
});

describe('"you said, we did" highlights', () => {
  it('come only from shareable actions with what was done, held or told back this week, latest first', () => {
    const did = (whatWeDid: string) => ({ shareable: true, whatWeDid, whatWeHeard: 'SECRET heard' });
    const actions = [
      action('2026-11-24', { ...did('Moved the clinic to evenings'), title: 'Evening clinic' }),
      action('2026-11-25', { whatWeDid: 'Not shareable', title: 'Private' }),
      action('2026-11-26', { shareable: true, title: 'Nothing done yet' }),
      action('2026-09-01', {
        ...did('New leaflet'),
        title: 'Leaflet panel',
        details: { feedback: { givenOn: '2026-11-27' } },
      }),
      action('2026-11-10', { ...did('Last week'), title: 'Old news' }),
    ];
    const digest = buildDigest(input({ actions }));
    expect(digest.highlights).toEqual([
      { actionId: actions[3]!.id, title: 'Leaflet panel', whatWeDid: 'New leaflet' },
      { actionId: actions[0]!.id, title: 'Evening clinic', whatWeDid: 'Moved the clinic to evenings' },
    ]);
    expect(JSON.stringify(digest)).not.toContain('SECRET');
    expect(buildDigest(input({ actions, options: { highlightsMax: 1 } })).highlights).toHaveLength(1);
  });
});

describe('what a channel summary never carries', () => {
  it('has no pulse comments and names no one', () => {
    const withComments = Array.from({ length: 6 }, (_, i) => ({
      choices: { p1: 'yes' as const },
      comment: `COMMENT ${i}`,
      aadObjectId: `aad-person-${i}`,
    }));
    const digest = buildDigest(
      input({
        audience: 'channel',
        pulses: withComments,
        pulseHistory: [withComments],
        measures: [measure('p1-a', 'p1', 'yesNo', { owner: 'aad-measure-owner' })],
        actions: [action('2026-08-20', { details: {}, owner: 'aad-action-owner' }), action('2026-11-24')],
      }),
    );
    const text = JSON.stringify(digest);
    expect(text).not.toMatch(/COMMENT|aad-/);
    expect(digest.principles[0]!.pulse).toMatchObject({ shown: true, applied: 6 });
  });
});
