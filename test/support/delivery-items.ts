// A pending broadcast delivery to one person, for the delivery worker's tests.
import type { Delivery } from '../../src/domain/delivery.js';

export const pendingDelivery = (id: string, fields: Partial<Delivery> = {}): Delivery => ({
  id,
  batchId: 'batch-1',
  kind: 'broadcast',
  recipient: { kind: 'person', aadObjectId: `aad-${id}` },
  content: { card: 'message', data: {} },
  respectsQuietHours: false,
  notBefore: '2026-01-01T00:00:00.000Z',
  attempts: 0,
  state: 'pending',
  possiblyDuplicated: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...fields,
});
