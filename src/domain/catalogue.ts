// The measure catalogue: the six principles, their staff pulse questions and the measures owners answer.
// It is data (reference-data/catalogue.json) so an organisation can replace it without code changes; this
// schema is what keeps a replacement safe to load.
//
// How the built-in file gives each measure its level (one owner answers each, so the level decides who):
// - organisation: facts held by a central function or about the whole body: board and committee seats,
//   patient partners and Patient Safety Partners, policies, publications, the interpreting contract,
//   training records, national and cross-service surveys, complaints, impact assessments, VCSE agreements,
//   the partner pool and system-wide work. Asking every unit would count the same fact many times.
// - unit: facts a ward or team sees in its own work: its meetings' papers, its record and letter audits,
//   its consultations (CollaboRATE), its Friends and Family Test return, its forums, and the barriers and
//   changes raised by its own involvement. The four computed measures are unit too: they are counted from
//   the unit's own action log and summed upward, so an organisation figure is never entered by hand.
import { z } from 'zod';

export const PrincipleId = z.enum(['p1', 'p2', 'p3', 'p4', 'p5', 'p6']);
export type PrincipleId = z.infer<typeof PrincipleId>;
export const Scale = z.enum(['maturity', 'yesNo', 'count', 'percent']);
export type Scale = z.infer<typeof Scale>;
export const Cadence = z.enum(['weekly', 'monthly', 'quarterly']);
export type Cadence = z.infer<typeof Cadence>;
export const MeasureLevel = z.enum(['organisation', 'unit']);
export type MeasureLevel = z.infer<typeof MeasureLevel>;

/** DOMAIN.md's four levels, which map onto the Equality Delivery System grades. */
export const maturityLevels = ['notStarted', 'planning', 'inProgress', 'embedded'] as const;

// A missing field and a wrong one need different fixes, so they get different messages.
const says = (wrong: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : wrong),
});
// Strict objects, because a misspelt optional field ("taget") would otherwise be dropped without a word.
const strictly = {
  error: (issue: { code?: string; input?: unknown; keys?: string[] }) =>
    issue.code === 'unrecognized_keys'
      ? `has unknown ${issue.keys?.length === 1 ? 'field' : 'fields'} ${issue.keys?.map((key) => `"${key}"`).join(', ')}`
      : issue.input === undefined
        ? 'is required'
        : 'must be an object',
};
const oneOf = (schema: { options: readonly string[] }) => says(`must be one of ${schema.options.join(', ')}`);
const text = (max?: number) => {
  const base = z.string(says('must be text')).min(1, 'must not be empty');
  return max === undefined ? base : base.max(max, `must be at most ${max} characters`);
};

export const Principle = z.strictObject(
  {
    id: z.enum(PrincipleId.options, oneOf(PrincipleId)),
    name: text(),
    /** "This week I …": one plain-English question about the person's own practice in the past week. */
    pulseQuestion: text(120),
  },
  strictly,
);
export type Principle = z.infer<typeof Principle>;

export const Measure = z.strictObject(
  {
    /** Database key and Adaptive Card input id, so it must never change once answers exist. */
    id: z
      .string(says('must be text'))
      .max(40, 'must be at most 40 characters')
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase letters, digits and single hyphens'),
    principle: z.enum(PrincipleId.options, oneOf(PrincipleId)),
    label: text(60),
    description: text(),
    level: z.enum(MeasureLevel.options, oneOf(MeasureLevel)),
    scale: z.enum(Scale.options, oneOf(Scale)),
    cadence: z.enum(Cadence.options, oneOf(Cadence)),
    /** Computed from the action log, never asked. */
    computed: z.boolean(says('must be true or false')),
    /** Local target: a whole-number percentage (0–100) for percent, a minimum for count; not allowed on maturity or yesNo. */
    target: z.number(says('must be a number')).optional(),
    evidence: z.string(says('must be text')),
  },
  strictly,
);
export type Measure = z.infer<typeof Measure>;

type Problem = { path: (string | number)[]; message: string };

// Maturity and yes/no already have status rules of their own (DOMAIN.md), so a number there means nothing.
function targetProblem(measure: Measure): string | undefined {
  const { target, scale } = measure;
  if (target === undefined) return undefined;
  if (scale === 'maturity' || scale === 'yesNo') return `is not allowed on a ${scale} measure`;
  if (!Number.isInteger(target) || target < 0) return 'must be a whole number, 0 or more';
  if (scale === 'percent' && target > 100) return 'must be a percentage from 0 to 100';
  return undefined;
}

/** The measures the bot can work out from the action log (action-measures.ts): only these may be computed. */
export const computedMeasureIds: readonly string[] = [
  'p5-activities',
  'p5-loop-closed',
  'p4-core20plus-reach',
  'p6-transition-input',
];

function catalogueProblems(principles: Principle[], measures: Measure[]): Problem[] {
  const problems: Problem[] = [];
  // With exactly p1..p6 listed, every measure's principle (already one of p1..p6) exists.
  const ids = principles.map((principle) => principle.id);
  if (ids.join() !== PrincipleId.options.join()) {
    const missing = PrincipleId.options.filter((id) => !ids.includes(id));
    const detail = missing.length > 0 ? ` (missing ${missing.join(', ')})` : '';
    problems.push({ path: ['principles'], message: `must be p1 to p6, once each, in order${detail}` });
  }
  const seen = new Set<string>();
  measures.forEach((measure, index) => {
    if (seen.has(measure.id)) problems.push({ path: ['measures', index, 'id'], message: 'is used twice' });
    seen.add(measure.id);
    const target = targetProblem(measure);
    if (target) problems.push({ path: ['measures', index, 'target'], message: target });
    if (measure.computed && !computedMeasureIds.includes(measure.id)) {
      const message = `can only be true for ${computedMeasureIds.join(', ')}: the bot cannot work out others`;
      problems.push({ path: ['measures', index, 'computed'], message });
    }
  });
  // A principle answered only by computed measures would never appear on an owner's card.
  principles.forEach((principle, index) => {
    if (!measures.some((measure) => measure.principle === principle.id && !measure.computed)) {
      const message = 'needs at least one measure that is asked, not computed';
      problems.push({ path: ['principles', index], message });
    }
  });
  return problems;
}

export const Catalogue = z
  .strictObject(
    {
      schemaVersion: z.literal(1, says('must be 1')),
      principles: z.array(Principle, says('must be a list')),
      measures: z.array(Measure, says('must be a list')),
    },
    strictly,
  )
  .superRefine((catalogue, ctx) => {
    for (const { path, message } of catalogueProblems(catalogue.principles, catalogue.measures)) {
      ctx.addIssue({ code: 'custom', path, message });
    }
  });
export type Catalogue = z.infer<typeof Catalogue>;

// Names the measure or principle by its id where the file gives one, so the operator can search for it.
function locate(json: unknown, path: readonly PropertyKey[]): string {
  const [list, index, ...field] = path.map((key) => (typeof key === 'symbol' ? String(key) : key));
  if ((list !== 'measures' && list !== 'principles') || typeof index !== 'number') {
    return path.length > 0 ? path.map(String).join('.') : 'catalogue';
  }
  const item = (json as Record<string, unknown[]>)[list]?.[index] as { id?: unknown } | undefined;
  const kind = list === 'measures' ? 'measure' : 'principle';
  const name = typeof item?.id === 'string' && item.id !== '' ? `"${item.id}"` : `${index + 1}`;
  return `${kind} ${name}:${field.length > 0 ? ` ${field.join('.')}` : ''}`;
}

/** Parses a catalogue, with problems that name the measure and field: 'measure "p1-partner-seats": scale must be one of maturity, yesNo, count, percent'. */
export function parseCatalogue(
  json: unknown,
): { ok: true; catalogue: Catalogue } | { ok: false; problems: string[] } {
  const result = Catalogue.safeParse(json);
  if (result.success) return { ok: true, catalogue: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => `${locate(json, issue.path)} ${issue.message}`),
  };
}

/** The principle's measures in file order, which is the order owners see them on the card. */
export function measuresOf(catalogue: Catalogue, principle: PrincipleId): Measure[] {
  return catalogue.measures.filter((measure) => measure.principle === principle);
}
