// Benchmark 6, delivery: the delivery engine's benchmark (delivery.ts), both cases, as results.md's section.
import { runDeliveryCase, type DeliveryCase } from './delivery.js';
import { detailTable, storeTable, summaryTable, type Labelled } from './report.js';

/** The two cases, headline first. */
export function deliveryCases(people: number, sendRate: number): { label: string; spec: DeliveryCase }[] {
  const base = { people, sendRate, failingShare: 0.01, goal: 1.1 };
  return [
    { label: '(a) chats exist (headline)', spec: { ...base, name: 'known', withPersonalChats: true } },
    {
      label: '(b) first contact (create + send)',
      spec: { ...base, name: 'first', withPersonalChats: false },
    },
  ];
}

export async function deliverySection(
  people: number,
  sendRate: number,
  log: (line: string) => void,
): Promise<string> {
  const results: Labelled[] = [];
  for (const { label, spec } of deliveryCases(people, sendRate)) {
    log(`bench: delivery ${label}: ${people.toLocaleString('en-GB')} recipients at ${sendRate}/s…`);
    const result = await runDeliveryCase(spec);
    log(`bench:   ratio ${result.ratio.toFixed(3)}${result.finished ? '' : ' (stopped at the deadline)'}`);
    results.push({ label, result });
  }
  return [
    `## 6. Delivery: ${people.toLocaleString('en-GB')} recipients at ${sendRate}/s, 1% failing once with a 502`,
    "Timed from enqueue to the batch's progress reporting done, through the real services, Teams sender, " +
      'delivery worker (production defaults) and lowdb store on a temporary directory, against the loopback ' +
      "fake Bot Connector (test/support), in the same process, with Teams' per-conversation limits and an " +
      'app-wide limit above the send rate. The floor is requests ÷ rate: one request per recipient when their ' +
      '1:1 chat is already known (a), two when it must be started first (b). Lost: not both marked delivered ' +
      'and received by the connector. Duplicates: people the connector received more than one message for. ' +
      'A case still running at 1.5 × its floor is stopped and shown as such.',
    summaryTable(results),
    '### Where the time went',
    detailTable(results),
    storeTable(results),
    'Store calls: CPU is the time spent before the call returned to its caller (synchronous work on the ' +
      'event loop); wait is the time from call to resolve (queueing and fsync included), on average and at most.',
  ].join('\n\n');
}
