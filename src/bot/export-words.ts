// What every export file shares: the names it needs, a period in words, and counts of people as cells.
import { countWords } from '../cards/summary-cards.js';
import { formatLocalDate } from '../cards/pulse-cards.js';
import type { CsvCell } from '../domain/csv.js';
import type { ExportPeriod } from '../domain/export-periods.js';
import type { SmallCount } from '../domain/suppression.js';
import type { Text } from '../text/index.js';

export type ExportLabels = {
  principleNames: Readonly<Record<string, string>>;
  measureLabels: Readonly<Record<string, string>>;
  unitNames: ReadonlyMap<string, string>;
  /** The pulse threshold in force, for "fewer than 5". */
  anonymityMin: number;
  timeZone: string;
};

export type Table = { header: readonly string[]; rows: CsvCell[][] };

/** Empty cells, for columns a row does not use. */
export const blanks = (n: number): CsvCell[] => Array<CsvCell>(n).fill('');

/** A count of people as a file shows it: a number a spreadsheet can sum, or "fewer than 8". */
export const countCell = (text: Text, small: SmallCount | 'withheld'): CsvCell =>
  typeof small === 'number' ? small : countWords(text, small);

/** "Quarter 3 of 2026 to 2027: 1 October 2026 to 31 December 2026": a period in words. */
export function periodWords(text: Text, period: ExportPeriod): string {
  const t = text.exports;
  const [from, to] = [formatLocalDate(text, period.from), formatLocalDate(text, period.to)];
  const quarter = /^FY(\d{4})-Q(\d)$/.exec(period.id);
  return quarter ? t.quarter(Number(quarter[2]), Number(quarter[1]), from, to) : t.lastWeeks(from, to);
}

/** "Improving", "No clear change": a trend in words, capitalised as a cell of its own. */
export function trendWords(text: Text, trend: string): string {
  const words = text.summaries.trends[trend] ?? trend;
  return words.charAt(0).toUpperCase() + words.slice(1);
}
