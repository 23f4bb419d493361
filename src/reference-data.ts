// Reads the reference data files (the measure catalogue and the non-working days) and refuses
// to start on a bad one, naming the file and every problem, so an operator can fix it in one go.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCatalogue, type Catalogue } from './domain/catalogue.js';
import { Holidays } from './domain/cycles.js';

// Resolved from this module, not the working directory: src/ in development and dist/ after a build both
// sit one level below the project root, beside reference-data/.
export const builtInCatalogueFile = fileURLToPath(
  new URL('../reference-data/catalogue.json', import.meta.url),
);
export const builtInHolidaysFile = fileURLToPath(
  new URL('../reference-data/holidays-england-and-wales.json', import.meta.url),
);

export class ReferenceDataError extends Error {
  override readonly name = 'ReferenceDataError';
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
    what: string,
    fix: string,
  ) {
    super(
      `reference-data: ${file} ${what}:\n${problems.map((problem) => `  - ${problem}`).join('\n')}\n${fix}`,
    );
  }
}

// The built-in file ships with the bot, so the operator's fix for it is not the one for their own file.
const catalogueFix = (file: string) =>
  file === builtInCatalogueFile
    ? 'The built-in catalogue is damaged: reinstall the bot from its release package.'
    : 'Fix the file or unset CATALOGUE_FILE to use the built-in catalogue.';

function readJson(file: string, fix: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ReferenceDataError(file, [reason(error)], 'cannot be read', fix);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ReferenceDataError(file, [reason(error)], 'is not valid JSON', fix);
  }
}

const reason = (error: unknown): string => {
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  return typeof message === 'string' ? message : String(error);
};

/** The measure catalogue from `file`, or the built-in one; throws ReferenceDataError if it cannot be used. */
export function loadCatalogue(file: string = builtInCatalogueFile): Catalogue {
  const fix = catalogueFix(file);
  const parsed = parseCatalogue(readJson(file, fix));
  if (!parsed.ok) throw new ReferenceDataError(file, parsed.problems, 'is not a valid catalogue', fix);
  return parsed.catalogue;
}

/** The non-working days from `file`, or the built-in England and Wales bank holidays. */
export function loadHolidays(file: string = builtInHolidaysFile): Holidays {
  const fix =
    file === builtInHolidaysFile
      ? 'The built-in holidays file is damaged: reinstall the bot from its release package.'
      : 'Fix the file or unset HOLIDAYS_FILE to use the built-in England and Wales bank holidays.';
  const parsed = Holidays.safeParse(readJson(file, fix));
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'file'}: ${issue.message}`,
    );
    throw new ReferenceDataError(file, problems, 'is not a valid holidays file', fix);
  }
  return parsed.data;
}
