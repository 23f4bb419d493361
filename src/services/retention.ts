// The retention purge (DOMAIN.md, "Information governance"): once a day, everything older than RETENTION_MONTHS
// whole months before this one, in the organisation's zone, is purged, and the counts are audited.
import { purgeKinds, retentionCutoff, type PurgeCounts, type RetentionCutoff } from '../domain/retention.js';
import type { Store } from '../store/store.js';
import type { AuditLog } from './audit-log.js';
import type { Clock } from './clock.js';

type Deps = { store: Store; clock: Clock; timeZone: string; retentionMonths: number; audit: AuditLog };

/** The audit entry's targets: each kind with its count ('cycles:3'), then the first day kept. */
export const purgeTargets = (counts: PurgeCounts, cutoff: RetentionCutoff): string[] => [
  ...purgeKinds.map((kind) => `${kind}:${counts[kind]}`),
  `keptFrom:${cutoff.day}`,
];

export function createRetention({ store, clock, timeZone, retentionMonths, audit }: Deps) {
  return {
    /** Purges what is past the retention period and audits what went, even when nothing did: it ran. */
    async purge(): Promise<PurgeCounts> {
      const cutoff = retentionCutoff(clock(), retentionMonths, timeZone);
      const counts = await store.purgeBefore(cutoff);
      await audit.record('system', 'retention.purge', purgeTargets(counts, cutoff));
      return counts;
    },
  };
}

export type RetentionService = ReturnType<typeof createRetention>;
