// Patient input actions: logging one from the short card, editing and deleting one's own, and listing them.
// Every free-text field passes the patient-data guard before anything is saved; nothing here logs or audits
// what anyone typed (the audit keeps the action's id only).
import {
  ActionId,
  actionMonth,
  guardEntry,
  readActionEntry,
  type Action,
  type EntryProblem,
  type FieldFinding,
} from '../domain/actions.js';
import { localDateOf } from '../domain/cycles.js';
import type { Unit } from '../domain/units.js';
import type { Store } from '../store/store.js';
import type { AuditLog } from './audit-log.js';
import type { Clock } from './clock.js';
import type { KeyedLock } from './keyed-lock.js';
import type { UnitsService } from './units.js';

export const ACTIONS_PAGE_SIZE = 5;

type Deps = {
  store: Store;
  clock: Clock;
  newId: () => string;
  timeZone: string;
  audit: AuditLog;
  withLock: KeyedLock;
  units: Pick<UnitsService, 'primaryChoices'>;
};

export type EntryOutcome =
  | { kind: 'invalid'; problems: EntryProblem[] }
  /** Something that could identify a patient: blocked, or a warning the person has not yet confirmed. */
  | { kind: 'guard'; findings: FieldFinding[] }
  /** The person is in several units (or none we know): which is this for? */
  | { kind: 'chooseUnit'; units: Unit[] }
  | { kind: 'saved'; action: Action };
export type ChangeOutcome = EntryOutcome | { kind: 'notFound' } | { kind: 'notYours' };

/** A page of the person's actions, newest first, and where the next (older) page starts, if there is one. */
export type ActionsPage = { actions: Action[]; next?: string };

const isTrue = (value: unknown) => value === true || value === 'true';

export function createActions({ store, clock, newId, timeZone, audit, withLock, units }: Deps) {
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
        const action: Action = {
          ...kept,
          ...checked.entry,
          version: found.action.version + 1,
          updatedAt: clock().toISOString(),
        };
        await store.saveAction(action);
        await audit.record(aadObjectId, 'action.edit', [id]);
        return { kind: 'saved', action };
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
    async mine(aadObjectId: string, before?: string): Promise<ActionsPage> {
      const found: Action[] = [];
      for (const month of await store.actionMonths()) {
        if (before && month > actionMonth(before)) continue;
        const mine = (await store.monthActions(month))
          .filter((action) => action.owner === aadObjectId && !action.deletedAt)
          .reverse();
        found.push(...mine);
        if (found.length > ACTIONS_PAGE_SIZE + position(found, before)) break;
      }
      const start = position(found, before);
      const page = found.slice(start, start + ACTIONS_PAGE_SIZE);
      const more = found.length > start + ACTIONS_PAGE_SIZE;
      return more ? { actions: page, next: page.at(-1)!.id } : { actions: page };
    },
  };
}

/** Where a page starts: just after the action `before`, or at the top. */
function position(actions: Action[], before?: string): number {
  if (!before) return 0;
  const index = actions.findIndex((action) => action.id === before);
  return index < 0 ? 0 : index + 1;
}

export type ActionsService = ReturnType<typeof createActions>;
