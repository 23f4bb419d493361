import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { measuresOf, parseCatalogue, type Catalogue } from '../../src/domain/catalogue.js';

const builtIn = JSON.parse(
  readFileSync(new URL('../../reference-data/catalogue.json', import.meta.url), 'utf8'),
) as Catalogue;
const parsed = parseCatalogue(builtIn);
const catalogue = parsed.ok ? parsed.catalogue : undefined;

// A copy of the built-in file with one thing broken, as an organisation's edited file might be.
type Json = { principles: Record<string, unknown>[]; measures: Record<string, unknown>[] };
const broken = (change: (json: Json) => void): string[] => {
  const json = structuredClone(builtIn) as unknown as Json;
  change(json);
  const result = parseCatalogue(json);
  return result.ok ? [] : result.problems;
};
const measure = (json: Json, id: string) => json.measures.find((m) => m.id === id)!;

describe('the built-in catalogue', () => {
  it('parses', () => {
    expect(parsed).toMatchObject({ ok: true });
  });

  it('has the six principles in order, with their names', () => {
    expect(catalogue!.principles.map((p) => [p.id, p.name])).toEqual([
      ['p1', 'Treating patients as equals'],
      ['p2', 'Patients who are fully informed'],
      ['p3', 'Shared decision making and patient partnership'],
      ['p4', 'Recognising inequalities'],
      ['p5', 'Seeking patient input'],
      ['p6', 'Joining services around patients'],
    ]);
  });

  it('asks one short "This week I" question per principle', () => {
    for (const principle of catalogue!.principles) {
      expect(principle.pulseQuestion).toMatch(/^This week I .+\.$/);
      expect(principle.pulseQuestion.length).toBeLessThanOrEqual(120);
    }
  });

  it('has the 34 default measures with the two compound ones split: 36', () => {
    expect(catalogue!.measures.map((m) => m.id)).toEqual(
      [
        'p1-partner-seats p1-safety-partners p1-safety-partners-attended p1-payment-policy p1-partner-support',
        'p1-partner-voice p1-papers-parity p2-ais-needs p2-reader-panel p2-plain-language p2-interpreting',
        'p2-write-to-patient p2-public-progress p3-sdm-training p3-collaborate p3-decision-aids',
        'p3-involved-decisions p3-coproduced-changes p4-core20plus-reach p4-ehia p4-vcse-partners',
        'p4-experience-split p4-barriers-actioned p4-partner-diversity p5-activities p5-loop-closed',
        'p5-changes-made p5-fft-responses p5-fft-positive p5-complaint-learning p5-standing-forums',
        'p6-cross-org-projects p6-tell-once p6-care-coordinator p6-transition-input p6-shared-insight',
      ]
        .join(' ')
        .split(' '),
    );
  });

  it('asks units only what a ward or team sees in its own work', () => {
    expect(catalogue!.measures.filter((m) => m.level === 'unit').map((m) => m.id)).toEqual([
      'p1-papers-parity',
      'p2-ais-needs',
      'p2-write-to-patient',
      'p3-collaborate',
      'p4-core20plus-reach',
      'p4-barriers-actioned',
      'p5-activities',
      'p5-loop-closed',
      'p5-changes-made',
      'p5-fft-responses',
      'p5-fft-positive',
      'p5-standing-forums',
      'p6-transition-input',
    ]);
  });

  it('keeps every label within 60 characters', () => {
    for (const m of catalogue!.measures) expect(m.label.length).toBeLessThanOrEqual(60);
  });

  it('computes exactly the four measures the action log can answer', () => {
    expect(catalogue!.measures.filter((m) => m.computed).map((m) => m.id)).toEqual([
      'p4-core20plus-reach',
      'p5-activities',
      'p5-loop-closed',
      'p6-transition-input',
    ]);
  });

  it('splits the compound scales into one scale each', () => {
    const scales = Object.fromEntries(catalogue!.measures.map((m) => [m.id, m.scale]));
    expect(scales).toMatchObject({
      'p1-safety-partners': 'count',
      'p1-safety-partners-attended': 'yesNo',
      'p5-fft-responses': 'count',
      'p5-fft-positive': 'percent',
    });
  });

  it('sets no targets: they are local', () => {
    expect(catalogue!.measures.filter((m) => m.target !== undefined)).toEqual([]);
  });

  it('lists a principle’s measures in file order', () => {
    expect(measuresOf(catalogue!, 'p6').map((m) => m.id)).toEqual([
      'p6-cross-org-projects',
      'p6-tell-once',
      'p6-care-coordinator',
      'p6-transition-input',
      'p6-shared-insight',
    ]);
  });
});

describe('parseCatalogue problems name the measure or principle and the field', () => {
  it.each<[string, (json: Json) => void, string]>([
    [
      'unknown scale',
      (json) => (measure(json, 'p1-partner-seats').scale = 'stars'),
      'measure "p1-partner-seats": scale must be one of maturity, yesNo, count, percent',
    ],
    [
      'label over 60 characters',
      (json) => (measure(json, 'p2-interpreting').label = 'x'.repeat(61)),
      'measure "p2-interpreting": label must be at most 60 characters',
    ],
    [
      'duplicate id',
      (json) => (measure(json, 'p2-interpreting').id = 'p2-ais-needs'),
      'measure "p2-ais-needs": id is used twice',
    ],
    [
      'unknown principle',
      (json) => (measure(json, 'p3-collaborate').principle = 'p7'),
      'measure "p3-collaborate": principle must be one of p1, p2, p3, p4, p5, p6',
    ],
    [
      'missing field',
      (json) => delete measure(json, 'p4-ehia').cadence,
      'measure "p4-ehia": cadence is required',
    ],
    [
      'a missing principle',
      (json) => json.principles.splice(2, 1),
      'principles must be p1 to p6, once each, in order (missing p3)',
    ],
    [
      'a target on a maturity measure',
      (json) => (measure(json, 'p1-payment-policy').target = 3),
      'measure "p1-payment-policy": target is not allowed on a maturity measure',
    ],
    [
      'a percent target over 100',
      (json) => (measure(json, 'p2-interpreting').target = 120),
      'measure "p2-interpreting": target must be a percentage from 0 to 100',
    ],
    [
      'a computed measure the bot cannot work out',
      (json) => (measure(json, 'p2-interpreting').computed = true),
      'measure "p2-interpreting": computed can only be true for p5-activities, p5-loop-closed, ' +
        'p4-core20plus-reach, p6-transition-input: the bot cannot work out others',
    ],
    [
      'a misspelt field',
      (json) => (measure(json, 'p4-vcse-partners').taget = 4),
      'measure "p4-vcse-partners": has unknown field "taget"',
    ],
    [
      'a measure that is not an object',
      (json) => (json.measures[0] = 'p1-partner-seats' as never),
      'measure 1: must be an object',
    ],
  ])('%s', (_name, change, problem) => {
    expect(broken(change)).toEqual([problem]);
  });

  it('refuses a principle with only computed measures', () => {
    const problems = broken((json) =>
      json.measures.filter((m) => m.principle === 'p6').forEach((m) => (m.computed = true)),
    );
    expect(problems).toContain('principle "p6": needs at least one measure that is asked, not computed');
  });

  it('accepts a whole-number target on percent and count measures', () => {
    expect(
      broken((json) => {
        measure(json, 'p2-interpreting').target = 95;
        measure(json, 'p4-vcse-partners').target = 4;
      }),
    ).toEqual([]);
  });

  it('refuses something that is not a catalogue at all', () => {
    expect(parseCatalogue(null)).toEqual({ ok: false, problems: ['catalogue must be an object'] });
    expect(parseCatalogue({ schemaVersion: 2, principles: [], measures: [] })).toMatchObject({
      ok: false,
      problems: ['schemaVersion must be 1'],
    });
  });
});
