// Two delivery workers sharing one PostgreSQL queue, as two instances of the bot do, each with a store (a pool) and
// send slots of its own, sending to the loopback fake Bot Connector, which records when each request arrives.
// Together they send every item once and never more than the rate in any rolling second; with a rate gate each
// in process instead, the same measurement finds them over it (so it can tell).
import { afterEach, describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Delivery } from '../../src/domain/delivery.js';
import { WINDOW_MS } from '../../src/delivery/rate-gate.js';
import type { Sender } from '../../src/delivery/sender.js';
import { createSharedRateGate } from '../../src/delivery/shared-rate-gate.js';
import { createDeliveryWorker, type DeliveryWorker } from '../../src/delivery/worker.js';
import { createLogger } from '../../src/log.js';
import { openPostgresStore } from '../../src/store/postgres-store.js';
import { createPostgresSendSlots } from '../../src/store/postgres/rate.js';
import type { Store } from '../../src/store/store.js';
import { pendingDelivery } from '../support/delivery-items.js';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector.js';
import {
  dropSchema,
  freshSchemaName,
  postgresForTests,
  TEST_DATABASE_URL,
} from '../store/postgres-test-db.js';

const RATE = 10;
const COUNT = 60;
const BATCH = 'broadcast-shared';

const item = (i: number): Delivery =>
  pendingDelivery(`d${String(i).padStart(3, '0')}`, {
    batchId: BATCH,
    recipient: { kind: 'conversation', conversationId: `19:chat-${i}` },
  });

/** Posts each delivery to its conversation at the connector, through the gate, as the Teams sender does. */
const connectorSender = (connector: FakeConnector, counted: { sends: number }): Sender => ({
  async send(delivery, gate) {
    counted.sends++;
    const conversationId =
      delivery.recipient.kind === 'conversation' ? delivery.recipient.conversationId : '';
    const url = `${connector.url}v3/conversations/${encodeURIComponent(conversationId)}/activities`;
    const answer = await gate(async () => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: delivery.id }),
      });
      return { status: response.status, body: (await response.json()) as { id?: string } };
    });
    return answer.status === 200 && answer.body.id
      ? { ok: true, conversationId, activityId: answer.body.id }
      : { ok: false, status: answer.status };
  },
});

if (await postgresForTests('two delivery workers on one queue')) {
  describe('two delivery workers on one PostgreSQL queue', () => {
    const schema = freshSchemaName();
    const closing: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const close of closing.splice(0).reverse()) await close();
      await dropSchema(schema);
    });

    async function twoWorkers(shared: boolean) {
      const connector = await startFakeConnector({ delayMs: 20, globalPerSecond: 10_000 });
      closing.push(() => connector.close());
      const stores: Store[] = [];
      const workers: DeliveryWorker[] = [];
      const counts = [{ sends: 0 }, { sends: 0 }];
      for (let i = 0; i < 2; i++) {
        const store = await openPostgresStore({ connectionString: TEST_DATABASE_URL, schema });
        closing.push(() => store.close());
        const slots = createPostgresSendSlots({
          connectionString: TEST_DATABASE_URL,
          schema,
          holdMs: 5_000,
          windowMs: WINDOW_MS,
        });
        closing.push(() => slots.close());
        const worker = createDeliveryWorker({
          store,
          sender: connectorSender(connector, counts[i]!),
          log: createLogger('silent'),
          sendRate: RATE,
          quietHours: 'off',
          timeZone: 'Europe/London',
          pollMs: 100,
          ...(shared ? { rateGate: (rate: number) => createSharedRateGate(slots, rate) } : {}),
        });
        closing.push(() => worker.stop());
        stores.push(store);
        workers.push(worker);
      }
      await stores[0]!.enqueueDeliveries(Array.from({ length: COUNT }, (_, i) => item(i)));
      const started = performance.now();
      await Promise.all(workers.map((worker) => worker.start()));
      for (;;) {
        const batch = await stores[0]!.batchDeliveries(BATCH);
        if (batch.every((delivery) => delivery.state === 'delivered')) break;
        if (performance.now() - started > 30_000) throw new Error('two workers: the batch did not finish');
        await sleep(50);
      }
      const took = performance.now() - started;
      return { connector, took, counts, batch: await stores[0]!.batchDeliveries(BATCH) };
    }

    it('send every item once, never more than the rate in any rolling second together', async () => {
      const { connector, took, counts, batch } = await twoWorkers(true);
      const perConversation = new Map<string, number>();
      for (const sent of connector.sent)
        perConversation.set(sent.conversationId, (perConversation.get(sent.conversationId) ?? 0) + 1);
      const peak = connector.peak(1_000);
      console.log(
        `two workers, shared rate ${RATE}/s: ${COUNT} sends in ${Math.round(took)} ms, ` +
          `busiest rolling second at the connector ${peak}; sends by each ${counts.map((c) => c.sends)}`,
      );
      expect(connector.sent).toHaveLength(COUNT);
      expect([...perConversation.values()].every((count) => count === 1)).toBe(true);
      expect(batch.every((delivery) => delivery.attempts === 1 && !delivery.possiblyDuplicated)).toBe(true);
      expect(peak).toBeLessThanOrEqual(RATE);
      // Both did a share of the work, and together at about the rate: the floor is (COUNT - RATE) / RATE s.
      for (const { sends } of counts) expect(sends).toBeGreaterThan(COUNT / 4);
      expect(took).toBeGreaterThanOrEqual(((COUNT - RATE) / RATE) * 1_000);
      expect(took).toBeLessThan(((COUNT / RATE) * 1_000 + 2_000) * 1.5);
    }, 40_000);

    it('go over the rate together with a rate gate each in process (the measurement can tell)', async () => {
      const { connector, took } = await twoWorkers(false);
      const peak = connector.peak(1_000);
      console.log(
        `two workers, in-process rate ${RATE}/s each: ${COUNT} sends in ${Math.round(took)} ms, ` +
          `busiest rolling second at the connector ${peak}`,
      );
      expect(peak).toBeGreaterThan(RATE);
    }, 40_000);
  });
}
