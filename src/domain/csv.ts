// Every export's CSV text, written by papaparse (a well-kept CSV library) rather than by hand: quoting of
// commas, quotes and line breaks, CRLF line ends, and cells a spreadsheet would run as formulas disarmed. The
// file's bytes (UTF-8 with a byte order mark, so Excel reads £ and accented names right) are the download
// route's business: this is the text.
import Papa from 'papaparse';

/** A cell: numbers and booleans are written as they are; empty for undefined and null. */
export type CsvCell = string | number | boolean | undefined | null;

/**
 * Cells a spreadsheet could read as a formula, prefixed with a quote so they show as text (OWASP's advice).
 * papaparse's own rule (`escapeFormulae: true`) is `/^[=+\-@\t\r].*$/`: `.` stops at a line break, so a cell
 * such as "=1+1\nx" slipped through it, and " =1+1" is read as a formula by spreadsheets that trim leading
 * spaces on import (Google Sheets, LibreOffice with "trim spaces"). So: a cell starting with a tab, carriage
 * return or line feed; or with any whitespace and then = + - @ or their full-width forms, which some
 * spreadsheets in East Asian locales read as the same signs. Over-escaping costs an apostrophe; a missed
 * formula can run a command or send data away.
 */
export const FORMULA_START = /^(?:[\t\r\n]|[\s\uFEFF]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;

/** The CSV text of a header and rows: CRLF line ends, a CRLF after the last row too, formulas disarmed. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const width = header.length;
  for (const [index, row] of rows.entries())
    if (row.length !== width)
      throw new Error(`csv: row ${index + 1} has ${row.length} cells, the header has ${width}. Pad it.`);
  const text = Papa.unparse([header as CsvCell[], ...(rows as CsvCell[][])], {
    newline: '\r\n',
    escapeFormulae: FORMULA_START,
  });
  return `${text}\r\n`;
}
