// Turns delivery results into the printed table and bench/results.md. Markdown tables print readably in a
// terminal too, so both use the same text.
import { cpus, platform, release, totalmem } from 'node:os';
import type { DeliveryResult } from './delivery.js';

const ms = (value: number) => `${Math.round(value).toLocaleString('en-GB')} ms`;
const s = (value: number) => `${(value / 1_000).toFixed(2)} s`;
const n = (value: number) => Math.round(value).toLocaleString('en-GB');
const ratio = (value: number) => value.toFixed(3);
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
const table = (head: string[], rows: string[][]) =>
  [head, head.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');

export type Labelled = { label: string; result: DeliveryResult };

export function machineFacts(): string[] {
  const cpu = cpus();
  return [
    `Node ${process.version} on ${platform()} ${release()}`,
    `${cpu.length} CPUs (${cpu[0]?.model.trim() ?? 'unknown model'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory`,
  ];
}

/** One row per case: the ratio against its floor and each goal, PASS or MISS. */
export function summaryTable(results: Labelled[]): string {
  const rows = results.map(({ label, result }) => {
    const { case: spec } = result;
    const lost = result.finished ? n(result.lost) : `${n(result.lost)} unsent at deadline`;
    return [
      label,
      n(spec.people),
      `${n(spec.people * result.requestsPerPerson)} ÷ ${spec.sendRate}/s = ${s(result.floorMs)}`,
      result.finished ? s(result.elapsedMs) : `> ${s(result.elapsedMs)} (stopped)`,
      `${result.finished ? '' : '> '}${ratio(result.ratio)} (goal ≤ ${spec.goal.toFixed(2)}): ${verdict(result.finished && result.ratio <= spec.goal)}`,
      `${lost}: ${verdict(result.finished && result.lost === 0)}`,
      `${n(result.duplicates)}: ${verdict(result.duplicates === 0)}`,
    ];
  });
  return table(['case', 'recipients', 'floor', 'enqueue → done', 'ratio', 'lost', 'duplicates'], rows);
}

/** Where the time went, one column per case. */
export function detailTable(results: Labelled[]): string {
  const line = (name: string, value: (result: DeliveryResult) => string) => [
    name,
    ...results.map(({ result }) => value(result)),
  ];
  const outcomes = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([key, count]) => `${key} × ${n(count)}`)
      .join('; ') || 'none';
  const rows = [
    line('enqueue (one durable write)', (r) => ms(r.phases.enqueueMs)),
    line('enqueue → first request at connector', (r) => ms(r.phases.firstRequestMs)),
    line('first → last request', (r) => ms(r.phases.sendingMs)),
    line('last request → progress.done', (r) => (r.finished ? ms(r.phases.tailMs) : 'not done')),
    line('if stopped: all requests at the rate reached', (r) => (r.finished ? '—' : projection(r))),
    line('requests (creates + sends)', (r) => `${n(r.requests.creates)} + ${n(r.requests.sends)}`),
    line('requests/s while sending', (r) => r.requests.perSecond.toFixed(1)),
    line('rate gate alone (1,020 ms window), ratio', (r) => ratio(r.gateBoundMs / r.floorMs)),
    line(
      'busiest rolling second at connector',
      (r) => `${n(r.requests.peakPerSecond)} (ends ${ms(r.requests.peakEndsAtMs)} in)`,
    ),
    line('429s from connector', (r) => n(r.requests.throttled)),
    line('502s armed / retries made', (r) => `${n(r.failuresInjected)} / ${n(r.retries)}`),
    line('sender outcomes', (r) => outcomes(r.sendOutcomes)),
    line('flagged possiblyDuplicated', (r) => n(r.possiblyDuplicated)),
    line('event loop busy (ELU)', (r) => `${(r.eventLoop.utilisation * 100).toFixed(0)}%`),
    line(
      'event loop delay p99 / max',
      (r) => `${ms(r.eventLoop.delayP99Ms)} / ${ms(r.eventLoop.delayMaxMs)}`,
    ),
    line('progress() reads: count, CPU each (max)', (r) => `${r.progress.polls}, ${ms(r.progress.maxMs)}`),
    line('core.json (+ its journal) size before → after', (r) =>
      r.core ? `${n(r.core.bytesBefore / 1024)} → ${n(r.core.bytesAfter / 1024)} KiB` : '—',
    ),
  ];
  return table(['', ...results.map(({ label }) => label)], rows);
}

/** Store calls (and shared send rate calls) by CPU spent inside them (before the call returned), costliest first. */
export function storeTable(results: Labelled[]): string {
  const names = [...new Set(results.flatMap(({ result }) => Object.keys(result.calls)))];
  const cpu = (name: string) => Math.max(...results.map(({ result }) => result.calls[name]?.syncMs ?? 0));
  const rows = names
    .filter((name) => results.some(({ result }) => (result.calls[name]?.calls ?? 0) > 0))
    .sort((a, b) => cpu(b) - cpu(a))
    .map((name) => [
      name,
      ...results.map(({ result }) => {
        const stats = result.calls[name];
        if (!stats || stats.calls === 0) return '—';
        const each = stats.syncMs / stats.calls;
        return `${n(stats.calls)} call${stats.calls === 1 ? '' : 's'}, CPU ${ms(stats.syncMs)} (${each.toFixed(2)} ms each), wait mean ${(stats.totalMs / stats.calls).toFixed(1)} ms, max ${ms(stats.maxMs)}`;
      }),
    ]);
  return table(['call', ...results.map(({ label }) => label)], rows);
}

/** A stopped case's time to finish had it kept its pace (a lower bound when it was slowing down). */
function projection(result: DeliveryResult): string {
  const { people } = result.case;
  const requests = people * result.requestsPerPerson + result.failuresInjected;
  const projected = result.phases.firstRequestMs + (requests / result.requests.perSecond) * 1_000;
  return `≥ ${s(projected)}, ratio ≥ ${ratio(projected / result.floorMs)}`;
}
