// One process owns a data directory. The lock is a directory whose modification time is refreshed as a
// heartbeat; a live holder keeps it fresh, so a second process refuses to start. A lock left by a crash
// (kill -9) stops being refreshed and goes stale, and the next start takes it over.
import { join } from 'node:path';
import lockfile from 'proper-lockfile';

export type LockOptions = {
  /** A lock not refreshed for this long is stale. */
  staleMs?: number;
  /** How long to keep trying before refusing: long enough for a crashed holder's lock to go stale. */
  waitMs?: number;
  /** Called if another process took the lock from us (we stalled past staleMs): stop writing at once. */
  onCompromised?: (error: Error) => void;
};

export class DataDirLockedError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `store: the data directory ${dataDir} is in use by another running copy of the bot. ` +
        'Stop that copy first, or set DATA_DIR to another directory.',
    );
    this.name = 'DataDirLockedError';
  }
}

export async function lockDataDir(dataDir: string, options: LockOptions = {}): Promise<() => Promise<void>> {
  const staleMs = options.staleMs ?? 10_000;
  const waitMs = options.waitMs ?? staleMs + 2_000;
  const retryEveryMs = Math.min(500, staleMs / 4);
  try {
    return await lockfile.lock(dataDir, {
      lockfilePath: lockPath(dataDir),
      stale: staleMs,
      update: staleMs / 4,
      realpath: false,
      retries: {
        retries: Math.ceil(waitMs / retryEveryMs),
        factor: 1,
        minTimeout: retryEveryMs,
        maxTimeout: retryEveryMs,
      },
      onCompromised:
        options.onCompromised ??
        ((error) => {
          throw error;
        }),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') throw new DataDirLockedError(dataDir);
    throw error;
  }
}

export const lockPath = (dataDir: string): string => join(dataDir, 'bot.lock');
