// The quarterly board pack for the annual-report duty (NHS England asks organisations to show what changed
// because of involvement): per organisation, each principle's status and trend from the organisation digest
// of the period's last week (its trend covers the 13 weeks before, a quarter), and the period's patient input:
// activities by type and by depth, people who took part, and "you said, we did" from actions marked OK to
// share. Data only; src/text puts it into words. The same rules as every export (see export-rows.ts).
import { Depth, type Action, type ActionType } from './actions.js';
import { percentOf } from './answers.js';
import type { LocalDate } from './cycles.js';
import type { PrincipleTile } from './digest.js';
import { pulseCells, type PulseCells } from './export-rows.js';
import type { StatusCode } from './status.js';
import { smallBreakdown, type SmallCount } from './suppression.js';
import type { TrendCode } from './trend.js';

export type BoardPackPrinciple = Pick<
  PrincipleTile,
  'principle' | 'maturity' | 'statusCounts' | 'mostOffTrack' | 'measures'
> & { pulse: PulseCells; trend: TrendCode; leftOut: boolean };

export type Highlight = {
  actionId: string;
  unitId: string;
  date: LocalDate;
  title: string;
  whatWeHeard?: string;
  whatWeDid: string;
};

export type BoardPackActivity = {
  count: number;
  /** Most first; people through smallBreakdown, so a small group is never left to subtraction. */
  byType: { type: ActionType; count: number; participants: SmallCount | 'withheld' }[];
  /** In depth order, from inform to co-produce, only depths with activities. */
  byDepth: { depth: Depth; count: number }[];
  deep: { count: number; of: number; percent?: number };
  participants: SmallCount;
  highlights: Highlight[];
};

/** The statuses worth a board's attention first: red, then amber; catalogue order breaks ties. */
export const STATUS_ORDER: readonly StatusCode[] = [
  'red',
  'amber',
  'green',
  'blue',
  'grey',
  'noUpdate',
  'noTarget',
];

export function boardPackPrinciples(
  tiles: readonly (PrincipleTile & { leftOut?: boolean })[],
): BoardPackPrinciple[] {
  return tiles.map((tile) => ({
    principle: tile.principle,
    pulse: pulseCells(tile),
    trend: tile.trend.trend,
    leftOut: tile.leftOut ?? false,
    statusCounts: tile.statusCounts,
    measures: tile.measures,
    ...(tile.maturity ? { maturity: tile.maturity } : {}),
    ...(tile.mostOffTrack ? { mostOffTrack: tile.mostOffTrack } : {}),
  }));
}

const participantsOf = (action: Action) =>
  action.participants.patients + action.participants.carers + action.participants.public;

/**
 * "You said, we did": actions marked OK to share with "what we did", held or told back in the period, latest
 * first. Their texts passed the guard and their authors said they may be shown beyond them.
 */
function highlightsOf(live: readonly Action[], from: LocalDate, to: LocalDate): Highlight[] {
  const within = (day: LocalDate | undefined) => day !== undefined && day >= from && day <= to;
  const latest = (a: Action) => a.details?.feedback?.givenOn ?? a.date;
  return live
    .filter((a) => a.shareable && a.whatWeDid && (within(a.date) || within(a.details?.feedback?.givenOn)))
    .sort((a, b) => latest(b).localeCompare(latest(a)) || a.id.localeCompare(b.id))
    .map((a) => ({
      actionId: a.id,
      unitId: a.unitId,
      date: a.date,
      title: a.title,
      ...(a.whatWeHeard ? { whatWeHeard: a.whatWeHeard } : {}),
      whatWeDid: a.whatWeDid!,
    }));
}

/** The period's patient input across the organisation's units: deleted actions left out. */
export function boardPackActivity(
  actions: readonly Action[],
  period: { from: LocalDate; to: LocalDate },
): BoardPackActivity {
  const live = actions.filter((action) => !action.deletedAt);
  const held = live.filter((action) => action.date >= period.from && action.date <= period.to);
  const perType = new Map<ActionType, { count: number; participants: number }>();
  const perDepth = new Map<Depth, number>();
  for (const action of held) {
    const entry = perType.get(action.type) ?? { count: 0, participants: 0 };
    perType.set(action.type, {
      count: entry.count + 1,
      participants: entry.participants + participantsOf(action),
    });
    perDepth.set(action.depth, (perDepth.get(action.depth) ?? 0) + 1);
  }
  const people = smallBreakdown(Object.fromEntries([...perType].map(([type, e]) => [type, e.participants])));
  const deep = (perDepth.get('co-design') ?? 0) + (perDepth.get('co-produce') ?? 0);
  const percent = percentOf({ numerator: deep, denominator: held.length });
  return {
    count: held.length,
    byType: [...perType]
      .map(([type, e]) => ({ type, count: e.count, participants: people.parts[type]! }))
      .sort((a, b) => b.count - a.count || a.type.localeCompare(b.type)),
    byDepth: Depth.options.flatMap((depth) =>
      perDepth.has(depth) ? [{ depth, count: perDepth.get(depth)! }] : [],
    ),
    deep: { count: deep, of: held.length, ...(percent === undefined ? {} : { percent }) },
    participants: people.total,
    highlights: highlightsOf(live, period.from, period.to),
  };
}
