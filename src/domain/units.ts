// Units: the groups whose work is summarised together. A Teams team becomes one only when someone opts it
// in; admins define the others and give any unit a parent, for roll-ups to organisation, place and ICS.
import { z } from 'zod';
import { PrincipleId } from './catalogue.js';

export const UnitLevel = z.enum(['unit', 'organisation', 'place', 'ics']);
export type UnitLevel = z.infer<typeof UnitLevel>;

/** What a unit's managers chose for its check-ins; without it, all six principles and the managers answer. */
export const UnitCheckins = z.object({
  /** The principles the unit works on: its pulse asks these and its measures are theirs. */
  principles: z.array(PrincipleId).min(1),
  /** Answers the unit's measures. */
  owner: z.string().optional(),
  /** Answers them when the owner cannot: away, stopped check-ins, or no longer in the unit. */
  deputy: z.string().optional(),
});
export type UnitCheckins = z.infer<typeof UnitCheckins>;

export const Unit = z.object({
  id: z.string().min(1),
  name: z.string().min(1).max(100),
  level: UnitLevel,
  parentId: z.string().optional(),
  /** Set for a unit that is a Teams team: its members come from the team's roster. */
  teamId: z.string().optional(),
  /** False once tracking stops; the unit and its history are kept. */
  tracked: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string(),
  stoppedAt: z.string().optional(),
  checkins: UnitCheckins.optional(),
  /** The channel (conversation id) its weekly principle summary is posted to. */
  summaryChannelId: z.string().min(1).optional(),
});
export type Unit = z.infer<typeof Unit>;

/** Which level may sit under which: a unit under an organisation, an organisation under a place or ICS. */
const parentLevels: Record<UnitLevel, readonly UnitLevel[]> = {
  unit: ['organisation'],
  organisation: ['place', 'ics'],
  place: ['ics'],
  ics: [],
};

export type ParentProblem = 'wrongLevel' | 'cycle' | 'unknownParent';

/** Why `parent` cannot be `unit`'s parent, if it cannot. */
export function parentProblem(
  unit: Unit,
  parent: Unit | undefined,
  all: ReadonlyMap<string, Unit>,
): ParentProblem | undefined {
  if (!parent) return 'unknownParent';
  if (!parentLevels[unit.level].includes(parent.level)) return 'wrongLevel';
  for (let at: Unit | undefined = parent; at; at = at.parentId ? all.get(at.parentId) : undefined) {
    if (at.id === unit.id) return 'cycle';
  }
  return undefined;
}

/** The unit and its ancestors, nearest first: for roll-ups and for "Ward 7, in Northshire Hospitals". */
export function ancestry(unit: Unit, all: ReadonlyMap<string, Unit>): Unit[] {
  const chain: Unit[] = [];
  for (
    let at: Unit | undefined = unit;
    at && !chain.includes(at);
    at = at.parentId ? all.get(at.parentId) : undefined
  ) {
    chain.push(at);
  }
  return chain;
}

/** The principles a unit works on, in catalogue order. */
export const unitPrinciples = (unit: Pick<Unit, 'checkins'>): PrincipleId[] =>
  PrincipleId.options.filter((id) => unit.checkins?.principles.includes(id) ?? true);

/**
 * Who answers a unit's measures this cycle: its owner when they can, else its deputy, else `fallback` (the
 * unit's managers). One person, so a fact is never answered twice; several only in the fallback.
 */
export function measureAnswerers(
  setup: UnitCheckins | undefined,
  canAnswer: (aadObjectId: string) => boolean,
  fallback: readonly string[],
): string[] {
  const chosen = [setup?.owner, setup?.deputy].find((id) => id !== undefined && canAnswer(id));
  return chosen ? [chosen] : [...fallback];
}
