// A unit's weekly principle summary (posted in its channel) and its manager's digest (in their chat), from the
// digest maths' codes and numbers. One template serves both; the channel card is built without the names
// the digest carries, whatever it is given. Status is always a word ("Red – off track"), never a colour
// alone, and every chart is followed by a table of the same numbers for clients and people that cannot
// see it. Sections are single-column, so the card reads on a phone.
import { Depth } from '../domain/actions.js';
import type { PrincipleId } from '../domain/catalogue.js';
import { addDays, type LocalDate } from '../domain/cycles.js';
import type { Digest, HeadlineFact, MeasureLine, PrincipleTile } from '../domain/digest.js';
import type { MeasureStatus, StatusCode } from '../domain/status.js';
import type { SmallCount } from '../domain/suppression.js';
import type { Text } from '../text/index.js';
import { expandCard, type AdaptiveCard, type CardAction } from './card.js';
import { formatLocalDate } from './pulse-cards.js';

export type SummaryView = {
  unitName: string;
  /** The Monday of the week summarised. */
  monday: LocalDate;
  digest: Digest;
  anonymityMin: number;
  timeZone: string;
  /** The principles' names, by id. */
  principleNames: Readonly<Partial<Record<PrincipleId, string>>>;
  /** The measures' labels, by id. */
  measureLabels: Readonly<Record<string, string>>;
  /** While the week's check-in is open: when it closes. The card then says it is a preview. */
  previewUntil?: string;
  /** Sent on a schedule rather than asked for: the card then says why it came. */
  proactive?: boolean;
};

export type DigestView = SummaryView & {
  /** The names of the people the digest names (owners of measures with no update), by Entra id. */
  names: Readonly<Record<string, string>>;
  actions: CardAction[];
};

/** A line of a section; `bold` for a highlight's title. */
type Line = { text: string; bold: boolean };
type Section = { heading: string; lines: Line[] };
type Chart = { title: string; axis: string; data: { x: string; y: number }[]; facts: Fact[] };
type Fact = { title: string; value: string };
type Audience = 'channel' | 'manager';

const STATUS_ORDER: StatusCode[] = ['red', 'amber', 'green', 'blue', 'grey', 'noUpdate', 'noTarget'];

const line = (text: string, bold = false): Line => ({ text, bold });
const lowerFirst = (words: string) => words.charAt(0).toLowerCase() + words.slice(1);
const upperFirst = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);

/** A count of people as it may be shown beyond the person who entered it. */
export function countWords(text: Text, count: SmallCount | 'withheld'): string {
  if (count === 'fewerThan8') return text.summaries.fewerThan8;
  if (count === 'withheld') return text.summaries.withheld;
  return String(count);
}

export function statusWords(text: Text, status: StatusCode): string {
  return text.summaries.statuses[status] ?? status;
}

/** A measure's value in words: "45% (9 of 20), against a target of 80%", "In progress", "Last answered on …". */
export function valueWords(text: Text, status: MeasureStatus): string {
  const v = text.summaries.values;
  if (status.status === 'noUpdate')
    return status.lastAnsweredOn
      ? v.lastAnswered(formatLocalDate(text, status.lastAnsweredOn))
      : v.neverAnswered;
  const { value } = status;
  if (!value) return v.nothingToMeasure;
  switch (value.scale) {
    case 'maturity':
      return text.checkins.maturityLevels[value.level].name;
    case 'yesNo':
      return v[value.answer];
    case 'count':
      return v.count(value.count, status.target);
    case 'percent':
      return status.amount === undefined
        ? v.nothingToCount
        : v.percent(status.amount, value.numerator, value.denominator, status.target);
  }
}

export function headlineSentence(text: Text, fact: HeadlineFact): string {
  const h = text.summaries.headline;
  switch (fact.kind) {
    case 'changesMade':
    case 'offTrack':
    case 'loopOverdue':
    case 'noUpdate':
      return h[fact.kind](fact.count);
    case 'activities':
      return h.activities(fact.count, fact.usual);
    case 'responseRate':
      return h.responseRate(fact.answered, fact.expected, fact.percent);
    case 'participants':
      return upperFirst(
        h.participants(
          countWords(text, fact.count),
          fact.usual === undefined ? undefined : countWords(text, fact.usual),
        ),
      );
  }
}

/** What the sections of a principle need of a view: the names and the threshold. */
export type Labels = Pick<SummaryView, 'anonymityMin' | 'principleNames' | 'measureLabels'>;

function measureText(text: Text, view: Labels, measure: MeasureLine): string {
  const label = view.measureLabels[measure.measureId] ?? measure.measureId;
  const { trend } = measure.trend;
  const trendWords = trend === 'notEnoughData' ? undefined : text.summaries.trends[trend];
  return text.summaries.measure(
    label,
    statusWords(text, measure.status.status),
    valueWords(text, measure.status),
    trendWords,
  );
}

/** A principle's section: the pulse result (or why it is hidden), trend, maturity and each measure in words. */
export function principleSection(text: Text, view: Labels, tile: PrincipleTile, extra: string[] = []) {
  const t = text.summaries;
  const k = view.anonymityMin;
  const lines: string[] = [];
  const { pulse, change } = tile;
  if (pulse.shown) {
    lines.push(t.pulse(pulse.percent, pulse.yes, pulse.applied), ...extra);
    lines.push(change.shown ? t.change(change.points) : (t.noChange[change.reason] ?? ''));
  } else lines.push(t.hidden[pulse.reason](k), ...extra);
  lines.push(t.trend(t.trends[tile.trend.trend] ?? tile.trend.trend));
  if (tile.maturity) lines.push(t.maturity(text.checkins.maturityLevels[tile.maturity].name));
  const counts = STATUS_ORDER.filter((status) => tile.statusCounts[status]).map(
    (status) => `${tile.statusCounts[status]} ${lowerFirst(statusWords(text, status))}`,
  );
  lines.push(counts.length > 0 ? t.statusCounts(counts.join(', ')) : t.noMeasures);
  const worst = tile.measures.find((measure) => measure.measureId === tile.mostOffTrack);
  if (worst) {
    const label = view.measureLabels[worst.measureId] ?? worst.measureId;
    lines.push(t.mostOffTrack(label, statusWords(text, worst.status.status)));
  }
  return {
    heading: view.principleNames[tile.principle] ?? tile.principle,
    lines: lines.filter(Boolean),
    measures: tile.measures.map((measure) => measureText(text, view, measure)),
  };
}

/** The share saying yes for each principle shown, as a bar chart and the same numbers as a table. */
export function pulseChart(
  text: Text,
  view: Pick<SummaryView, 'principleNames'> & { digest: Pick<Digest, 'principles'> },
): Chart | undefined {
  const t = text.summaries;
  const shown = view.digest.principles.flatMap((tile) =>
    tile.pulse.shown ? [{ tile, pulse: tile.pulse }] : [],
  );
  if (shown.length === 0) return undefined;
  const label = (id: PrincipleId) => t.principleShort[id] ?? view.principleNames[id] ?? id;
  return {
    title: t.pulseChartTitle,
    axis: t.pulseChartAxis,
    data: shown.map(({ tile, pulse }) => ({ x: label(tile.principle), y: pulse.percent })),
    facts: shown.map(({ tile, pulse }) => ({
      title: label(tile.principle),
      value: t.percentFact(pulse.percent, pulse.yes, pulse.applied),
    })),
  };
}

type LineChart = {
  title: string;
  axis: string;
  data: { legend: string; values: { x: string; y: number }[] }[];
  facts: Fact[];
};

/**
 * The share saying yes week by week for each principle with at least two weeks shown, as a line chart and
 * the same numbers as text. Weeks under the threshold are left out of the line and say "not shown".
 */
export function trendChart(
  text: Text,
  view: Pick<SummaryView, 'principleNames' | 'monday'> & { digest: Pick<Digest, 'principles'> },
): LineChart | undefined {
  const t = text.summaries;
  const label = (id: PrincipleId) => t.principleShort[id] ?? view.principleNames[id] ?? id;
  const series = view.digest.principles.flatMap((tile) => {
    const weeks = tile.weekly.map((percent, index) => ({
      week: t.weekShort(formatLocalDate(text, addDays(view.monday, (index - tile.weekly.length + 1) * 7))),
      ...(percent === undefined ? {} : { percent }),
    }));
    const shown = weeks.flatMap(({ week, percent }) =>
      percent === undefined ? [] : [{ x: week, y: percent }],
    );
    return shown.length >= 2 ? [{ tile, weeks, shown }] : [];
  });
  if (series.length === 0) return undefined;
  return {
    title: t.trendChartTitle,
    axis: t.trendChartAxis,
    data: series.map(({ tile, shown }) => ({ legend: label(tile.principle), values: shown })),
    facts: series.map(({ tile, weeks }) => ({ title: label(tile.principle), value: t.trendFact(weeks) })),
  };
}

/** The week's actions by how deep the partnership went, as a bar chart and the same numbers as a table. */
function depthChart(text: Text, digest: Pick<Digest, 'actions'>): Chart {
  const t = text.summaries;
  const rows = Depth.options.map((depth) => ({
    x: t.depthShort[depth] ?? depth,
    y: digest.actions.byDepth[depth] ?? 0,
  }));
  return {
    title: t.depthChartTitle,
    axis: t.depthChartAxis,
    data: rows,
    facts: rows.map((row) => ({ title: row.x, value: String(row.y) })),
  };
}

/** The week's actions: how many, how deep, who took part, by type, with a chart of depth and its numbers. */
export function actionsSection(text: Text, digest: Pick<Digest, 'actions'>) {
  const t = text.summaries;
  const { actions } = digest;
  const usual = actions.usualParticipants;
  return {
    heading: t.actionsHeading,
    lines: [
      t.actionsCount(actions.count),
      ...(actions.count > 0 ? [t.deep(actions.deep.count, actions.deep.of, actions.deep.percent)] : []),
      t.participants(
        countWords(text, actions.participants),
        usual === undefined ? undefined : countWords(text, usual),
      ),
    ],
    chart: actions.count > 0 ? [depthChart(text, digest)] : [],
    types: actions.byType.map((entry) =>
      t.byType(
        text.actions.types[entry.type] ?? entry.type,
        entry.count,
        entry.participants === 'withheld' ? t.peopleWithheld : t.people(countWords(text, entry.participants)),
      ),
    ),
  };
}

const nameOf = (text: Text, names: Readonly<Record<string, string>>, aad: string | undefined) =>
  aad ? (names[aad] ?? text.summaries.unknownName) : undefined;

/** Overdue "you said, we did" updates, one line per owner: how many, and the oldest's due date. */
function overdueByOwner(text: Text, digest: Digest, names: Readonly<Record<string, string>>): Line[] {
  const byOwner = new Map<string, { count: number; oldest: LocalDate }>();
  for (const { owner = '', dueOn } of digest.loopOverdue) {
    const entry = byOwner.get(owner);
    byOwner.set(owner, {
      count: (entry?.count ?? 0) + 1,
      oldest: entry && entry.oldest < dueOn ? entry.oldest : dueOn,
    });
  }
  return [...byOwner]
    .sort(([, a], [, b]) => b.count - a.count || a.oldest.localeCompare(b.oldest))
    .map(([owner, { count, oldest }]) =>
      line(
        text.summaries.overdue(
          nameOf(text, names, owner) ?? text.summaries.unknownName,
          count,
          formatLocalDate(text, oldest),
        ),
      ),
    );
}

/** Closing the loop and gaps: who answered, and what has no update (by owner, in a manager's digest). */
function closingSections(
  text: Text,
  view: SummaryView,
  audience: Audience,
  names: Readonly<Record<string, string>>,
): Section[] {
  const t = text.summaries;
  const { digest } = view;
  const sections: Section[] = [];
  if (!isEmpty(digest) && digest.highlights.length > 0)
    sections.push({
      heading: t.highlightsHeading,
      lines: digest.highlights.flatMap((item) => [line(item.title, true), line(item.whatWeDid)]),
    });
  if (audience === 'manager' && digest.loopOverdue.length > 0)
    sections.push({ heading: t.overdueHeading, lines: overdueByOwner(text, digest, names) });
  const gaps = digest.noUpdate.map((item) => {
    const label = view.measureLabels[item.measureId] ?? item.measureId;
    const last = item.lastAnsweredOn
      ? t.values.lastAnswered(formatLocalDate(text, item.lastAnsweredOn))
      : t.values.neverAnswered;
    if (audience === 'channel') return line(t.noUpdateLine(label, last));
    const owner = nameOf(text, names, item.owner);
    return line(owner ? t.noUpdateOwner(label, owner, last) : t.noUpdateNoOwner(label, last));
  });
  const { answered, expected, percent } = digest.responseRate;
  sections.push({
    heading: t.gapsHeading,
    lines: [
      line(t.headline.responseRate(answered, expected, percent)),
      ...(gaps.length > 0 ? [line(t.noUpdateIntro), ...gaps] : [line(t.allUpdated)]),
    ],
  });
  return sections;
}

/** Nobody answered and nothing was logged: a short, kind card of what to do next instead. */
export const isEmpty = (digest: Digest): boolean =>
  digest.responseRate.answered === 0 && digest.actions.count === 0;

function render(
  text: Text,
  view: SummaryView,
  audience: Audience,
  names: Readonly<Record<string, string>>,
  actions: CardAction[],
) {
  const t = text.summaries;
  const { digest } = view;
  const empty = isEmpty(digest);
  const chart = empty ? undefined : pulseChart(text, view);
  const trend = empty ? undefined : trendChart(text, view);
  const closing = closingSections(text, view, audience, names);
  return expandCard('summary', {
    notice: view.previewUntil ? t.preview(text.formatDate(view.previewUntil, view.timeZone)) : '',
    title: audience === 'channel' ? t.summaryTitle(view.unitName) : t.digestTitle(view.unitName),
    weekOf: t.weekOf(formatLocalDate(text, view.monday)),
    why: view.proactive ? t.why[audience](view.unitName) : '',
    privacy: t.privacy(view.anonymityMin),
    intro: [
      empty
        ? {
            heading: view.previewUntil ? t.empty.title : t.empty.titleClosed,
            lines: t.empty[audience].map((words) => line(words)),
          }
        : {
            heading: t.headlineHeading,
            lines: digest.headline.map((fact) => line(`• ${headlineSentence(text, fact)}`)),
          },
    ],
    pulseChart: chart ? [chart] : [],
    trendChart: trend ? [trend] : [],
    principles: empty ? [] : digest.principles.map((tile) => principleSection(text, view, tile)),
    actionsSection: empty ? [] : [actionsSection(text, digest)],
    // An empty week keeps only what a manager can act on: the measures with no update, by owner.
    closing: empty && audience === 'channel' ? [] : empty ? closing.slice(-1) : closing,
    actions,
  });
}

/** The weekly summary for a unit's channel: totals only, no names, no comments, no buttons. */
export function summaryCard(text: Text, view: SummaryView): AdaptiveCard {
  return render(text, view, 'channel', {}, []);
}

/** A manager's digest: the summary, with the owner of each measure that has no update named. */
export function digestCard(text: Text, view: DigestView): AdaptiveCard {
  return render(text, view, 'manager', view.names, view.actions);
}

/** A short card in the digest's place: the week had no check-in, or the unit is gone. */
export function digestNoticeCard(text: Text, view: { title: string; body: string; actions: CardAction[] }) {
  return expandCard('digest', { mode: 'notice', notice: '', ...view, units: [], labels: {} });
}

export type DigestChoiceView = {
  units: { title: string; value: string }[];
  notice?: string;
  show: CardAction;
};

/** For someone who may see many units' digests: which one. */
export function digestChoiceCard(text: Text, view: DigestChoiceView): AdaptiveCard {
  const t = text.summaries;
  return expandCard('digest', {
    mode: 'chooser',
    notice: view.notice ?? '',
    title: t.chooserTitle,
    body: t.chooserIntro,
    units: view.units,
    labels: { unit: t.unitLabel, unitError: t.unitError },
    actions: [view.show],
  });
}
