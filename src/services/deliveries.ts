// Queues proactive messages and reports on them. Every proactive send in the product starts here; the
// delivery worker does the sending.
import type { BatchProgress, Delivery, DeliveryKind, Recipient } from '../domain/delivery.js';
import type { Store } from '../store/store.js';
import type { Clock } from './clock.js';

export type NewDelivery = {
  /** A stable id makes queueing again after a crash add nothing: the store ignores ids it has in the batch. */
  id?: string;
  recipient: Recipient;
  content: Delivery['content'];
  replaces?: Delivery['replaces'];
};
export type EnqueueOptions = { respectsQuietHours: boolean; notBefore?: Date };

type Deps = { store: Store; clock: Clock; newId: () => string; onEnqueued: () => void };

export function createDeliveries({ store, clock, newId, onEnqueued }: Deps) {
  return {
    async enqueue(
      batchId: string,
      kind: DeliveryKind,
      items: NewDelivery[],
      options: EnqueueOptions,
    ): Promise<string[]> {
      const at = clock().toISOString();
      const deliveries: Delivery[] = items.map(({ id, ...item }) => ({
        id: id ?? newId(),
        batchId,
        kind,
        ...item,
        respectsQuietHours: options.respectsQuietHours,
        notBefore: (options.notBefore ?? clock()).toISOString(),
        attempts: 0,
        state: 'pending',
        possiblyDuplicated: false,
        createdAt: at,
        updatedAt: at,
      }));
      await store.enqueueDeliveries(deliveries);
      onEnqueued();
      return deliveries.map((delivery) => delivery.id);
    },

    /** Counted by the store as it saves, so asking while a batch is sent costs no copy of the batch. */
    progress(batchId: string): Promise<BatchProgress> {
      return store.batchProgress(batchId);
    },

    /** Cancels what has not been sent yet; what is on its way finishes. */
    async cancel(batchId: string): Promise<number> {
      const at = clock().toISOString();
      const pending = (await store.batchDeliveries(batchId)).filter(
        (delivery) => delivery.state === 'pending',
      );
      await store.updateDeliveries(
        pending.map((delivery) => ({ ...delivery, state: 'cancelled', updatedAt: at })),
      );
      return pending.length;
    },
  };
}

export type DeliveriesService = ReturnType<typeof createDeliveries>;
