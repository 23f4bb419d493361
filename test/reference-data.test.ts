import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  builtInCatalogueFile,
  builtInHolidaysFile,
  loadCatalogue,
  ReferenceDataError,
} from '../src/reference-data.js';

const dir = mkdtempSync(join(tmpdir(), 'reference-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};
const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const builtInText = readFileSync(builtInCatalogueFile, 'utf8');
const thrown = (load: () => unknown): ReferenceDataError => {
  try {
    load();
  } catch (error) {
    if (error instanceof ReferenceDataError) return error;
    throw error;
  }
  throw new Error('expected a ReferenceDataError');
};

describe('reference data', () => {
  it('points at the files shipped in reference-data/', () => {
    expect(builtInCatalogueFile).toMatch(/reference-data[/\\]catalogue\.json$/);
    expect(builtInHolidaysFile).toMatch(/reference-data[/\\]holidays-england-and-wales\.json$/);
    expect(existsSync(builtInCatalogueFile)).toBe(true);
  });

  it('loads the built-in catalogue by default', () => {
    expect(loadCatalogue().measures).toHaveLength(36);
  });

  it("loads an organisation's own file", () => {
    const json = JSON.parse(builtInText) as { measures: { id: string; target?: number }[] };
    json.measures.find((m) => m.id === 'p2-interpreting')!.target = 95;
    const file = write('own.json', JSON.stringify(json));
    expect(loadCatalogue(file).measures.find((m) => m.id === 'p2-interpreting')?.target).toBe(95);
  });

  it('names the file and the JSON error for a file that is not JSON', () => {
    const file = write('bad.json', '{ "schemaVersion": 1,');
    const error = thrown(() => loadCatalogue(file));
    expect(error.message).toMatch(new RegExp(`^reference-data: ${literally(file)} is not valid JSON:\n  - `));
    expect(error.message).toMatch(/Fix the file or unset CATALOGUE_FILE to use the built-in catalogue\.$/);
    expect(error.file).toBe(file);
  });

  it('lists every problem of an invalid catalogue, naming the measure', () => {
    const file = write(
      'invalid.json',
      builtInText
        .replace('"label": "Patient input activities held"', '"label": ""')
        .replace('"scale": "maturity"', '"scale": "stars"'),
    );
    const error = thrown(() => loadCatalogue(file));
    expect(error.message).toBe(
      [
        `reference-data: ${file} is not a valid catalogue:`,
        '  - measure "p1-payment-policy": scale must be one of maturity, yesNo, count, percent',
        '  - measure "p5-activities": label must not be empty',
        'Fix the file or unset CATALOGUE_FILE to use the built-in catalogue.',
      ].join('\n'),
    );
    expect(error.problems).toHaveLength(2);
  });

  it('names a missing file', () => {
    const file = join(dir, 'missing.json');
    const error = thrown(() => loadCatalogue(file));
    expect(error.message).toMatch(
      new RegExp(`^reference-data: ${literally(file)} cannot be read:\n  - no such file\n`),
    );
    expect(error.name).toBe('ReferenceDataError');
  });
});
