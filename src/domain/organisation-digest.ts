// The leads' organisation digest (DOMAIN.md, "Weekly digest"): every unit's staff pulse rolled up to the
// organisation by the threshold rules, the organisation's own measures, actions across units, the response
// rate overall, and how units compare. Data only: codes and numbers, which src/text puts into words.
//
// Choices made here:
// - The organisation's pulse figures come from rollUpPulse only, never from a plain total of every answer:
//   a plain total minus the units shown on their own would give away the small units left out.
// - Units sit under their organisation unit, and organisations under the whole organisation (a root that is
//   no unit). An organisation unit's own people are a leaf of their own under it, so that they are shown or
//   pooled like any other unit: their own digest may show them, and the pool must never be them plus a
//   small group.
// - Everything else (measures, actions, headline) is the one-unit digest maths, given the organisation's
//   measures and every unit's actions, with the people who answered as bare counts.
import { PrincipleId } from './catalogue.js';
import { compareUnits, COMPARE_FEW, type Comparison } from './comparison.js';
import type { LocalDate } from './cycles.js';
import {
  buildDigest,
  type Digest,
  type DigestAction,
  type DigestMeasure,
  type PrincipleTile,
} from './digest.js';
import type { StatusOptions } from './status.js';
import {
  anonymityMin,
  pulseChange,
  rollUpPulse,
  type PrincipleFigure,
  type PulseTally,
  type RolledFigure,
  type UnitPulseInput,
} from './suppression.js';
import { trendOf } from './trend.js';

/** The root of the roll-up: the whole organisation, which is no unit. */
const WHOLE = '\u0000whole';
const ownLeaf = (unitId: string) => `${unitId}\u0000own`;

export type OrganisationUnit = {
  unitId: string;
  name: string;
  level: 'unit' | 'organisation';
  /** The organisation unit it sits in; a unit with none (or one not in the digest) sits in the whole. */
  parentId?: string;
  /** People expected to answer for the unit itself this cycle. */
  expected: number;
};

/** Each unit's own pulse in a cycle, as counts, by unit id; a unit with no entry had no answers. */
export type Tallies = Readonly<Record<string, PulseTally>>;

export type OrganisationDigestInput = {
  cycle: { id: string; openingDay: LocalDate };
  k?: number;
  /** How many units each end of a comparison shows. */
  few?: number;
  units: readonly OrganisationUnit[];
  tallies: Tallies;
  /** Earlier cycles' tallies, oldest first, ending with the previous cycle; undefined for a cycle without one. */
  history: readonly (Tallies | undefined)[];
  /** The organisation's own measures (level 'organisation'). */
  measures: readonly DigestMeasure[];
  /** Every unit's actions over at least the last 12 weeks and 90 days. */
  actions: readonly DigestAction[];
  /** The day the first unit started being tracked: earlier weeks do not count towards "usual". */
  since?: LocalDate;
  options?: StatusOptions;
};

export type OrganisationTile = PrincipleTile & {
  /** Some answers from small units are left out of the figure, so that they cannot be worked out. */
  leftOut: boolean;
  /** How many units' own answers the figure holds. */
  unitsIn: number;
};

export type OrganisationDigest = Omit<Digest, 'principles' | 'loopOverdue'> & {
  principles: OrganisationTile[];
  /** How many "you said, we did" updates are overdue across units: counts only, nobody named. */
  loopOverdue: number;
  comparison: Comparison;
  units: {
    count: number;
    /** Fewer than k people are expected in them: they are only ever counted in the organisation's figure. */
    tooSmall: number;
  };
};

const noTally = (): PulseTally => ({
  respondents: 0,
  choices: Object.fromEntries(
    PrincipleId.options.map((id) => [id, { yes: 0, no: 0, notApplicable: 0 }]),
  ) as PulseTally['choices'],
});

/** The roll-up's tree: the whole, its organisations, their units, and organisations' own people as leaves. */
function tree(units: readonly OrganisationUnit[], tallies: Tallies): UnitPulseInput[] {
  const organisations = new Set(units.filter((u) => u.level === 'organisation').map((u) => u.unitId));
  const nodes: UnitPulseInput[] = [{ unitId: WHOLE, answers: noTally(), expected: 0 }];
  for (const unit of units) {
    const answers = tallies[unit.unitId] ?? noTally();
    if (unit.level === 'organisation') {
      nodes.push({ unitId: unit.unitId, parentId: WHOLE, answers: noTally(), expected: 0 });
      nodes.push({ unitId: ownLeaf(unit.unitId), parentId: unit.unitId, answers, expected: unit.expected });
    } else {
      const parentId = unit.parentId && organisations.has(unit.parentId) ? unit.parentId : WHOLE;
      nodes.push({ unitId: unit.unitId, parentId, answers, expected: unit.expected });
    }
  }
  return nodes;
}

type WholeFigures = Record<PrincipleId, RolledFigure>;

function wholeFigures(units: readonly OrganisationUnit[], tallies: Tallies, k: number) {
  const results = rollUpPulse(tree(units, tallies), k);
  return { whole: results.get(WHOLE)!.principles as WholeFigures, results };
}

/** The figure as a unit's summary shows it: the roll-up's bookkeeping (which units it holds) left behind. */
const plainFigure = (figure: RolledFigure): PrincipleFigure =>
  figure.shown
    ? { shown: true, yes: figure.yes, applied: figure.applied, percent: figure.percent }
    : { shown: false, reason: figure.reason };

/** The people who answered, as bare counts: the one-unit maths then works out the response rate alone. */
const answeredOnly = (count: number) => Array.from({ length: count }, () => ({ choices: {} }));

/** The units compared and counted: every team, and an organisation only for people of its own. */
const counted = (units: readonly OrganisationUnit[], tallies: Tallies) =>
  units.filter((unit) => unit.level === 'unit' || unit.expected > 0 || tallies[unit.unitId]);

/** A principle's tile with the organisation's rolled-up figure, its change on last week and its trend. */
function organisationTile(
  tile: PrincipleTile,
  figure: RolledFigure,
  before: readonly (RolledFigure | undefined)[],
  answeredIn: (id: string) => boolean,
): OrganisationTile {
  const percents = [...before, figure].map((f) => (f?.shown ? f.percent : undefined));
  const pulse = plainFigure(figure);
  const previous = before.length > 0 ? before[before.length - 1] : undefined;
  return {
    ...tile,
    pulse,
    change: pulseChange(pulse, previous && plainFigure(previous)),
    trend: trendOf(percents),
    leftOut: figure.shown && figure.leftOut,
    unitsIn: figure.shown ? figure.includes.filter(answeredIn).length : 0,
  };
}

export function buildOrganisationDigest(input: OrganisationDigestInput): OrganisationDigest {
  const k = anonymityMin(input.k);
  const { units, tallies } = input;
  const { whole, results } = wholeFigures(units, tallies, k);
  const earlier = input.history.map((week) => week && wholeFigures(units, week, k).whole);
  const answered = units.reduce((sum, unit) => sum + (tallies[unit.unitId]?.respondents ?? 0), 0);
  const expected = units.reduce((sum, unit) => sum + unit.expected, 0);
  const base = buildDigest({
    cycle: input.cycle,
    audience: 'manager',
    k,
    principles: PrincipleId.options,
    expected,
    pulses: answeredOnly(answered),
    pulseHistory: [],
    measures: input.measures,
    actions: input.actions,
    ...(input.since ? { since: input.since } : {}),
    ...(input.options ? { options: input.options } : {}),
  });
  // Whose answers a figure holds: a unit's node, or an organisation's leaf for its own people.
  const holders = new Map(
    units.map((unit) => [unit.level === 'unit' ? unit.unitId : ownLeaf(unit.unitId), unit.unitId]),
  );
  const answeredIn = (id: string) => (tallies[holders.get(id) ?? '']?.respondents ?? 0) > 0;
  const principles = base.principles.map((tile) =>
    organisationTile(
      tile,
      whole[tile.principle],
      earlier.map((week) => week?.[tile.principle]),
      answeredIn,
    ),
  );
  const members = counted(units, tallies);
  const compared = members.map((unit) => ({
    unitId: unit.unitId,
    name: unit.name,
    expected: unit.expected,
    tally: tallies[unit.unitId] ?? noTally(),
  }));
  const tooSmall = (unit: OrganisationUnit) =>
    results.get(unit.level === 'unit' ? unit.unitId : ownLeaf(unit.unitId))?.tooSmall ?? false;
  return {
    ...base,
    principles,
    loopOverdue: base.loopOverdue.length,
    comparison: compareUnits(compared, k, input.few ?? COMPARE_FEW),
    units: { count: members.length, tooSmall: members.filter(tooSmall).length },
  };
}
