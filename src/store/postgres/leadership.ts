// Scheduler leadership among instances sharing one PostgreSQL schema: the leader is the instance whose own
// connection (a session outside the pool) holds a session-level advisory lock. The server lets go of the lock
// the moment that session ends, so:
// - a leader that crashes (the operating system closes its socket) is replaced within one retry period;
// - a leader that hangs or loses its network goes quiet, and the server ends its session after
//   `silentLeaderMs` (idle_session_timeout), so another takes over within silentLeaderMs + retryMs;
// - a leader whose connection breaks or whose check gets no answer steps down at once, before the server can
//   have given the lock to anyone else (checkMs + the check's time limit is well inside silentLeaderMs).
// Shaped as scheduler/leadership.ts's Leadership port, which this layer may not import.
import { createHash } from 'node:crypto';
import { openSession, type Session } from './connection.js';

export type PostgresLeadershipOptions = {
  connectionString: string;
  schema: string;
  /** How often a follower tries to take the lead. */
  retryMs?: number;
  /** How often the leader checks that its connection is alive. */
  checkMs?: number;
  /** How long the server waits for a silent leader before ending its session and so freeing the lock. */
  silentLeaderMs?: number;
  /** Told of each failed connection or check, to log (the error's kind, not its text). */
  onProblem?: (error: Error) => void;
};

export type PostgresLeadership = {
  acquire(): Promise<void>;
  isLeader(): boolean;
  onChange(listener: (leading: boolean) => void): void;
  close(): Promise<void>;
};

// The lock's first key: the same for every version of the bot, apart from the migration lock's space
// (that one takes a single bigint key; the two-key space never overlaps it).
const LOCK_CLASS = 7011;

/** The lock's two keys: instances sharing a schema contend for one lock, other schemas have their own. */
export function leadershipLockKeys(schema: string): [number, number] {
  return [LOCK_CLASS, createHash('sha256').update(schema).digest().readInt32BE(0)];
}

const UNDEFINED_SETTING = '42704';

export const leadershipApplicationName = (schema: string): string => `pp-scheduler-leader ${schema}`;

export function createPostgresLeadership({
  connectionString,
  schema,
  retryMs = 15_000,
  checkMs = 5_000,
  silentLeaderMs = 30_000,
  onProblem = () => {},
}: PostgresLeadershipOptions): PostgresLeadership {
  const keys = leadershipLockKeys(schema);
  const listeners: ((leading: boolean) => void)[] = [];
  let session: Session | undefined;
  let leading = false;
  let closed = false;
  let started = false;
  let timer: NodeJS.Timeout | undefined;
  /** The try or check under way: close() waits for it. */
  let step: Promise<void> = Promise.resolve();

  const notify = (now: boolean) => {
    if (leading === now) return;
    leading = now;
    if (!closed) for (const listener of listeners) listener(now);
  };
  const report = (error: unknown) => onProblem(error as Error);

  /** Steps down at once, and lets go of the connection (the lock goes with it). */
  const stepDown = (lost: Session) => {
    if (session !== lost) return;
    session = undefined;
    notify(false);
    void lost.end();
  };

  const connect = async (): Promise<Session> => {
    const opened = await openSession({
      connectionString,
      schema,
      applicationName: leadershipApplicationName(schema),
      // A check that takes longer than the interval between checks counts as a lost connection.
      queryTimeoutMs: checkMs,
    });
    void opened.ended.then(() => stepDown(opened));
    return opened;
  };

  const tryToLead = async () => {
    session ??= await connect();
    const current = session;
    const [row] = await current.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock($1::int, $2::int) AS locked',
      keys,
    );
    if (!row?.locked) return;
    await limitSilence(current);
    if (session === current) notify(true);
  };

  /** From now on a leader that goes quiet loses the lock on the server's own clock. */
  const limitSilence = async (current: Session) => {
    try {
      await current.query("SELECT set_config('idle_session_timeout', $1, false)", [`${silentLeaderMs}ms`]);
    } catch (error) {
      // PostgreSQL before 14 has no such setting: a silent leader is then found by TCP keepalives alone.
      if ((error as { code?: string }).code !== UNDEFINED_SETTING) throw error;
      report(error);
    }
  };

  const checkAlive = async () => {
    const current = session;
    if (!current) return notify(false);
    try {
      await current.query('SELECT 1');
    } catch (error) {
      report(error);
      stepDown(current);
    }
  };

  const tick = async () => {
    try {
      if (leading) await checkAlive();
      else await tryToLead();
    } catch (error) {
      report(error);
      // A connection that failed mid-try is of no more use; the next try opens a new one.
      if (session) stepDown(session);
    }
  };

  const schedule = () => {
    if (closed) return;
    timer = setTimeout(
      () => {
        step = tick().then(schedule);
      },
      leading ? checkMs : retryMs,
    );
  };

  return {
    acquire: async () => {
      if (started || closed) return;
      started = true;
      step = tick();
      await step;
      schedule();
    },
    isLeader: () => leading,
    onChange: (listener) => void listeners.push(listener),
    close: async () => {
      closed = true;
      clearTimeout(timer);
      await step;
      leading = false;
      const last = session;
      session = undefined;
      await last?.end();
    },
  };
}
