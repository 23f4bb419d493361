// The inbound load: staff pressing "Submit" on their weekly pulse card, as Teams posts it (an Action.Execute
// invoke from the person's 1:1 chat, replying to the card's message), one distinct person after another, each
// press a new card id so the bot's idempotency check lets every one through to a durable write. Driven by
// autocannon at a fixed number of connections for a fixed time.
import autocannon from 'autocannon';
import type { PrincipleId } from '../src/domain/catalogue.js';
import { verbs } from '../src/bot/verbs.js';
import { aadOf, BOT, nameOf, personalChatOf, teamsUserOf, TENANT } from './synthetic-org.js';
import { cardActivityId } from './synthetic-weeks.js';

export type Traffic = { next(): string; readonly sent: number };

/** Pulse submissions from person 0, 1, 2… round the staff, each with a card id never used before. */
export function pulseTraffic(options: {
  serviceUrl: string;
  cycleId: string;
  staff: number;
  runId: string;
}): Traffic {
  let sent = 0;
  return {
    next: () =>
      JSON.stringify(
        pulseSubmit({ ...options, person: sent % options.staff, cardId: `${options.runId}-${sent++}` }),
      ),
    get sent() {
      return sent;
    },
  };
}

const PRINCIPLES: PrincipleId[] = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];

export function pulseSubmit(at: { serviceUrl: string; cycleId: string; person: number; cardId: string }) {
  const { person } = at;
  // Every principle answered (a ward asking fewer ignores the rest), in a mix that differs by person.
  const choices = Object.fromEntries(
    PRINCIPLES.map((principle, k) => [principle, (person + k) % 5 === 0 ? 'no' : 'yes']),
  );
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    channelId: 'msteams',
    serviceUrl: at.serviceUrl,
    id: `f:bench-${at.cardId}`,
    timestamp: new Date().toISOString(),
    from: { id: teamsUserOf(person), name: nameOf(person), aadObjectId: aadOf(person) },
    recipient: BOT,
    conversation: { id: personalChatOf(person), conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    replyToId: cardActivityId(at.cycleId, 'pulse', person),
    value: {
      action: {
        type: 'Action.Execute',
        verb: verbs.pulseSubmit,
        data: { cardId: at.cardId, cycleId: at.cycleId, ...choices },
      },
      trigger: 'manual',
    },
  };
}

export type LoadResult = {
  completed: number;
  failed: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
};

/** `connections` at once for `seconds` (or until `amount` requests): completed means answered 2xx. */
export async function load(
  url: string,
  traffic: Traffic,
  connections: number,
  seconds: number,
  amount?: number,
): Promise<LoadResult> {
  const result = await autocannon({
    url: `${url}/api/messages`,
    connections,
    ...(amount ? { amount } : { duration: seconds }),
    timeout: 30,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (request) => ({ ...request, body: traffic.next() }) }],
  });
  const completed = result['2xx'];
  return {
    completed,
    failed: result.non2xx + result.errors + result.timeouts,
    seconds: result.duration,
    perSecond: completed / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
  };
}
