// Weekly check-in records: the cycle (who is expected, when it opens, nudges and closes), each person's pulse,
// the measures' answers, and where each check-in card landed so it can be brought up to date.
import { z } from 'zod';
import { MeasureValue, PulseChoice } from './answers.js';
import { PrincipleId } from './catalogue.js';

export const CycleId = z.string().regex(/^\d{4}-W\d{2}$/, 'must be an ISO week such as 2026-W48');

export const Cycle = z.object({
  id: CycleId,
  /** The local day it opened on (after any bank holiday): it decides the month and quarter it belongs to. */
  openingDay: z.string(),
  opensAt: z.string(),
  nudgeAt: z.string(),
  closesAt: z.string(),
  /** 'schedule', or the Entra id of the lead who sent check-ins by hand. */
  openedBy: z.string(),
  /** Who is expected to answer the pulse, and for which unit: fixed at opening (the response-rate denominator). */
  expected: z.record(z.string(), z.string()),
  /** The principles a unit's pulse asks, for units whose manager chose fewer than all six. */
  principles: z.record(z.string(), z.array(PrincipleId)).optional(),
  /** The measures due this cycle and who answers them, by unit (or organisation). */
  measures: z.record(z.string(), z.object({ owners: z.array(z.string()), measureIds: z.array(z.string()) })),
  /** Set once its cards are queued: a crash between opening and queueing is finished on the next run. */
  promptsQueuedAt: z.string().optional(),
  nudgedAt: z.string().optional(),
  closedAt: z.string().optional(),
});
export type Cycle = z.infer<typeof Cycle>;

export const PulseRecord = z.object({
  aadObjectId: z.string().min(1),
  unitId: z.string().min(1),
  choices: z.partialRecord(PrincipleId, PulseChoice),
  /** Passed the patient-data guard before it was saved. */
  comment: z.string().max(500).optional(),
  /** 1 for the first answer, then one more for each change. */
  version: z.number().int().min(1),
  answeredAt: z.string(),
});
export type PulseRecord = z.infer<typeof PulseRecord>;

export const MeasureRecord = z.object({
  measureId: z.string().min(1),
  unitId: z.string().min(1),
  cycleId: CycleId,
  /** The opening day of the cycle it was answered in: which month and quarter it counts for. */
  openingDay: z.string(),
  value: MeasureValue,
  answeredBy: z.string().min(1),
  answeredAt: z.string(),
  version: z.number().int().min(1),
});
export type MeasureRecord = z.infer<typeof MeasureRecord>;

/** A check-in card as it landed in a chat: 'pulse', or 'measures:<unitId>' (one card pages through principles). */
export const CardCopy = z.object({
  aadObjectId: z.string().min(1),
  card: z.string().min(1),
  conversationId: z.string().min(1),
  activityId: z.string().min(1),
});
export type CardCopy = z.infer<typeof CardCopy>;

export type UnitCheckins = {
  pulses: Record<string, PulseRecord>;
  measures: Record<string, MeasureRecord>;
  copies: CardCopy[];
};

export const pulseCardName = 'pulse';
export const measuresCardName = (unitId: string): string => `measures:${unitId}`;

/** When the weekly steps fall, from the schedule (CHECKIN_OPENS, CHECKIN_NUDGE, CHECKIN_CLOSES). */
export type CheckinSchedule = {
  /** The opening scheduled in the ISO week that starts on this Monday, as a local day and 'HH:MM'. */
  openingIn(monday: string): { day: string; time: string } | undefined;
  nudgeAfter(at: Date): Date;
  closeAfter(at: Date): Date;
};

/** Whether answers may still be given or changed at `now`. */
export const isOpen = (cycle: Cycle, now: Date): boolean =>
  !cycle.closedAt && now.getTime() < Date.parse(cycle.closesAt);

/** The principles a unit's pulse asks in this cycle: all six unless its manager chose fewer. */
export const pulsePrinciples = (cycle: Cycle, unitId: string): readonly PrincipleId[] =>
  cycle.principles?.[unitId] ?? PrincipleId.options;
