// Issue 11: the inbound and delivery benchmarks repeated on PostgreSQL, each beside the same benchmark on lowdb
// measured in the same run, as ratios PostgreSQL ÷ lowdb; and results.md's section for them.
import { table } from './bench-report.js';
import { deliveryCases } from './delivery-section.js';
import { runDeliveryCase, type DeliveryResult } from './delivery.js';
import type { StoreKind } from './engine.js';
import type { InboundStoresResult, StoreSide } from './inbound-stores.js';
import { detailTable, storeTable, type Labelled } from './report.js';

export type DeliveryPair = { label: string } & Record<StoreKind, DeliveryResult>;
export type PostgresComparison = { inbound?: InboundStoresResult; delivery?: DeliveryPair[] };

const NAMES: Record<StoreKind, string> = { lowdb: 'lowdb', postgres: 'PostgreSQL' };
const n = (value: number) => Math.round(value).toLocaleString('en-GB');
const ms = (value: number) =>
  Number.isNaN(value) ? 'none answered' : `${value < 10 ? value.toFixed(1) : n(value)} ms`;
const s = (value: number) => `${(value / 1_000).toFixed(2)} s`;
const ratio = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : '—');

/** Each delivery case on both stores, one after the other, the first store alternating from case to case. */
export async function runDeliveryOnStores(
  people: number,
  sendRate: number,
  log: (line: string) => void,
): Promise<DeliveryPair[]> {
  const pairs: DeliveryPair[] = [];
  for (const [index, { label, spec }] of deliveryCases(people, sendRate).entries()) {
    const order: StoreKind[] = index % 2 === 0 ? ['lowdb', 'postgres'] : ['postgres', 'lowdb'];
    const results = {} as Record<StoreKind, DeliveryResult>;
    for (const store of order) {
      log(`bench: delivery ${label} on ${NAMES[store]}: ${n(people)} recipients at ${sendRate}/s…`);
      results[store] = await runDeliveryCase(spec, store);
      log(`bench:   ratio ${results[store].ratio.toFixed(3)}${results[store].finished ? '' : ' (stopped)'}`);
    }
    pairs.push({ label, ...results });
  }
  return pairs;
}

/** results.md's section: what was measured, the ratios, then the detail behind them. */
export function postgresSection(found: PostgresComparison | string): string {
  const heading = '## 7. PostgreSQL ÷ lowdb: inbound and delivery';
  if (typeof found === 'string')
    return [
      heading,
      `Not measured in this run: ${found}. Start one (or set DATABASE_URL) and run ` +
        '`npm run bench -- --store postgres`.',
    ].join('\n\n');
  const { inbound, delivery } = found;
  return [
    heading,
    'The inbound and delivery benchmarks again, each on both stores in this run, in turns: the bot with ' +
      'STORE=postgres on a fresh schema of its own, seeded from the same lowdb data through the Store port ' +
      '(the migration script’s copy and check) and dropped afterwards. On PostgreSQL the delivery worker ' +
      'counts the send rate in the database, as production does with STORE=postgres; the worker’s claims, ' +
      'lease renewals and releases are timed on both stores.' +
      (inbound
        ? ` Inbound uses ${n(inbound.staff)} staff with ${inbound.weeks} week${inbound.weeks === 1 ? '' : 's'} ` +
          'of history on both sides (copying a year of it through the port takes tens of minutes, and the ' +
          `write path is what is measured; this copy and its check took ${inbound.seedSeconds.toFixed(0)} s).`
        : ''),
    ratiosTable(found),
    ...(inbound
      ? [
          '### Inbound on each store',
          inboundTable(inbound),
          'Every 2xx must be a pulse version saved in its store; a few more are saved than answered, as the ' +
            'requests cut off in flight at the end of each round are saved too.',
        ]
      : []),
    ...(delivery
      ? [
          '### Delivery on each store: where the time went',
          detailTable(labelled(delivery)),
          storeTable(labelled(delivery)),
          'Calls: CPU is the time before the call returned, wait from call to resolve. sendSlots.take and ' +
            'sendSlots.answered are the shared send rate’s trips to the database: each request to Teams ' +
            'waits for its take, one at a time per instance.',
        ]
      : []),
  ].join('\n\n');
}

function ratiosTable({ inbound, delivery }: PostgresComparison): string {
  const rows: string[][] = [];
  if (inbound) {
    const { lowdb, postgres } = inbound;
    rows.push(
      [
        `inbound throughput, ${inbound.options.connections} connections`,
        `${n(lowdb.perSecond)}/s`,
        `${n(postgres.perSecond)}/s`,
        ratio(postgres.perSecond / lowdb.perSecond),
      ],
      ['inbound p50', ms(lowdb.p50Ms), ms(postgres.p50Ms), ratio(postgres.p50Ms / lowdb.p50Ms)],
      ['inbound p99', ms(lowdb.p99Ms), ms(postgres.p99Ms), ratio(postgres.p99Ms / lowdb.p99Ms)],
    );
  }
  for (const pair of delivery ?? []) {
    const { lowdb, postgres } = pair;
    const { people, sendRate } = lowdb.case;
    const label = `delivery ${shortLabel(pair.label)}, ${n(people)} at ${sendRate}/s`;
    rows.push(
      [`${label}: enqueue → done`, done(lowdb), done(postgres), elapsedRatio(lowdb, postgres)],
      [`${label}: ÷ the rate floor (${s(lowdb.floorMs)})`, floorRatio(lowdb), floorRatio(postgres), ''],
      [`${label}: lost, duplicates`, losses(lowdb), losses(postgres), ''],
    );
  }
  return table(['measure', 'lowdb', 'PostgreSQL', 'PostgreSQL ÷ lowdb'], rows);
}

const shortLabel = (label: string) => label.replace(/ \(headline\)$/, '');
const done = (r: DeliveryResult) => (r.finished ? s(r.elapsedMs) : `> ${s(r.elapsedMs)} (stopped)`);
const floorRatio = (r: DeliveryResult) => `${r.finished ? '' : '> '}${r.ratio.toFixed(3)}`;
const losses = (r: DeliveryResult) =>
  `${n(r.lost)}${r.finished ? '' : ' unsent at the deadline'}, ${n(r.duplicates)}`;

/** A case stopped at its deadline took longer than it shows, so its ratio is a bound, or unknown. */
function elapsedRatio(lowdb: DeliveryResult, postgres: DeliveryResult): string {
  const value = ratio(postgres.elapsedMs / lowdb.elapsedMs);
  if (lowdb.finished) return postgres.finished ? value : `> ${value}`;
  return postgres.finished ? `< ${value}` : 'unknown (both stopped)';
}

function inboundTable(result: InboundStoresResult): string {
  const row = (store: StoreKind, side: StoreSide) => [
    NAMES[store],
    `${n(side.perSecond)}/s`,
    ms(side.p50Ms),
    ms(side.p99Ms),
    side.rounds.map((r) => n(r.perSecond)).join(', '),
    n(side.failed),
    `${n(side.answered)} → ${n(side.writes)}`,
    `${(side.usage.maxRssKiB / 1024).toFixed(0)} MiB`,
  ];
  return table(
    [
      'store',
      'throughput',
      'p50',
      'p99',
      'per round (/s)',
      'failed',
      '2xx → pulse versions saved',
      'peak RSS',
    ],
    [row('lowdb', result.lowdb), row('postgres', result.postgres)],
  );
}

function labelled(pairs: DeliveryPair[]): Labelled[] {
  return pairs.flatMap((pair) =>
    (['lowdb', 'postgres'] as const).map((store) => ({
      label: `${shortLabel(pair.label)}, ${NAMES[store]}`,
      result: pair[store],
    })),
  );
}
