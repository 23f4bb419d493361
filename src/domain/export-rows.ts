// The rows of each export as data, with the information-governance rules applied (DOMAIN.md): codes,
// numbers and the few texts that may leave the person who typed them. src/text puts the codes into words.
//
// The rules, as an export is "shown beyond the person who entered it":
// - Pulse results come from the digest's own tiles (a unit's digest, or the organisation digest for an
//   organisation unit, with its pooling of small units), so a file never shows a figure a card would not.
//   A hidden result carries no numbers at all: not the yes, not the no, not how many it applied to.
// - Counts of people are `smallCount`ed: 1 to 7 read "fewer than 8". There is no total column, so no hidden
//   count can be worked out from the others.
// - Action texts (title, what we heard, what we did) are staff-entered and passed the patient-data guard,
//   but only their author can say they may travel: they appear only for actions marked "OK to share in
//   summaries", exactly as channel summaries show them. Other actions give structured fields only. The
//   reasons a change or feedback was not possible are never exported.
// - Soft-deleted actions are left out. Broadcasts are counts by state, whatever their audience.
import type { Action, ActionType, Depth } from './actions.js';
import type { AuditEntry } from './audit.js';
import type { Broadcast, BroadcastReport } from './broadcasts.js';
import type { PrincipleId } from './catalogue.js';
import type { LocalDate } from './cycles.js';
import type { Digest, PrincipleTile } from './digest.js';
import type { MeasureStatus } from './status.js';
import { smallCount, type HiddenReason, type SmallCount } from './suppression.js';
import type { TrendCode } from './trend.js';

// ---- Results -------------------------------------------------------------------------------------------

export type ResultWeek = { unitId: string; cycleId: string; openingDay: LocalDate; preview: boolean };

/** A pulse result as a file may show it: numbers only when the digest shows them. */
export type PulseCells =
  | { shown: true; applied: number; yes: number; no: number; percent: number }
  | { shown: false; reason: HiddenReason };

export type ResultRecord = ResultWeek &
  (
    | { section: 'responses'; answered: number; expected: number; percent?: number }
    | {
        section: 'pulse';
        principle: PrincipleId;
        pulse: PulseCells;
        trend: TrendCode;
        /** An organisation's figure that leaves small units out, so that they cannot be worked out. */
        leftOut: boolean;
      }
    | {
        section: 'measure';
        principle: PrincipleId;
        measureId: string;
        status: MeasureStatus;
        trend: TrendCode;
      }
  );

/** The tiles of a unit's digest or of the organisation digest: the same figures the cards show. */
export type DigestLike = Pick<Digest, 'responseRate'> & {
  principles: readonly (PrincipleTile & { leftOut?: boolean })[];
};

export function pulseCells(tile: Pick<PrincipleTile, 'pulse'>): PulseCells {
  const { pulse } = tile;
  if (!pulse.shown) return { shown: false, reason: pulse.reason };
  const { yes, applied, percent } = pulse;
  return { shown: true, applied, yes, no: applied - yes, percent };
}

/** One unit's week: the response rate, each principle's pulse result, and each measure's status. */
export function resultRecords(week: ResultWeek, digest: DigestLike): ResultRecord[] {
  const { answered, expected, percent } = digest.responseRate;
  const records: ResultRecord[] = [
    { ...week, section: 'responses', answered, expected, ...(percent === undefined ? {} : { percent }) },
  ];
  for (const tile of digest.principles) {
    records.push({
      ...week,
      section: 'pulse',
      principle: tile.principle,
      pulse: pulseCells(tile),
      trend: tile.trend.trend,
      leftOut: tile.leftOut ?? false,
    });
  }
  for (const tile of digest.principles)
    for (const line of tile.measures)
      records.push({
        ...week,
        section: 'measure',
        principle: tile.principle,
        measureId: line.measureId,
        status: line.status,
        trend: line.trend.trend,
      });
  return records;
}

// ---- Actions -------------------------------------------------------------------------------------------

export type ActionRecord = {
  id: string;
  unitId: string;
  date: LocalDate;
  type: ActionType;
  depth: Depth;
  principles: PrincipleId[];
  tags: string[];
  patients: SmallCount;
  carers: SmallCount;
  public: SmallCount;
  change?: 'proposed' | 'agreed' | 'implemented' | 'notPossible';
  toldParticipantsOn?: LocalDate;
  shareable: boolean;
  /** Only for actions marked OK to share. */
  texts?: { title: string; whatWeHeard?: string; whatWeDid?: string };
};

/** An action as an export shows it; undefined for a deleted one. */
export function actionRecord(action: Action): ActionRecord | undefined {
  if (action.deletedAt) return undefined;
  const { details } = action;
  const { title, whatWeHeard, whatWeDid } = action;
  return {
    id: action.id,
    unitId: action.unitId,
    date: action.date,
    type: action.type,
    depth: action.depth,
    principles: [...action.principles],
    tags: [...(details?.tags ?? [])],
    patients: smallCount(action.participants.patients),
    carers: smallCount(action.participants.carers),
    public: smallCount(action.participants.public),
    ...(details?.change ? { change: details.change.status } : {}),
    ...(details?.feedback ? { toldParticipantsOn: details.feedback.givenOn } : {}),
    shareable: action.shareable,
    ...(action.shareable
      ? {
          texts: {
            title,
            ...(whatWeHeard ? { whatWeHeard } : {}),
            ...(whatWeDid ? { whatWeDid } : {}),
          },
        }
      : {}),
  };
}

/** The period's actions, oldest first: deleted ones and those outside the dates left out. */
export function actionRecords(
  actions: readonly Action[],
  period: { from: LocalDate; to: LocalDate },
): ActionRecord[] {
  return actions
    .filter((action) => action.date >= period.from && action.date <= period.to)
    .flatMap((action) => actionRecord(action) ?? [])
    .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
}

// ---- Broadcasts ----------------------------------------------------------------------------------------

/** Counts by state only: never who got it, so "not answered" audiences stay counts as everywhere else. */
export type BroadcastRecord = Pick<
  Broadcast,
  'id' | 'title' | 'senderRole' | 'state' | 'createdAt' | 'sentAt' | 'scheduledFor'
> & {
  audience: Broadcast['audience']['kind'];
  /** How many units or channels it was for. */
  units: number;
  counts: Omit<BroadcastReport, 'failures' | 'done' | 'countsOnly' | 'rows'>;
};

export function broadcastRecord(
  broadcast: Broadcast,
  report: Omit<BroadcastReport, 'rows'>,
): BroadcastRecord {
  const { failures: _failures, done: _done, countsOnly: _countsOnly, ...counts } = report;
  const { audience } = broadcast;
  return {
    id: broadcast.id,
    title: broadcast.title,
    senderRole: broadcast.senderRole,
    state: broadcast.state,
    createdAt: broadcast.createdAt,
    ...(broadcast.sentAt ? { sentAt: broadcast.sentAt } : {}),
    ...(broadcast.scheduledFor ? { scheduledFor: broadcast.scheduledFor } : {}),
    audience: audience.kind,
    units: audience.kind === 'units' || audience.kind === 'channels' ? audience.unitIds.length : 0,
    counts,
  };
}

/** When a broadcast belongs to a period: the day it went, or was to go, or was written. */
export const broadcastDay = (broadcast: Broadcast): string =>
  broadcast.sentAt ?? broadcast.scheduledFor ?? broadcast.createdAt;

// ---- Audit ---------------------------------------------------------------------------------------------

export type AuditRecord = AuditEntry & { actorName?: string; targetNames: (string | undefined)[] };

/** An audit entry with the names known for its actor and targets (people and units); ids always. */
export function auditRecord(entry: AuditEntry, names: ReadonlyMap<string, string>): AuditRecord {
  const actorName = names.get(entry.actor);
  return {
    ...entry,
    ...(actorName ? { actorName } : {}),
    targetNames: entry.targets.map((id) => names.get(id)),
  };
}
