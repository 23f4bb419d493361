// npm run bench [-- --only inbound,digest] [--store lowdb|postgres|all] [--quick] [--write] [--profile]
// Runs the benchmarks of issue 10 on synthetic data (generate.ts; cached under bench/.data), prints a table
// per benchmark with its ratio, goal and PASS or MISS, and writes bench/results.md after a full run at the
// issue's sizes (or with --write). Benchmarks are not tests: a missed goal prints MISS and the exit code
// stays 0. --quick uses small sizes and short rounds, for trying changes; --profile runs the bots of the
// inbound benchmarks (on both stores in the comparison) under `node --cpu-prof` (profiles in bench/.data/profiles; bench/profile-summary.ts
// prints where the time went).
// --store picks the stores (plan.ts): a plain run adds issue 11's comparison, inbound and delivery on
// PostgreSQL beside lowdb (postgres-section.ts), when a server answers at DATABASE_URL, and says it was skipped
// when none does; --store postgres runs the comparison alone.
import { execFileSync, type ExecFileSyncOptionsWithStringEncoding } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import {
  dataTable,
  digestTable,
  goals,
  goalsTable,
  inboundTable,
  memoryTable,
  startupTable,
  writeCostTable,
  type Results,
} from './bench-report.js';
import { deliverySection } from './delivery-section.js';
import { runDigest } from './digest.js';
import { CACHE_DIR, generated, type Generated } from './generate.js';
import { runInboundOnStores } from './inbound-stores.js';
import { runInbound } from './inbound.js';
import { runMemory } from './memory.js';
import { askedFor, isRefusal, withServer, type Benchmark } from './plan.js';
import { postgresProblem } from './postgres.js';
import { postgresSection, runDeliveryOnStores, type PostgresComparison } from './postgres-section.js';
import { machineFacts } from './report.js';
import { runStartup } from './startup.js';
import { runWriteCost } from './write-cost.js';

const RESULTS = new URL('./results.md', import.meta.url).pathname;

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    store: { type: 'string' },
    quick: { type: 'boolean', default: false },
    write: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
  },
});
const asked = askedFor(values);
const plan =
  isRefusal(asked) || asked.postgres.length === 0 ? asked : withServer(asked, await postgresProblem());
if (isRefusal(plan)) {
  process.stderr.write(`bench: ${plan.refused}\n`);
  process.exit(plan.exitCode);
}
if (plan.skipped) process.stderr.write(`bench: skipping the PostgreSQL comparison: ${plan.skipped}\n`);
const runs = (name: Benchmark) => plan.lowdb.includes(name);
const onPostgres = (name: Benchmark) => plan.postgres.includes(name);
const quick = values.quick;
const sizes = quick
  ? { staff: 1_000, small: 300, weeks: 4, deliveryPeople: 1_000, deliveryRate: 200 }
  : { staff: 10_000, small: 1_000, weeks: 52, deliveryPeople: 10_000, deliveryRate: 500 };
const log = (line: string) => process.stderr.write(`${line}\n`);

const started = performance.now();
const data = async (staff: number, weeks: number): Promise<Generated> => {
  const found = await generated(staff, weeks, { log });
  log(
    `bench: data for ${staff} staff, ${weeks} week(s): ${found.cached ? 'cached' : `generated in ${found.manifest.seconds} s`}`,
  );
  return found;
};
const needsLarge = ['inbound', 'write-cost', 'startup', 'digest', 'memory'].some((name) =>
  runs(name as Benchmark),
);
const large = needsLarge ? await data(sizes.staff, sizes.weeks) : undefined;
const short = runs('write-cost') || onPostgres('inbound') ? await data(sizes.staff, 1) : undefined;
const small = runs('digest') ? await data(sizes.small, sizes.weeks) : undefined;
const generatedSeconds = (performance.now() - started) / 1_000;

const results: Results = {};
const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
  log(`bench: ${name}…`);
  const at = performance.now();
  const result = await work();
  log(`bench: ${name} took ${((performance.now() - at) / 1_000).toFixed(0)} s`);
  return result;
};
const profiles = join(CACHE_DIR, 'profiles');
if (values.profile) await mkdir(profiles, { recursive: true });
const inboundOptions = {
  rounds: 3,
  seconds: quick ? 4 : 10,
  warmUpSeconds: quick ? 2 : 3,
  connections: 50,
  nodeArgs: values.profile ? ['--cpu-prof', `--cpu-prof-dir=${profiles}`] : [],
};
if (large && runs('inbound'))
  results.inbound = await step('inbound', () => runInbound(large, inboundOptions));
if (large && short && runs('write-cost'))
  results.writeCost = await step('write-cost', () =>
    runWriteCost(short, large, { rounds: 6, writesPerRound: quick ? 10 : 20 }),
  );
if (large && runs('startup')) results.startup = await step('startup', () => runStartup(large, { rounds: 3 }));
if (large && small && runs('digest'))
  results.digest = await step('digest', () => runDigest(large, small, { rounds: 2 }));
if (large && runs('memory'))
  results.memory = await step('memory', () =>
    runMemory(large, { rounds: 2, submissions: quick ? 100 : 200, connections: 50 }),
  );
const delivery = runs('delivery')
  ? await step('delivery', () => deliverySection(sizes.deliveryPeople, sizes.deliveryRate, log))
  : undefined;
const comparison: PostgresComparison = {};
if (short && onPostgres('inbound'))
  comparison.inbound = await step('inbound on PostgreSQL and lowdb', () =>
    runInboundOnStores(short, inboundOptions),
  );
if (onPostgres('delivery'))
  comparison.delivery = await step('delivery on PostgreSQL and lowdb', () =>
    runDeliveryOnStores(sizes.deliveryPeople, sizes.deliveryRate, log),
  );

const seconds = (performance.now() - started) / 1_000;
const report = [
  '# Benchmarks',
  `Run ${new Date().toISOString()} in ${(seconds / 60).toFixed(1)} minutes (${generatedSeconds.toFixed(0)} s of it finding or generating the data). ` +
    `Commit ${commit()}. ${machineFacts().join('. ')}.`,
  ...storeSections(),
  ...(delivery ? [delivery] : []),
  ...(plan.postgres.length > 0 || plan.skipped ? [postgresSection(plan.skipped ?? comparison)] : []),
  '## How to rerun',
  '`npm run bench` runs everything: about 11 minutes on a quiet 2-CPU machine, of which about 1.5 generate ' +
    'the data the first time in a week (cached in bench/.data after that), plus about 7 minutes for the ' +
    'PostgreSQL comparison when a server answers at DATABASE_URL, and up to twice as long while other work ' +
    'shares the machine. `-- --only inbound,digest` picks benchmarks (inbound, write-cost, startup, digest, ' +
    'memory, delivery) on lowdb; `-- --store postgres` runs only the comparison (with `--only` picking ' +
    'inbound or delivery), `-- --store all` both; `-- --quick` uses small sizes for trying a change; ' +
    '`-- --profile` records a CPU profile of each bot under the inbound load. results.md is written only by a ' +
    "full run at the issue's sizes, or with `--write`.",
].join('\n\n');

process.stdout.write(`\n${report}\n`);
if ((plan.everything && !quick) || values.write) {
  const options = (await resolveConfig(RESULTS)) ?? {};
  await writeFile(RESULTS, await format(report, { ...options, parser: 'markdown' }));
  log(`bench: wrote ${RESULTS}`);
}

function storeSections(): string[] {
  const found = goals(results);
  if (found.length === 0) return [];
  const manifests = [large, short, small].flatMap((one) => (one ? [one.manifest] : []));
  const { inbound, writeCost, startup, digest, memory } = results;
  return [
    '## Goals',
    'Each figure is a ratio of two things measured side by side in this run, in alternating rounds, so that ' +
      "the shared machine's noise falls on both.",
    goalsTable(found),
    'Why the missed goals are missed, and what would fix them: [findings.md](findings.md), written by hand ' +
      'from CPU profiles (a run does not rewrite it).',
    '## The synthetic trust',
    'Fictional staff ("Test Person 00042") in 100 wards, each a tracked Teams team with a manager and a ' +
      'measure owner, under one organisation; weekly pulses with 58–72% of each ward answering, measures ' +
      'answered by cadence, a few patient input actions per ward a month, a broadcast a week with its delivery ' +
      'journal; the last week is the current, open one. Written through the lowdb store (bench/generate.ts).',
    dataTable(manifests),
    ...(inbound
      ? [
          '## 1. Inbound: pulse submissions through the whole HTTP stack',
          `${n(inbound.staff)} distinct people submitting their pulse (Action.Execute invokes, each a durable ` +
            `write), ${inbound.options.connections} connections, ${inbound.options.rounds} rounds of ` +
            `${inbound.options.seconds} s per bot, autocannon, each bot in its own process. The bare bot is ` +
            'restify + CloudAdapter answering the same invoke with the same card. Afterwards the store held ' +
            `${n(inbound.writesOnDisk)} new pulse versions for ${n(inbound.answered)} submissions answered ` +
            `200 (the rest were cut off in flight at the end of a round). The bot's peak RSS under load: ` +
            `${(inbound.realUsage.maxRssKiB / 1024).toFixed(0)} MiB.`,
          inboundTable(inbound),
        ]
      : []),
    ...(writeCost
      ? [
          '## 2. Write cost against history',
          'One submission at a time, in-process, through the services the handler calls; the same staff with ' +
            'one week of history and with 52.',
          writeCostTable(writeCost),
        ]
      : []),
    ...(startup
      ? [
          '## 3. Start-up against history',
          '`node --import tsx` on bench/bot-entry.ts (startBot as `npm start` calls it), spawn to the first 200 ' +
            'from GET /readyz; one discarded start of each first.',
          startupTable(startup),
        ]
      : []),
    ...(digest
      ? [
          '## 4. Weekly summaries',
          "Every ward's summary card and the organisation's for the last closed week, rendered as the delivery " +
            'worker renders the scheduled post, on a freshly opened store; against reading, parsing and ' +
            'validating the files they rest on (that week and the 12 before: cycles and check-ins, the latest ' +
            'measure answers, 240 days of actions) through a freshly opened store. Medians of ' +
            `${digest.options.rounds} rounds.`,
          digestTable(digest),
        ]
      : []),
    ...(memory
      ? [
          '## 5. Memory',
          `Peak resident set of the bot's process after start-up, ${n(memory.options.submissions)} pulse ` +
            'submissions from distinct people and every ward manager typing `digest` (13 weeks of their ward ' +
            'read), against the same requests on an empty data directory. Medians of ' +
            `${memory.options.rounds} processes each.`,
          memoryTable(memory),
        ]
      : []),
  ];
}

function n(value: number): string {
  return Math.round(value).toLocaleString('en-GB');
}

/** The commit measured, and whether the working tree differed from it. */
function commit(): string {
  const git: ExecFileSyncOptionsWithStringEncoding = {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  };
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], git).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], git).trim() !== '';
    return `${head}${dirty ? ' with uncommitted changes' : ''}`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}
