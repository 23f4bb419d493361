// The numbers one unit's weekly summary and digest need (DOMAIN.md, "Weekly digest"), built from plain inputs
// a service reads from the store. Data only: codes and numbers, which src/text puts into words. Two texts
// are data and pass through: the title and "what we did" of actions their authors marked OK to share.
//
// Choices made here:
// - The response rate (answered of expected) is shown whatever k is: it says how many took part, nothing
//   about what anyone answered, and managers need it to encourage the rest. Pulse results stay under k.
// - Participants (patients, carers and public) go through smallCount and smallBreakdown wherever shown.
// - Pulse comments are never read: the pulse inputs carry choices only.
// - Channel summaries name nobody: for the 'channel' audience, owners of measures and actions are left out.
import type { ActionType, Depth } from './actions.js';
import { LOOP_DAYS } from './action-measures.js';
import type { MeasureValue } from './answers.js';
import { percentOf } from './answers.js';
import { maturityLevels, type Measure, type PrincipleId } from './catalogue.js';
import { addDays, cycleIdOf, cycleMonday, previousCycleId, type LocalDate } from './cycles.js';
import {
  measureStatus,
  valueStatus,
  type MeasureStatus,
  type StatusCode,
  type StatusOptions,
} from './status.js';
import {
  pulseChange,
  pulseResult,
  smallBreakdown,
  smallCount,
  type PrincipleFigure,
  type PulseChange,
  type PulseLike,
  type SmallCount,
} from './suppression.js';
import { trendOf, type Trend } from './trend.js';

/** The weeks that make "usual": the median of the previous 12 cycles, once at least 4 of them were tracked. */
export const USUAL_WEEKS = 12;
export const USUAL_WEEKS_MIN = 4;
export const HEADLINE_MAX = 5;
export const HIGHLIGHTS_MAX = 3;

/** An action as the digest reads it (an Action from the store fits). */
export type DigestAction = {
  id: string;
  type: ActionType;
  depth: Depth;
  date: LocalDate;
  owner: string;
  participants: { patients: number; carers: number; public: number };
  shareable: boolean;
  title: string;
  whatWeDid?: string;
  deletedAt?: string;
  details?: {
    change?: { status: string };
    feedback?: { givenOn: LocalDate };
    feedbackNotPossible?: string;
  };
};

export type DigestMeasure = {
  measure: Pick<Measure, 'id' | 'principle' | 'scale' | 'cadence' | 'computed' | 'target'>;
  /** Asked measures: the latest answer and the opening day of the cycle it was given in. */
  latest?: { value: MeasureValue; openingDay: LocalDate };
  /** Computed measures: this period's value from the action log (undefined: nothing to measure). */
  computed?: MeasureValue;
  /** Values of earlier periods, oldest first, undefined where there was none: for the trend. */
  history?: readonly (MeasureValue | undefined)[];
  /** Who answers it: named only in a manager's digest. */
  owner?: string;
};

export type DigestInput = {
  cycle: { id: string; openingDay: LocalDate };
  audience: 'channel' | 'manager';
  k?: number;
  /** The principles the unit works on, in catalogue order. */
  principles: readonly PrincipleId[];
  /** People expected to answer the pulse: the response rate's denominator. */
  expected: number;
  pulses: readonly PulseLike[];
  /** Earlier cycles' pulses, oldest first, ending with the previous cycle; undefined for a cycle without one. */
  pulseHistory: readonly (readonly PulseLike[] | undefined)[];
  measures: readonly DigestMeasure[];
  /** The unit's actions over at least the last 12 weeks and 90 days (deleted ones are skipped). */
  actions: readonly DigestAction[];
  /** The day the unit started being tracked: earlier weeks do not count towards "usual". */
  since?: LocalDate;
  options?: StatusOptions & { highlightsMax?: number };
};

export type HeadlineFact =
  | { kind: 'changesMade'; count: number }
  | { kind: 'offTrack'; count: number }
  | { kind: 'loopOverdue'; count: number }
  | { kind: 'activities'; count: number; usual?: number }
  | { kind: 'noUpdate'; count: number }
  | { kind: 'responseRate'; answered: number; expected: number; percent?: number }
  | { kind: 'participants'; count: SmallCount; usual?: SmallCount };

export type MeasureLine = { measureId: string; status: MeasureStatus; trend: Trend };
export type PrincipleTile = {
  principle: PrincipleId;
  pulse: PrincipleFigure;
  /** The share saying yes each week, oldest first, ending with this week; undefined where not shown. */
  weekly: (number | undefined)[];
  change: PulseChange;
  trend: Trend;
  /** The lowest current level among its maturity measures: "embedded" only when all of them are. */
  maturity?: (typeof maturityLevels)[number];
  statusCounts: Partial<Record<StatusCode, number>>;
  measures: MeasureLine[];
  mostOffTrack?: string;
};

export type Digest = {
  cycleId: string;
  headline: HeadlineFact[];
  principles: PrincipleTile[];
  actions: {
    count: number;
    byType: { type: ActionType; count: number; participants: SmallCount | 'withheld' }[];
    byDepth: Partial<Record<Depth, number>>;
    /** Actions at co-design or co-produce level, of all this week's. */
    deep: { count: number; of: number; percent?: number };
    participants: SmallCount;
    usualParticipants?: SmallCount;
  };
  highlights: { actionId: string; title: string; whatWeDid: string }[];
  loopOverdue: { actionId: string; dueOn: LocalDate; owner?: string }[];
  responseRate: { answered: number; expected: number; percent?: number };
  noUpdate: { measureId: string; principle: PrincipleId; lastAnsweredOn?: LocalDate; owner?: string }[];
};

const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

const participantsOf = (action: DigestAction) =>
  action.participants.patients + action.participants.carers + action.participants.public;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : Math.round((sorted[middle - 1]! + sorted[middle]!) / 2);
}

/** Median per week of the previous cycles the unit was tracked in, or undefined with too few of them. */
function usualOf(
  input: DigestInput,
  live: readonly DigestAction[],
  measure: (week: DigestAction[]) => number,
) {
  const weeks: string[] = [];
  const first = input.since === undefined ? undefined : cycleIdOf(input.since);
  for (let week = previousCycleId(input.cycle.id); weeks.length < USUAL_WEEKS; week = previousCycleId(week)) {
    if (first !== undefined && week < first) break;
    weeks.push(week);
  }
  if (weeks.length < USUAL_WEEKS_MIN) return undefined;
  return median(weeks.map((week) => measure(live.filter((action) => cycleIdOf(action.date) === week))));
}

// A measure's value as a number for its trend: the maturity level's place, yes as 1 and no as 0.
function amountOf(value: MeasureValue | undefined): number | undefined {
  if (value === undefined) return undefined;
  switch (value.scale) {
    case 'maturity':
      return maturityLevels.indexOf(value.level);
    case 'yesNo':
      return value.answer === 'notApplicable' ? undefined : value.answer === 'yes' ? 1 : 0;
    case 'count':
      return value.count;
    case 'percent':
      return percentOf(value);
  }
}

function statusOf(item: DigestMeasure, input: DigestInput): MeasureStatus {
  const { measure } = item;
  if (measure.computed) return valueStatus(item.computed, measure.target, input.options);
  // An answer given after the cycle being summarised is not yet known to it.
  const latest = item.latest && item.latest.openingDay <= input.cycle.openingDay ? item.latest : undefined;
  return measureStatus(measure, latest, input.cycle.openingDay, input.options);
}

// How far off track, from 0 to 1: the share of the target missing, or how far from embedded or from yes.
function gapOf({ status }: MeasureLine): number {
  const { value, shortBy, target } = status;
  if (shortBy !== undefined && target) return shortBy / target;
  if (value?.scale === 'maturity')
    return 1 - maturityLevels.indexOf(value.level) / (maturityLevels.length - 1);
  return value?.scale === 'yesNo' && value.answer === 'no' ? 1 : 0;
}

/** Red before amber, then the largest gap to target; catalogue order breaks ties. */
function mostOffTrack(lines: readonly MeasureLine[]): string | undefined {
  const rank = (line: MeasureLine) => ['red', 'amber'].indexOf(line.status.status);
  const off = lines.filter((line) => rank(line) >= 0);
  off.sort((a, b) => rank(a) - rank(b) || gapOf(b) - gapOf(a));
  return off[0]?.measureId;
}

type Figures = Record<PrincipleId, PrincipleFigure>;

function tile(
  principle: PrincipleId,
  figures: Figures,
  history: (Figures | undefined)[],
  lines: MeasureLine[],
) {
  const pulse = figures[principle];
  const earlier = history.map((week) => week?.[principle]);
  const percents = [...earlier, pulse].map((figure) => (figure?.shown ? figure.percent : undefined));
  const levels = lines.flatMap(({ status: { value } }) =>
    value?.scale === 'maturity' ? [maturityLevels.indexOf(value.level)] : [],
  );
  const statusCounts: Partial<Record<StatusCode, number>> = {};
  for (const { status } of lines) statusCounts[status.status] = (statusCounts[status.status] ?? 0) + 1;
  const tile: PrincipleTile = {
    principle,
    pulse,
    weekly: percents,
    change: pulseChange(pulse, history.length > 0 ? earlier[earlier.length - 1] : undefined),
    trend: trendOf(percents),
    statusCounts,
    measures: lines,
  };
  if (levels.length > 0) tile.maturity = maturityLevels[Math.min(...levels)];
  const worst = mostOffTrack(lines);
  if (worst) tile.mostOffTrack = worst;
  return tile;
}

function actionsSection(input: DigestInput, week: readonly DigestAction[], live: readonly DigestAction[]) {
  const byDepth: Partial<Record<Depth, number>> = {};
  const perType = new Map<ActionType, { count: number; participants: number }>();
  for (const action of week) {
    byDepth[action.depth] = (byDepth[action.depth] ?? 0) + 1;
    const entry = perType.get(action.type) ?? { count: 0, participants: 0 };
    perType.set(action.type, {
      count: entry.count + 1,
      participants: entry.participants + participantsOf(action),
    });
  }
  const people = smallBreakdown(Object.fromEntries([...perType].map(([type, e]) => [type, e.participants])));
  const deep = (byDepth['co-design'] ?? 0) + (byDepth['co-produce'] ?? 0);
  const usual = usualOf(input, live, (actions) => actions.reduce((sum, a) => sum + participantsOf(a), 0));
  return {
    count: week.length,
    byType: [...perType]
      .map(([type, e]) => ({ type, count: e.count, participants: people.parts[type]! }))
      .sort((a, b) => b.count - a.count),
    byDepth,
    deep: {
      count: deep,
      of: week.length,
      ...optional('percent', percentOf({ numerator: deep, denominator: week.length })),
    },
    participants: people.total,
    ...optional('usualParticipants', usual === undefined ? undefined : smallCount(usual)),
  };
}

function measureLine(item: DigestMeasure, input: DigestInput): MeasureLine {
  const status = statusOf(item, input);
  const current = status.status === 'noUpdate' ? undefined : amountOf(status.value);
  const trend = trendOf([...(item.history ?? []).map(amountOf), current]);
  return { measureId: item.measure.id, status, trend };
}

/** Actions whose 90 days to tell participants what changed ran out before the week's end, with nobody told. */
const overdueOf = (live: readonly DigestAction[], sunday: LocalDate) =>
  live
    .filter((a) => !a.details?.feedback && !a.details?.feedbackNotPossible)
    .map((a) => ({ action: a, dueOn: addDays(a.date, LOOP_DAYS) }))
    .filter(({ dueOn }) => dueOn < sunday);

/** Shareable actions with "what we did", held or told back this week, latest first: title and that text only. */
function highlightsOf(live: readonly DigestAction[], monday: LocalDate, max: number) {
  const sunday = addDays(monday, 6);
  const latest = (a: DigestAction) => a.details?.feedback?.givenOn ?? a.date;
  const inWeek = (day: LocalDate | undefined) => day !== undefined && day >= monday && day <= sunday;
  return live
    .filter((a) => a.shareable && a.whatWeDid && (inWeek(a.date) || inWeek(a.details?.feedback?.givenOn)))
    .sort((a, b) => latest(b).localeCompare(latest(a)))
    .slice(0, max)
    .map((a) => ({ actionId: a.id, title: a.title, whatWeDid: a.whatWeDid! }));
}

/** Everything one unit's weekly summary (audience 'channel') or its manager's digest shows, as data. */
export function buildDigest(input: DigestInput): Digest {
  const { cycle, audience } = input;
  const withOwner = (owner: string | undefined) => (audience === 'manager' && owner ? { owner } : {});
  const live = input.actions.filter((action) => !action.deletedAt);
  const week = live.filter((action) => cycleIdOf(action.date) === cycle.id);
  const monday = cycleMonday(cycle.id);

  const items = input.measures.filter((item) => input.principles.includes(item.measure.principle));
  const lines = items.map((item) => measureLine(item, input));
  const figures = pulseResult(input.pulses, input.k);
  const history = input.pulseHistory.map((pulses) => pulses && pulseResult(pulses, input.k));
  const principles = input.principles.map((principle) =>
    tile(
      principle,
      figures,
      history,
      lines.filter((_, i) => items[i]!.measure.principle === principle),
    ),
  );
  const loopOverdue = overdueOf(live, addDays(monday, 6)).map(({ action, dueOn }) => ({
    actionId: action.id,
    dueOn,
    ...withOwner(action.owner),
  }));
  const noUpdate = items.flatMap(({ measure, owner }, i) => {
    const { status, lastAnsweredOn } = lines[i]!.status;
    if (status !== 'noUpdate') return [];
    const last = lastAnsweredOn ? { lastAnsweredOn } : {};
    return [{ measureId: measure.id, principle: measure.principle, ...last, ...withOwner(owner) }];
  });
  const answered = input.pulses.length;
  const rate = percentOf({ numerator: Math.min(answered, input.expected), denominator: input.expected });
  const responseRate = { answered, expected: input.expected, ...optional('percent', rate) };
  const actions = actionsSection(input, week, live);
  const usualActivities = usualOf(input, live, (actions) => actions.length);
  const changes = week.filter((action) => action.details?.change?.status === 'implemented').length;
  const red = lines.filter((line) => line.status.status === 'red').length;

  // "So what" first: what changed for patients, where we are off track, what is owed; then activity and gaps.
  const candidates: (HeadlineFact | false)[] = [
    changes > 0 && { kind: 'changesMade', count: changes },
    red > 0 && { kind: 'offTrack', count: red },
    loopOverdue.length > 0 && { kind: 'loopOverdue', count: loopOverdue.length },
    { kind: 'activities', count: week.length, ...optional('usual', usualActivities) },
    noUpdate.length > 0 && { kind: 'noUpdate', count: noUpdate.length },
    { kind: 'responseRate', ...responseRate },
    { kind: 'participants', count: actions.participants, ...optional('usual', actions.usualParticipants) },
  ];
  return {
    cycleId: cycle.id,
    headline: candidates.filter((fact): fact is HeadlineFact => fact !== false).slice(0, HEADLINE_MAX),
    principles,
    actions,
    highlights: highlightsOf(live, monday, input.options?.highlightsMax ?? HIGHLIGHTS_MAX),
    loopOverdue,
    responseRate,
    noUpdate,
  };
}
