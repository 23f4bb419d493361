import { describe, expect, it } from '@jest/globals';
import {
  MeasureValue,
  percentOf,
  readMeasures,
  readPulse,
  type AnswerProblem,
} from '../../src/domain/answers.js';
import type { Catalogue, Measure } from '../../src/domain/catalogue.js';

const measure = (id: string, scale: Measure['scale'], computed = false): Measure => ({
  id,
  principle: 'p1',
  label: id,
  description: id,
  level: 'unit',
  scale,
  cadence: 'monthly',
  computed,
  evidence: '',
});
const catalogue: Catalogue = {
  schemaVersion: 1,
  principles: [],
  measures: [
    measure('stage', 'maturity'),
    measure('met', 'yesNo'),
    measure('held', 'count'),
    measure('share', 'percent'),
    measure('logged', 'count', true),
  ],
};

const allYes = { p1: 'yes', p2: 'yes', p3: 'yes', p4: 'yes', p5: 'yes', p6: 'yes' };

describe('readPulse', () => {
  it('reads six choices and a trimmed comment', () => {
    const inputs = { ...allYes, p2: 'no', p6: 'notApplicable', comment: '  Busy week  ' };
    expect(readPulse(inputs)).toEqual({
      ok: true,
      answers: {
        choices: { p1: 'yes', p2: 'no', p3: 'yes', p4: 'yes', p5: 'yes', p6: 'notApplicable' },
        comment: 'Busy week',
      },
    });
  });

  it.each([undefined, '', '   '])('omits a blank comment (%p)', (comment) => {
    const result = readPulse({ ...allYes, comment });
    expect(result.ok && 'comment' in result.answers).toBe(false);
  });

  it('reads only the principles the unit works on, ignoring answers to others', () => {
    expect(readPulse({ p1: 'no', p4: 'yes', p5: 'yes' }, ['p1', 'p4'])).toEqual({
      ok: true,
      answers: { choices: { p1: 'no', p4: 'yes' } },
    });
    expect(readPulse({ p1: 'no' }, ['p1', 'p4'])).toEqual({
      ok: false,
      problems: [{ field: 'p4', problem: 'required' }],
    });
  });

  it('needs all six principles, and a known choice for each', () => {
    expect(readPulse({ p1: 'yes', p2: '', p3: 'maybe', p4: 'yes', p5: 'no' })).toEqual({
      ok: false,
      problems: [
        { field: 'p2', problem: 'required' },
        { field: 'p3', problem: 'invalidChoice' },
        { field: 'p6', problem: 'required' },
      ],
    });
  });

  it('accepts a 500-character comment and refuses 501', () => {
    expect(readPulse({ ...allYes, comment: 'x'.repeat(500) }).ok).toBe(true);
    expect(readPulse({ ...allYes, comment: 'x'.repeat(501) })).toEqual({
      ok: false,
      problems: [{ field: 'comment', problem: 'tooLong' }],
    });
  });
});

describe('readMeasures', () => {
  it.each<[string, string, Record<string, unknown>, MeasureValue]>([
    ['maturity', 'stage', { stage: 'inProgress' }, { scale: 'maturity', level: 'inProgress' }],
    ['yes/no', 'met', { met: 'notApplicable' }, { scale: 'yesNo', answer: 'notApplicable' }],
    ['count as a string', 'held', { held: '12' }, { scale: 'count', count: 12 }],
    ['count as a number', 'held', { held: 12 }, { scale: 'count', count: 12 }],
    ['count of zero', 'held', { held: '0' }, { scale: 'count', count: 0 }],
    ['count at the limit', 'held', { held: '1000000' }, { scale: 'count', count: 1_000_000 }],
    ['count with spaces', 'held', { held: ' 7 ' }, { scale: 'count', count: 7 }],
    [
      'percent as strings',
      'share',
      { 'share.numerator': '3', 'share.denominator': '4' },
      { scale: 'percent', numerator: 3, denominator: 4 },
    ],
    [
      'percent as numbers',
      'share',
      { 'share.numerator': 4, 'share.denominator': 4 },
      { scale: 'percent', numerator: 4, denominator: 4 },
    ],
    [
      'percent 0/0: nothing to count',
      'share',
      { 'share.numerator': '0', 'share.denominator': '0' },
      { scale: 'percent', numerator: 0, denominator: 0 },
    ],
  ])('reads %s', (_name, id, inputs, value) => {
    expect(readMeasures(catalogue, [id], inputs)).toEqual({ ok: true, values: { [id]: value } });
    expect(MeasureValue.parse(value)).toEqual(value);
  });

  it.each<[string, string, Record<string, unknown>, AnswerProblem[]]>([
    ['maturity missing', 'stage', {}, [{ field: 'stage', problem: 'required' }]],
    ['maturity unknown', 'stage', { stage: 'done' }, [{ field: 'stage', problem: 'invalidChoice' }]],
    ['yes/no blank', 'met', { met: '' }, [{ field: 'met', problem: 'required' }]],
    ['yes/no unknown', 'met', { met: 'true' }, [{ field: 'met', problem: 'invalidChoice' }]],
    ['count blank', 'held', { held: '' }, [{ field: 'held', problem: 'required' }]],
    ['count 3.5', 'held', { held: '3.5' }, [{ field: 'held', problem: 'notAWholeNumber' }]],
    ['count 3.5 as a number', 'held', { held: 3.5 }, [{ field: 'held', problem: 'notAWholeNumber' }]],
    ['count in words', 'held', { held: 'ten' }, [{ field: 'held', problem: 'notAWholeNumber' }]],
    ['count in exponent form', 'held', { held: '1e3' }, [{ field: 'held', problem: 'notAWholeNumber' }]],
    ['count -1', 'held', { held: '-1' }, [{ field: 'held', problem: 'negative' }]],
    ['count -1 as a number', 'held', { held: -1 }, [{ field: 'held', problem: 'negative' }]],
    ['count over a million', 'held', { held: '1000001' }, [{ field: 'held', problem: 'tooLarge' }]],
    [
      'percent with both parts missing',
      'share',
      {},
      [
        { field: 'share.numerator', problem: 'required' },
        { field: 'share.denominator', problem: 'required' },
      ],
    ],
    [
      'percent with a bad denominator',
      'share',
      { 'share.numerator': '1', 'share.denominator': '2.5' },
      [{ field: 'share.denominator', problem: 'notAWholeNumber' }],
    ],
    [
      'percent numerator over denominator',
      'share',
      { 'share.numerator': '5', 'share.denominator': 4 },
      [{ field: 'share.numerator', problem: 'numeratorOverDenominator' }],
    ],
    [
      'percent denominator too large',
      'share',
      { 'share.numerator': '5', 'share.denominator': 2_000_000 },
      [{ field: 'share.denominator', problem: 'tooLarge' }],
    ],
    ['an unknown measure', 'nope', { nope: '1' }, [{ field: 'nope', problem: 'unknownMeasure' }]],
    ['a computed measure', 'logged', { logged: '1' }, [{ field: 'logged', problem: 'unknownMeasure' }]],
  ])('refuses %s', (_name, id, inputs, problems) => {
    expect(readMeasures(catalogue, [id], inputs)).toEqual({ ok: false, problems });
  });

  it('reads a whole page and reports every problem on it, in page order', () => {
    const page = ['stage', 'met', 'held', 'share'];
    const inputs = {
      stage: 'embedded',
      met: 'yes',
      held: '2',
      'share.numerator': '1',
      'share.denominator': '3',
    };
    expect(readMeasures(catalogue, page, inputs)).toMatchObject({ ok: true });
    expect(readMeasures(catalogue, page, { ...inputs, stage: '', held: '-2' })).toEqual({
      ok: false,
      problems: [
        { field: 'stage', problem: 'required' },
        { field: 'held', problem: 'negative' },
      ],
    });
  });
});

describe('MeasureValue', () => {
  it('refuses stored values that break the rules', () => {
    expect(MeasureValue.safeParse({ scale: 'percent', numerator: 5, denominator: 4 }).success).toBe(false);
    expect(MeasureValue.safeParse({ scale: 'count', count: -1 }).success).toBe(false);
    expect(MeasureValue.safeParse({ scale: 'maturity', level: 'done' }).success).toBe(false);
  });
});

describe('percentOf', () => {
  it.each([
    [3, 4, 75],
    [1, 3, 33],
    [2, 3, 67],
    [4, 4, 100],
    [0, 4, 0],
    [0, 0, undefined],
    [199, 200, 99],
    [1, 300, 1],
  ])('%i of %i → %p', (numerator, denominator, percent) => {
    expect(percentOf({ numerator, denominator })).toBe(percent);
  });
});
