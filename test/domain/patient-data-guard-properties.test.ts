// Properties of the patient-data guard that no list of examples can show: it never throws and always answers in
// the promised shape, whatever the input; an identifier stays blocked whatever text surrounds it; and no input
// makes a pattern backtrack catastrophically (the bound: a 100 KB input takes well under a second).
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { performance } from 'node:perf_hooks';
import { blockingRules, checkText, warningRules } from '../../src/domain/patient-data-guard.js';

// Fixed seed so a failure can be replayed; numRuns kept modest so the suite stays fast.
const settings = { seed: 20260312, numRuns: 300 };

// Each rule at most once, only known rules, in the order of the published lists.
function expectWellFormed(text: string): void {
  const result = checkText(text);
  expect(Object.keys(result).sort()).toEqual(['blocked', 'warnings']);
  expect(result.blocked).toEqual(blockingRules.filter((rule) => result.blocked.includes(rule)));
  expect(result.warnings).toEqual(warningRules.filter((rule) => result.warnings.includes(rule)));
}

// Any code point at all, lone surrogates included (fast-check's 'binary' unit leaves those out).
const anyCodePoint = fc
  .integer({ min: 0, max: 0x10ffff })
  .map((codePoint) => String.fromCodePoint(codePoint));
// The characters the patterns care about, so that near-misses and overlaps come up often.
const interesting = fc.constantFrom(
  ...'0123456789',
  ' ',
  '  ',
  '\t',
  '\n',
  '\u00A0',
  '\u202F',
  '\u200B',
  '\u00AD',
  '-',
  '\u2013',
  '.',
  '/',
  ':',
  '(',
  ')',
  '(0)',
  '+',
  '+44',
  '0044',
  '@',
  "'",
  '%',
  'a',
  'z',
  'A',
  'LS',
  'sw1a',
  'ab',
  'C',
  'Mrs ',
  'Dr.',
  'Sister ',
  'Smith',
  'DOB',
  'born',
  'aged',
  'ward ',
  'bed ',
  'side room',
  'no.',
  'March',
  'may',
  '14th',
  'of',
  '２',
  '٣',
  '𝟗',
  '.test',
  '.nhs.example',
);
const mixed = fc.string({ unit: interesting, maxLength: 80 });

describe('checkText answers every input in the promised shape', () => {
  it.each([
    ['printable unicode graphemes', fc.string({ unit: 'grapheme', maxLength: 200 })],
    ['any code points except half surrogates', fc.string({ unit: 'binary', maxLength: 200 })],
    ['any code points, lone surrogates included', fc.string({ unit: anyCodePoint, maxLength: 200 })],
    ['ASCII with control characters', fc.string({ unit: 'binary-ascii', maxLength: 200 })],
    ['digits, separators, letters and the words the rules look for', mixed],
  ])('%s', (_name, strings) => {
    fc.assert(
      fc.property(strings, (text) => {
        expectWellFormed(text);
      }),
      settings,
    );
  });
});

describe('an identifier stays blocked whatever surrounds it', () => {
  // Any text, then a separator, the identifier, a separator and any text.
  const surroundings = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.string({ unit: 'grapheme', maxLength: 60 }),
    mixed,
  );
  const before = fc.constantFrom(' ', '\n', '\t', ' (', ': ', ' "', ' \u201C', '\u00A0');
  const after = fc.constantFrom(' ', '\n', '\t', ') ', '. ', ', ', '" ', '\u201D ', '.', ',', '\u00A0');

  // Ten digits, ASCII or full-width, with up to three separator characters between any two of them.
  const separator = fc.string({
    unit: fc.constantFrom(' ', '-', '.', '/', '\u00A0', '\u202F', '\u2013', '\u2009'),
    maxLength: 3,
  });
  const nhsNumber = fc
    .tuple(
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 10, maxLength: 10 }),
      fc.array(separator, { minLength: 9, maxLength: 9 }),
      fc.boolean(),
    )
    .map(([digits, separators, fullWidth]) =>
      digits
        .map((digit) => (fullWidth ? String.fromCodePoint(0xff10 + digit) : String(digit)))
        .map((digit, index) => digit + (separators[index] ?? ''))
        .join(''),
    );

  it('an NHS number, valid or not, in any spacing', () => {
    fc.assert(
      fc.property(surroundings, before, nhsNumber, after, surroundings, (head, open, number, close, tail) => {
        expect(checkText(`${head}${open}${number}${close}${tail}`).blocked).toContain('nhsNumber');
      }),
      settings,
    );
  });

  it.each([
    ['email', ['jo.bloggs@nhs.example', 'SAM+PANEL@MAIL.EXAMPLE.TEST', "d.o'brien@example.test"]],
    ['phone', ['07700 900123', '+44 (0)113 496 0000', '0044 20 7946 0000', '(01632) 960001']],
    ['postcode', ['LS7 4AB', 'sw1a1aa', 'M1  1AE', 'Cf10 2pn']],
    ['niNumber', ['MW 12 34 56 A', 'nc123456d', 'PP-12-34-56-C']],
  ] as const)('%s', (rule, examples) => {
    fc.assert(
      fc.property(
        surroundings,
        before,
        fc.constantFrom(...examples),
        after,
        surroundings,
        (head, open, identifier, close, tail) => {
          expect(checkText(`${head}${open}${identifier}${close}${tail}`).blocked).toContain(rule);
        },
      ),
      settings,
    );
  });
});

describe('no input makes a pattern backtrack catastrophically', () => {
  const size = 100_000;
  const fill = (tile: string): string => tile.repeat(Math.ceil(size / tile.length)).slice(0, size);
  // The bound, kept generous: this is to catch exponential or quadratic blow-ups, not to benchmark.
  const limitMs = 1000;
  const timed = (text: string): number => {
    const start = performance.now();
    checkText(text);
    return performance.now() - start;
  };
  checkText('warm up 999 000 0018 on 14/03/2026'); // compile the patterns outside the timings
  // Test names show invisible and non-ASCII characters as escapes.
  const visible = (text: string): string =>
    JSON.stringify(text).replace(
      /[^\x20-\x7E]/g,
      (char) => `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
    );

  it.each(
    [
      '1 ',
      '1-',
      '1.',
      '1/',
      '1\u00A0',
      '1 - ',
      '1\u200B',
      '12345678901 ',
      '7',
      '１',
      '٣',
      '1:',
      '10:30 ',
      '0',
      '0 (',
      '+44 ',
      '0044 (0) ',
      ' ',
      '\u00A0',
      '\u200B',
      '\t\n',
      'a',
      'a@',
      'a@a.',
      '@a.',
      'a.',
      "a'",
      'ab ',
      'Mrs ',
      'Mrs Smith ',
      'mrs. ',
      'Dr.',
      '12/03/2026 ',
      '12/03/',
      '1/1/',
      '1 march ',
      '14th of ',
      'DOB ',
      'DOB 12/03/1952 ',
      'born 1 may ',
      'aged 80, 12/03/2026 ',
      'ward 1 ',
      'bed 12a ',
      'side room ',
      'Ward 10 on 12/03/2026 ',
      'LS7 ',
      'LS7 4A',
      'ls74',
      'AB 12 34 56 ',
      'ab12',
      'Mrs Smith, DOB 14/03/1952, NHS 999 000 0018, jo@nhs.example, LS7 4AB, ward 7 ',
    ].map((tile) => [visible(tile), tile]),
  )('100 KB of %s', (_name, tile) => {
    expect(timed(fill(tile))).toBeLessThan(limitMs);
  });

  it.each([
    ['a run of letters, then an @ and more letters', `${'a'.repeat(size / 2)}@${'a'.repeat(size / 2)}`],
    ['a run of digits with one letter at the end', `${'1 '.repeat(size / 2)}x`],
    ['a long date list near one DOB', `DOB ${'14/03/1952 '.repeat(size / 11)}`],
  ])('100 KB of %s', (_name, text) => {
    expect(timed(text)).toBeLessThan(limitMs);
  });

  it('100 KB of any short pattern repeated', () => {
    fc.assert(
      fc.property(fc.string({ unit: interesting, minLength: 1, maxLength: 12 }), (tile) => {
        expect(timed(fill(tile))).toBeLessThan(limitMs);
      }),
      { ...settings, numRuns: 40 },
    );
  });
});
