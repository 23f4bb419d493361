// A loopback stand-in for the Bot Connector service that Teams runs: records what the bot sends, creates 1:1
// conversations, updates sent activities, answers member and channel look-ups, enforces Teams' sending limits
// (429 + Retry-After) and can answer like Teams does when things go wrong (403, 404, 413, 5xx).
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFailures, type FailOn, type Failure, type Match } from './failures.js';
import { createRateLimits, type Window } from './rate-limits.js';

export type Sent = { conversationId: string; activityId: string; activity: Record<string, unknown> };
export type Created = {
  conversationId: string;
  memberId: string;
  tenantId: string;
  body: Record<string, unknown>;
};
export type Updated = { conversationId: string; activityId: string; activity: Record<string, unknown> };
export type Member = {
  id: string;
  name: string;
  aadObjectId: string;
  tenantId: string;
  userRole?: 'user' | 'guest';
};
export type FakeConnectorOptions = {
  members?: Member[];
  /** Every accepted send waits this long before it is answered. */
  delayMs?: number;
  /** Sends and creations per rolling second across all conversations (Teams: 50). */
  globalPerSecond?: number;
  /** Rolling windows per conversation (Teams: 7 / 1 s, 8 / 2 s, 60 / 30 s, 1,800 / hour). */
  perConversation?: readonly Window[];
  /** Multiplies every window's length: 0.1 makes "per second" mean "per 100 ms" to keep tests fast. */
  timeScale?: number;
};

/** The 1:1 conversation id Teams gives this user: always the same for the same user. */
export const conversationIdFor = (memberId: string) =>
  `a:${createHash('sha256').update(memberId).digest('base64url').slice(0, 24)}`;

export async function startFakeConnector(options: FakeConnectorOptions = {}) {
  const sent: Sent[] = [];
  const created: Created[] = [];
  const updated: Updated[] = [];
  const limits = createRateLimits(options);
  const failures = createFailures();
  const memberOf = new Map<string, string>(); // conversation id → the user it was created for
  let nextId = 0;
  let pagedRequests = 0;

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const text = await readBody(req);
    const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    const url = new URL(req.url ?? '/', 'http://connector');
    const path = url.pathname.replace(/\/+$/, '');
    const answer = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(payload));
    };
    const fail = (failure: Failure) => answer(failure.status, failure.body ?? {}, failure.headers);
    const throttled = (conversationId: string, kind: 'create' | 'send') => {
      const waitMs = limits.admit(conversationId, kind);
      if (!waitMs) return false;
      answer(
        429,
        { error: { code: 'Throttled', message: 'Too many requests.' } },
        // Teams gives whole seconds; the exact wait is for tests that use timeScale.
        { 'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))), 'x-fake-wait-ms': String(waitMs) },
      );
      return true;
    };
    const idsOf = (conversationId: string) => [conversationId, memberOf.get(conversationId) ?? []].flat();

    if (req.method === 'POST' && path === '/v3/conversations') {
      const members = (body.members ?? []) as { id?: string }[];
      const channelData = body.channelData as { tenant?: { id?: string } } | undefined;
      const tenantId = (body.tenantId as string | undefined) ?? channelData?.tenant?.id;
      const memberId = members[0]?.id;
      if (!memberId || members.length !== 1 || !tenantId || body.isGroup === true) {
        return answer(400, {
          error: { code: 'BadSyntax', message: 'Incorrect conversation creation parameters' },
        });
      }
      const conversationId = conversationIdFor(memberId);
      if (throttled(conversationId, 'create')) return;
      const failure = failures.take([conversationId, memberId], 'create');
      if (failure) return fail(failure);
      memberOf.set(conversationId, memberId);
      created.push({ conversationId, memberId, tenantId, body });
      return answer(201, { id: conversationId });
    }
    const activities = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
    if (req.method === 'POST' && activities) {
      // A new message, or a reply to one (botbuilder replies in a turn with POST .../activities/{replyToId}).
      const conversationId = decodeURIComponent(activities[1]!);
      if (throttled(conversationId, 'send')) return;
      const failure = failures.take(idsOf(conversationId), 'messages');
      if (failure) return fail(failure);
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      const activityId = `activity-${++nextId}`;
      sent.push({ conversationId, activityId, activity: body });
      return answer(200, { id: activityId });
    }
    if (req.method === 'PUT' && activities?.[2]) {
      const conversationId = decodeURIComponent(activities[1]!);
      const activityId = decodeURIComponent(activities[2]);
      const failure = failures.take(idsOf(conversationId), 'messages');
      if (failure) return fail(failure);
      if (!sent.some((one) => one.conversationId === conversationId && one.activityId === activityId)) {
        return answer(404, {
          error: { code: 'ActivityNotFoundInConversation', message: 'Conversation not found.' },
        });
      }
      updated.push({ conversationId, activityId, activity: body });
      return answer(200, { id: activityId });
    }
    const member = /^\/v3\/conversations\/[^/]+\/members\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && member) {
      const found = options.members?.find((candidate) => candidate.id === decodeURIComponent(member[1]!));
      return found ? answer(200, found) : answer(404, { error: { code: 'MemberNotFoundInConversation' } });
    }
    if (req.method === 'GET' && /^\/v3\/conversations\/[^/]+\/pagedmembers$/.test(path)) {
      // Two members a page, like Teams' continuation tokens, so callers must follow them.
      const all = options.members ?? [];
      const start = Number(url.searchParams.get('continuationToken') ?? 0);
      const next = start + 2 < all.length ? String(start + 2) : undefined;
      pagedRequests++;
      return answer(200, {
        members: all.slice(start, start + 2),
        ...(next ? { continuationToken: next } : {}),
      });
    }
    const channels = /^\/v3\/teams\/([^/]+)\/conversations$/.exec(path);
    if (req.method === 'GET' && channels) {
      return answer(200, {
        conversations: [
          { id: decodeURIComponent(channels[1]!), name: null },
          { id: '19:handover@thread.tacv2', name: 'Handover' },
        ],
      });
    }
    answer(404, {
      error: { code: 'NotFound', message: `fake connector: nothing at ${req.method} ${url.pathname}` },
    });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'BadSyntax', message: String(error) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    /** Activities accepted, in order (POST .../activities). */
    sent,
    /** 1:1 conversations created (POST /v3/conversations), in order; the same user may appear again. */
    created,
    /** Activities replaced (PUT .../activities/{id}), in order. */
    updated,
    pagedRequests: () => pagedRequests,
    /** How many requests were answered 429. */
    throttled: limits.throttled,
    /** Every send and creation the limits counted (all but the 429s), in order, with epoch ms. */
    sendTimes: () => [...limits.counted],
    /** The most sends and creations counted in any rolling window of windowMs (one conversation, or all). */
    peak: limits.peak,
    conversationIdFor,
    /** The next requests to this conversation or user (create, send, update) fail, one each, in order. */
    failNext: (conversationOrUserId: string, ...next: Failure[]) =>
      failures.failNext(conversationOrUserId, next),
    /** Every request whose conversation id or member id matches fails this way, until close. */
    failFor: (match: Match, failure: Failure, on: FailOn = 'messages') =>
      failures.failFor(match, failure, on),
    failAlways: (conversationOrUserId: string, failure: Failure, on: FailOn = 'messages') =>
      failures.failFor(conversationOrUserId, failure, on),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type FakeConnector = Awaited<ReturnType<typeof startFakeConnector>>;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}
