// The store and bot benchmarks as markdown tables (the delivery benchmark's are in report.ts): one summary row
// per goal with PASS or MISS, then each benchmark's detail. Markdown reads well in a terminal too.
import type { DigestResult } from './digest.js';
import type { Manifest } from './generate.js';
import type { InboundResult } from './inbound.js';
import type { MemoryResult } from './memory.js';
import type { StartupResult } from './startup.js';
import type { WriteCostResult } from './write-cost.js';

export const table = (head: string[], rows: string[][]) =>
  [head, head.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');

const n = (value: number) => Math.round(value).toLocaleString('en-GB');
const ms = (value: number) => `${value < 10 ? value.toFixed(1) : n(value)} ms`;
const mib = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;
const ratio = (value: number) => value.toFixed(2);

export type Goal = { benchmark: string; measured: string; ratio: number; goal: string; pass: boolean };

const atMost = (benchmark: string, measured: string, value: number, limit: number): Goal => ({
  benchmark,
  measured,
  ratio: value,
  goal: `≤ ${limit}`,
  pass: value <= limit,
});

export type Results = {
  inbound?: InboundResult;
  writeCost?: WriteCostResult;
  startup?: StartupResult;
  digest?: DigestResult;
  memory?: MemoryResult;
};

export function goals(results: Results): Goal[] {
  const { inbound, writeCost, startup, digest, memory } = results;
  const found: Goal[] = [];
  if (inbound)
    found.push({
      benchmark: '1. Inbound pulse submissions',
      measured: `${n(inbound.real.perSecond)}/s ÷ bare bot ${n(inbound.bare.perSecond)}/s`,
      ratio: inbound.ratio,
      goal: '≥ 0.5',
      pass: inbound.ratio >= 0.5 && inbound.writesOnDisk >= inbound.answered,
    });
  if (writeCost)
    found.push(
      atMost(
        '2. One pulse write, 52 weeks ÷ 1 week',
        `${ms(writeCost.long.submitMs.median)} ÷ ${ms(writeCost.short.submitMs.median)}`,
        writeCost.ratio,
        1.5,
      ),
    );
  if (startup)
    found.push(
      atMost(
        '3. Start-up to /readyz, history ÷ empty',
        `${ms(startup.history.medianMs)} ÷ ${ms(startup.empty.medianMs)}`,
        startup.ratio,
        2,
      ),
    );
  if (digest) {
    found.push(
      atMost(
        '4a. Summaries ÷ reading their data',
        `${ms(digest.large.summariesMs)} ÷ ${ms(digest.large.readMs)}`,
        digest.ratio,
        2,
      ),
    );
    found.push(
      atMost(
        `4b. Summaries, ${n(digest.large.staff)} ÷ ${n(digest.small.staff)} staff`,
        `${ms(digest.large.summariesMs)} ÷ ${ms(digest.small.summariesMs)}`,
        digest.scaling,
        11,
      ),
    );
  }
  if (memory)
    found.push(
      atMost(
        '5. Peak RSS, history ÷ empty',
        `${mib(memory.history.peakKiB)} ÷ ${mib(memory.empty.peakKiB)}`,
        memory.ratio,
        2,
      ),
    );
  return found;
}

export function goalsTable(found: Goal[]): string {
  return table(
    ['benchmark', 'measured', 'ratio', 'goal', ''],
    found.map((goal) => [
      goal.benchmark,
      goal.measured,
      ratio(goal.ratio),
      goal.goal,
      goal.pass ? 'PASS' : 'MISS',
    ]),
  );
}

export function dataTable(manifests: Manifest[]): string {
  return table(
    [
      'data',
      'pulses',
      'measure answers',
      'actions',
      'broadcasts (deliveries)',
      'card ids remembered',
      'on disk',
      'generated in',
    ],
    manifests.map((m) => [
      `${n(m.staff)} staff, ${m.weeks} week${m.weeks === 1 ? '' : 's'}`,
      n(m.counts.pulses),
      n(m.counts.measureAnswers),
      n(m.counts.actions),
      `${n(m.counts.broadcasts)} (${n(m.counts.deliveries)})`,
      n(m.counts.cardActions),
      `${(m.bytes / 2 ** 20).toFixed(0)} MiB`,
      `${m.seconds.toFixed(0)} s`,
    ]),
  );
}

export function inboundTable(result: InboundResult): string {
  const row = (name: string, side: InboundResult['real']) => [
    name,
    `${n(side.perSecond)}/s`,
    ms(side.p50Ms),
    ms(side.p99Ms),
    side.rounds.map((r) => n(r.perSecond)).join(', '),
    n(side.failed),
  ];
  return table(
    ['bot', 'throughput', 'p50', 'p99', 'per round (/s)', 'failed'],
    [row('bare botbuilder bot', result.bare), row('the bot (lowdb store)', result.real)],
  );
}

export function writeCostTable(result: WriteCostResult): string {
  const row = (side: WriteCostResult['long']) => [
    `${n(side.staff)} staff, ${side.weeks} week${side.weeks === 1 ? '' : 's'}`,
    `${(side.coreBytes / 2 ** 20).toFixed(1)} MiB`,
    n(side.cardIdsRemembered),
    `${ms(side.submitMs.median)} (p90 ${ms(side.submitMs.p90)})`,
    `${ms(side.savePulseMs.median)} (p90 ${ms(side.savePulseMs.p90)})`,
  ];
  return table(
    [
      'history',
      'core.json',
      'card ids remembered',
      'submission: claim + save + card copy',
      'store.savePulse alone',
    ],
    [
      row(result.short),
      row(result.long),
      ['ratio', '', '', ratio(result.ratio), ratio(result.savePulseRatio)],
    ],
  );
}

export function startupTable(result: StartupResult): string {
  const row = (name: string, side: StartupResult['empty']) => [
    name,
    ms(side.medianMs),
    side.readyMs.map(ms).join(', '),
    mib(side.maxRssKiB),
  ];
  return table(
    ['data directory', 'spawn → /readyz (median)', 'each start', 'peak RSS at ready'],
    [row('empty', result.empty), row(`${n(result.staff)} staff, ${result.weeks} weeks`, result.history)],
  );
}

export function digestTable(result: DigestResult): string {
  const row = (side: DigestResult['large']) => [
    `${n(side.staff)} staff, ${side.weeks} weeks`,
    String(side.cards),
    ms(side.readMs),
    ms(side.summariesMs),
    ratio(side.summariesMs / side.readMs),
  ];
  return table(
    ['data', 'summary cards', 'read and parse their data', 'render every summary', 'ratio'],
    [row(result.large), row(result.small)],
  );
}

export function memoryTable(result: MemoryResult): string {
  const row = (name: string, side: MemoryResult['empty']) => [
    name,
    mib(side.readyKiB),
    mib(side.peakKiB),
    side.afterWork.map((usage) => mib(usage.heapUsedKiB)).join(', '),
  ];
  return table(
    ['data directory', 'peak RSS at ready', 'peak RSS after the work', 'heap used after the work'],
    [row('empty', result.empty), row(`${n(result.staff)} staff, ${result.weeks} weeks`, result.history)],
  );
}
