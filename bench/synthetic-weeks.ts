// The weekly check-ins of the fictional trust, one week at a time (a generator, so a year of 10,000 people is
// never all in memory): each cycle with everyone expected, 58–72% of each ward answering the pulse, the
// measures due answered by their owners most weeks, where each card landed, and the card ids the bot still
// remembers (it forgets them after 30 days). The last week is the current one, open and partly answered.
import type { Catalogue } from '../src/domain/catalogue.js';
import {
  measuresCardName,
  pulseCardName,
  type CardCopy,
  type CheckinSchedule,
  type Cycle,
  type MeasureRecord,
  type PulseRecord,
} from '../src/domain/checkins.js';
import { addDays, cycleIdOf, cycleMonday, localDateOf } from '../src/domain/cycles.js';
import type { Random } from './random.js';
import { measureValue, pulseOf } from './synthetic-answers.js';
import { cycleOf } from './synthetic-cycles.js';
import {
  aadOf,
  LEADS,
  membersOf,
  ORGANISATION_ID,
  ownerOf,
  personalChatOf,
  principlesOf,
  unitIdOf,
  UNITS,
} from './synthetic-org.js';

/** How long the bot remembers a card id (src/services/card-actions.ts): the claims a store still holds. */
export const CARD_MEMORY_DAYS = 30;

export type WeekSettings = {
  staff: number;
  weeks: number;
  now: Date;
  catalogue: Catalogue;
  holidays: ReadonlySet<string>;
  schedule: CheckinSchedule;
  timeZone: string;
};

export type Week = {
  cycle: Cycle;
  pulses: PulseRecord[];
  measures: { unitId: string; records: MeasureRecord[] }[];
  copies: { unitId: string; copy: CardCopy }[];
  /** Card ids claimed this week that the bot still remembers now, with when. */
  cardActions: [string, string][];
};

/** The message id of a check-in card in a person's chat: an invoke from that card names it as replyToId. */
export const cardActivityId = (cycleId: string, card: string, person: number) =>
  `bench-${cycleId}-${card}-${person}`;

export function* buildWeeks(settings: WeekSettings, random: Random): Generator<Week> {
  const { weeks, now } = settings;
  const lastAnswered = new Map<string, string>();
  const currentMonday = cycleMonday(cycleIdOf(localDateOf(now, settings.timeZone)));
  for (let week = 0; week < weeks; week++) {
    const monday = addDays(currentMonday, -7 * (weeks - 1 - week));
    const cycle = cycleOf(settings, monday, week === weeks - 1, lastAnswered);
    const built: Week = { cycle, pulses: [], measures: [], copies: [], cardActions: [] };
    addPulses(built, settings, week, random);
    addMeasures(built, settings, week, random);
    for (const { records } of built.measures)
      for (const record of records)
        lastAnswered.set(`${record.unitId} ${record.measureId}`, cycle.openingDay);
    yield built;
  }
}

/** When in the cycle a share (0–1) of its time so far falls: never after now. */
function within(cycle: Cycle, now: Date, share: number): string {
  const from = Date.parse(cycle.opensAt);
  const until = Math.min(Date.parse(cycle.closesAt), now.getTime());
  return new Date(from + share * (until - from)).toISOString();
}

const remembered = (now: Date, at: string) => Date.parse(at) >= now.getTime() - CARD_MEMORY_DAYS * 86_400_000;

function addPulses(built: Week, { staff, now }: WeekSettings, week: number, random: Random): void {
  const { cycle } = built;
  // The current week is partly answered, most answers coming early in it.
  const elapsed =
    (now.getTime() - Date.parse(cycle.opensAt)) / (Date.parse(cycle.closesAt) - Date.parse(cycle.opensAt));
  const progress = cycle.closedAt ? 1 : Math.min(1, Math.max(0.15, 3 * elapsed));
  for (let unit = 0; unit < UNITS; unit++) {
    const unitId = unitIdOf(unit);
    const members = membersOf(unit, staff);
    for (const person of members) built.copies.push({ unitId, copy: copyOf(cycle, person, pulseCardName) });
    const share = (0.58 + 0.14 * random.next()) * progress;
    for (const person of random.sample(members, share)) {
      const answeredAt = within(cycle, now, random.next());
      built.pulses.push(pulseOf(random, person, unitId, principlesOf(unit), week, answeredAt));
      if (remembered(now, answeredAt))
        built.cardActions.push([`card-${cycle.id}-${aadOf(person)}-pulse`, answeredAt]);
    }
  }
}

/** Each ward's owner (and the lead, for the organisation) answers everything due, in 85% of weeks. */
function addMeasures(built: Week, { now, catalogue }: WeekSettings, week: number, random: Random): void {
  const { cycle } = built;
  const answerers = [
    ...Array.from({ length: UNITS }, (_, unit) => ({ unitId: unitIdOf(unit), owner: ownerOf(unit) })),
    { unitId: ORGANISATION_ID, owner: LEADS[0]! },
  ];
  for (const { unitId, owner } of answerers) {
    const { measureIds } = cycle.measures[unitId]!;
    if (measureIds.length === 0) continue;
    built.copies.push({ unitId, copy: copyOf(cycle, owner, measuresCardName(unitId)) });
    const answeredAt = within(cycle, now, 0.1 + 0.4 * random.next());
    if (!random.chance(0.85) || answeredAt > now.toISOString()) continue;
    const records = measureIds.map((measureId) => ({
      measureId,
      unitId,
      cycleId: cycle.id,
      openingDay: cycle.openingDay,
      value: measureValue(catalogue, measureId, week, random),
      answeredBy: aadOf(owner),
      answeredAt,
      version: 1,
    }));
    built.measures.push({ unitId, records });
    if (remembered(now, answeredAt))
      built.cardActions.push([`card-${cycle.id}-${unitId}-measures`, answeredAt]);
  }
}

/** Where a check-in card landed: the person's 1:1 chat, as the message the weekly prompt became. */
function copyOf(cycle: Cycle, person: number, card: string): CardCopy {
  return {
    aadObjectId: aadOf(person),
    card,
    conversationId: personalChatOf(person),
    activityId: cardActivityId(cycle.id, card, person),
  };
}
