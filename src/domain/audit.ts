// The audit log: append-only, one entry per privileged act or refusal. Ids and codes only, never free text.
import { z } from 'zod';

export const AuditEntry = z.object({
  id: z.string().min(1),
  at: z.string(),
  /** The person's Entra object id, or "system" for the bot's own jobs. */
  actor: z.string().min(1),
  /** What was done, as a code: "unit.track", "roles.grant", or the permission action that was refused. */
  action: z.string().regex(/^[a-zA-Z.]+$/),
  /** Ids of what it was done to: units, people, teams. */
  targets: z.array(z.string()),
  outcome: z.enum(['done', 'refused', 'failed']),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** Audit files are per calendar month (UTC), so old months are never rewritten. */
export const auditMonth = (isoTime: string): string => isoTime.slice(0, 7);
