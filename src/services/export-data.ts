// Reads what each export holds, through the services that already apply the rules: a unit's weekly digest and
// the organisation digest (threshold, pooling of small units), the actions service, broadcast reports (counts
// only) and the audit log. Who may have it is decided before, in export-files.ts; the rules for what a row
// may show are in src/domain/export-rows.ts and board-pack.ts.
import { boardPackActivity, boardPackPrinciples } from '../domain/board-pack.js';
import { localDateOf } from '../domain/cycles.js';
import { candidateCycleIds, inPeriod, type ExportPeriod } from '../domain/export-periods.js';
import {
  actionRecords,
  auditRecord,
  broadcastDay,
  broadcastRecord,
  resultRecords,
  type ResultRecord,
} from '../domain/export-rows.js';
import type { AuditEntry } from '../domain/audit.js';
import type { Unit } from '../domain/units.js';
import type { ActionsService } from './actions.js';
import type { AuditLog } from './audit-log.js';
import type { Actor, BroadcastsService } from './broadcasts.js';
import type { RolesService } from './roles.js';
import type { SummariesService } from './summaries.js';

export type ExportDataDeps = {
  summaries: Pick<SummariesService, 'digestOf' | 'organisationDigestOf'>;
  actions: Pick<ActionsService, 'actionsOf'>;
  broadcasts: Pick<BroadcastsService, 'list' | 'report'>;
  audit: Pick<AuditLog, 'page'>;
  roles: Pick<RolesService, 'of'>;
  timeZone: string;
};

/** A unit's week as its rows name it; a week still open is a preview, whose numbers may change. */
const weekOf = (unitId: string, cycle: { id: string; openingDay: string; closesAt: string }, now: Date) => ({
  unitId,
  cycleId: cycle.id,
  openingDay: cycle.openingDay,
  preview: Date.parse(cycle.closesAt) > now.getTime(),
});

export function createExportData(deps: ExportDataDeps) {
  const { summaries, timeZone } = deps;
  const localDay = (iso: string) => localDateOf(new Date(iso), timeZone);

  /** One unit's weeks in the period, each as its digest shows it (an organisation unit's: pooled). */
  async function unitResults(unit: Unit, period: ExportPeriod, now: Date): Promise<ResultRecord[]> {
    const records: ResultRecord[] = [];
    for (const cycleId of candidateCycleIds(period)) {
      const found =
        unit.level === 'organisation'
          ? await summaries.organisationDigestOf(cycleId, unit.id)
          : await summaries.digestOf(unit.id, cycleId, 'channel');
      if (!found || !inPeriod(period, found.cycle.openingDay)) continue;
      // Weeks that closed before the unit was tracked have nobody expected: no row rather than "too few".
      if (Date.parse(found.cycle.closesAt) < Date.parse(unit.createdAt)) continue;
      records.push(...resultRecords(weekOf(unit.id, found.cycle, now), found.digest));
    }
    return records;
  }

  async function auditEntries(period: ExportPeriod): Promise<AuditEntry[]> {
    const entries: AuditEntry[] = [];
    let page = await deps.audit.page();
    for (;;) {
      for (const entry of page.entries) {
        const day = localDay(entry.at);
        if (day < period.from) return entries.reverse();
        if (day <= period.to) entries.push(entry);
      }
      if (!page.next) return entries.reverse();
      page = await deps.audit.page(page.next);
    }
  }

  /** Names of people and units by id, for the audit export (which only admins get). */
  async function namesOf(entries: readonly AuditEntry[], units: readonly Unit[]) {
    const names = new Map(units.map((unit) => [unit.id, unit.name]));
    for (const id of new Set(entries.flatMap((entry) => [entry.actor, ...entry.targets]))) {
      if (names.has(id)) continue;
      const { person } = await deps.roles.of(id);
      if (person?.name) names.set(id, person.name);
    }
    return names;
  }

  /** The latest finished week of the period as the organisation digest shows it; the open one if none. */
  async function lastWeek(organisation: Unit | undefined, period: ExportPeriod, now: Date) {
    let open: Awaited<ReturnType<SummariesService['organisationDigestOf']>>;
    for (const cycleId of candidateCycleIds(period).reverse()) {
      const found = await summaries.organisationDigestOf(cycleId, organisation?.id);
      if (!found || !inPeriod(period, found.cycle.openingDay)) continue;
      if (Date.parse(found.cycle.closesAt) <= now.getTime()) return found;
      open ??= found;
    }
    return open;
  }

  /** The board pack for one organisation unit (or the whole organisation): figures and trends of its last week. */
  async function boardPack(
    organisation: Unit | undefined,
    units: readonly Unit[],
    period: ExportPeriod,
    now: Date,
  ) {
    const view = await lastWeek(organisation, period, now);
    const members = organisation
      ? units.filter((unit) => unit.id === organisation.id || unit.parentId === organisation.id)
      : units;
    const actions = await deps.actions.actionsOf(new Set(members.map((unit) => unit.id)), period.from);
    return {
      ...(organisation ? { organisation } : {}),
      ...(view
        ? {
            week: weekOf(organisation?.id ?? '', view.cycle, now),
            principles: boardPackPrinciples(view.digest.principles),
            responseRate: view.digest.responseRate,
            units: view.digest.units,
          }
        : {}),
      activity: boardPackActivity(actions, period),
    };
  }

  return {
    async results(units: readonly Unit[], period: ExportPeriod, now: Date) {
      const records: ResultRecord[] = [];
      for (const unit of units) records.push(...(await unitResults(unit, period, now)));
      return records;
    },

    async actions(units: readonly Unit[], period: ExportPeriod) {
      const found = await deps.actions.actionsOf(new Set(units.map((unit) => unit.id)), period.from);
      return actionRecords(found, period);
    },

    /** The broadcasts the person may read (their own; every one for leads and admins) in the period. */
    async broadcasts(actor: Actor, period: ExportPeriod) {
      const records = [];
      for (const broadcast of await deps.broadcasts.list(actor)) {
        if (!inPeriod(period, localDay(broadcastDay(broadcast)))) continue;
        const outcome = await deps.broadcasts.report(actor, broadcast.id);
        if (outcome.kind === 'report') records.push(broadcastRecord(outcome.broadcast, outcome.report));
      }
      return records.reverse();
    },

    async audit(period: ExportPeriod, units: readonly Unit[]) {
      const entries = await auditEntries(period);
      const names = await namesOf(entries, units);
      return entries.map((entry) => auditRecord(entry, names));
    },

    boardPack,
  };
}

export type ExportData = ReturnType<typeof createExportData>;
export type BoardPack = Awaited<ReturnType<ExportData['boardPack']>>;
