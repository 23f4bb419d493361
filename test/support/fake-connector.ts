// A loopback stand-in for the Bot Connector service that Teams runs: records what the bot sends, answers
// member and channel look-ups, and can answer like Teams does when things go wrong (429, 403, 404, 5xx).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Sent = { conversationId: string; activity: Record<string, unknown> };
export type Failure = { status: number; body?: unknown; headers?: Record<string, string> };
export type Member = {
  id: string;
  name: string;
  aadObjectId: string;
  tenantId: string;
  userRole?: 'user' | 'guest';
};

export async function startFakeConnector(options: { members?: Member[]; delayMs?: number } = {}) {
  const sent: Sent[] = [];
  const failures = new Map<string, Failure[]>();
  let nextId = 0;
  let pagedRequests = 0;

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://connector');
    const answer = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(payload));
    };
    const activities = /^\/v3\/conversations\/([^/]+)\/activities/.exec(url.pathname);
    if (req.method === 'POST' && activities) {
      const conversationId = decodeURIComponent(activities[1]!);
      const failure = failures.get(conversationId)?.shift();
      if (failure) return answer(failure.status, failure.body ?? {}, failure.headers);
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      sent.push({ conversationId, activity: JSON.parse(body) });
      return answer(200, { id: `activity-${++nextId}` });
    }
    const member = /^\/v3\/conversations\/[^/]+\/members\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && member) {
      const found = options.members?.find((candidate) => candidate.id === decodeURIComponent(member[1]!));
      return found ? answer(200, found) : answer(404, { error: { code: 'MemberNotFoundInConversation' } });
    }
    const paged = /^\/v3\/conversations\/[^/]+\/pagedmembers$/.exec(url.pathname);
    if (req.method === 'GET' && paged) {
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
    const channels = /^\/v3\/teams\/([^/]+)\/conversations$/.exec(url.pathname);
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

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    sent,
    pagedRequests: () => pagedRequests,
    /** The next sends to this conversation fail, one failure per send, in order. */
    failNext: (conversationId: string, ...next: Failure[]) => failures.set(conversationId, next),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}
