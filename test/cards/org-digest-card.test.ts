// The organisation digest (leads) and organisation summary (channel) cards, rendered from the real
// organisation digest maths with the built-in catalogue: size with 200 units, the comparison in words,
// status never by colour alone, no staff named in the channel card, no made-up export link, the official
// library.
import { createRequire } from 'node:module';
import { describe, expect, it } from '@jest/globals';
import { organisationDigestCard, type OrganisationDigestView } from '../../src/cards/org-digest-card.js';
import { ActionType } from '../../src/domain/actions.js';
import type { MeasureValue } from '../../src/domain/answers.js';
import { maturityLevels, PrincipleId, type Measure } from '../../src/domain/catalogue.js';
import type { DigestAction } from '../../src/domain/digest.js';
import {
  buildOrganisationDigest,
  type OrganisationDigestInput,
  type OrganisationUnit,
  type Tallies,
} from '../../src/domain/organisation-digest.js';
import { tallyPulses, type PulseLike } from '../../src/domain/suppression.js';
import { text } from '../../src/text/index.js';
import { cardText, elements, type Node } from '../support/cards.js';
import { catalogue } from '../support/checkin-options.js';
import { cardProblems } from '../support/validate-card.js';

const t = text.organisation;
const s = text.summaries;
const CYCLE = { id: '2026-W48', openingDay: '2026-11-23' };
const OWNER = 'aad-owner';
const OWNER_NAME = 'Dr Alexandra Montgomery-Fitzwilliam';
const ORG = 'org';
const UNITS = 200;

/** A long, realistic unit name: "Northshire … Ward 17 (…)", up to the 100 characters a unit name may have. */
const unitName = (i: number) =>
  `Northshire Hospitals NHS Foundation Trust: Respiratory and Acute Medicine, Ward ${i + 1} (Level ${i % 9})`.slice(
    0,
    100,
  );

/** `yes` of `applied` saying yes on every principle, and `silent` more answering "not applicable". */
const tally = (yes: number, applied: number, silent = 0) =>
  tallyPulses(
    Array.from({ length: applied + silent }, (_, i): PulseLike => ({
      choices: Object.fromEntries(
        PrincipleId.options.map((p) => [p, i >= applied ? 'notApplicable' : i < yes ? 'yes' : 'no']),
      ),
    })),
  );

function valueFor(measure: Measure, i: number): MeasureValue {
  switch (measure.scale) {
    case 'maturity':
      return { scale: 'maturity', level: maturityLevels[i % 4]! };
    case 'yesNo':
      return { scale: 'yesNo', answer: i % 2 ? 'no' : 'yes' };
    case 'count':
      return { scale: 'count', count: 3 + i };
    case 'percent':
      return { scale: 'percent', numerator: 40 + i, denominator: 90 };
  }
}

let sequence = 0;
const action = (overrides: Partial<DigestAction>): DigestAction => ({
  id: `2026-11-a${++sequence}`,
  type: 'focus-group',
  depth: 'involve',
  date: '2026-11-24',
  owner: OWNER,
  participants: { patients: 9, carers: 3, public: 2 },
  shareable: false,
  title: 'Private action title',
  ...overrides,
});

/** 200 units in one organisation: most shown, every tenth too small, every seventh with too few answers. */
function largest(): OrganisationDigestInput {
  const units: OrganisationUnit[] = [
    { unitId: ORG, name: 'Northshire Hospitals NHS Foundation Trust', level: 'organisation', expected: 0 },
    ...Array.from({ length: UNITS }, (_, i): OrganisationUnit => ({
      unitId: `u${i}`,
      name: unitName(i),
      level: 'unit',
      parentId: ORG,
      expected: i % 10 === 0 ? 3 : 30,
    })),
  ];
  const week = (shift: number): Tallies =>
    Object.fromEntries(
      units.slice(1).map((unit, i) => {
        if (i % 10 === 0) return [unit.unitId, tally(1, 2)];
        if (i % 7 === 0) return [unit.unitId, tally(2, 4)];
        return [unit.unitId, tally((i + shift) % 20, 20, 2)];
      }),
    );
  const orgMeasures = catalogue.measures.filter((m) => m.level === 'organisation');
  return {
    cycle: CYCLE,
    k: 5,
    units,
    tallies: week(0),
    history: Array.from({ length: 12 }, (_, w) => week(w)),
    measures: orgMeasures.map((measure, i) => ({
      measure,
      latest: { value: valueFor(measure, i), openingDay: i % 5 === 0 ? '2026-03-02' : '2026-11-23' },
      history: Array.from({ length: 12 }, (_, w) => valueFor(measure, i + w)),
      owner: OWNER,
    })),
    actions: [
      ...ActionType.options.map((type) => action({ type })),
      ...Array.from({ length: 60 }, (_, i) => action({ date: `2026-0${1 + (i % 7)}-1${i % 9}` })),
    ],
    since: '2026-01-01',
  };
}

const labels = {
  principleNames: Object.fromEntries(catalogue.principles.map((p) => [p.id, p.name])),
  measureLabels: Object.fromEntries(catalogue.measures.map((m) => [m.id, m.label])),
};

function view(
  input: OrganisationDigestInput,
  extra: Partial<OrganisationDigestView> = {},
): OrganisationDigestView {
  return {
    audience: 'lead',
    organisationName: 'Northshire Hospitals NHS Foundation Trust',
    monday: '2026-11-23',
    digest: buildOrganisationDigest(input),
    anonymityMin: 5,
    timeZone: 'Europe/London',
    few: 3,
    names: { [OWNER]: OWNER_NAME },
    ...labels,
    ...extra,
  };
}

const bytes = (card: unknown) => Buffer.byteLength(JSON.stringify(card));
const isChart = (node: Node) => String(node['type']).startsWith('Chart.');
const withoutCharts = (card: unknown): unknown =>
  JSON.parse(JSON.stringify(card), (_key, value: unknown) =>
    Array.isArray(value)
      ? value.filter((item: Node) => !(item && typeof item === 'object' && isChart(item)))
      : value,
  );

function registerCharts() {
  const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js');
  for (const type of ['Chart.HorizontalBar', 'Chart.VerticalBar']) {
    class Chart extends AC.CardElement {
      getJsonTypeName() {
        return type;
      }
      internalRender() {
        return undefined;
      }
    }
    AC.GlobalRegistry.elements.register(type, Chart, AC.Versions.v1_5);
  }
}

const input = largest();
const leadCard = organisationDigestCard(text, view(input, { proactive: true }));
const channelCard = organisationDigestCard(text, view(input, { audience: 'channel', proactive: true }));

describe('the organisation digest card', () => {
  it('stays under 25 KB with 200 units, showing only the few at each end', () => {
    for (const card of [leadCard, channelCard]) {
      expect(JSON.stringify(card)).not.toContain('${');
      expect(bytes(card)).toBeLessThan(25_000);
    }
    const words = cardText(leadCard).split('\n');
    const named = Array.from({ length: UNITS }, (_, i) => unitName(i)).filter((name) => words.includes(name));
    // The response rate and six principles, three at each end: at most 42 units named.
    expect(named.length).toBeGreaterThan(3);
    expect(named.length).toBeLessThanOrEqual(42);
    for (const measure of catalogue.measures.filter((m) => m.level === 'organisation'))
      expect(words.some((line) => line.includes(measure.label))).toBe(true);
  });

  it('says each unit’s figure in words, highest and lowest, and never places a unit under the threshold', () => {
    const { comparison } = view(input).digest;
    const facts = elements(leadCard)
      .filter((node) => node['type'] === 'FactSet')
      .flatMap((node) => node['facts'] as { title: string; value: string }[]);
    const words = cardText(leadCard).split('\n');
    expect(words).toEqual(expect.arrayContaining([t.compareHeading, t.highest, t.lowest]));
    const top = comparison.responseRate.top[0]!;
    expect(facts).toContainEqual({
      title: top.name,
      value: t.rateFigure(top.percent, top.numerator, top.denominator),
    });
    const low = comparison.principles.p1.bottom[0]!;
    expect(facts).toContainEqual({
      title: low.name,
      value: t.yesFigure(low.percent, low.numerator, low.denominator),
    });
    // Every tenth unit is too small; every seventh had too few answers: none of them is placed.
    for (const i of [0, 10, 7, 14]) expect(facts.map((fact) => fact.title)).not.toContain(unitName(i));
    expect(words).toContain(t.tooSmall(20, 5));
    expect(words).toContain(t.notCompared(46, 5));
    expect(words).toContain(t.notComparedApplied(46, 5));
  });

  it('says every status in words, never by colour alone', () => {
    const words = cardText(leadCard);
    for (const word of ['Red – off track', 'Amber – needs attention', 'Green – on track', 'Blue – embedded'])
      expect(words).toContain(word);
    expect(words).toContain(s.statuses.noUpdate);
    expect(elements(leadCard).filter((node) => 'color' in node)).toEqual([]);
  });

  it('names the owners of measures with no update to leads only, and no staff in the channel card', () => {
    expect(JSON.stringify(leadCard)).toContain(OWNER_NAME);
    const channel = JSON.stringify(channelCard);
    for (const secret of [OWNER, OWNER_NAME, 'Private action title']) expect(channel).not.toContain(secret);
    expect(JSON.stringify(leadCard)).not.toContain('Private action title');
    expect(cardText(channelCard)).toContain(t.why.channel);
    expect(cardText(leadCard)).toContain(t.why.lead);
    expect(cardText(channelCard)).toContain(t.summaryTitle('Northshire Hospitals NHS Foundation Trust'));
  });

  it('says an export will come, with no link to one that does not exist yet', () => {
    expect(cardText(leadCard)).toContain(t.exportLine);
    const { $schema: _schema, ...card } = leadCard as { $schema?: string };
    expect(JSON.stringify(card)).not.toMatch(/https?:|Action\.OpenUrl|selectAction/);
  });

  it('follows its chart with the same numbers, and reads on a narrow screen', () => {
    const containers = elements(leadCard).filter((node) => Array.isArray(node['items']));
    const withChart = containers.find((node) => (node['items'] as Node[]).some(isChart))!;
    const [chart, facts] = withChart['items'] as Node[];
    expect(chart!['fallback']).toBe('drop');
    for (const { x, y } of chart!['data'] as { x: string; y: number }[])
      expect(
        (facts!['facts'] as { title: string; value: string }[]).find((f) => f.title === x)?.value,
      ).toMatch(new RegExp(`^${y}%`));
    expect(elements(leadCard).filter((node) => node['type'] === 'ColumnSet')).toEqual([]);
  });

  it('gives an organisation with no answers and no actions a short, kind card', () => {
    const empty = organisationDigestCard(
      text,
      view({ ...input, tallies: {}, history: [], actions: [] }, { previewUntil: '2026-11-29T23:59:00Z' }),
    );
    const words = cardText(empty);
    expect(words.split('\n')[0]).toBe(s.preview('29 November 2026'));
    expect(words).toContain(s.empty.title);
    for (const step of t.empty) expect(words).toContain(step);
    expect(words).not.toContain(t.compareHeading);
    expect(bytes(empty)).toBeLessThan(6_000);
  });

  it('says the whole organisation when there is no organisation unit, and when few units are compared', () => {
    const few = { ...input, units: input.units.slice(0, 5) };
    const words = cardText(organisationDigestCard(text, view(few, { organisationName: undefined as never })));
    expect(words).toContain(t.digestTitle());
    expect(words).toContain(t.all);
    expect(words).not.toContain(t.lowest);
  });

  it('validates with the official library, with and without chart support', () => {
    for (const card of [leadCard, channelCard]) expect(cardProblems(withoutCharts(card))).toEqual([]);
    registerCharts();
    for (const card of [leadCard, channelCard]) {
      expect(card.version).toBe('1.5');
      expect(cardProblems(card)).toEqual([]);
    }
  });
});
