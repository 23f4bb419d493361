// Deliveries renamed by an erasure while still on their way. The delivery worker holds copies of the items it
// is sending and saves their results a moment later, under the ids they had: those saves would be refused as
// unknown (and held back for ever with every result saved alongside them), or would put the person's id back.
// So a store remembers, in memory only, which unfinished deliveries an erasure renamed, puts the pseudonym in
// a late update too, and forgets each one once its final state is saved.
import { erasedDelivery } from '../domain/erasure.js';
import { isFinal, type Delivery } from '../domain/delivery.js';

const keyOf = ({ batchId, id }: Pick<Delivery, 'batchId' | 'id'>) => JSON.stringify([batchId, id]);

export class LateUpdates {
  private readonly renamed = new Map<string, { id: string; pseudonym: string }>();

  /** An erasure renamed this delivery: if it had not finished, a late update may still name the person. */
  note(before: Delivery, aadObjectId: string, pseudonym: string): void {
    if (!isFinal(before.state)) this.renamed.set(keyOf(before), { id: aadObjectId, pseudonym });
  }

  /** The items as an erasure would have left them. */
  translate(items: readonly Delivery[]): Delivery[] {
    return items.map((item) => {
      const key = keyOf(item);
      const renamed = this.renamed.get(key);
      if (!renamed) return item;
      const erased = erasedDelivery(item, renamed.id, renamed.pseudonym).record!;
      if (isFinal(erased.state)) this.renamed.delete(key);
      return erased;
    });
  }
}
