// The exports a person asks for on the `export` card: what they chose, checked and completed when they press
// Continue, and the file's data made when they press Download, as them, with their roles read again then.
// Every refusal and every file is audited ('export.<kind>', the unit ids and the period as targets: never
// free text). A made-up unit id is refused like any unit the person may not export.
import {
  exportKindsFor,
  exportRefusal,
  unitKinds,
  type ExportKind,
  type ExportRefusal,
} from '../domain/export-kinds.js';
import type { ExportPeriod } from '../domain/export-periods.js';
import type { ActionRecord, AuditRecord, BroadcastRecord, ResultRecord } from '../domain/export-rows.js';
import { may, type Roles } from '../domain/permissions.js';
import type { Unit } from '../domain/units.js';
import type { AccessService } from './access.js';
import type { AuditLog } from './audit-log.js';
import { createExportData, type BoardPack, type ExportDataDeps } from './export-data.js';
import type { UnitsService } from './units.js';

/** What a file is about: checked, with the units filled in. A board pack's units are organisation units. */
export type FileRequest = { kind: ExportKind; unitIds: string[]; period: ExportPeriod };

export type ExportProblem =
  | { kind: 'refused'; refusal: ExportRefusal }
  /** Units that are not (or no longer) tracked teams or organisations: for the board pack, organisation units. */
  | { kind: 'unknownUnits'; unitIds: string[] }
  /** Nothing to export for: the person may export units, but none is tracked yet. */
  | { kind: 'noUnits' };

type Common = { period: ExportPeriod; units: Unit[] };
export type ExportFile = Common &
  (
    | { kind: 'results'; records: ResultRecord[] }
    | { kind: 'actions'; records: ActionRecord[] }
    | { kind: 'broadcasts'; records: BroadcastRecord[] }
    | { kind: 'audit'; records: AuditRecord[] }
    | { kind: 'boardPack'; packs: BoardPack[] }
  );

type Deps = ExportDataDeps & {
  access: Pick<AccessService, 'rolesOf' | 'check'>;
  audit: Pick<AuditLog, 'record' | 'page'>;
  units: Pick<UnitsService, 'all'>;
  clock: () => Date;
};

/** Units whose results and actions are exported: tracked teams and organisations (as digests are made). */
const summarised = (unit: Unit) => unit.tracked && (unit.level === 'unit' || unit.level === 'organisation');
const byName = (a: Unit, b: Unit) => a.name.localeCompare(b.name, 'en-GB') || a.id.localeCompare(b.id);

export function createExportFiles(deps: Deps) {
  const data = createExportData(deps);

  /** Records a refusal: through the permission check where there is one, so the audit log words it. */
  async function refuse(actor: string, refusal: ExportRefusal, unitIds: readonly string[]) {
    if (refusal.kind === 'boardPack')
      await deps.audit.record(actor, 'export.boardPack', [...unitIds], 'refused');
    else
      await deps.access.check(
        actor,
        refusal.kind,
        refusal.kind === 'exportUnit' ? refusal.unitId : undefined,
      );
    return { kind: 'refused' as const, refusal };
  }

  /** The units the file is about: those chosen, or when none, every one the person may export. */
  async function unitsFor(roles: Roles, kind: ExportKind, chosen: readonly string[]) {
    if (!unitKinds.includes(kind)) return { units: [] as Unit[] };
    const eligible = (await deps.units.all())
      .filter(kind === 'boardPack' ? (unit) => unit.tracked && unit.level === 'organisation' : summarised)
      .filter((unit) => may(roles, 'exportUnit', unit.id))
      .sort(byName);
    if (chosen.length === 0) return { units: eligible };
    const unknown = chosen.filter((id) => !eligible.some((unit) => unit.id === id));
    if (unknown.length > 0) return { unknown };
    return { units: eligible.filter((unit) => chosen.includes(unit.id)) };
  }

  async function checked(
    actor: string,
    request: FileRequest,
  ): Promise<{ kind: 'ok'; roles: Roles; units: Unit[] } | ExportProblem> {
    const roles = await deps.access.rolesOf(actor);
    const refusal = exportRefusal(roles, request.kind, request.unitIds);
    if (refusal) return refuse(actor, refusal, request.unitIds);
    const found = await unitsFor(roles, request.kind, request.unitIds);
    if ('unknown' in found) return { kind: 'unknownUnits', unitIds: found.unknown! };
    // A board pack with no organisation units is about the whole organisation: every unit.
    if (found.units.length === 0 && request.kind !== 'boardPack' && unitKinds.includes(request.kind))
      return { kind: 'noUnits' };
    return { kind: 'ok', roles, units: found.units };
  }

  async function fileOf(
    actor: string,
    roles: Roles,
    request: FileRequest,
    units: Unit[],
  ): Promise<ExportFile> {
    const { period } = request;
    const now = deps.clock();
    switch (request.kind) {
      case 'results':
        return { kind: 'results', period, units, records: await data.results(units, period, now) };
      case 'actions':
        return { kind: 'actions', period, units, records: await data.actions(units, period) };
      case 'broadcasts':
        return {
          kind: 'broadcasts',
          period,
          units,
          records: await data.broadcasts({ aadObjectId: actor, roles }, period),
        };
      case 'audit':
        return { kind: 'audit', period, units, records: await data.audit(period, await deps.units.all()) };
      case 'boardPack': {
        const all = (await deps.units.all()).filter(summarised);
        const packs = units.length
          ? await Promise.all(units.map((organisation) => data.boardPack(organisation, all, period, now)))
          : [await data.boardPack(undefined, all, period, now)];
        return { kind: 'boardPack', period, units, packs };
      }
    }
  }

  return {
    /** The kinds the `export` card offers this person; none for staff. */
    async kindsFor(actor: string): Promise<ExportKind[]> {
      return exportKindsFor(await deps.access.rolesOf(actor));
    },

    /** The units the card offers for a kind: those the person may export. */
    async unitChoices(actor: string, kind: ExportKind): Promise<Unit[]> {
      const found = await unitsFor(await deps.access.rolesOf(actor), kind, []);
      return found.units ?? [];
    },

    /** Continue: the choice checked, with "no units chosen" made into every unit the person may export. */
    async request(actor: string, choice: FileRequest): Promise<FileRequest | ExportProblem> {
      const found = await checked(actor, choice);
      if (found.kind !== 'ok') return found;
      return { ...choice, unitIds: found.units.map((unit) => unit.id) };
    },

    /** Download: the file's data, as the person now. Audited with the units and the period. */
    async make(
      actor: string,
      request: FileRequest,
    ): Promise<{ kind: 'file'; file: ExportFile } | ExportProblem> {
      const found = await checked(actor, request);
      if (found.kind !== 'ok') return found;
      const file = await fileOf(actor, found.roles, request, found.units);
      await deps.audit.record(actor, `export.${request.kind}`, [
        ...found.units.map((unit) => unit.id),
        request.period.id,
      ]);
      return { kind: 'file', file };
    },
  };
}

export type ExportFiles = ReturnType<typeof createExportFiles>;
