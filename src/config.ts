// The only reader of process.env. Parses the environment once into a frozen Config and refuses to start
// with a message that lists every bad variable, so an operator fixes them all in one go.
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { z } from 'zod';

const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const withDefault = <T extends z.ZodType>(schema: T, fallback: z.input<T>) =>
  z.preprocess(blankToUndefined, schema.prefault(fallback as never));

const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });

const list = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);

const timeZone = z.string().refine(isTimeZone, { error: 'must be an IANA time zone such as Europe/London' });

// Five-field cron, minute to day of week; the scheduler checks the meaning, this checks the shape.
const cron = z.string().regex(/^\s*\S+(\s+\S+){4}\s*$/, { error: 'must be a five-field cron expression' });

const dayNames = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const quietHours = z
  .string()
  .regex(
    /^(off|(Mon|Tue|Wed|Thu|Fri|Sat|Sun)-(Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d)$/,
    {
      error: 'must look like "Mon-Fri 08:00-18:00", or be "off"',
    },
  )
  .transform(parseQuietHours);

const envSchema = z.object({
  NODE_ENV: withDefault(z.enum(['development', 'test', 'production']), 'development'),
  HOST: withDefault(z.string(), '127.0.0.1'),
  PORT: withDefault(wholeNumber(0, 65535), 3978),
  DATA_DIR: withDefault(z.string(), './data'),
  BOT_ID: withDefault(z.string(), ''),
  BOT_PASSWORD: withDefault(z.string(), ''),
  BOT_TENANT_ID: withDefault(z.string(), ''),
  BOT_TYPE: withDefault(z.enum(['SingleTenant', 'UserAssignedMSI']), 'SingleTenant'),
  // Where incoming Bot Framework tokens are checked: for tests and sovereign clouds; empty in production.
  BOT_OPENID_METADATA_URL: optional(z.url({ error: 'must be a full URL to an OpenID metadata document' })),
  BOT_TOKEN_ISSUER: optional(z.string()),
  ALLOWED_TENANT_IDS: optional(list),
  ORG_TIME_ZONE: withDefault(timeZone, 'Europe/London'),
  ADMIN_AAD_IDS: withDefault(list, ''),
  CATALOGUE_FILE: optional(z.string()),
  HOLIDAYS_FILE: optional(z.string()),
  EVIDENCE_LINK_DOMAINS: withDefault(list, ''),
  CHECKIN_OPENS: withDefault(cron, '0 9 * * 1'),
  CHECKIN_NUDGE: withDefault(cron, '0 12 * * 3'),
  CHECKIN_CLOSES: withDefault(cron, '59 23 * * 0'),
  SUMMARY_POSTS: withDefault(cron, '0 8 * * 1'),
  ANONYMITY_MIN: withDefault(wholeNumber(3, 1000), 5),
  QUIET_HOURS: withDefault(quietHours, 'Mon-Fri 08:00-18:00'),
  SEND_RATE: withDefault(wholeNumber(1, 50), 30),
  RETENTION_MONTHS: withDefault(wholeNumber(1, 120), 24),
  PUBLIC_BASE_URL: optional(z.url({ error: 'must be a full URL such as https://bot.example.nhs.uk' })),
  STORE: withDefault(z.enum(['lowdb', 'postgres']), 'lowdb'),
  DATABASE_URL: optional(z.string()),
  // One schema holds every table; a plain name, as it travels unquoted in the connection's search_path.
  DATABASE_SCHEMA: withDefault(
    z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, {
      error: "must be a PostgreSQL schema name: lower-case letters, digits and '_' (at most 63)",
    }),
    'public',
  ),
  LOG_LEVEL: withDefault(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
});

// Rules across variables, checked on the raw strings so they are reported with the per-variable ones.
function crossFieldProblems(env: NodeJS.ProcessEnv): string[] {
  const value = (name: string) => env[name]?.trim() ?? '';
  const problems: string[] = [];
  if (!value('BOT_ID') && value('NODE_ENV') === 'production') {
    problems.push('BOT_ID is required when NODE_ENV=production (an empty BOT_ID means anonymous local mode)');
  }
  if (value('BOT_ID') && !value('BOT_TENANT_ID'))
    problems.push('BOT_TENANT_ID is required when BOT_ID is set');
  if (value('BOT_ID') && value('BOT_TYPE') !== 'UserAssignedMSI' && !value('BOT_PASSWORD')) {
    problems.push('BOT_PASSWORD is required for a SingleTenant bot');
  }
  if (value('STORE') === 'postgres' && !value('DATABASE_URL')) {
    problems.push('DATABASE_URL is required when STORE=postgres');
  }
  return problems;
}

export type QuietHours =
  { readonly days: readonly number[]; readonly from: string; readonly to: string } | 'off';

export type Config = Readonly<{
  env: 'development' | 'test' | 'production';
  host: string;
  port: number;
  dataDir: string;
  bot: Readonly<{
    id: string;
    password: string;
    tenantId: string;
    type: 'SingleTenant' | 'UserAssignedMSI';
    /** Overrides of the Bot Framework channel token checks (tests, sovereign clouds); unset in production. */
    openIdMetadataUrl: string | undefined;
    tokenIssuer: string | undefined;
  }>;
  /** Empty means any tenant: allowed only in anonymous local mode. */
  allowedTenantIds: readonly string[];
  orgTimeZone: string;
  adminAadIds: readonly string[];
  catalogueFile: string | undefined;
  holidaysFile: string | undefined;
  /** Domains evidence links may point at; empty allows any https link. */
  evidenceLinkDomains: readonly string[];
  schedule: Readonly<{
    checkinOpens: string;
    checkinNudge: string;
    checkinCloses: string;
    summaryPosts: string;
  }>;
  anonymityMin: number;
  quietHours: QuietHours;
  sendRate: number;
  retentionMonths: number;
  publicBaseUrl: string;
  store: Readonly<{ kind: 'lowdb' | 'postgres'; databaseUrl: string | undefined; databaseSchema: string }>;
  logLevel: string;
}>;

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `config: the environment has ${problems.length} problem(s); fix them in .env or the environment:\n` +
        problems.map((problem) => `  - ${problem}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  const problems = [
    ...(parsed.error?.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`) ?? []),
    ...crossFieldProblems(env),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  return deepFreeze({
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    dataDir: e.DATA_DIR,
    bot: {
      id: e.BOT_ID,
      password: e.BOT_PASSWORD,
      tenantId: e.BOT_TENANT_ID,
      type: e.BOT_TYPE,
      openIdMetadataUrl: e.BOT_OPENID_METADATA_URL,
      tokenIssuer: e.BOT_TOKEN_ISSUER,
    },
    allowedTenantIds: e.ALLOWED_TENANT_IDS ?? (e.BOT_TENANT_ID ? [e.BOT_TENANT_ID] : []),
    orgTimeZone: e.ORG_TIME_ZONE,
    adminAadIds: e.ADMIN_AAD_IDS,
    catalogueFile: e.CATALOGUE_FILE,
    holidaysFile: e.HOLIDAYS_FILE,
    evidenceLinkDomains: e.EVIDENCE_LINK_DOMAINS.map((domain) => domain.toLowerCase()),
    schedule: {
      checkinOpens: e.CHECKIN_OPENS,
      checkinNudge: e.CHECKIN_NUDGE,
      checkinCloses: e.CHECKIN_CLOSES,
      summaryPosts: e.SUMMARY_POSTS,
    },
    anonymityMin: e.ANONYMITY_MIN,
    quietHours: e.QUIET_HOURS,
    sendRate: e.SEND_RATE,
    retentionMonths: e.RETENTION_MONTHS,
    publicBaseUrl: e.PUBLIC_BASE_URL ?? `http://127.0.0.1:${e.PORT}`,
    store: { kind: e.STORE, databaseUrl: e.DATABASE_URL, databaseSchema: e.DATABASE_SCHEMA },
    logLevel: e.LOG_LEVEL,
  });
}

/** Local runs keep settings in a git-ignored .env; real environment variables win over it. */
export function withDotEnv(file: string, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  if (!existsSync(file)) return env;
  return { ...parseEnv(readFileSync(file, 'utf8')), ...env };
}

export const isAnonymous = (config: Config): boolean => config.bot.id === '';

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function parseQuietHours(value: string): QuietHours {
  if (value === 'off') return 'off';
  const [days = '', hours = ''] = value.split(' ');
  const [first, last] = days.split('-').map((day) => dayNames.indexOf(day as (typeof dayNames)[number]));
  const [from = '', to = ''] = hours.split('-');
  const span: number[] = [];
  for (let day = first ?? 1; span.length < 7; day = (day + 1) % 7) {
    span.push(day);
    if (day === last) break;
  }
  return { days: span, from, to };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
