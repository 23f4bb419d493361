// The fake Bot Connector behaves like Teams: it is called here with fetch, no bot involved.
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  startFakeConnector,
  teamsFailures,
  type FakeConnector,
  type FakeConnectorOptions,
} from './fake-connector.js';

const TENANT = 'tenant-1';
let connector: FakeConnector;

async function start(options: FakeConnectorOptions = {}) {
  connector = await startFakeConnector(options);
  return connector;
}
afterEach(() => connector.close());

const call = async (method: string, path: string, body: unknown = {}) => {
  const response = await fetch(new URL(path, connector.url), {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as never };
};
const create = (userId: string, extra: Record<string, unknown> = { tenantId: TENANT }) =>
  call('POST', 'v3/conversations', {
    isGroup: false,
    bot: { id: '28:bot' },
    members: [{ id: userId }],
    ...extra,
  });
const send = (conversationId: string, text = 'hello') =>
  call('POST', `v3/conversations/${encodeURIComponent(conversationId)}/activities`, {
    type: 'message',
    text,
  });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('creating 1:1 conversations', () => {
  it('gives the same user the same conversation id every time, and records each creation', async () => {
    await start();
    const first = await create('29:ann');
    const again = await create('29:ann', { channelData: { tenant: { id: TENANT } } });
    const other = await create('29:bob');
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ id: expect.stringMatching(/^a:/) });
    expect(again.body).toEqual(first.body);
    expect(other.body).not.toEqual(first.body);
    expect(connector.conversationIdFor('29:ann')).toBe((first.body as { id: string }).id);
    expect(connector.created.map(({ memberId, tenantId }) => ({ memberId, tenantId }))).toEqual([
      { memberId: '29:ann', tenantId: TENANT },
      { memberId: '29:ann', tenantId: TENANT },
      { memberId: '29:bob', tenantId: TENANT },
    ]);
  });

  it('refuses a conversation without a tenant id or without a member, as Teams does', async () => {
    await start();
    const refused = { error: { code: 'BadSyntax', message: 'Incorrect conversation creation parameters' } };
    expect(await create('29:ann', {})).toMatchObject({ status: 400, body: refused });
    expect(await call('POST', 'v3/conversations', { tenantId: TENANT, members: [] })).toMatchObject({
      status: 400,
      body: refused,
    });
    expect(connector.created).toEqual([]);
  });
});

describe('updating a sent activity', () => {
  it('replaces an activity sent to that conversation, and 404s any other', async () => {
    await start();
    const { body } = await send('a:ann');
    const id = (body as { id: string }).id;
    const put = (conversationId: string, activityId: string) =>
      call('PUT', `v3/conversations/${conversationId}/activities/${activityId}`, {
        type: 'message',
        text: 'v2',
      });

    expect(await put('a:ann', id)).toMatchObject({ status: 200, body: { id } });
    expect((await put('a:bob', id)).status).toBe(404);
    expect(await put('a:ann', 'activity-999')).toMatchObject({
      status: 404,
      body: { error: { code: 'ActivityNotFoundInConversation' } },
    });
    expect(connector.updated).toEqual([
      { conversationId: 'a:ann', activityId: id, activity: { type: 'message', text: 'v2' } },
    ]);
  });
});

describe('rate limits', () => {
  it('answers the 8th send to one conversation within a second with 429 and Retry-After', async () => {
    await start();
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push(await send('a:ann'));
    expect(answers.slice(0, 7).map((answer) => answer.status)).toEqual(Array(7).fill(200));
    expect(answers[7]).toMatchObject({ status: 429, body: { error: { code: 'Throttled' } } });
    expect(Number(answers[7]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number.isInteger(Number(answers[7]!.headers.get('retry-after')))).toBe(true);
    expect(connector.sent).toHaveLength(7);
    expect(connector.throttled()).toBe(1);
    expect(connector.peak(1_000, 'a:ann')).toBe(7);
  });

  it('counts a conversation creation against the new conversation like a send', async () => {
    await start({ perConversation: [{ limit: 2, windowMs: 1_000 }] });
    const { body } = await create('29:ann');
    const conversationId = (body as { id: string }).id;
    expect((await send(conversationId)).status).toBe(200);
    expect((await send(conversationId)).status).toBe(429);
    expect(connector.sendTimes().map(({ conversationId: id, kind }) => [id, kind])).toEqual([
      [conversationId, 'create'],
      [conversationId, 'send'],
    ]);
  });

  it('answers the 51st send across conversations within a second with 429, and never lets more through', async () => {
    await start({ globalPerSecond: 50 });
    const answers = await Promise.all(Array.from({ length: 51 }, (_, i) => send(`a:user-${i}`)));
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(50);
    expect(answers.filter((answer) => answer.status === 429)).toHaveLength(1);
    expect(connector.sent).toHaveLength(50);
    expect(connector.peak(1_000)).toBe(50);
  });

  it('lets sends through again once the window has passed (timeScale shrinks the windows)', async () => {
    // 1 s becomes 300 ms: 7 per 300 ms per conversation, 10 per 300 ms in all.
    await start({ timeScale: 0.3, globalPerSecond: 10 });
    const burst = await Promise.all(Array.from({ length: 7 }, () => send('a:ann')));
    expect(burst.map((answer) => answer.status)).toEqual(Array(7).fill(200));
    const refused = await send('a:ann');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1'); // whole seconds, at least 1, as Teams sends it
    const others = await Promise.all(['a:bob', 'a:cy', 'a:dee'].map((id) => send(id)));
    expect(others.map((answer) => answer.status)).toEqual([200, 200, 200]);
    const overGlobal = await send('a:eve');
    expect(overGlobal.status).toBe(429); // the 11th in the app's (scaled) second

    const waits = [refused, overGlobal].map((answer) => Number(answer.headers.get('x-fake-wait-ms')));
    for (const wait of waits) expect(wait).toBeGreaterThan(0);
    for (const wait of waits) expect(wait).toBeLessThanOrEqual(300);
    await sleep(Math.max(...waits) + 20);
    expect((await send('a:ann')).status).toBe(200);
    expect((await send('a:eve')).status).toBe(200);
    expect(connector.throttled()).toBe(2);
    expect(connector.peak(300)).toBeLessThanOrEqual(10);
    expect(connector.peak(300, 'a:ann')).toBeLessThanOrEqual(7);
  });
});

describe('chosen recipients fail', () => {
  it.each([
    ['ConversationBlockedByUser', teamsFailures.conversationBlockedByUser, 403],
    ['MessageWritesBlocked', teamsFailures.messageWritesBlocked, 403],
    ['BotNotInConversationRoster', teamsFailures.botNotInConversationRoster, 403],
    ['BotDisabledByAdmin', teamsFailures.botDisabledByAdmin, 403],
    ['403 with no code', teamsFailures.forbidden, 403],
    ['ConversationNotFound', teamsFailures.conversationNotFound, 404],
    ['MessageSizeTooBig', teamsFailures.messageSizeTooBig, 413],
    ['PreconditionFailed', teamsFailures.preconditionFailed, 412],
    ['500', teamsFailures.serviceError(500), 500],
    ['502', teamsFailures.serviceError(502), 502],
    ['504', teamsFailures.serviceError(504), 504],
  ])('%s: every send to that recipient gets it, others are delivered', async (_name, failure, status) => {
    await start();
    connector.failAlways('a:ann', failure);
    for (let i = 0; i < 2; i++) expect(await send('a:ann')).toMatchObject({ status, body: failure.body });
    expect((await send('a:bob')).status).toBe(200);
    expect(connector.sent.map((one) => one.conversationId)).toEqual(['a:bob']);
  });

  it('answers MessageWritesBlocked in the shape msteams-docs shows: the subCode inside a JSON message', async () => {
    await start();
    connector.failAlways('a:ann', teamsFailures.messageWritesBlocked);
    const { body } = await send('a:ann');
    const { errorCode, message } = body as { errorCode: number; message: string };
    expect(errorCode).toBe(209);
    expect(JSON.parse(message)).toMatchObject({ subCode: 'MessageWritesBlocked' });
  });

  it('matches by member id, so a user fails in the conversation created for them', async () => {
    await start();
    connector.failFor((id) => id.startsWith('29:blocked'), teamsFailures.conversationBlockedByUser);
    const { body } = await create('29:blocked-ann');
    expect((await send((body as { id: string }).id)).status).toBe(403);
    expect((await send(connector.conversationIdFor('29:ann'))).status).toBe(200);
  });

  it('can refuse the creation itself, for someone who has not installed the app', async () => {
    await start();
    connector.failAlways('29:ann', teamsFailures.notInstalled, 'create');
    expect(await create('29:ann')).toMatchObject({
      status: 403,
      body: { error: { code: 'ForbiddenOperationException' } },
    });
    expect((await create('29:bob')).status).toBe(201);
  });

  it('fails one-off with failNext, then delivers', async () => {
    await start();
    connector.failNext('a:ann', teamsFailures.serviceError(502));
    expect((await send('a:ann')).status).toBe(502);
    expect((await send('a:ann')).status).toBe(200);
  });
});
