// The `export` flow's views: the choice card as this person may fill it, the card with the link to the
// download page, and the maker the download page calls to make a file as the person who asked for it.
import type { AdaptiveCard } from '../cards/card.js';
import { exportChooseCard, exportReadyCard } from '../cards/export-cards.js';
import { unitKinds } from '../domain/export-kinds.js';
import { periodChoices } from '../domain/export-periods.js';
import { anonymityMin } from '../domain/suppression.js';
import { createExportFiles, type ExportFiles, type FileRequest } from '../services/export-files.js';
import type { MakeFile } from '../services/exports.js';
import { cardButton } from './buttons.js';
import type { BotDeps } from './deps.js';
import { exportCsv } from './export-tables.js';
import { periodWords, type ExportLabels } from './export-words.js';
import { refusal } from './refusal.js';
import { verbs } from './verbs.js';

/** The export files service over the bot's services: it holds nothing, so one per use is fine. */
export const exportFilesOf = (deps: BotDeps): ExportFiles =>
  createExportFiles({ ...deps, timeZone: deps.settings.timeZone });

const thresholdOf = (deps: BotDeps) => anonymityMin(deps.settings.anonymityMin);

export async function exportLabels(deps: BotDeps): Promise<ExportLabels> {
  return {
    principleNames: Object.fromEntries(deps.checkins.principles.map((p) => [p.id, p.name])),
    measureLabels: Object.fromEntries(deps.checkins.measures.map((m) => [m.id, m.label])),
    unitNames: new Map((await deps.units.all()).map((unit) => [unit.id, unit.name])),
    anonymityMin: thresholdOf(deps),
    timeZone: deps.settings.timeZone,
  };
}

/**
 * Makes an offer's file as the person who asked, with their roles read again now: a broadcast's report
 * through the broadcasts service, anything else through the export files service. Refusals are audited
 * there; here they are logged as the kind only.
 */
export function exportFileMaker(deps: BotDeps): MakeFile {
  const files = exportFilesOf(deps);
  return async (offer) => {
    if (offer.kind === 'broadcastReport') {
      const actor = { aadObjectId: offer.aadObjectId, roles: await deps.access.rolesOf(offer.aadObjectId) };
      const outcome = await deps.broadcasts.exportCsv(actor, offer.broadcastId);
      return outcome.kind === 'csv' ? outcome.csv : undefined;
    }
    const { kind, unitIds, period } = offer;
    const made = await files.make(offer.aadObjectId, { kind, unitIds, period });
    if (made.kind === 'file') return exportCsv(deps.text, await exportLabels(deps), made.file);
    deps.log.info({ kind, outcome: made.kind }, 'export.notMade');
    return undefined;
  };
}

export type ChoiceOptions = {
  notice?: string;
  values?: { kind?: string; period?: string; unitIds?: readonly string[] };
};

/** The choice: only the kinds and units this person may export; or the refusal (audited) for staff. */
export async function exportChoice(
  deps: BotDeps,
  actor: string,
  options: ChoiceOptions = {},
): Promise<{ card: AdaptiveCard } | { refused: string }> {
  const { text } = deps;
  const files = exportFilesOf(deps);
  const kinds = await files.kindsFor(actor);
  if (kinds.length === 0) {
    const access = await deps.access.check(actor, 'exportUnit');
    return { refused: refusal(text, access.allowed ? 'exportUnit' : access.action) };
  }
  const units = await files.unitChoices(actor, 'results');
  const card = exportChooseCard(text, {
    ...options,
    kinds: kinds.map((kind) => ({ title: text.exports.kinds[kind] ?? kind, value: kind })),
    periods: periodChoices(deps.actions.today()).map(({ choice, period }) => ({
      title: periodWords(text, period),
      value: choice,
    })),
    units: units.map((unit) => ({ title: unit.name, value: unit.id })),
    anonymityMin: thresholdOf(deps),
    continueAction: cardButton(deps, text.exports.continue, verbs.exportsContinue),
  });
  return { card };
}

/** A one-use link for the checked request, and the card that carries it with what the file will hold. */
export async function exportReady(deps: BotDeps, actor: string, request: FileRequest): Promise<AdaptiveCard> {
  const { text } = deps;
  const t = text.exports;
  const names = (await exportLabels(deps)).unitNames;
  const what = t.kinds[request.kind] ?? request.kind;
  const period = periodWords(text, request.period);
  const units = !unitKinds.includes(request.kind)
    ? t.notAboutUnits
    : request.unitIds.length === 0
      ? t.wholeOrganisation
      : request.unitIds.map((id) => names.get(id) ?? id).join(', ');
  const filename = t.filename(request.kind, request.period.id);
  const token = deps.exports.offer(
    { aadObjectId: actor },
    { ...request, filename, describe: t.describe(what, period, units) },
  );
  return exportReadyCard(text, {
    facts: { what, period, units, file: filename },
    contents: t.contents[request.kind]!(thresholdOf(deps)),
    url: `${deps.publicBaseUrl.replace(/\/+$/, '')}/exports/${token}`,
    actions: [cardButton(deps, t.another, verbs.exportsNew)],
  });
}
