// Answering check-ins: the staff pulse and the measure pages, what a person has been asked this cycle, and
// keeping every copy of a check-in card up to date. Free text passes the patient-data guard before it is
// saved; nothing here logs what anyone typed.
import { readMeasures, readPulse, type AnswerProblem } from '../domain/answers.js';
import { measuresOf, type Catalogue, type Measure, type PrincipleId } from '../domain/catalogue.js';
import {
  isOpen,
  measuresCardName,
  pulsePrinciples,
  pulseCardName,
  type CardCopy,
  type Cycle,
  type MeasureRecord,
  type PulseRecord,
} from '../domain/checkins.js';
import { checkText, type GuardResult } from '../domain/patient-data-guard.js';
import type { Store } from '../store/store.js';
import type { Clock } from './clock.js';
import type { DeliveriesService } from './deliveries.js';
import type { KeyedLock } from './keyed-lock.js';

type Deps = {
  store: Store;
  clock: Clock;
  catalogue: Catalogue;
  deliveries: DeliveriesService;
  withLock: KeyedLock;
};

/** Where a card was when its button was pressed: that copy is answered by the invoke itself. */
export type Landed = { conversationId: string; activityId: string };

export type PulseSituation =
  | { kind: 'noCycle' }
  | { kind: 'notExpected'; cycle: Cycle }
  | {
      kind: 'pulse';
      cycle: Cycle;
      open: boolean;
      unitId: string;
      unitName?: string;
      /** The principles the pulse asks: those the person's unit works on. */
      principles: readonly PrincipleId[];
      answer?: PulseRecord;
    };

export type Refusal = { kind: 'noCycle' } | { kind: 'closed'; cycle: Cycle } | { kind: 'notExpected' };
export type PulseOutcome =
  | Refusal
  | { kind: 'invalid'; problems: AnswerProblem[] }
  | { kind: 'guard'; guard: GuardResult }
  /** `situation`: the pulse as it now stands, for the card that answers (no second read of what was saved). */
  | { kind: 'saved'; cycle: Cycle; answer: PulseRecord; situation: PulseSituation };

export type MeasurePage = {
  cycle: Cycle;
  /** Answers may still be given or changed. */
  open: boolean;
  unitId: string;
  unitName?: string;
  /** The principles with measures due for this unit, in order: one page each. */
  principles: PrincipleId[];
  principle: PrincipleId;
  measures: Measure[];
  /** Each measure's latest answer, from this cycle or earlier: for pre-filling and "last answered on". */
  latest: Record<string, MeasureRecord>;
  /** Answered this cycle, so the page shows a receipt. */
  answered: boolean;
};
export type MeasureOutcome =
  | Refusal
  | { kind: 'notAnOwner' }
  | { kind: 'invalid'; problems: AnswerProblem[]; page: MeasurePage }
  | { kind: 'saved'; page: MeasurePage };

/** A unit's measures in a cycle. The unit id comes from card data: 'constructor' must find none, not Object. */
const unitMeasures = (cycle: Cycle, unitId: string) =>
  Object.hasOwn(cycle.measures, unitId) ? cycle.measures[unitId] : undefined;

export function createCheckins({ store, clock, catalogue, deliveries, withLock }: Deps) {
  const unitName = async (unitId: string) => (await store.unit(unitId))?.name;

  async function cycleOf(cycleId?: string): Promise<Cycle | undefined> {
    return cycleId ? store.cycle(cycleId) : store.latestCycle();
  }

  /** Brings the person's other copies of a card up to date after a change. */
  async function updateCopies(
    cycle: Cycle,
    unitId: string,
    copy: Omit<CardCopy, 'conversationId' | 'activityId'>,
    landed?: Landed,
  ) {
    const copies = (await store.copiesOf(cycle.id, unitId, copy.aadObjectId)).filter(
      (other) =>
        other.card === copy.card &&
        !(other.conversationId === landed?.conversationId && other.activityId === landed.activityId),
    );
    if (copies.length === 0) return;
    const at = clock().toISOString();
    await deliveries.enqueue(
      `updates:${cycle.id}`,
      'cardUpdate',
      copies.map((other) => ({
        id: `${other.conversationId}:${other.activityId}:${at}`,
        recipient: { kind: 'person', aadObjectId: other.aadObjectId },
        content: { card: 'checkinCopy', data: { cycleId: cycle.id, unitId, card: other.card } },
        replaces: { conversationId: other.conversationId, activityId: other.activityId },
      })),
      { respectsQuietHours: false },
    );
  }

  async function page(
    cycle: Cycle,
    unitId: string,
    principle?: PrincipleId,
  ): Promise<MeasurePage | undefined> {
    const due = unitMeasures(cycle, unitId)?.measureIds ?? [];
    const principles = catalogue.principles
      .map((p) => p.id)
      .filter((id) => measuresOf(catalogue, id).some((measure) => due.includes(measure.id)));
    const thisCycle = (await store.unitCheckins(cycle.id, unitId)).measures;
    const dueOn = (id: PrincipleId) =>
      measuresOf(catalogue, id).filter((measure) => due.includes(measure.id));
    // Without a page asked for: the first with something still to answer.
    const shown =
      principle && principles.includes(principle)
        ? principle
        : (principles.find((id) => dueOn(id).some((measure) => !thisCycle[measure.id])) ?? principles[0]);
    if (!shown) return undefined;
    const measures = dueOn(shown);
    const latest = await store.latestMeasureAnswers(unitId);
    return {
      cycle,
      open: isOpen(cycle, clock()),
      unitId,
      ...(await named(unitId)),
      principles,
      principle: shown,
      measures,
      latest,
      answered: measures.every((measure) => thisCycle[measure.id] !== undefined),
    };
  }

  const named = async (unitId: string) => {
    const name = await unitName(unitId);
    return name === undefined ? {} : { unitName: name };
  };

  const situationOf = async (
    cycle: Cycle,
    unitId: string,
    answer: PulseRecord | undefined,
  ): Promise<PulseSituation> => ({
    kind: 'pulse',
    cycle,
    open: isOpen(cycle, clock()),
    unitId,
    ...(await named(unitId)),
    principles: pulsePrinciples(cycle, unitId),
    ...(answer ? { answer } : {}),
  });

  async function refusal(cycle: Cycle | undefined): Promise<Refusal | undefined> {
    if (!cycle) return { kind: 'noCycle' };
    return isOpen(cycle, clock()) ? undefined : { kind: 'closed', cycle };
  }

  return {
    /** The six principles with their pulse questions, in order. */
    principles: catalogue.principles,
    /** Every measure in the catalogue in force: cards name measures by their labels. */
    measures: catalogue.measures,
    latestCycle: () => store.latestCycle(),

    async pulseFor(aadObjectId: string, cycleId?: string): Promise<PulseSituation> {
      const cycle = await cycleOf(cycleId);
      if (!cycle) return { kind: 'noCycle' };
      const unitId = cycle.expected[aadObjectId];
      if (!unitId) return { kind: 'notExpected', cycle };
      return situationOf(cycle, unitId, await store.pulseOf(cycle.id, unitId, aadObjectId));
    },

    async submitPulse(
      aadObjectId: string,
      { cycleId, inputs, landed }: { cycleId: string; inputs: Record<string, unknown>; landed?: Landed },
    ): Promise<PulseOutcome> {
      const cycle = await store.cycle(cycleId);
      const refused = await refusal(cycle);
      if (refused || !cycle) return refused ?? { kind: 'noCycle' };
      const unitId = cycle.expected[aadObjectId];
      if (!unitId) return { kind: 'notExpected' };
      const read = readPulse(inputs, pulsePrinciples(cycle, unitId));
      if (!read.ok) return { kind: 'invalid', problems: read.problems };
      const guard = checkText(read.answers.comment ?? '');
      const confirmed = inputs.confirmNoPatient === 'true' || inputs.confirmNoPatient === true;
      if (guard.blocked.length > 0 || (guard.warnings.length > 0 && !confirmed))
        return { kind: 'guard', guard };
      const saving = withLock(`pulse:${cycle.id}:${aadObjectId}`, async () => {
        const before = await store.pulseOf(cycle.id, unitId, aadObjectId);
        const record: PulseRecord = {
          aadObjectId,
          unitId,
          ...read.answers,
          version: (before?.version ?? 0) + 1,
          answeredAt: clock().toISOString(),
        };
        await store.savePulse(cycle.id, record);
        return record;
      });
      const copy = { aadObjectId, card: pulseCardName };
      // The card pressed is where the receipt lands: saved beside the pulse rather than after it, the two share
      // one write to disk instead of a submission waiting for two in turn (answering it saves nothing more).
      const [answer] = await Promise.all([
        saving,
        landed && store.addCardCopy(cycle.id, unitId, { ...copy, ...landed }),
      ]);
      await updateCopies(cycle, unitId, copy, landed);
      return { kind: 'saved', cycle, answer, situation: await situationOf(cycle, unitId, answer) };
    },

    /** The units whose measures this person answers in the cycle, with something due. */
    async measureUnitsFor(aadObjectId: string, cycleId?: string): Promise<string[]> {
      const cycle = await cycleOf(cycleId);
      if (!cycle) return [];
      return Object.entries(cycle.measures)
        .filter(([, { owners, measureIds }]) => owners.includes(aadObjectId) && measureIds.length > 0)
        .map(([unitId]) => unitId);
    },

    async measurePage(
      aadObjectId: string,
      cycleId: string,
      unitId: string,
      principle?: PrincipleId,
    ): Promise<MeasurePage | { kind: 'notAnOwner' } | { kind: 'noCycle' }> {
      const cycle = await store.cycle(cycleId);
      if (!cycle) return { kind: 'noCycle' };
      if (!unitMeasures(cycle, unitId)?.owners.includes(aadObjectId)) return { kind: 'notAnOwner' };
      return (await page(cycle, unitId, principle)) ?? { kind: 'notAnOwner' };
    },

    async submitMeasures(
      aadObjectId: string,
      input: {
        cycleId: string;
        unitId: string;
        principle: PrincipleId;
        inputs: Record<string, unknown>;
        landed?: Landed;
      },
    ): Promise<MeasureOutcome> {
      const cycle = await store.cycle(input.cycleId);
      const refused = await refusal(cycle);
      if (refused || !cycle) return refused ?? { kind: 'noCycle' };
      const { unitId, principle } = input;
      const shown = unitMeasures(cycle, unitId)?.owners.includes(aadObjectId)
        ? await page(cycle, unitId, principle)
        : undefined;
      if (!shown || shown.principle !== principle) return { kind: 'notAnOwner' };
      const read = readMeasures(
        catalogue,
        shown.measures.map((measure) => measure.id),
        input.inputs,
      );
      if (!read.ok) return { kind: 'invalid', problems: read.problems, page: shown };
      await withLock(`measures:${cycle.id}:${unitId}`, async () => {
        const before = (await store.unitCheckins(cycle.id, unitId)).measures;
        const at = clock().toISOString();
        const records = Object.entries(read.values).map(([measureId, value]) => ({
          measureId,
          unitId,
          cycleId: cycle.id,
          openingDay: cycle.openingDay,
          value,
          answeredBy: aadObjectId,
          answeredAt: at,
          version: (before[measureId]?.version ?? 0) + 1,
        }));
        await store.saveMeasureAnswers(cycle.id, unitId, records);
      });
      await updateCopies(cycle, unitId, { aadObjectId, card: measuresCardName(unitId) }, input.landed);
      return { kind: 'saved', page: (await page(cycle, unitId, principle))! };
    },

    /** Remembers where a check-in card landed, so answering or closing can bring it up to date. */
    async rememberCopy(cycleId: string, unitId: string, copy: CardCopy): Promise<void> {
      await store.addCardCopy(cycleId, unitId, copy);
    },

    /** Where the person stands in the latest cycle: their pulse and the measures they answer. */
    async status(aadObjectId: string) {
      const cycle = await store.latestCycle();
      if (!cycle) return { kind: 'noCycle' as const };
      const unitId = cycle.expected[aadObjectId];
      const pulse = unitId ? await store.pulseOf(cycle.id, unitId, aadObjectId) : undefined;
      let due = 0;
      let answered = 0;
      for (const measureUnit of await this.measureUnitsFor(aadObjectId, cycle.id)) {
        const ids = cycle.measures[measureUnit]!.measureIds;
        const done = (await store.unitCheckins(cycle.id, measureUnit)).measures;
        due += ids.length;
        answered += ids.filter((id) => done[id]).length;
      }
      return {
        kind: 'cycle' as const,
        cycle,
        open: isOpen(cycle, clock()),
        expected: unitId !== undefined,
        ...(pulse ? { answeredAt: pulse.answeredAt } : {}),
        measures: { due, answered },
      };
    },
  };
}

export type CheckinsService = ReturnType<typeof createCheckins>;
