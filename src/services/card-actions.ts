// Idempotency for card buttons: each card carries its own id, and the first action on a card instance is
// the only one that changes anything. A double click or a retried invoke is answered with the current view.
import type { Store } from '../store/store.js';
import type { Clock } from './clock.js';

const REMEMBER_DAYS = 30;

export function createCardActions({ store, clock }: { store: Store; clock: Clock }) {
  return {
    async claim(cardId: string): Promise<boolean> {
      const now = clock();
      const forgetBefore = new Date(now.getTime() - REMEMBER_DAYS * 86_400_000).toISOString();
      return store.claimCardAction(cardId, now.toISOString(), forgetBefore);
    },
  };
}

export type CardActions = ReturnType<typeof createCardActions>;
