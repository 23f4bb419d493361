// Writes and reads the audit log. Callers give codes and ids; nothing a person typed ever goes in.
import type { AuditEntry } from '../domain/audit.js';
import type { Store } from '../store/store.js';
import type { Clock } from './clock.js';

export const AUDIT_PAGE_SIZE = 10;

export type AuditCursor = { at: string; id: string };

export function createAuditLog({ store, clock, newId }: { store: Store; clock: Clock; newId: () => string }) {
  return {
    async record(
      actor: string,
      action: string,
      targets: string[],
      outcome: AuditEntry['outcome'] = 'done',
    ): Promise<void> {
      // Someone with no Entra id (Teams gives every person one) is refused like anyone, but names nobody an
      // entry could hold. An act that was done always has an actor: its absence is a fault, and throws.
      if (!actor && outcome === 'refused') return;
      await store.appendAudit({ id: newId(), at: clock().toISOString(), actor, action, targets, outcome });
    },
    /** A page of entries, newest first, and the cursor for the next (older) page if there is one. */
    async page(before?: AuditCursor): Promise<{ entries: AuditEntry[]; next?: AuditCursor }> {
      const entries = await store.auditEntries({ limit: AUDIT_PAGE_SIZE + 1, ...(before ? { before } : {}) });
      const shown = entries.slice(0, AUDIT_PAGE_SIZE);
      const last = shown.at(-1);
      return entries.length > AUDIT_PAGE_SIZE && last
        ? { entries: shown, next: { at: last.at, id: last.id } }
        : { entries: shown };
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
