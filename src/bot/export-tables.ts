// The files' words: each export's data (with the rules already applied in src/domain/export-rows.ts and
// board-pack.ts) as a header and rows in plain English from src/text, then CSV through the one writer.
// Status is a word, never a colour alone; dates are "14 March 2026"; numbers stay numbers where a
// spreadsheet can sum them.
import { statusWords, valueWords } from '../cards/summary-cards.js';
import { formatLocalDate } from '../cards/pulse-cards.js';
import { toCsv, type CsvCell } from '../domain/csv.js';
import type { ActionRecord, AuditRecord, BroadcastRecord, ResultRecord } from '../domain/export-rows.js';
import { allActions, type Action } from '../domain/permissions.js';
import type { ExportFile } from '../services/export-files.js';
import type { Text } from '../text/index.js';
import { boardPackTable } from './board-pack-table.js';
import { blanks, countCell, trendWords, type ExportLabels, type Table } from './export-words.js';

function resultsTable(text: Text, labels: ExportLabels, records: readonly ResultRecord[]): Table {
  const t = text.exports.results;
  const k = labels.anonymityMin;
  const rows = records.map((record): CsvCell[] => {
    const week = [
      labels.unitNames.get(record.unitId) ?? record.unitId,
      formatLocalDate(text, record.openingDay),
      record.cycleId,
      t.sections[record.section],
    ];
    const note = (more: string[] = []) =>
      [...more, ...(record.preview ? [text.exports.preview] : [])].join('. ');
    const trendOf = (trend: string) => trendWords(text, trend);
    switch (record.section) {
      case 'responses':
        return [
          ...week,
          ...blanks(3),
          record.answered,
          ...blanks(3),
          t.responses(record.answered, record.expected, record.percent),
          ...blanks(2),
          note(),
        ];
      case 'pulse': {
        const name = labels.principleNames[record.principle] ?? record.principle;
        const { pulse } = record;
        if (!pulse.shown)
          return [
            ...week,
            name,
            ...blanks(2),
            text.exports.fewerThan(k),
            ...blanks(5),
            trendOf(record.trend),
            note([t.hidden[pulse.reason]!(k)]),
          ];
        const left = record.leftOut ? [t.leftOut] : [];
        return [
          ...week,
          name,
          ...blanks(2),
          pulse.applied,
          pulse.yes,
          pulse.no,
          pulse.percent,
          ...blanks(2),
          trendOf(record.trend),
          note([t.shown, ...left]),
        ];
      }
      case 'measure':
        return [
          ...week,
          labels.principleNames[record.principle] ?? record.principle,
          record.measureId,
          labels.measureLabels[record.measureId] ?? record.measureId,
          ...blanks(4),
          valueWords(text, record.status),
          statusWords(text, record.status.status),
          trendOf(record.trend),
          note(),
        ];
    }
  });
  return { header: t.header, rows };
}

function actionsTable(text: Text, labels: ExportLabels, records: readonly ActionRecord[]): Table {
  const t = text.exports;
  const a = text.actions;
  const rows = records.map((record): CsvCell[] => [
    formatLocalDate(text, record.date),
    labels.unitNames.get(record.unitId) ?? record.unitId,
    record.id,
    a.types[record.type] ?? record.type,
    text.summaries.depthShort[record.depth] ?? record.depth,
    record.principles.map((id) => labels.principleNames[id] ?? id).join('; '),
    record.tags.join('; '),
    countCell(text, record.patients),
    countCell(text, record.carers),
    countCell(text, record.public),
    record.change ? (a.details.changeStatuses[record.change] ?? record.change) : '',
    record.toldParticipantsOn ? formatLocalDate(text, record.toldParticipantsOn) : '',
    record.shareable ? t.yes : t.actions.notShared,
    record.texts?.title,
    record.texts?.whatWeHeard,
    record.texts?.whatWeDid,
  ]);
  return { header: t.actions.header, rows };
}

function broadcastsTable(text: Text, labels: ExportLabels, records: readonly BroadcastRecord[]): Table {
  const t = text.exports.broadcasts;
  const rows = records.map((record): CsvCell[] => {
    const { counts } = record;
    const at = record.sentAt ?? record.scheduledFor ?? record.createdAt;
    return [
      text.formatDateTime(at, labels.timeZone),
      record.id,
      record.title,
      t.senders[record.senderRole] ?? record.senderRole,
      t.audiences[record.audience] ?? record.audience,
      record.units || '',
      t.states[record.state] ?? record.state,
      counts.total,
      counts.delivered,
      counts.pending + counts.sending,
      counts.blocked,
      counts.notFound,
      counts.tooLarge,
      counts.failed,
      counts.cancelled,
      counts.possiblyDuplicated,
      counts.acknowledged,
      counts.readAtLeast,
    ];
  });
  return { header: t.header, rows };
}

/** As the audit card says it: "Tried to see the audit log" for a refused permission, else the act. */
function auditWhat(text: Text, action: string): string {
  if (allActions.includes(action as Action))
    return text.audit.attempted(text.refusals.what[action as Action]);
  return text.audit.actions[action] ?? action;
}

function auditTable(text: Text, labels: ExportLabels, records: readonly AuditRecord[]): Table {
  const t = text.exports.audit;
  const nameOf = (id: string, name: string | undefined) =>
    id === 'system' ? text.audit.system : (name ?? t.unknownName);
  const rows = records.map((record): CsvCell[] => [
    text.formatDateTime(record.at, labels.timeZone),
    record.at,
    record.actor,
    nameOf(record.actor, record.actorName),
    record.action,
    auditWhat(text, record.action),
    text.audit.outcomes[record.outcome],
    record.targets.join('; '),
    record.targets.map((id, i) => nameOf(id, record.targetNames[i])).join('; '),
  ]);
  return { header: t.header, rows };
}

export function exportTable(text: Text, labels: ExportLabels, file: ExportFile): Table {
  switch (file.kind) {
    case 'results':
      return resultsTable(text, labels, file.records);
    case 'actions':
      return actionsTable(text, labels, file.records);
    case 'broadcasts':
      return broadcastsTable(text, labels, file.records);
    case 'audit':
      return auditTable(text, labels, file.records);
    case 'boardPack':
      return boardPackTable(text, labels, file.packs, file.period);
  }
}

/** The file's CSV text. */
export function exportCsv(text: Text, labels: ExportLabels, file: ExportFile): string {
  const table = exportTable(text, labels, file);
  return toCsv(table.header, table.rows);
}
