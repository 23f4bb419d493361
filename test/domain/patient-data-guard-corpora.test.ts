// The guard measured against two committed corpora (guard-corpora/), written before the guard was tuned:
// synthetic identifiers in the formats people type, which it must block, and ordinary sentences staff write,
// which it must leave alone. The thresholds are the issue's: at least 99% of identifiers blocked; at most 2% of
// benign sentences blocked and at most 10% warned, each counted separately. The rates are in the test names and
// a single summary lists every miss, so a change in either direction shows up in the test output.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import {
  checkText,
  isValidNhsNumber,
  type GuardResult,
  type GuardRule,
} from '../../src/domain/patient-data-guard.js';

const kinds = ['nhsNumber', 'chi', 'hc', 'email', 'phone', 'postcode', 'niNumber'] as const;
type Kind = (typeof kinds)[number];
// The rule that should catch each kind; CHI and H&C numbers are ten digits, like an NHS number.
const ruleFor: Record<Kind, GuardRule> = {
  nhsNumber: 'nhsNumber',
  chi: 'nhsNumber',
  hc: 'nhsNumber',
  email: 'email',
  phone: 'phone',
  postcode: 'postcode',
  niNumber: 'niNumber',
};

type Parsed = { line: number; raw: string; value: unknown };
function readCorpus(name: string): Parsed[] {
  const raw = readFileSync(new URL(`./guard-corpora/${name}`, import.meta.url), 'utf8');
  return raw
    .split('\n')
    .map((text, index) => ({ line: index + 1, raw: text }))
    .filter(({ raw: text }) => text !== '')
    .map(({ line, raw: text }) => {
      try {
        return { line, raw: text, value: JSON.parse(text) as unknown };
      } catch {
        return { line, raw: text, value: undefined };
      }
    });
}
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isIdentifier = (value: unknown): value is { text: string; kind: Kind } =>
  isRecord(value) &&
  Object.keys(value).sort().join() === 'kind,text' &&
  typeof value.text === 'string' &&
  value.text !== '' &&
  (kinds as readonly unknown[]).includes(value.kind);
const isBenign = (value: unknown): value is { text: string } =>
  isRecord(value) &&
  Object.keys(value).join() === 'text' &&
  typeof value.text === 'string' &&
  value.text !== '';

const identifierLines = readCorpus('identifiers.jsonl');
const benignLines = readCorpus('benign.jsonl');
const identifiers = identifierLines.map(({ value }) => value).filter(isIdentifier);
const benign = benignLines.map(({ value }) => value).filter(isBenign);

const percent = (count: number, total: number): string =>
  total === 0 ? 'n/a' : `${((100 * count) / total).toFixed(1)}%`;
const describeResult = ({ blocked, warnings }: GuardResult): string =>
  [
    blocked.length > 0 ? `blocked ${blocked.join(', ')}` : '',
    warnings.length > 0 ? `warned ${warnings.join(', ')}` : '',
  ]
    .filter((part) => part !== '')
    .join('; ') || 'nothing';

// ---- Measure, once ----------------------------------------------------------------------------------------------

const identifierResults = identifiers.map((item) => ({ ...item, result: checkText(item.text) }));
const identifierMisses = identifierResults.filter(({ result }) => result.blocked.length === 0);
const identifierBlockedRate = (identifiers.length - identifierMisses.length) / identifiers.length;
const perKind = kinds.map((kind) => {
  const ofKind = identifierResults.filter((item) => item.kind === kind);
  return {
    kind,
    total: ofKind.length,
    blocked: ofKind.filter(({ result }) => result.blocked.length > 0).length,
    byOwnRule: ofKind.filter(({ result }) => result.blocked.includes(ruleFor[kind])).length,
  };
});
// Blocked, but not by the rule meant for that kind: counted as blocked, listed so it is not mistaken for a catch.
const blockedByAnotherRule = identifierResults.filter(
  ({ kind, result }) => result.blocked.length > 0 && !result.blocked.includes(ruleFor[kind]),
);

const benignResults = benign.map((item) => ({ ...item, result: checkText(item.text) }));
const benignBlocked = benignResults.filter(({ result }) => result.blocked.length > 0);
const benignWarned = benignResults.filter(({ result }) => result.warnings.length > 0);
const benignBlockedRate = benignBlocked.length / benign.length;
const benignWarnedRate = benignWarned.length / benign.length;
const countRules = (results: { result: GuardResult }[], pick: (result: GuardResult) => GuardRule[]): string =>
  Object.entries(
    results
      .flatMap(({ result }) => pick(result))
      .reduce<Record<string, number>>((counts, rule) => ({ ...counts, [rule]: (counts[rule] ?? 0) + 1 }), {}),
  )
    .map(([rule, count]) => `${rule} ${count}`)
    .join(', ') || 'none';

const show = (text: string): string => JSON.stringify(text);
const identifiersSummary = `${identifiers.length - identifierMisses.length}/${identifiers.length} blocked (${percent(
  identifiers.length - identifierMisses.length,
  identifiers.length,
)})`;
const kindsSummary = perKind
  .map(({ kind, total, blocked }) => `${kind} ${blocked}/${total} (${percent(blocked, total)})`)
  .join(', ');
const benignBlockedSummary = `${benignBlocked.length}/${benign.length} blocked (${percent(benignBlocked.length, benign.length)})`;
const benignWarnedSummary = `${benignWarned.length}/${benign.length} warned (${percent(benignWarned.length, benign.length)})`;

console.log(
  [
    'Patient-data guard against the committed corpora',
    `Identifiers: ${identifiersSummary}`,
    ...perKind.map(
      ({ kind, total, blocked, byOwnRule }) =>
        `  ${kind.padEnd(9)} ${blocked}/${total} blocked (${percent(blocked, total)}), ` +
        `${byOwnRule} by the ${ruleFor[kind]} rule`,
    ),
    `  Not blocked (${identifierMisses.length}):`,
    ...identifierMisses.map(
      ({ kind, text, result }) => `    [${kind}] ${show(text)} → ${describeResult(result)}`,
    ),
    `  Blocked by another rule than the one meant for the kind (${blockedByAnotherRule.length}):`,
    ...blockedByAnotherRule.map(
      ({ kind, text, result }) => `    [${kind}] ${show(text)} → ${describeResult(result)}`,
    ),
    `Benign sentences: ${benignBlockedSummary}, ${benignWarnedSummary}`,
    `  Rules that blocked: ${countRules(benignBlocked, (result) => result.blocked)}`,
    `  Rules that warned: ${countRules(benignWarned, (result) => result.warnings)}`,
    `  Blocked (${benignBlocked.length}):`,
    ...benignBlocked.map(({ text, result }) => `    ${show(text)} → ${describeResult(result)}`),
    `  Warned (${benignWarned.length}):`,
    ...benignWarned.map(({ text, result }) => `    ${show(text)} → ${describeResult(result)}`),
  ].join('\n'),
);

// ---- The corpora themselves -------------------------------------------------------------------------------------

describe('the guard corpora', () => {
  it.each([
    ['identifiers.jsonl', identifierLines, isIdentifier],
    ['benign.jsonl', benignLines, isBenign],
  ] as const)('every line of %s is a JSON object with the expected fields', (_name, lines, isValid) => {
    expect(lines.filter(({ value }) => !isValid(value)).map(({ line, raw }) => `${line}: ${raw}`)).toEqual(
      [],
    );
  });

  it.each([
    ['identifiers.jsonl', identifierLines],
    ['benign.jsonl', benignLines],
  ] as const)('%s has at least 300 lines and no duplicates', (_name, lines) => {
    expect(lines.length).toBeGreaterThanOrEqual(300);
    const texts = lines.map(({ value }) => (isRecord(value) ? value.text : undefined));
    const duplicated = (items: unknown[]) => items.filter((item, index) => items.indexOf(item) !== index);
    expect(duplicated(lines.map(({ raw }) => raw))).toEqual([]);
    expect(duplicated(texts)).toEqual([]);
  });

  it('has identifiers of every kind', () => {
    expect(perKind.filter(({ total }) => total < 15).map(({ kind }) => kind)).toEqual([]);
  });

  // Synthetic by construction: an NHS, CHI or H&C number written in ASCII (or digits NFKC turns into ASCII)
  // either fails the Modulus 11 check or is in the never-issued 999 range or is the published example.
  it('uses no ten-digit number that could have been issued', () => {
    const issuable = identifiers
      .filter(({ kind }) => ruleFor[kind] === 'nhsNumber')
      .map(({ text }) => text.normalize('NFKC').replace(/[^0-9]/g, ''))
      .filter((digits) => isValidNhsNumber(digits) && !digits.startsWith('999') && digits !== '9434765919');
    expect(issuable).toEqual([]);
  });
});

// ---- The measurements -------------------------------------------------------------------------------------------

describe('the guard against the corpora', () => {
  it(`identifiers: ${identifiersSummary}; ${kindsSummary}; at least 99% required`, () => {
    expect(
      identifierBlockedRate >= 0.99 ? [] : identifierMisses.map(({ kind, text }) => `[${kind}] ${text}`),
    ).toEqual([]);
  });

  it(`benign sentences: ${benignBlockedSummary}; at most 2% allowed`, () => {
    expect(
      benignBlockedRate <= 0.02
        ? []
        : benignBlocked.map(({ text, result }) => `${text} → ${describeResult(result)}`),
    ).toEqual([]);
  });

  it(`benign sentences: ${benignWarnedSummary}; at most 10% allowed`, () => {
    expect(
      benignWarnedRate <= 0.1
        ? []
        : benignWarned.map(({ text, result }) => `${text} → ${describeResult(result)}`),
    ).toEqual([]);
  });
});
