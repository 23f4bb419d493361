// The whole engine: the deliveries service, the worker, the Teams sender and the lowdb store on real files,
// against the loopback Bot Connector answering as Teams does.
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTeamsSender } from '../../src/bot/teams-sender.js';
import { createDeliveryWorker } from '../../src/delivery/worker.js';
import type { Team } from '../../src/domain/roster.js';
import { createLogger } from '../../src/log.js';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import { samplePerson, testDeps, TENANT } from '../support/bot-deps.js';
import { cardText } from '../support/cards.js';
import { startFakeConnector, teamsFailures } from '../support/fake-connector.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function engine(
  people: number,
  connectorOptions: Parameters<typeof startFakeConnector>[0] = {},
  sendRate = 50,
) {
  const connector = await startFakeConnector(connectorOptions);
  const dataDir = mkdtempSync(join(tmpdir(), 'deliveries-'));
  const store = await openLowdbStore({ dataDir });
  cleanups.push(async () => {
    await connector.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const { deps } = testDeps({ store });
  const members: Team['members'] = {};
  for (let i = 0; i < people; i++) {
    await store.savePerson(
      samplePerson({ aadObjectId: `aad-${i}`, teamsUserId: `29:user-${i}`, name: `Person ${i}` }),
    );
    members[`aad-${i}`] = { addedAt: '2026-11-01T00:00:00.000Z' };
  }
  await store.saveTeam({
    id: '19:ward',
    name: 'Ward',
    tenantId: TENANT,
    serviceUrl: connector.url,
    state: 'active',
    channels: [],
    members,
    installed: true,
  });
  await store.saveUnit({
    id: '19:ward',
    name: 'Ward',
    level: 'unit',
    teamId: '19:ward',
    tracked: true,
    createdAt: '2026-11-01T00:00:00.000Z',
    createdBy: 'aad-admin',
  });
  const worker = createDeliveryWorker({
    store,
    sender: createTeamsSender(deps, '28:bot', async () => undefined),
    log: createLogger('silent'),
    sendRate,
    quietHours: 'off',
    timeZone: 'Europe/London',
    pollMs: 50,
    random: () => 0,
  });
  await worker.start();
  cleanups.push(async () => {
    await worker.stop();
    await store.close();
  });
  const message = {
    card: 'message',
    data: { title: 'Check-in week', body: 'Your weekly check-in is open.', reason: 'You are in Ward.' },
  };
  const send = (batchId: string, ids: number[]) =>
    deps.deliveries.enqueue(
      batchId,
      'broadcast',
      ids.map((i) => ({ recipient: { kind: 'person' as const, aadObjectId: `aad-${i}` }, content: message })),
      { respectsQuietHours: false },
    );
  const finished = async (batchId: string) => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const progress = await deps.deliveries.progress(batchId);
      if (progress.done) return progress;
      if (Date.now() > deadline) throw new Error(`batch not finished: ${JSON.stringify(progress.byState)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  return { connector, store, deps, send, finished };
}

describe('delivery engine against the loopback Bot Connector', () => {
  it('starts each 1:1 chat with the tenant id, sends the card with why and how to stop, and reports', async () => {
    const { connector, send, finished, store } = await engine(3);
    await send('b1', [0, 1, 2]);
    const progress = await finished('b1');
    expect(progress.byState.delivered).toBe(3);
    expect(connector.created.map((c) => c.tenantId)).toEqual([TENANT, TENANT, TENANT]);
    expect(cardText(connector.sent[0]?.activity)).toContain('type snooze');
    expect((await store.personalConversation('aad-1'))?.serviceUrl).toBe(connector.url);
  });

  it('ends each kind of refusal in its final state with Teams code, and marks a blocked chat', async () => {
    const { connector, send, finished, store } = await engine(6);
    connector.failAlways('29:user-0', teamsFailures.messageWritesBlocked);
    connector.failAlways('29:user-1', teamsFailures.conversationBlockedByUser);
    connector.failAlways('29:user-2', teamsFailures.conversationNotFound);
    connector.failAlways('29:user-3', teamsFailures.messageSizeTooBig);
    connector.failNext('29:user-4', teamsFailures.serviceError(502));
    await send('b2', [0, 1, 2, 3, 4, 5]);
    const progress = await finished('b2');
    expect(progress.byState).toMatchObject({ delivered: 2, blocked: 2, notFound: 1, tooLarge: 1 });
    expect(progress.failures).toEqual({
      MessageWritesBlocked: 1,
      ConversationBlockedByUser: 1,
      ConversationNotFound: 1,
      MessageSizeTooBig: 1,
    });
    expect((await store.personalConversation('aad-0'))?.blockedAt).toBeDefined();
  });

  it('replaces a card it sent earlier through the same engine', async () => {
    const { connector, send, finished, store, deps } = await engine(1);
    await send('first', [0]);
    await finished('first');
    const [sent] = await store.batchDeliveries('first');
    await deps.deliveries.enqueue(
      'closing',
      'cardUpdate',
      [
        {
          recipient: { kind: 'person', aadObjectId: 'aad-0' },
          content: {
            card: 'message',
            data: { title: 'Check-in closed', body: 'Thank you.', reason: 'You are in Ward.' },
          },
          replaces: { conversationId: sent!.conversationId!, activityId: sent!.activityId! },
        },
      ],
      { respectsQuietHours: false },
    );
    expect((await finished('closing')).byState.delivered).toBe(1);
    expect(connector.updated).toHaveLength(1);
    expect(connector.updated[0]).toMatchObject({
      conversationId: sent!.conversationId,
      activityId: sent!.activityId,
    });
    expect(cardText(connector.updated[0]?.activity)).toContain('Check-in closed');
  });

  it('stays within the app-wide rate and Teams never has to answer 429', async () => {
    const { connector, send, finished } = await engine(60, {}, 25);
    await send(
      'b3',
      Array.from({ length: 60 }, (_, i) => i),
    );
    expect((await finished('b3')).byState.delivered).toBe(60);
    expect(connector.throttled()).toBe(0);
    const sends = connector.sendTimes().filter((s) => s.kind === 'send');
    const busiest = Math.max(
      ...sends.map((s) => sends.filter((t) => t.at >= s.at && t.at < s.at + 1_000).length),
    );
    expect(busiest).toBeLessThanOrEqual(25);
  }, 20_000);
});
