// The board pack's words: one readable table per organisation (a `Section` column, then the item, its
// figure, status, trend and detail), so that it reads top to bottom when opened in a spreadsheet.
import { statusWords, valueWords } from '../cards/summary-cards.js';
import { formatLocalDate } from '../cards/pulse-cards.js';
import { STATUS_ORDER, type BoardPackPrinciple } from '../domain/board-pack.js';
import type { CsvCell } from '../domain/csv.js';
import type { ExportPeriod } from '../domain/export-periods.js';
import type { BoardPack } from '../services/export-data.js';
import type { Text } from '../text/index.js';
import { countCell, periodWords, trendWords, type ExportLabels, type Table } from './export-words.js';

const lowerFirst = (words: string) => words.charAt(0).toLowerCase() + words.slice(1);

function principleRow(text: Text, labels: ExportLabels, tile: BoardPackPrinciple): CsvCell[] {
  const t = text.exports.boardPack;
  const { pulse } = tile;
  const figure = pulse.shown
    ? t.pulse(pulse.percent, pulse.yes, pulse.applied)
    : text.exports.results.hidden[pulse.reason]!(labels.anonymityMin);
  const counts = STATUS_ORDER.filter((status) => tile.statusCounts[status]).map(
    (status) => `${tile.statusCounts[status]} ${lowerFirst(statusWords(text, status))}`,
  );
  const status = [
    ...(tile.maturity ? [t.maturity(text.checkins.maturityLevels[tile.maturity].name)] : []),
    counts.length > 0 ? t.statusCounts(counts.join(', ')) : text.summaries.noMeasures,
  ].join('. ');
  const worst = tile.mostOffTrack;
  const detail = [
    ...(worst ? [t.mostOffTrack(labels.measureLabels[worst] ?? worst)] : []),
    ...(tile.leftOut ? [text.exports.results.leftOut] : []),
  ].join('. ');
  return [
    t.sections.principle,
    labels.principleNames[tile.principle] ?? tile.principle,
    figure,
    status,
    trendWords(text, tile.trend),
    detail,
  ];
}

function packRows(text: Text, labels: ExportLabels, pack: BoardPack, period: ExportPeriod): CsvCell[][] {
  const t = text.exports.boardPack;
  const s = t.sections;
  const rows: CsvCell[][] = [[s.about, t.period, periodWords(text, period), '', '', '']];
  if (pack.week && pack.principles && pack.responseRate && pack.units) {
    const { answered, expected, percent } = pack.responseRate;
    rows.push(
      [
        s.about,
        t.week,
        formatLocalDate(text, pack.week.openingDay),
        '',
        '',
        [pack.week.cycleId, ...(pack.week.preview ? [text.exports.preview] : [])].join('. '),
      ],
      [s.about, t.units, pack.units.count, '', '', t.unitsDetail(pack.units.tooSmall)],
      [s.about, t.responses, t.responseRate(answered, expected, percent), '', '', ''],
      ...pack.principles.map((tile) => principleRow(text, labels, tile)),
    );
    for (const tile of pack.principles)
      for (const line of tile.measures)
        rows.push([
          s.measure,
          labels.measureLabels[line.measureId] ?? line.measureId,
          valueWords(text, line.status),
          statusWords(text, line.status.status),
          trendWords(text, line.trend.trend),
          labels.principleNames[tile.principle] ?? tile.principle,
        ]);
  } else rows.push([s.about, t.week, t.noWeek, '', '', '']);
  const { activity } = pack;
  rows.push(
    [s.activity, t.activities, activity.count, '', '', ''],
    [
      s.activity,
      t.deep,
      t.deepFigure(activity.deep.count, activity.deep.of, activity.deep.percent),
      '',
      '',
      '',
    ],
    [s.activity, t.people, countCell(text, activity.participants), '', '', ''],
    ...activity.byType.map((entry): CsvCell[] => [
      s.byType,
      text.actions.types[entry.type] ?? entry.type,
      entry.count,
      '',
      '',
      t.peopleDetail(String(countCell(text, entry.participants))),
    ]),
    ...activity.byDepth.map((entry): CsvCell[] => [
      s.byDepth,
      text.summaries.depthShort[entry.depth] ?? entry.depth,
      entry.count,
      '',
      '',
      '',
    ]),
    ...activity.highlights.map((highlight): CsvCell[] => [
      s.highlights,
      highlight.title,
      formatLocalDate(text, highlight.date),
      labels.unitNames.get(highlight.unitId) ?? '',
      '',
      t.highlight(highlight.whatWeHeard, highlight.whatWeDid),
    ]),
  );
  return rows;
}

export function boardPackTable(
  text: Text,
  labels: ExportLabels,
  packs: readonly BoardPack[],
  period: ExportPeriod,
): Table {
  const t = text.exports;
  const rows = packs.flatMap((pack) =>
    packRows(text, labels, pack, period).map((row) => [
      pack.organisation?.name ?? t.wholeOrganisation,
      ...row,
    ]),
  );
  return { header: t.boardPack.header, rows };
}
