// The one CSV writer: papaparse with a formula guard that also catches what papaparse's own rule misses.
import { describe, expect, it } from '@jest/globals';
import Papa from 'papaparse';
import { FORMULA_START, toCsv } from '../../src/domain/csv.js';

/** The cells of a CSV text as a spreadsheet would read them (papaparse's parser, which undoes quoting). */
const cellsOf = (csv: string): string[][] =>
  Papa.parse<string[]>(csv, { newline: '\r\n', skipEmptyLines: true }).data;

const oneCell = (value: string) => cellsOf(toCsv(['value'], [[value]]))[1]![0]!;

describe('toCsv: cells a spreadsheet would run as formulas', () => {
  it.each([
    ['=1+1', 'equals'],
    ['+1+1', 'plus'],
    ['-2+3', 'minus'],
    ['@SUM(A1:A9)', 'at sign'],
    ['\t=1+1', 'tab'],
    ['\r=1+1', 'carriage return'],
    ['\n=1+1', 'line feed'],
    [' =1+1', 'a space before ='],
    ['   +1', 'spaces before +'],
    ['\u00a0=1+1', 'a non-breaking space before ='],
    ['\t\t@x', 'tabs before @'],
    ['=HYPERLINK("https://evil.example","Click")', 'a hyperlink formula'],
    ['=1+1\nsecond line', 'a formula on several lines'],
    ['\uff1d1+1', 'a full-width equals sign'],
    ['\ufeff=1+1', 'a byte order mark before ='],
  ])('disarms %j (%s) with a leading quote, and keeps the rest as it was', (value) => {
    expect(oneCell(value)).toBe(`'${value}`);
  });

  it.each(['Ward 7', '1+1=2', 'a-b', 'name@example', '£12.50', 'Zoë O’Neill', '3 - 2'])(
    'leaves %j alone',
    (value) => {
      expect(oneCell(value)).toBe(value);
    },
  );

  it('covers more than papaparse’s own rule, which misses a formula on several lines and a leading space', () => {
    const papaparse = (value: string) => Papa.unparse([[value]], { escapeFormulae: true });
    expect(papaparse('=1+1')).toBe(`"'=1+1"`);
    expect(papaparse('\t=1')).toBe(`"'\t=1"`);
    expect(papaparse('=1+1\nx')).toBe(`"=1+1\nx"`);
    expect(papaparse(' =1+1')).toBe(`" =1+1"`);
    expect(FORMULA_START.test('=1+1\nx')).toBe(true);
    expect(FORMULA_START.test(' =1+1')).toBe(true);
  });

  it('writes numbers and booleans as they are: a negative number is a number, not a formula', () => {
    expect(toCsv(['a', 'b', 'c', 'd'], [[-3, 0, true, undefined]])).toBe('a,b,c,d\r\n-3,0,true,\r\n');
  });
});

describe('toCsv: the shape of the text', () => {
  it('quotes commas, quotes and line breaks, ends every line with CRLF, and adds no byte order mark', () => {
    const csv = toCsv(
      ['unit', 'note'],
      [
        ['Ward 7, east', 'said "yes"'],
        ['Ward 9', 'two\r\nlines'],
        ['Ward 10', null],
      ],
    );
    expect(csv).toBe('unit,note\r\n"Ward 7, east","said ""yes"""\r\nWard 9,"two\r\nlines"\r\nWard 10,\r\n');
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
    expect(cellsOf(csv)).toEqual([
      ['unit', 'note'],
      ['Ward 7, east', 'said "yes"'],
      ['Ward 9', 'two\r\nlines'],
      ['Ward 10', ''],
    ]);
  });

  it('writes the header alone when there are no rows', () => {
    expect(toCsv(['a', 'b'], [])).toBe('a,b\r\n');
  });

  it('refuses a row that does not match the header, rather than shifting columns', () => {
    expect(() => toCsv(['a', 'b'], [['1']])).toThrow(/row 1 has 1 cells, the header has 2/);
  });
});
