// The weekly summary (channel) and digest (manager) cards, rendered from the real digest maths with the
// built-in catalogue: size for the largest realistic unit, charts each followed by the same numbers, status
// always in words, no names or comments in the channel card, a kind empty state, and the official library.
import { createRequire } from 'node:module';
import { describe, expect, it } from '@jest/globals';
import {
  digestCard,
  digestChoiceCard,
  summaryCard,
  type DigestView,
  type SummaryView,
} from '../../src/cards/summary-cards.js';
import { ActionType, Depth } from '../../src/domain/actions.js';
import type { MeasureValue } from '../../src/domain/answers.js';
import { maturityLevels, type Measure, type PrincipleId } from '../../src/domain/catalogue.js';
import { buildDigest, type DigestAction, type DigestInput } from '../../src/domain/digest.js';
import { text } from '../../src/text/index.js';
import { cardText, elements, type Node } from '../support/cards.js';
import { catalogue } from '../support/checkin-options.js';
import { cardProblems } from '../support/validate-card.js';

const t = text.summaries;
const CYCLE = { id: '2026-W48', openingDay: '2026-11-23' };
const PRINCIPLES: PrincipleId[] = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
const OWNER = 'aad-owner';
const OWNER_NAME = 'Dr Alexandra Montgomery-Fitzwilliam';
const COMMENT = 'Mrs Example on bay 4 was upset about her discharge letter';
const PRIVATE_TITLE = 'Private action title that was not marked OK to share';
const LONG = (n: number, seed: string) =>
  `${seed} `
    .repeat(Math.ceil(n / (seed.length + 1)))
    .slice(0, n)
    .trim();

/** A value for every scale, some of them off track. */
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

const targeted = (measure: Measure): Measure =>
  measure.scale === 'count'
    ? { ...measure, target: 10 }
    : measure.scale === 'percent'
      ? { ...measure, target: 60 }
      : measure;

/** Enough people to clear the threshold, each with a (never shown) comment; twelve earlier weeks too. */
const week = (yes: number) =>
  Array.from({ length: 12 }, (_, i) => ({
    choices: Object.fromEntries(PRINCIPLES.map((p) => [p, i < yes ? 'yes' : 'no'])),
    comment: COMMENT,
  }));

let sequence = 0;
const action = (overrides: Partial<DigestAction>): DigestAction => ({
  id: `2026-11-a${++sequence}`,
  type: 'focus-group',
  depth: 'involve',
  date: '2026-11-24',
  owner: OWNER,
  participants: { patients: 9, carers: 3, public: 2 },
  shareable: false,
  title: PRIVATE_TITLE,
  ...overrides,
});

/** The largest realistic unit: all six principles, every measure, every action type, long titles. */
function largestInput(audience: 'channel' | 'manager'): DigestInput {
  const types = ActionType.options;
  const actions: DigestAction[] = [
    ...types.flatMap((type, i) => [
      action({ type, depth: Depth.options[i % 5]!, title: LONG(80, `Shareable ${type}`), shareable: true }),
      action({
        type,
        depth: Depth.options[(i + 2) % 5]!,
        whatWeDid: LONG(500, `We changed ${type}`),
        shareable: true,
        title: LONG(80, `Changed ${type}`),
      }),
    ]),
    // Owed feedback: many overdue "you said, we did" updates.
    ...Array.from({ length: 30 }, (_, i) =>
      action({ date: `2026-0${1 + (i % 7)}-1${i % 9}`, title: PRIVATE_TITLE }),
    ),
  ];
  return {
    cycle: CYCLE,
    audience,
    k: 5,
    principles: PRINCIPLES,
    expected: 14,
    pulses: week(9),
    pulseHistory: Array.from({ length: 12 }, (_, i) => week(4 + (i % 6))),
    // Local targets on counts and percentages, so that some are met, some nearly and some not.
    measures: catalogue.measures.map((measure, i) => ({
      measure: targeted(measure),
      ...(i % 5 === 0
        ? { latest: { value: valueFor(measure, i), openingDay: '2026-03-02' } }
        : { latest: { value: valueFor(measure, i), openingDay: '2026-11-23' } }),
      ...(measure.computed ? { computed: valueFor(measure, i) } : {}),
      history: Array.from({ length: 12 }, (_, w) => valueFor(measure, i + w)),
      owner: OWNER,
    })),
    actions,
    since: '2026-01-01',
  };
}

const names = {
  principleNames: Object.fromEntries(catalogue.principles.map((p) => [p.id, p.name])),
  measureLabels: Object.fromEntries(catalogue.measures.map((m) => [m.id, m.label])),
};

function view(input: DigestInput, extra: Partial<SummaryView> = {}): SummaryView {
  return {
    unitName: 'Northshire Hospitals NHS Foundation Trust: Emergency Department',
    monday: '2026-11-23',
    digest: buildDigest(input),
    anonymityMin: 5,
    timeZone: 'Europe/London',
    ...names,
    ...extra,
  };
}

const digestView = (input: DigestInput, extra: Partial<DigestView> = {}): DigestView => ({
  ...view(input),
  names: { [OWNER]: OWNER_NAME },
  actions: [
    {
      title: t.previousWeek,
      verb: 'digest.previous',
      data: { cardId: 'c1', unitId: 'u', cycleId: '2026-W47' },
    },
  ],
  ...extra,
});

const bytes = (card: unknown) => Buffer.byteLength(JSON.stringify(card));
const isChart = (node: Node) => String(node['type']).startsWith('Chart.');

/** Each chart with the elements that follow it in its container. */
function chartsWithFollowers(card: unknown): { chart: Node; after: Node[] }[] {
  const found: { chart: Node; after: Node[] }[] = [];
  for (const node of elements(card)) {
    const items = (node['items'] ?? node['body']) as Node[] | undefined;
    if (!Array.isArray(items)) continue;
    items.forEach((item, i) => {
      if (isChart(item)) found.push({ chart: item, after: items.slice(i + 1) });
    });
  }
  return found;
}

/** The card as a client without charts renders it: each chart replaced by its fallback, or dropped. */
function withoutCharts(card: unknown): unknown {
  return JSON.parse(JSON.stringify(card), (_key, value: unknown) => {
    if (Array.isArray(value))
      return value.flatMap((item: Node) =>
        item && typeof item === 'object' && isChart(item)
          ? item['fallback'] === 'drop' || item['fallback'] === undefined
            ? []
            : [item['fallback']]
          : [item],
      );
    return value;
  });
}

/** Teams' chart elements, unknown to the reference library: registered so the rest is still validated. */
function registerCharts() {
  const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js');
  for (const type of ['Chart.HorizontalBar', 'Chart.VerticalBar', 'Chart.Line']) {
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

const largestChannel = summaryCard(text, view(largestInput('manager')));
const largestDigest = digestCard(text, digestView(largestInput('manager')));

describe('summary and digest cards', () => {
  it('stay under 25 KB for the largest realistic unit', () => {
    expect(largestInput('manager').measures).toHaveLength(catalogue.measures.length);
    for (const card of [largestChannel, largestDigest]) {
      expect(JSON.stringify(card)).not.toContain('${');
      expect(bytes(card)).toBeLessThan(25_000);
    }
    // The size test bites: the digest really carries every measure and every action type.
    const words = cardText(largestDigest);
    for (const measure of catalogue.measures) expect(words).toContain(measure.label);
    for (const type of ActionType.options) expect(words).toContain(text.actions.types[type]!);
  });

  it('follow the trend chart with each principle’s weeks as text, the same numbers in the same order', () => {
    const line = chartsWithFollowers(largestDigest).find(({ chart }) => chart['type'] === 'Chart.Line');
    if (!line) throw new Error('the digest has no trend chart');
    const { chart, after } = line;
    expect(chart['fallback']).toBe('drop');
    const series = chart['data'] as { legend: string; values: { x: string; y: number }[] }[];
    expect(series.length).toBeGreaterThan(0);
    const facts = after[0]!['facts'] as { title: string; value: string }[];
    for (const { legend, values } of series) {
      expect(values.length).toBeGreaterThanOrEqual(2);
      const fact = facts.find((f) => f.title === legend)!;
      const shown = [...fact.value.matchAll(/(\d+ \w{3}) (\d+)%/g)].map((m) => ({
        x: m[1],
        y: Number(m[2]),
      }));
      expect(shown).toEqual(values);
    }
  });

  it('follow every chart with a table of the same numbers, and give it a fallback', () => {
    const charts = chartsWithFollowers(largestDigest);
    expect(charts.map(({ chart }) => chart['type']).sort()).toEqual([
      'Chart.HorizontalBar',
      'Chart.Line',
      'Chart.VerticalBar',
    ]);
    for (const { chart, after } of charts.filter(({ chart }) => chart['type'] !== 'Chart.Line')) {
      expect(chart['fallback']).toBeDefined();
      const next = after[0]!;
      expect(['FactSet', 'TextBlock', 'Table']).toContain(next['type']);
      const following = cardText(next);
      const data = chart['data'] as { x: string; y: number }[];
      expect(data.length).toBeGreaterThan(0);
      for (const { x, y } of data) {
        const fact = (next['facts'] as { title: string; value: string }[]).find((f) => f.title === x);
        expect(fact).toBeDefined();
        expect(fact!.value).toMatch(new RegExp(`^${y}(%|$| )`));
      }
      expect(following).not.toBe('');
    }
  });

  it('say every status in words, never by colour alone', () => {
    const { digest } = view(largestInput('manager'));
    const statuses = new Set(digest.principles.flatMap((tile) => tile.measures.map((m) => m.status.status)));
    expect([...statuses].sort()).toEqual(
      expect.arrayContaining(['amber', 'blue', 'green', 'noUpdate', 'red']),
    );
    const words = cardText(largestDigest);
    for (const tile of digest.principles)
      for (const line of tile.measures) {
        const label = names.measureLabels[line.measureId]!;
        const shown = words.split('\n').find((text) => text.startsWith(`**${label}**: `));
        expect(shown).toContain(`Status: ${t.statuses[line.status.status]}.`);
      }
    // No element is coloured: no "color" that could carry meaning on its own.
    expect(elements(largestDigest).filter((node) => 'color' in node)).toEqual([]);
    for (const word of ['Red – off track', 'Amber – needs attention', 'Green – on track', 'Blue – embedded'])
      expect(words).toContain(word);
  });

  it('name nobody and show no comments or private action text in the channel card, even from a manager’s digest', () => {
    const input = largestInput('manager');
    const managerDigest = buildDigest(input);
    expect(managerDigest.noUpdate.some((item) => item.owner === OWNER)).toBe(true);
    const channel = JSON.stringify(summaryCard(text, view(input)));
    for (const secret of [OWNER, OWNER_NAME, COMMENT, PRIVATE_TITLE]) expect(channel).not.toContain(secret);
    // The digest names the owner; the channel card says what has no update without saying whose.
    const digest = JSON.stringify(largestDigest);
    expect(digest).toContain(OWNER_NAME);
    expect(digest).not.toContain(COMMENT);
    expect(digest).not.toContain(PRIVATE_TITLE);
    expect(cardText(largestChannel)).toContain(t.noUpdateIntro);
  });

  it('show shared "you said, we did" highlights, the hidden pulse and why, and small counts in words', () => {
    const input: DigestInput = {
      ...largestInput('channel'),
      pulses: week(2).slice(0, 4),
      actions: [
        action({
          participants: { patients: 3, carers: 0, public: 0 },
          shareable: true,
          whatWeDid: 'Leaflet rewritten',
          title: 'Discharge leaflet',
        }),
      ],
    };
    const words = cardText(summaryCard(text, view(input)));
    expect(words).toContain(t.hidden.tooFew(5));
    expect(words).toContain(t.highlightsHeading);
    expect(words).toContain('Leaflet rewritten');
    expect(words).toContain('Fewer than 8 patients, carers and members of the public took part.');
    expect(words).not.toMatch(/\b3 people\b/);
  });

  it('give a unit with no answers and no actions a short, kind card of what to do next', () => {
    const input: DigestInput = { ...largestInput('channel'), pulses: [], actions: [] };
    const card = summaryCard(text, view(input));
    const words = cardText(card);
    expect(words).toContain(t.empty.titleClosed);
    const open = summaryCard(text, view(input, { previewUntil: '2026-11-29T23:59:00Z' }));
    expect(cardText(open)).toContain('No one has answered this week’s check-in yet');
    for (const step of t.empty.channel) expect(words).toContain(step);
    expect(chartsWithFollowers(card)).toEqual([]);
    expect(bytes(card)).toBeLessThan(3_000);
    const manager = cardText(digestCard(text, digestView({ ...input, audience: 'manager' })));
    for (const step of t.empty.manager) expect(manager).toContain(step);
    expect(manager).toContain(OWNER_NAME);
  });

  it('mark a preview, and say why a scheduled card came', () => {
    const preview = cardText(
      digestCard(text, digestView(largestInput('manager'), { previewUntil: '2026-11-29T23:59:00Z' })),
    );
    expect(preview.split('\n')[0]).toBe(t.preview('29 November 2026'));
    const posted = cardText(summaryCard(text, view(largestInput('channel'), { proactive: true })));
    expect(posted).toContain(
      t.why.channel('Northshire Hospitals NHS Foundation Trust: Emergency Department'),
    );
    expect(posted).not.toContain('Preview');
  });

  it('read on a narrow screen: one column, no column sets', () => {
    for (const card of [largestChannel, largestDigest])
      expect(elements(card).filter((node) => node['type'] === 'ColumnSet')).toEqual([]);
  });

  it('validate with the official library, with and without chart support', () => {
    const cards = [
      largestChannel,
      largestDigest,
      summaryCard(text, view({ ...largestInput('channel'), pulses: [], actions: [] })),
      digestChoiceCard(text, {
        units: [{ title: 'Ward 7', value: 'w7' }],
        show: { title: t.show, verb: 'digest.show', data: { cardId: 'c' } },
      }),
    ];
    // As a client without charts (Teams on iOS) renders them: the charts' fallbacks.
    for (const card of cards) expect(cardProblems(withoutCharts(card))).toEqual([]);
    // The library does not know Teams' charts, and says so; nothing else is wrong.
    const unknown = cardProblems(largestDigest);
    expect(unknown.length).toBeGreaterThan(0);
    for (const problem of unknown)
      expect(problem).toMatch(/Unknown element type "Chart\.(HorizontalBar|VerticalBar|Line)"/);
    registerCharts();
    for (const card of cards) {
      expect(card.version).toBe('1.5');
      expect(cardProblems(card)).toEqual([]);
    }
  });
});
