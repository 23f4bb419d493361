// A batch's progress kept as running counts, so a store can answer it without reading the batch out: the
// in-process stores' index adds and takes away each state it saves over, and PostgreSQL adds up groups of
// rows. It counts as batchProgress (src/domain/delivery.ts) does one by one; the store contract and the
// index's test check the two agree.
import { DeliveryState, isFinal, type BatchProgress, type Delivery } from '../domain/delivery.js';

/** What of a delivery its batch's progress counts. */
export type Counted = Pick<Delivery, 'state' | 'possiblyDuplicated' | 'failure'>;

const UNFINISHED = DeliveryState.options.filter((state) => !isFinal(state));

/** Why a delivery did not arrive, for the report: only a final state other than delivered has a reason. */
const reasonOf = ({ state, failure }: Counted): string | undefined =>
  failure && isFinal(state) && state !== 'delivered' ? (failure.code ?? String(failure.status)) : undefined;

export class ProgressTally {
  private total = 0;
  private readonly byState = Object.fromEntries(DeliveryState.options.map((state) => [state, 0])) as Record<
    DeliveryState,
    number
  >;
  private possiblyDuplicated = 0;
  private readonly failures = new Map<string, number>();

  /** Counts `count` deliveries like this one in (a negative count takes them out). */
  add(delivery: Counted, count = 1): void {
    this.total += count;
    this.byState[delivery.state] += count;
    if (delivery.possiblyDuplicated) this.possiblyDuplicated += count;
    const reason = reasonOf(delivery);
    if (reason === undefined) return;
    const left = (this.failures.get(reason) ?? 0) + count;
    if (left === 0) this.failures.delete(reason);
    else this.failures.set(reason, left);
  }

  remove(delivery: Counted): void {
    this.add(delivery, -1);
  }

  /** Deliveries not yet in a final state. */
  unfinished(): number {
    return UNFINISHED.reduce((sum, state) => sum + this.byState[state], 0);
  }

  progress(): BatchProgress {
    return {
      total: this.total,
      byState: { ...this.byState },
      possiblyDuplicated: this.possiblyDuplicated,
      failures: Object.fromEntries(this.failures),
      done: this.unfinished() === 0,
    };
  }
}
