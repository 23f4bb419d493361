// The organisation digest for leads, and the organisation summary for an organisation-wide channel: every
// tracked unit's figures for a cycle, read from the store and handed to the pure organisation digest maths.
// An organisation's channel is kept as its organisation unit's summary channel, so there is no setting of its
// own: without an organisation unit, an admin adds one first.
import type { Cycle } from '../domain/checkins.js';
import { localDateOf } from '../domain/cycles.js';
import type { DigestMeasure } from '../domain/digest.js';
import {
  buildOrganisationDigest,
  type OrganisationDigest,
  type OrganisationUnit,
  type Tallies,
} from '../domain/organisation-digest.js';
import { tallyPulses } from '../domain/suppression.js';
import type { Unit } from '../domain/units.js';
import type { Store } from '../store/store.js';
import { WHOLE_ORGANISATION } from './checkin-cycles.js';
import type { SummaryReading } from './summary-readers.js';

/** anonymityMin is read at each digest: the settings card may change it at any time. */
type Deps = {
  store: Store;
  timeZone: string;
  anonymityMin: () => number;
  newReading: () => SummaryReading;
};

export type OrganisationView = {
  cycle: Cycle;
  /** The organisation unit the digest is about, when it is about one (or there is only one). */
  organisation?: Unit;
  digest: OrganisationDigest;
};

/** Where `post organisation summaries here` points: the organisation unit, or why there is none to choose. */
export type OrganisationFound =
  { kind: 'found'; organisation: Unit } | { kind: 'none' } | { kind: 'unclear' };

/** Units that get summaries: teams and organisations, not places or Integrated Care Systems. */
const summarised = (unit: Unit): unit is Unit & { level: 'unit' | 'organisation' } =>
  unit.tracked && (unit.level === 'unit' || unit.level === 'organisation');

export function createOrganisationDigests({ store, timeZone, anonymityMin, newReading }: Deps) {
  async function tallies(reading: SummaryReading, cycleId: string, units: readonly Unit[]): Promise<Tallies> {
    const found = await Promise.all(
      units.map(async (unit) => {
        const pulses = Object.values((await reading.unitCheckins(cycleId, unit.id)).pulses);
        return [unit.id, tallyPulses(pulses)] as const;
      }),
    );
    return Object.fromEntries(found.filter(([, tally]) => tally.respondents > 0));
  }

  /** The organisation's own measures: its unit's, the leads' while there is none, none for several. */
  async function measures(
    reading: SummaryReading,
    organisations: readonly Unit[],
    named: Unit | undefined,
    cycle: Cycle,
    history: readonly (Cycle | undefined)[],
  ): Promise<DigestMeasure[]> {
    if (named) return reading.measuresOf(named.id, 'organisation', cycle, history);
    if (organisations.length === 0)
      return reading.measuresOf(WHOLE_ORGANISATION, 'organisation', cycle, history);
    return [];
  }

  return {
    /**
     * The organisation digest for a cycle: every tracked unit, or only those of one organisation unit (its
     * channel's summary). Undefined for a cycle, or an organisation, that does not exist. The cards of one
     * post may share a reading (see summary-readers.ts).
     */
    async organisationDigestOf(
      cycleId: string,
      organisationId?: string,
      reading: SummaryReading = newReading(),
    ): Promise<OrganisationView | undefined> {
      const cycle = await reading.cycle(cycleId);
      if (!cycle) return undefined;
      const all = (await store.units()).filter(summarised);
      const organisations = all.filter((unit) => unit.level === 'organisation');
      const named = organisationId
        ? organisations.find((unit) => unit.id === organisationId)
        : organisations.length === 1
          ? organisations[0]
          : undefined;
      if (organisationId && !named) return undefined;
      const units = organisationId
        ? all.filter((unit) => unit.id === organisationId || unit.parentId === organisationId)
        : all;
      const history = await reading.historyOf(cycleId);
      const inputs: OrganisationUnit[] = units.map((unit) => ({
        unitId: unit.id,
        name: unit.name,
        level: unit.level,
        ...(unit.parentId ? { parentId: unit.parentId } : {}),
        expected: reading.expectedIn(cycle, unit.id),
      }));
      const firstDay = units.map((unit) => unit.createdAt).sort()[0];
      const digest = buildOrganisationDigest({
        cycle: { id: cycle.id, openingDay: cycle.openingDay },
        k: anonymityMin(),
        units: inputs,
        tallies: await tallies(reading, cycle.id, units),
        history: await Promise.all(history.map((past) => past && tallies(reading, past.id, units))),
        measures: await measures(reading, organisations, named, cycle, history),
        actions: await reading.actionsOf(new Set(units.map((unit) => unit.id)), cycle.openingDay),
        ...(firstDay ? { since: localDateOf(new Date(firstDay), timeZone) } : {}),
      });
      return { cycle, ...(named ? { organisation: named } : {}), digest };
    },

    /**
     * The organisation a channel's organisation summary is for: the one the team's unit sits in, or the only
     * organisation unit there is.
     */
    async organisationFor(teamId: string | undefined): Promise<OrganisationFound> {
      const all = await store.units();
      const organisations = all.filter((unit) => unit.tracked && unit.level === 'organisation');
      if (organisations.length === 0) return { kind: 'none' };
      const team = teamId ? all.find((unit) => unit.id === teamId || unit.teamId === teamId) : undefined;
      const parent = organisations.find((unit) => unit.id === team?.parentId);
      if (parent) return { kind: 'found', organisation: parent };
      return organisations.length === 1
        ? { kind: 'found', organisation: organisations[0]! }
        : { kind: 'unclear' };
    },
  };
}

export type OrganisationDigests = ReturnType<typeof createOrganisationDigests>;
