// Hostile values for the fuzz suite: strings that break parsers, paths and regular expressions; values of every
// JSON type where another was expected; keys that are the names of Object.prototype's members; and raw bodies
// that are no activity at all (not JSON, truncated, over the size limit, nested ten thousand deep).
import fc from 'fast-check';
import { cycleIdOf, localDateOf, previousCycleId } from '../../src/domain/cycles.js';
import { TEAM } from './teams-activities.js';
import { PROTOTYPE_KEYS } from './fuzz-people.js';

/** Free text that must never reach a log line: the fuzz puts it in what people type. */
export const CANARY = 'canary-free-text-5f1e';

/** The keys card data and inputs use, so that a wrong value lands where a handler looks for a right one. */
export const DATA_KEYS = [
  ...[
    'cardId',
    'actionId',
    'broadcastId',
    'unitId',
    'unitIds',
    'cycleId',
    'page',
    'before',
    'newer',
    'below',
  ],
  ...['query', 'aadObjectId', 'admin', 'lead', 'managerOf', 'name', 'level', 'child', 'parent', 'principle'],
  ...['edit', 'awayUntil', 'title', 'message', 'audience', 'when', 'date', 'time', 'comment', 'tags', 'type'],
  ...['confirmWarnings', 'whatWeHeard', 'whatWeDid', 'owner', 'deputy', 'principles', 'answer', 'reason'],
] as const;

/** Strings that look like the ids, dates and names the bot trusts, or that break what handles them. */
const trickyStrings = [
  ...PROTOTYPE_KEYS,
  ...['', ' ', '\u0000', '\ud800', '\u202e', '..', '../../core', 'a/b', 'C:\\x', '%2e%2e', 'con', 'nul'],
  ...['${cardId}', '{{x}}', '<at>Patient Partnership</at>', '<script>', 'true', 'false', 'null', '[]'],
  ...['2026-W48', '2026-W00', '2026-11-00000000', '2026-13-x', '2026-11', '2026-11-23', '9999-12-31'],
  ...['cycle', 'latest', TEAM.id, 'aad-priya', 'aad-sam', 'aad-ola', 'everyone', 'unit', 'organisation'],
  ...['999 000 0018', 'someone@example.nhs.uk'],
  ...['x'.repeat(100), 'x'.repeat(101), 'x'.repeat(201), 'x'.repeat(1_001)],
];

/** This week's cycle, which the fuzz opens, and last week's, which it never did. */
const thisCycle = cycleIdOf(localDateOf(new Date(), 'Europe/London'));
const thisMonth = new Date().toISOString().slice(0, 7);

/**
 * For each key card data uses, values a handler would accept, or nearly: with these, random data gets past
 * the first check of each verb (its zod schema) and reaches the lookups and services behind it.
 */
const likelyValues: Partial<Record<(typeof DATA_KEYS)[number], fc.Arbitrary<unknown>>> = {
  cardId: fc.uuid(),
  actionId: fc.constantFrom(`${thisMonth}-${'0'.repeat(8)}`, `${thisMonth}-x`, '2026-13-x'),
  broadcastId: fc.oneof(fc.uuid(), fc.constantFrom('b1', '__proto__', 'constructor')),
  unitId: fc.constantFrom(TEAM.id, ...PROTOTYPE_KEYS, 'cycle', 'latest'),
  cycleId: fc.constantFrom(thisCycle, previousCycleId(thisCycle), '2026-W00'),
  principle: fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'constructor'),
  aadObjectId: fc.constantFrom('aad-priya', 'aad-sam', 'aad-ola', ...PROTOTYPE_KEYS),
  page: fc.constantFrom(0, 1, 999, -1, 1.5),
  level: fc.constantFrom('unit', 'organisation', 'place', 'ics', 'constructor'),
  admin: fc.constantFrom('true', 'false', true),
  lead: fc.constantFrom('true', 'false', 1),
  managerOf: fc.constantFrom(TEAM.id, `${TEAM.id},constructor`, ''),
  child: fc.constantFrom(TEAM.id, ...PROTOTYPE_KEYS),
  parent: fc.constantFrom(TEAM.id, ...PROTOTYPE_KEYS),
  awayUntil: fc.constantFrom('2026-12-24', '2026-02-30', 'tomorrow'),
};

/** Up to 100,000 characters: big, and still under the body limit, so it reaches the handlers. */
const longString = fc
  .tuple(fc.integer({ min: 3, max: 5 }), fc.constantFrom('y', '9', ' ', '\u00e9', '\u{1f600}', 'a '))
  .map(([power, unit]) => unit.repeat(10 ** power / unit.length));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.string({ unit: 'binary' }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme' }) },
  { weight: 3, arbitrary: fc.constantFrom(...trickyStrings) },
  { weight: 1, arbitrary: longString },
);

/** What a person types into a box: anything, marked so that a log line repeating it is caught. */
export const freeText: fc.Arbitrary<string> = hostileString.map((text) => `${text} ${CANARY}`);

const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(-0, -1, 0, 1.5, 1e308, 2 ** 53 + 1, 1_000, 1_001),
);

export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(...PROTOTYPE_KEYS),
  fc.constantFrom(...DATA_KEYS),
);

/** Any JSON value, shallow, built from the values above: wrong types, arrays where objects belong, and so on. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileKey, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** What the issue asks for as well: fast-check's own `anything`, with prototype names among its keys. */
export const anything: fc.Arbitrary<unknown> = fc.anything({
  key: hostileKey,
  maxDepth: 3,
  withNullPrototype: true,
  withObjectString: true,
});

/** Adds `__proto__`, `constructor` and `prototype` as own keys to every object inside `value`. */
export function withPrototypeKeys(value: unknown, payload: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => withPrototypeKeys(item, payload));
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = withPrototypeKeys(item, payload);
  for (const key of ['__proto__', 'constructor', 'prototype'])
    Object.defineProperty(copy, key, {
      value: payload,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return copy;
}

/** Ten thousand levels of arrays or objects, as text (JSON.stringify would itself overflow on some). */
export const deepJson = (levels: number, open: string, close: string, inner = '1') =>
  open.repeat(levels) + inner + close.repeat(levels);

/** A raw request body: the text as sent, and its content type. */
export type RawBody = { body: string; contentType: string };

/** Bodies that are no activity at all; `activity` is a well-formed one, to be cut short or smothered. */
export function rawBodies(activity: Record<string, unknown>): fc.Arbitrary<RawBody> {
  const json = JSON.stringify(activity);
  const asJson = (body: string): RawBody => ({ body, contentType: 'application/json' });
  return fc.oneof(
    fc.string({ unit: 'binary' }).map(asJson),
    fc.jsonValue().map((value) => asJson(JSON.stringify(value) ?? 'null')),
    fc.nat({ max: json.length - 1 }).map((length) => asJson(json.slice(0, length))),
    fc.constantFrom('[', '{', '"', '{"type":', '\ufeff{}', 'null', '1e999', '{"a":1}{"b":2}').map(asJson),
    fc
      .constantFrom(['[', ']'], ['{"a":', '}'])
      .map(([open, close]) => asJson(deepJson(10_000, open!, close!))),
    fc
      .constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x')
      .map((contentType) => ({ body: 'type=message&text=help', contentType })),
  );
}

/**
 * A well-formed activity smothered or mislabelled: a value nested ten thousand deep, prototype names as keys at
 * every level, or sent as another content type. Each may be served or refused, never answered 5xx.
 */
export function smotheredBodies(activity: Record<string, unknown>): fc.Arbitrary<RawBody> {
  const json = JSON.stringify(activity);
  const deep = (open: string, close: string) =>
    json.replace(/}$/, `,"value":${deepJson(10_000, open, close)}}`);
  const asJson = (body: string): RawBody => ({ body, contentType: 'application/json' });
  const claimsAdmin = { ...activity, from: { ...(activity.from as object), isAdmin: true } };
  return fc.oneof(
    fc.constantFrom(deep('{"v":', '}'), deep('[', ']'), deep('{"__proto__":', '}')).map(asJson),
    fc
      .tuple(fc.constantFrom<unknown>({ polluted: true }, { type: 'invoke' }, null, 'x', []), fc.boolean())
      .map(([payload, admin]) =>
        asJson(JSON.stringify(withPrototypeKeys(admin ? claimsAdmin : activity, payload))),
      ),
    fc
      .constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/json; charset=utf-16',
        'application/xml',
        '',
      )
      .map((contentType) => ({ body: json, contentType })),
  );
}

/** Over the body limit: a million characters and more, as one string and inside an activity. */
export function hugeBodies(activity: Record<string, unknown>): RawBody[] {
  const megabyte = 1024 * 1024;
  return [
    { body: `"${'x'.repeat(megabyte + 1)}"`, contentType: 'application/json' },
    {
      body: JSON.stringify({ ...activity, text: 'y'.repeat(2 * megabyte) }),
      contentType: 'application/json',
    },
    { body: deepJson(megabyte, '[', ']'), contentType: 'application/json' },
    { body: 'z'.repeat(megabyte + 7), contentType: 'text/plain' },
  ];
}

/** Card data with the keys handlers read, each likely to pass or nearly, or holding anything at all. */
export const likelyData: fc.Arbitrary<Record<string, unknown>> = fc.record(
  Object.fromEntries(
    DATA_KEYS.map((key) => [
      key,
      fc.oneof({ weight: 3, arbitrary: likelyValues[key] ?? hostileString }, hostileValue),
    ]),
  ),
  { requiredKeys: [] },
);
