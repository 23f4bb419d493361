// Patient input actions: logging one from the short card, editing and deleting one's own, and listing them.
// Every free-text field passes the patient-data guard before anything is saved; nothing here logs or audits
// what anyone typed (the audit keeps the action's id only).
import {
  ActionId,
  actionMonth,
  FUTURE_DAYS_MAX,
  guardDetails,
  guardEntry,
  PAST_DAYS_MAX,
  readActionDetails,
  readActionEntry,
  TEXT_MAX,
  type Action,
  type DetailsProblem,
  type EntryProblem,
  type FieldFinding,
} from '../domain/actions.js';
import { computeMeasure } from '../domain/action-measures.js';
import type { MeasureValue } from '../domain/answers.js';
import type { Catalogue } from '../domain/catalogue.js';
import { addDays, localDateOf, type LocalDate } from '../domain/cycles.js';
import type { Unit } from '../domain/units.js';
import type { Store } from '../store/store.js';
import type { AuditLog } from './audit-log.js';
import type { Clock } from './clock.js';
import type { DeliveriesService } from './deliveries.js';
import type { KeyedLock } from './keyed-lock.js';
import type { UnitsService } from './units.js';

export const ACTIONS_PAGE_SIZE = 5;
/** "Remind me in 2 weeks". */
export const REMIND_AGAIN_DAYS = 14;
/** How far back computed measures read: a quarter and the 90 days before it, seven months; a little more. */
export const COMPUTED_MEASURE_DAYS = 240;

/** Reads the actions of these units logged in the month of `since` or later, as actionsOf does. */
export type ActionsReader = (unitIds: ReadonlySet<string>, since: LocalDate) => Promise<readonly Action[]>;

type Deps = {
  store: Store;
  clock: Clock;
  newId: () => string;
  timeZone: string;
  audit: AuditLog;
  withLock: KeyedLock;
  units: Pick<UnitsService, 'primaryChoices'>;
  deliveries: DeliveriesService;
  /** Domains evidence links may point at (EVIDENCE_LINK_DOMAINS); empty allows any https link. */
  evidenceDomains: readonly string[];
  catalogue: Catalogue;
};

export type EntryOutcome =
  | { kind: 'invalid'; problems: EntryProblem[] }
  /** Something that could identify a patient: blocked, or a warning the person has not yet confirmed. */
  | { kind: 'guard'; findings: FieldFinding[] }
  /** The person is in several units (or none we know): which is this for? */
  | { kind: 'chooseUnit'; units: Unit[] }
  | { kind: 'saved'; action: Action };
export type ChangeOutcome = EntryOutcome | { kind: 'notFound' } | { kind: 'notYours' };
export type DetailsOutcome =
  | { kind: 'invalid'; problems: DetailsProblem[] }
  | { kind: 'guard'; findings: FieldFinding[] }
  | { kind: 'notFound' }
  | { kind: 'notYours' }
  | { kind: 'saved'; action: Action };
export type FollowUpOutcome = DetailsOutcome;

/** A page of the person's actions, newest first, and where the next (older) page starts, if there is one. */
export type ActionsPage = { actions: Action[]; next?: string };

const isTrue = (value: unknown) => value === true || value === 'true';

export function createActions(deps: Deps) {
  const { store, clock, newId, timeZone, audit, withLock, units, deliveries, evidenceDomains, catalogue } =
    deps;
  const today = () => localDateOf(clock(), timeZone);

  /** Reads and guards a card's inputs: the entry to save, or why not. */
  function check(inputs: Record<string, unknown>) {
    const read = readActionEntry(inputs, today());
    if (!read.ok) return { kind: 'invalid' as const, problems: read.problems };
    const findings = guardEntry(read.entry);
    const blocked = findings.some((finding) => finding.blocked.length > 0);
    if (blocked || (findings.length > 0 && !isTrue(inputs.confirmWarnings)))
      return { kind: 'guard' as const, findings };
    return { kind: 'ok' as const, entry: read.entry };
  }

  /** Where a person can log an action: the units they could answer the pulse for, and the organisations. */
  async function unitsFor(aadObjectId: string): Promise<Unit[]> {
    const organisations = (await store.units()).filter(
      (unit) => unit.tracked && unit.level === 'organisation',
    );
    return [...(await units.primaryChoices(aadObjectId)), ...organisations];
  }

  async function ownAction(aadObjectId: string, id: string) {
    // Ids come back from cards: one that is not an action id was made up, and finds nothing.
    const action = ActionId.safeParse(id).success ? await store.action(id) : undefined;
    if (!action || action.deletedAt) return { kind: 'notFound' as const };
    return action.owner === aadObjectId ? { kind: 'found' as const, action } : { kind: 'notYours' as const };
  }

  return {
    unitsFor,
    actionsOf,
    /** Today in the organisation's zone: a new action's date. */
    today,

    /** One of the person's own actions, not deleted; nothing for anyone else's or a made-up id. */
    async own(aadObjectId: string, id: string): Promise<Action | undefined> {
      const found = await ownAction(aadObjectId, id);
      return found.kind === 'found' ? found.action : undefined;
    },

    async log(aadObjectId: string, inputs: Record<string, unknown>, unitId?: string): Promise<EntryOutcome> {
      const checked = check(inputs);
      if (checked.kind !== 'ok') return checked;
      const choices = await unitsFor(aadObjectId);
      const chosen = choices.length === 1 ? choices[0] : choices.find((unit) => unit.id === unitId);
      if (!chosen) return { kind: 'chooseUnit', units: choices };
      const at = clock();
      const action: Action = {
        ...checked.entry,
        id: `${at.toISOString().slice(0, 7)}-${newId()}`,
        unitId: chosen.id,
        owner: aadObjectId,
        noPatientConfirmed: true,
        version: 1,
        createdAt: at.toISOString(),
        updatedAt: at.toISOString(),
      };
      await store.saveAction(action);
      await audit.record(aadObjectId, 'action.log', [action.id]);
      return { kind: 'saved', action };
    },

    async edit(aadObjectId: string, id: string, inputs: Record<string, unknown>): Promise<ChangeOutcome> {
      const checked = check(inputs);
      if (checked.kind !== 'ok') return checked;
      return withLock(`action:${id}`, async () => {
        const found = await ownAction(aadObjectId, id);
        if (found.kind !== 'found') return found;
        // Optional fields left empty on the card are cleared, not kept from before.
        const { whatWeHeard: _heard, whatWeDid: _did, followUpOn: _followUp, ...kept } = found.action;
        return save(aadObjectId, { ...kept, ...checked.entry }, 'action.edit');
      });
    },

    async remove(aadObjectId: string, id: string) {
      return withLock(`action:${id}`, async () => {
        const found = await ownAction(aadObjectId, id);
        if (found.kind !== 'found') return found;
        const at = clock().toISOString();
        await store.saveAction({ ...found.action, deletedAt: at, updatedAt: at });
        await audit.record(aadObjectId, 'action.delete', [id]);
        return { kind: 'deleted' as const, action: found.action };
      });
    },

    /** The person's own actions, newest first, five at a time; `before` is the previous page's `next`. */
    mine: (aadObjectId: string, before?: string): Promise<ActionsPage> =>
      pageOf((action) => action.owner === aadObjectId, before),

    /**
     * The catalogue's computed measures for a unit, worked out from its actions for the periods that hold
     * `day`: what check-ins show beside the asked measures, and what digests report. A digest passes its own
     * reader, so the actions it has read already are not read again.
     */
    async computedMeasures(
      unitId: string,
      day: LocalDate,
      read: ActionsReader = actionsOf,
    ): Promise<Record<string, MeasureValue>> {
      const actions = await read(new Set([unitId]), addDays(day, -COMPUTED_MEASURE_DAYS));
      const values: Record<string, MeasureValue> = {};
      for (const measure of catalogue.measures.filter((m) => m.computed)) {
        const value = computeMeasure(measure, actions, day);
        if (value) values[measure.id] = value;
      }
      return values;
    },

    /** Recent actions of these units (the caller has checked 'seeUnit' for each), five at a time. */
    ofUnits: (unitIds: readonly string[], before?: string): Promise<ActionsPage> =>
      pageOf((action) => unitIds.includes(action.unitId), before),

    /** "Add details": the rest of DOMAIN.md's fields, on an action of one's own. */
    async addDetails(
      aadObjectId: string,
      id: string,
      inputs: Record<string, unknown>,
    ): Promise<DetailsOutcome> {
      return withLock(`action:${id}`, async () => {
        const found = await ownAction(aadObjectId, id);
        if (found.kind !== 'found') return found;
        const { participants } = found.action;
        const read = readActionDetails(inputs, {
          today: today(),
          participants: participants.patients + participants.carers + participants.public,
          allowedDomains: evidenceDomains,
        });
        if (!read.ok) return { kind: 'invalid', problems: read.problems };
        const findings = guardDetails(read.details);
        if (
          findings.some((f) => f.blocked.length > 0) ||
          (findings.length > 0 && !isTrue(inputs.confirmWarnings))
        )
          return { kind: 'guard', findings };
        // What "Add details" does not ask about (a follow-up answer) is kept.
        const { feedbackNotPossible } = found.action.details ?? {};
        const details = { ...(feedbackNotPossible ? { feedbackNotPossible } : {}), ...read.details };
        return save(aadObjectId, { ...found.action, details }, 'action.details');
      });
    },

    /**
     * Asks each owner whose follow-up date has come, once a date, whether participants were told what
     * changed. A crash between asking and noting it asks again with the same delivery id: nothing twice.
     */
    async followUpsDue(): Promise<number> {
      const day = today();
      const oldest = `${addDays(day, -(PAST_DAYS_MAX + FUTURE_DAYS_MAX)).slice(0, 7)}`;
      let asked = 0;
      for (const month of (await store.actionMonths()).filter((m) => m >= oldest)) {
        for (const action of await store.monthActions(month)) {
          if (!needsFollowUp(action, day)) continue;
          await deliveries.enqueue(
            `followups:${day.slice(0, 7)}`,
            'reminder',
            [
              {
                id: `${action.id}:${action.followUpOn}`,
                recipient: { kind: 'person', aadObjectId: action.owner },
                content: { card: 'actionFollowUp', data: { actionId: action.id } },
              },
            ],
            { respectsQuietHours: true },
          );
          await withLock(`action:${action.id}`, async () => {
            const latest = await store.action(action.id);
            if (latest) await store.saveAction({ ...latest, followUpAskedFor: action.followUpOn });
          });
          asked += 1;
        }
      }
      return asked;
    },

    /** The owner's answer to a follow-up: told them today, ask again in two weeks, or cannot (and why). */
    async followUpAnswer(
      aadObjectId: string,
      id: string,
      answer:
        | { kind: 'told' }
        | { kind: 'later' }
        | { kind: 'notPossible'; reason: unknown; confirmWarnings?: boolean },
    ): Promise<FollowUpOutcome> {
      return withLock(`action:${id}`, async () => {
        const found = await ownAction(aadObjectId, id);
        if (found.kind !== 'found') return found;
        const { action } = found;
        const details = action.details ?? { tags: [], adjustments: [] };
        if (answer.kind === 'told')
          return save(
            aadObjectId,
            { ...action, details: { ...details, feedback: { givenOn: today() } } },
            'action.followUp',
          );
        if (answer.kind === 'later')
          return save(
            aadObjectId,
            { ...action, followUpOn: addDays(today(), REMIND_AGAIN_DAYS) },
            'action.followUp',
          );
        const reason = typeof answer.reason === 'string' ? answer.reason.trim() : '';
        if (reason === '' || reason.length > TEXT_MAX)
          return {
            kind: 'invalid',
            problems: [{ field: 'reason', problem: reason ? 'tooLong' : 'required' }],
          };
        // Only the new reason: whatever was saved before passed the guard then.
        const findings = guardDetails({ tags: [], adjustments: [], feedbackNotPossible: reason });
        const blocked = findings.some((finding) => finding.blocked.length > 0);
        if (blocked || (findings.length > 0 && !answer.confirmWarnings)) return { kind: 'guard', findings };
        return save(
          aadObjectId,
          { ...action, details: { ...details, feedbackNotPossible: reason } },
          'action.followUp',
        );
      });
    },
  };

  /** The actions of these units logged in the month of `since` or later, read-only (Store.unitActions). */
  function actionsOf(unitIds: ReadonlySet<string>, since: LocalDate): Promise<readonly Action[]> {
    return store.unitActions([...unitIds], since.slice(0, 7));
  }

  /** Actions that match, newest first, a page at a time after the action `before`. */
  async function pageOf(matches: (action: Action) => boolean, before?: string): Promise<ActionsPage> {
    const found: Action[] = [];
    for (const month of await store.actionMonths()) {
      if (before && month > actionMonth(before)) continue;
      found.push(
        ...(await store.monthActions(month))
          .filter((action) => matches(action) && !action.deletedAt)
          .reverse(),
      );
      if (found.length > ACTIONS_PAGE_SIZE + position(found, before)) break;
    }
    const start = position(found, before);
    const page = found.slice(start, start + ACTIONS_PAGE_SIZE);
    const more = found.length > start + ACTIONS_PAGE_SIZE;
    return more ? { actions: page, next: page.at(-1)!.id } : { actions: page };
  }

  async function save(actor: string, action: Action, audited: string) {
    const saved = { ...action, version: action.version + 1, updatedAt: clock().toISOString() };
    await store.saveAction(saved);
    await audit.record(actor, audited, [action.id]);
    return { kind: 'saved' as const, action: saved };
  }
}

/** Asked about when its follow-up date has come, it has not been asked about that date, and the loop is open. */
function needsFollowUp(action: Action, day: LocalDate): boolean {
  return (
    !action.deletedAt &&
    action.followUpOn !== undefined &&
    action.followUpOn <= day &&
    action.followUpAskedFor !== action.followUpOn &&
    !action.details?.feedback &&
    !action.details?.feedbackNotPossible
  );
}

/** Where a page starts: just after the action `before`, or at the top. */
function position(actions: Action[], before?: string): number {
  if (!before) return 0;
  const index = actions.findIndex((action) => action.id === before);
  return index < 0 ? 0 : index + 1;
}

export type ActionsService = ReturnType<typeof createActions>;
