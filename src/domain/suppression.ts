// The anonymity rules that stand between people's confidential pulse answers and anything a summary shows
// (DOMAIN.md, "Information governance"): a threshold k, roll-ups that cannot be undone by subtraction, and
// small counts of participants shown as "fewer than 8". Codes and numbers only: the words live in src/text.
//
// Which people the threshold counts. DOMAIN.md says no result for a unit or principle is shown "until at least
// k people answered". A principle's figure is the share saying "yes" among those it applied to ("not
// applicable" left out), so the safer reading counts those people (yes + no), not everyone who answered the
// pulse: "100% yes" from the one person a principle applied to names that person's answer however many others
// ticked "not applicable". They are a subset of the respondents, so the respondents reach k too.
import { PrincipleId } from './catalogue.js';
import type { PulseChoice } from './answers.js';
import { percentOf } from './answers.js';

export const ANONYMITY_DEFAULT = 5;
export const ANONYMITY_FLOOR = 3;

/** The threshold in force: a whole number, never below 3 whatever the settings say; 5 when unset. */
export function anonymityMin(k: number = ANONYMITY_DEFAULT): number {
  return Number.isFinite(k) ? Math.max(ANONYMITY_FLOOR, Math.ceil(k)) : ANONYMITY_DEFAULT;
}

/** What suppression reads of a pulse: the choices only. Comments never reach a summary, so they are not read. */
export type PulseLike = { choices: Partial<Record<PrincipleId, PulseChoice>> };
export type ChoiceCounts = { yes: number; no: number; notApplicable: number };
/** A unit's pulse for one cycle as counts: the people who answered at all, and each principle's choices. */
export type PulseTally = { respondents: number; choices: Record<PrincipleId, ChoiceCounts> };

const noChoices = (): ChoiceCounts => ({ yes: 0, no: 0, notApplicable: 0 });
const emptyChoices = () =>
  Object.fromEntries(PrincipleId.options.map((id) => [id, noChoices()])) as Record<PrincipleId, ChoiceCounts>;

export function tallyPulses(pulses: readonly PulseLike[]): PulseTally {
  const choices = emptyChoices();
  for (const pulse of pulses) {
    for (const id of PrincipleId.options) {
      const choice = pulse.choices[id];
      if (choice) choices[id][choice] += 1;
    }
  }
  return { respondents: pulses.length, choices };
}

const tallyOf = (answers: readonly PulseLike[] | PulseTally): PulseTally =>
  Array.isArray(answers) ? tallyPulses(answers) : (answers as PulseTally);

/** 'tooFew': fewer than k answered the pulse; 'tooFewApplied': enough answered, but it applied to fewer than k. */
export type HiddenReason = 'tooFew' | 'tooFewApplied';
export type PrincipleFigure =
  { shown: true; yes: number; applied: number; percent: number } | { shown: false; reason: HiddenReason };

function figure(yes: number, applied: number, respondents: number, k: number): PrincipleFigure {
  if (applied >= k)
    return { shown: true, yes, applied, percent: percentOf({ numerator: yes, denominator: applied })! };
  return { shown: false, reason: respondents < k ? 'tooFew' : 'tooFewApplied' };
}

/** One unit's pulse result per principle: the share saying "yes", shown only when at least k said yes or no. */
export function pulseResult(
  answers: readonly PulseLike[] | PulseTally,
  k: number = ANONYMITY_DEFAULT,
): Record<PrincipleId, PrincipleFigure> {
  const min = anonymityMin(k);
  const { respondents, choices } = tallyOf(answers);
  const entries = PrincipleId.options.map((id) => {
    const { yes, no } = choices[id];
    return [id, figure(yes, yes + no, respondents, min)] as const;
  });
  return Object.fromEntries(entries) as Record<PrincipleId, PrincipleFigure>;
}

export type PulseChange = { shown: true; points: number } | { shown: false; reason: 'tooFew' | 'noPrevious' };

/**
 * Week-on-week change in whole percentage points, as the two shown percentages differ; only when both weeks
 * reach k. Both figures already rest on k or more people; what no threshold can prevent (the same people
 * answering the same way both weeks, bar one who joined or left) is outside DOMAIN.md's rule.
 */
export function pulseChange(current: PrincipleFigure, previous: PrincipleFigure | undefined): PulseChange {
  if (previous === undefined) return { shown: false, reason: 'noPrevious' };
  if (!current.shown || !previous.shown) return { shown: false, reason: 'tooFew' };
  return { shown: true, points: current.percent - previous.percent };
}

// ---- Roll-up to parents -------------------------------------------------------------------------------

export type UnitPulseInput = {
  unitId: string;
  parentId?: string;
  /** The unit's own people's answers (not its sub-units'). */
  answers: readonly PulseLike[] | PulseTally;
  /** People expected to answer in the unit itself: with its sub-units', whether it can ever reach k. */
  expected: number;
};

export type RolledFigure =
  | (Extract<PrincipleFigure, { shown: true }> & {
      /** The units whose own answers the figure holds. */
      includes: string[];
      /**
       * Some answers in the unit or below it are left out of the figure: small units that together held fewer
       * than k. Judged by who answered the pulse at all, so that it says nothing of how anyone answered.
       */
      leftOut: boolean;
    })
  | (Extract<PrincipleFigure, { shown: false }> & {
      /** The nearest ancestor whose shown figure holds this unit's answers; absent when none does. */
      countedIn?: string;
    });

export type UnitPulseResult = {
  unitId: string;
  /** Fewer than k people are expected in it and its sub-units: it is only ever shown inside a parent's figure. */
  tooSmall: boolean;
  principles: Record<PrincipleId, RolledFigure>;
};

type Node = { id: string; parent?: Node; children: Node[]; tally: PulseTally; expected: number };
type Pool = { yes: number; applied: number; people: number; ids: string[] };
type Visit = { shown: Pool | undefined; all: Pool };

const add = (a: Pool, b: Pool): Pool => ({
  yes: a.yes + b.yes,
  applied: a.applied + b.applied,
  people: a.people + b.people,
  ids: [...a.ids, ...b.ids],
});
const empty: Pool = { yes: 0, applied: 0, people: 0, ids: [] };

function buildForest(units: readonly UnitPulseInput[]): Node[] {
  const nodes = new Map(
    units.map((unit) => [
      unit.unitId,
      { id: unit.unitId, children: [], tally: tallyOf(unit.answers), expected: unit.expected } as Node,
    ]),
  );
  const parentOf = new Map(units.map((unit) => [unit.unitId, unit.parentId]));
  const loops = (id: string) => {
    const seen = new Set<string>();
    for (let at = parentOf.get(id); at !== undefined && parentOf.has(at); at = parentOf.get(at)) {
      if (at === id) return true;
      if (seen.has(at)) return false;
      seen.add(at);
    }
    return false;
  };
  // A parent that is missing, or a loop of parents (which units.ts refuses anyway), makes the unit a root.
  for (const unit of units) {
    const parent = unit.parentId === undefined ? undefined : nodes.get(unit.parentId);
    if (!parent || loops(unit.unitId)) continue;
    const node = nodes.get(unit.unitId)!;
    node.parent = parent;
    parent.children.push(node);
  }
  return [...nodes.values()];
}

// A sub-unit whose figure is shown passes that figure up; one that is hidden holds no shown figure anywhere
// below it, so it passes up everything. The hidden ones (and the unit's own answers) form one pool that joins
// the figure only when it holds at least k: then the figure minus its shown sub-units is that pool, never a
// group under k. A unit is therefore shown exactly when its whole subtree holds at least k.
function visit(node: Node, principle: PrincipleId, k: number, out: Map<Node, Visit>): Visit {
  const { yes, no } = node.tally.choices[principle];
  const own: Pool = { yes, applied: yes + no, people: node.tally.respondents, ids: [node.id] };
  const children = node.children.map((child) => visit(child, principle, k, out));
  const shownSum = children.reduce((sum, child) => (child.shown ? add(sum, child.shown) : sum), empty);
  const pool = children.reduce((sum, child) => (child.shown ? sum : add(sum, child.all)), own);
  const included = pool.applied >= k ? add(shownSum, pool) : shownSum;
  const result: Visit = {
    shown: included.applied >= k ? included : undefined,
    all: children.reduce((sum, child) => add(sum, child.all), own),
  };
  out.set(node, result);
  return result;
}

function rolledFigure(node: Node, visits: Map<Node, Visit>, k: number): RolledFigure {
  const mine = visits.get(node)!;
  if (mine.shown) {
    const { yes, applied, people, ids } = mine.shown;
    const shown = figure(yes, applied, people, k) as Extract<PrincipleFigure, { shown: true }>;
    return { ...shown, includes: ids, leftOut: people < mine.all.people };
  }
  const hidden = figure(0, 0, mine.all.people, k) as Extract<PrincipleFigure, { shown: false }>;
  let at = node.parent;
  while (at && !visits.get(at)!.shown) at = at.parent;
  const countedIn = at && visits.get(at)!.shown!.ids.includes(node.id) ? at.id : undefined;
  return countedIn ? { ...hidden, countedIn } : hidden;
}

const subtreeExpected = (node: Node): number =>
  node.children.reduce((sum, child) => sum + subtreeExpected(child), node.expected);

/** Every unit's figures, each rolled up from its own answers and its sub-units', by the threshold rules. */
export function rollUpPulse(
  units: readonly UnitPulseInput[],
  k: number = ANONYMITY_DEFAULT,
): Map<string, UnitPulseResult> {
  const min = anonymityMin(k);
  const nodes = buildForest(units);
  const byPrinciple = PrincipleId.options.map((principle) => {
    const visits = new Map<Node, Visit>();
    for (const root of nodes.filter((node) => !node.parent)) visit(root, principle, min, visits);
    return [principle, visits] as const;
  });
  const results = nodes.map((node): [string, UnitPulseResult] => {
    const entries = byPrinciple.map(([principle, visits]) => [principle, rolledFigure(node, visits, min)]);
    const principles = Object.fromEntries(entries) as Record<PrincipleId, RolledFigure>;
    return [node.id, { unitId: node.id, tooSmall: subtreeExpected(node) < min, principles }];
  });
  return new Map(results);
}

// ---- Small counts -------------------------------------------------------------------------------------

/** DOMAIN.md: counts of 1–7 people, shown beyond the person who entered them, read "fewer than 8". */
export const SMALL_COUNT_MAX = 7;
export type SmallCount = number | 'fewerThan8';

export function smallCount(n: number): SmallCount {
  if (!Number.isInteger(n) || n < 0) throw new Error(`suppression: a count must be a whole number, got ${n}`);
  return n >= 1 && n <= SMALL_COUNT_MAX ? 'fewerThan8' : n;
}

/**
 * A total and its parts (participants by action type, say), each through smallCount. When the hidden parts
 * add up to 1–7, the total minus the shown parts would give that small number away, so the smallest shown
 * part is 'withheld' too: what is hidden then adds up to 8 or more.
 */
export function smallBreakdown<K extends string>(
  parts: Partial<Record<K, number>>,
): { total: SmallCount; parts: Partial<Record<K, SmallCount | 'withheld'>> } {
  const entries = Object.entries(parts) as [K, number][];
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  const shown: Partial<Record<K, SmallCount | 'withheld'>> = {};
  for (const [key, n] of entries) shown[key] = smallCount(n);
  const hiddenSum = entries.reduce((sum, [key, n]) => (shown[key] === 'fewerThan8' ? sum + n : sum), 0);
  if (total > SMALL_COUNT_MAX && hiddenSum > 0 && hiddenSum <= SMALL_COUNT_MAX) {
    const visible = entries.filter(([key, n]) => n > 0 && typeof shown[key] === 'number');
    const smallest = visible.reduce((min, entry) => (entry[1] < min[1] ? entry : min));
    shown[smallest[0]] = 'withheld';
  }
  return { total: smallCount(total), parts: shown };
}
