// Units: opting a Teams team in and out, admin-defined units and their parents, and each person's primary
// unit for the weekly pulse.
import type { PrincipleId } from '../domain/catalogue.js';
import { may, type Roles } from '../domain/permissions.js';
import { isStaff, type Person, type Team } from '../domain/roster.js';
import {
  parentProblem,
  unitPrinciples,
  type ParentProblem,
  type Unit,
  type UnitCheckins,
  type UnitLevel,
} from '../domain/units.js';
import type { Store } from '../store/store.js';
import type { AuditLog } from './audit-log.js';
import type { Clock } from './clock.js';
import type { KeyedLock } from './keyed-lock.js';

/** A person in several teams who has not chosen is asked again after this long. */
export const ASK_AGAIN_DAYS = 7;

type Deps = {
  store: Store;
  clock: Clock;
  newId: () => string;
  audit: AuditLog;
  withLock: KeyedLock;
  allowedTenantIds: readonly string[];
};

export function createUnits({ store, clock, newId, audit, withLock, allowedTenantIds }: Deps) {
  const now = () => clock().toISOString();

  /** Tracked units the person belongs to through a tracked Teams team they are in. */
  async function teamUnitsOf(aadObjectId: string): Promise<Unit[]> {
    // The store finds the person's teams without handing out every team's members (a copy of each, before).
    const teamIds = new Set((await store.teamsOf(aadObjectId)).map(({ teamId }) => teamId));
    return (await store.units()).filter((unit) => unit.tracked && unit.teamId && teamIds.has(unit.teamId));
  }

  /** Tracked units an admin defined that are not Teams teams: anyone may answer for one. */
  async function definedUnits(): Promise<Unit[]> {
    return (await store.units()).filter((unit) => unit.tracked && !unit.teamId && unit.level === 'unit');
  }

  /**
   * Who may own a unit's measures: its staff (a team's current members, or those who chose an admin-defined
   * unit as their own), its managers, and for an organisation its leads too.
   */
  async function candidatesFor(unit: Unit): Promise<Person[]> {
    const members = unit.teamId ? (await store.team(unit.teamId))?.members : undefined;
    const roles = new Map(
      (await store.peopleWithRoles()).map(({ aadObjectId, roles: held }) => [aadObjectId, held]),
    );
    return (await store.people()).filter((person) => {
      const held = roles.get(person.aadObjectId);
      if (held?.managerOf.includes(unit.id) || (unit.level === 'organisation' && held?.lead)) return true;
      if (!isStaff(person, allowedTenantIds)) return false;
      const member = members?.[person.aadObjectId];
      return members ? !!member && !member.removedAt : person.primaryUnitId === unit.id;
    });
  }

  async function setupOf(unit: Unit): Promise<CheckinSetup> {
    const { owner, deputy } = unit.checkins ?? {};
    return {
      unit,
      principles: unitPrinciples(unit),
      ...(owner ? { owner } : {}),
      ...(deputy ? { deputy } : {}),
      candidates: (await candidatesFor(unit)).map(({ aadObjectId, name }) => ({ aadObjectId, name })),
    };
  }

  return {
    teamUnitsOf,
    /** The service address of a tracked team the person is in: where to start a 1:1 chat with them. */
    async serviceUrlFor(aadObjectId: string): Promise<string | undefined> {
      for (const { teamId, serviceUrl } of await store.teamsOf(aadObjectId)) {
        if ((await store.unit(teamId))?.tracked) return serviceUrl;
      }
      return undefined;
    },

    /** The Teams teams behind tracked units, for jobs that reach them without an incoming message. */
    async trackedTeams(): Promise<Team[]> {
      const teams = await Promise.all(
        (await store.units()).flatMap((unit) =>
          unit.tracked && unit.teamId ? [store.team(unit.teamId)] : [],
        ),
      );
      return teams.filter((team): team is Team => team !== undefined);
    },
    all: () => store.units(),

    async trackTeam(actor: string, roles: Roles, teamId: string) {
      const team = await store.team(teamId);
      if (!team) return { kind: 'unknownTeam' as const };
      const known = await store.unit(teamId);
      if (known?.tracked) return { kind: 'alreadyTracked' as const, unit: known };
      const { stoppedAt: _stopped, ...rest } = known ?? { createdAt: now(), createdBy: actor };
      const unit: Unit = {
        ...rest,
        id: teamId,
        name: team.name || teamId,
        level: 'unit',
        teamId,
        tracked: true,
      };
      await store.saveUnit(unit);
      // A manager who opts a team in manages it; leads and admins already reach every unit.
      if (!roles.admin && !roles.lead && !roles.managerOf.includes(teamId)) {
        await withLock(`roles:${actor}`, async () => {
          const stored = (await store.roles(actor)) ?? roles;
          await store.saveRoles(actor, { ...stored, managerOf: [...stored.managerOf, teamId] });
        });
      }
      await audit.record(actor, 'unit.track', [teamId]);
      return { kind: 'tracked' as const, unit };
    },

    async stopTracking(actor: string, teamId: string) {
      const unit = await store.unit(teamId);
      if (!unit?.tracked) return { kind: 'notTracked' as const, name: (await store.team(teamId))?.name };
      await store.saveUnit({ ...unit, tracked: false, stoppedAt: now() });
      await audit.record(actor, 'unit.stop', [teamId]);
      return { kind: 'stopped' as const, unit };
    },

    async defineUnit(actor: string, name: string, level: UnitLevel): Promise<Unit> {
      const unit: Unit = {
        id: newId(),
        name: name.trim(),
        level,
        tracked: true,
        createdAt: now(),
        createdBy: actor,
      };
      await store.saveUnit(unit);
      await audit.record(actor, 'unit.define', [unit.id]);
      return unit;
    },

    async setParent(
      actor: string,
      unitId: string,
      parentId: string,
    ): Promise<ParentProblem | 'unknownUnit' | undefined> {
      const all = new Map((await store.units()).map((unit) => [unit.id, unit]));
      const unit = all.get(unitId);
      if (!unit) return 'unknownUnit';
      const problem = parentProblem(unit, all.get(parentId), all);
      if (problem) return problem;
      await store.saveUnit({ ...unit, parentId });
      await audit.record(actor, 'unit.parent', [unitId, parentId]);
      return undefined;
    },

    /** Units a person may choose as primary: their tracked teams, and tracked units admins defined. */
    async primaryChoices(aadObjectId: string): Promise<Unit[]> {
      return [...(await teamUnitsOf(aadObjectId)), ...(await definedUnits())];
    },

    /**
     * On a person's contact with the bot: a staff member in exactly one tracked team gets it as their
     * primary unit; one in several is asked to choose (at most once a week). Returns the choices to ask.
     */
    async settlePrimary(aadObjectId: string): Promise<Unit[] | undefined> {
      const person = await store.person(aadObjectId);
      if (!person || !isStaff(person, allowedTenantIds) || person.primaryUnitId) return undefined;
      const choices = await teamUnitsOf(aadObjectId);
      if (choices.length === 1) {
        await this.choosePrimary(aadObjectId, choices[0]!.id);
        return undefined;
      }
      const askedAt = person.primaryUnitAskedAt ? Date.parse(person.primaryUnitAskedAt) : 0;
      if (choices.length < 2 || clock().getTime() - askedAt < ASK_AGAIN_DAYS * 86_400_000) return undefined;
      await withLock(`person:${aadObjectId}`, async () => {
        const latest = await store.person(aadObjectId);
        if (latest) await store.savePerson({ ...latest, primaryUnitAskedAt: now() });
      });
      return [...choices, ...(await definedUnits())];
    },

    /** Units whose check-ins this person may set: the units they manage; every one for leads and admins. */
    async setupChoices(roles: Roles): Promise<Unit[]> {
      return (await store.units()).filter(
        (unit) =>
          unit.tracked &&
          (unit.level === 'unit' || unit.level === 'organisation') &&
          may(roles, 'manageUnit', unit.id),
      );
    },

    async checkinSetup(unitId: string): Promise<CheckinSetup | undefined> {
      const unit = await store.unit(unitId);
      return unit ? setupOf(unit) : undefined;
    },

    /** Saves a unit's principles, measure owner and deputy. The caller has checked 'manageUnit'. */
    async saveCheckinSetup(actor: string, unitId: string, chosen: UnitCheckins): Promise<SetupOutcome> {
      return withLock(`unit:${unitId}`, async () => {
        const unit = await store.unit(unitId);
        if (!unit) return { kind: 'unknownUnit' };
        const current = await setupOf(unit);
        const problem = setupProblem(chosen, current.candidates);
        if (problem) return { kind: 'problem', problem, setup: current };
        const saved: Unit = { ...unit, checkins: chosen };
        await store.saveUnit(saved);
        await audit.record(actor, 'unit.checkins', [unitId]);
        return { kind: 'saved', setup: await setupOf(saved) };
      });
    },

    async choosePrimary(
      aadObjectId: string,
      unitId: string,
    ): Promise<'chosen' | 'notAChoice' | 'unknownPerson'> {
      const choices = await this.primaryChoices(aadObjectId);
      if (!choices.some((unit) => unit.id === unitId)) return 'notAChoice';
      return withLock(`person:${aadObjectId}`, async () => {
        const person = await store.person(aadObjectId);
        if (!person) return 'unknownPerson';
        await store.savePerson({ ...person, primaryUnitId: unitId });
        return 'chosen';
      });
    },
  };
}

export type UnitsService = ReturnType<typeof createUnits>;

/** A unit's check-in choices as a manager sees them, with the people who may own its measures. */
export type CheckinSetup = {
  unit: Unit;
  principles: PrincipleId[];
  owner?: string;
  deputy?: string;
  candidates: Pick<Person, 'aadObjectId' | 'name'>[];
};
export type SetupProblem = 'noPrinciples' | 'notACandidate' | 'sameDeputy';
export type SetupOutcome =
  | { kind: 'saved'; setup: CheckinSetup }
  | { kind: 'problem'; problem: SetupProblem; setup: CheckinSetup }
  | { kind: 'unknownUnit' };

function setupProblem(
  chosen: UnitCheckins,
  candidates: readonly Pick<Person, 'aadObjectId'>[],
): SetupProblem | undefined {
  if (chosen.principles.length === 0) return 'noPrinciples';
  const known = new Set(candidates.map((person) => person.aadObjectId));
  const people = [chosen.owner, chosen.deputy].filter((id) => id !== undefined);
  if (people.some((id) => !known.has(id))) return 'notACandidate';
  if (chosen.deputy !== undefined && chosen.deputy === chosen.owner) return 'sameDeputy';
  return undefined;
}
