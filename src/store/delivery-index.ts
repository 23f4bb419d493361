// The deliveries a store holds in memory, indexed for the delivery worker, which asks for due items many
// times a second during a broadcast: the pending ones are kept sorted by when they fall due, so
// dueDeliveries reads from the front instead of sorting every pending item on every call; and each batch
// keeps its counts by state (delivery-progress.ts), so its progress, and the last final state of a batch,
// are known without a scan or a copy.
// Shared by both stores, so they cannot drift apart. Records are kept as given (the stores pass validated
// fresh copies) and copied on the way out.
import type { BatchProgress, Delivery } from '../domain/delivery.js';
import { ProgressTally } from './delivery-progress.js';
import { byId, dueOrder } from './ordering.js';

// Up to this many changes to the pending list in one put, each is placed by binary search; beyond it, one
// filter and sort of the whole list is cheaper than a splice each (V8's sort merges the sorted run it finds).
const SPLICE_LIMIT = 32;

const copy = <T>(value: T): T => structuredClone(value);

export class DeliveryIndex {
  private readonly batches = new Map<string, Map<string, Delivery>>();
  private readonly tallies = new Map<string, ProgressTally>();
  /** Every pending delivery, in dueOrder. */
  private pending: Delivery[] = [];
  /** Every delivery in "sending": few (the worker's bound), so a claim looks at each without a scan. */
  private readonly sending = new Set<Delivery>();

  get(batchId: string, id: string): Delivery | undefined {
    return this.batches.get(batchId)?.get(id);
  }

  holds(batchId: string): boolean {
    return this.batches.has(batchId);
  }

  /** Saves these states (a later one for the same batch and id wins) and re-sorts what fell due. */
  put(records: readonly Delivery[]): void {
    const left = new Set<Delivery>();
    const joined: Delivery[] = [];
    for (const record of records) {
      const batch = this.batchOf(record.batchId);
      const old = batch.get(record.id);
      if (old === record) continue;
      batch.set(record.id, record);
      const tally = this.tallies.get(record.batchId)!;
      if (old) tally.remove(old);
      tally.add(record);
      if (old?.state === 'pending') left.add(old);
      if (record.state === 'pending') joined.push(record);
      if (old?.state === 'sending') this.sending.delete(old);
      if (record.state === 'sending') this.sending.add(record);
    }
    this.reindex(
      left,
      joined.filter((record) => !left.has(record)),
    );
  }

  /** Pending deliveries due at `now` (toISOString()'s form), earliest first, at most `limit`. */
  due(now: string, limit: number): Delivery[] {
    const found: Delivery[] = [];
    for (const delivery of this.pending) {
      if (found.length >= limit || delivery.notBefore > now) break;
      found.push(delivery);
    }
    return copy(found);
  }

  next(): string | undefined {
    return this.pending[0]?.notBefore;
  }

  /** Deliveries in "sending", in dueOrder. */
  interrupted(): Delivery[] {
    return copy([...this.sending].sort(dueOrder));
  }

  /** Deliveries in "sending" as held, not copies: for a claim to choose from, never to hand out. */
  sendingRecords(): Iterable<Delivery> {
    return this.sending;
  }

  /** Every delivery of the batch by id, or undefined when the batch is not held here. */
  batch(batchId: string): Delivery[] | undefined {
    const batch = this.batches.get(batchId);
    return batch && copy([...batch.values()].sort(byId));
  }

  /** True when every delivery held for the batch is final. */
  finished(batchId: string): boolean {
    return (this.tallies.get(batchId)?.unfinished() ?? 0) === 0;
  }

  /** The batch's counts by state, or undefined when the batch is not held here. */
  progress(batchId: string): BatchProgress | undefined {
    return this.tallies.get(batchId)?.progress();
  }

  /** The batches held, by id. */
  batchIds(): string[] {
    return [...this.batches.keys()];
  }

  /**
   * Puts these records in place of everything held for the batch, pending ones included: for an erasure, which
   * changes deliveries' ids along with their recipients.
   */
  replace(batchId: string, records: readonly Delivery[]): void {
    const old = this.batches.get(batchId);
    if (old) {
      const gone = new Set([...old.values()].filter((record) => record.state === 'pending'));
      if (gone.size > 0) this.pending = this.pending.filter((record) => !gone.has(record));
      for (const record of old.values()) this.sending.delete(record);
      this.batches.delete(batchId);
      this.tallies.delete(batchId);
    }
    this.put(records);
  }

  /** Forgets a finished batch (it is on disk): none of its items is pending, so the pending list keeps. */
  drop(batchId: string): void {
    if (!this.finished(batchId)) throw new Error(`store: batch ${batchId} still has unfinished deliveries.`);
    this.batches.delete(batchId);
    this.tallies.delete(batchId);
  }

  private batchOf(batchId: string): Map<string, Delivery> {
    let batch = this.batches.get(batchId);
    if (!batch) {
      batch = new Map();
      this.batches.set(batchId, batch);
      this.tallies.set(batchId, new ProgressTally());
    }
    return batch;
  }

  private reindex(left: Set<Delivery>, joined: Delivery[]): void {
    if (left.size + joined.length <= SPLICE_LIMIT) {
      for (const record of left) {
        const at = this.position(record);
        if (this.pending[at] === record) this.pending.splice(at, 1);
      }
      for (const record of joined) this.pending.splice(this.position(record), 0, record);
      return;
    }
    const kept = left.size === 0 ? this.pending : this.pending.filter((record) => !left.has(record));
    for (const record of joined) kept.push(record);
    this.pending = kept.sort(dueOrder);
  }

  /** The first index whose delivery does not sort before `record` (binary search). */
  private position(record: Delivery): number {
    let low = 0;
    let high = this.pending.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (dueOrder(this.pending[middle]!, record) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
