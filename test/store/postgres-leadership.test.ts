// Scheduler leadership on a real PostgreSQL: instances sharing a schema elect exactly one leader; when the
// leader's session ends (closed, killed as a crash looks to the server, or gone silent) another takes over
// within the retry period; and a run the first leader claimed is never run again by the next.
import { afterEach, describe, expect, it } from '@jest/globals';
import { createLogger } from '../../src/log.js';
import { followLeadership } from '../../src/scheduler/leadership.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import {
  createPostgresLeadership,
  leadershipApplicationName,
  type PostgresLeadership,
  type PostgresLeadershipOptions,
} from '../../src/store/postgres/leadership.js';
import { openPostgresStore } from '../../src/store/postgres-store.js';
import type { Store } from '../../src/store/store.js';
import {
  adminQuery,
  dropSchema,
  freshSchemaName,
  postgresForTests,
  TEST_DATABASE_URL,
} from './postgres-test-db.js';

const RETRY_MS = 150;
const log = createLogger('silent');

/** Waits until `check` holds, polling; fails with `what` after `withinMs`. */
async function eventually(what: string, check: () => boolean | Promise<boolean>, withinMs = 3_000) {
  const until = Date.now() + withinMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`not within ${withinMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

if (await postgresForTests('postgres leadership')) {
  describe('postgres leadership', () => {
    const schema = freshSchemaName();
    const opened: PostgresLeadership[] = [];
    const stores: Store[] = [];
    // Stopped first, even when a test fails part-way: a scheduler left running would claim on a closed store.
    const following: { stop(): Promise<void> }[] = [];
    afterEach(async () => {
      await Promise.all(following.splice(0).map((terms) => terms.stop()));
      await Promise.all(opened.splice(0).map((leadership) => leadership.close()));
      await Promise.all(stores.splice(0).map((store) => store.close()));
      await dropSchema(schema);
    });

    const leadership = (options: Partial<PostgresLeadershipOptions> = {}) => {
      const created = createPostgresLeadership({
        connectionString: TEST_DATABASE_URL,
        schema,
        retryMs: RETRY_MS,
        checkMs: RETRY_MS,
        silentLeaderMs: 2_000,
        ...options,
      });
      opened.push(created);
      return created;
    };
    /** The server process of the session holding the leadership lock, as another connection sees it. */
    const leaderPid = async () => {
      const rows = await adminQuery<{ pid: number }>(
        `SELECT a.pid FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid
         WHERE a.application_name = $1 AND l.locktype = 'advisory' AND l.granted`,
        [leadershipApplicationName(schema)],
      );
      return rows.map((row) => row.pid);
    };

    it('lets exactly one of two instances lead, and tells each of the change', async () => {
      const [a, b] = [leadership(), leadership()];
      const changes: string[] = [];
      a.onChange((leading) => void changes.push(`a:${leading}`));
      b.onChange((leading) => void changes.push(`b:${leading}`));
      await a.acquire();
      await b.acquire();
      expect([a.isLeader(), b.isLeader()]).toEqual([true, false]);
      // Followers keep trying, and keep failing while the leader lives.
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS * 3));
      expect([a.isLeader(), b.isLeader()]).toEqual([true, false]);
      expect(changes).toEqual(['a:true']);
      expect(await leaderPid()).toHaveLength(1);
    });

    it('hands over within the retry period when the leader is killed, and the old leader steps down at once', async () => {
      // A's own checks are far apart: stepping down at once comes from the connection ending, not from a check.
      const [a, b] = [leadership({ checkMs: 60_000, silentLeaderMs: 60_000 }), leadership()];
      await a.acquire();
      await b.acquire();
      let aSteppedDownAt = 0;
      a.onChange((leading) => {
        if (!leading) aSteppedDownAt = Date.now();
      });
      const [pid] = await leaderPid();
      const killedAt = Date.now();
      // What a crash or a server restart looks like to the server: the session ends, and its locks with it.
      await adminQuery('SELECT pg_terminate_backend($1)', [pid]);
      await eventually('the old leader stepped down', () => !a.isLeader(), 500);
      expect(aSteppedDownAt - killedAt).toBeLessThan(500);
      await eventually('one of them leads again', () => a.isLeader() || b.isLeader(), RETRY_MS * 4);
      expect([a.isLeader(), b.isLeader()].filter(Boolean)).toHaveLength(1);
      const [next] = await leaderPid();
      expect(next).not.toBe(pid);
    });

    it('hands over when the leader closes', async () => {
      const [a, b] = [leadership(), leadership()];
      await a.acquire();
      await b.acquire();
      await a.close();
      expect(a.isLeader()).toBe(false);
      await eventually('b leads', () => b.isLeader(), RETRY_MS * 4);
    });

    it('frees the lock on the server when the leader goes silent, so a hung leader is replaced', async () => {
      // A checks far less often than the server lets a leader stay silent: as a process that hangs.
      const a = leadership({ checkMs: 60_000, silentLeaderMs: 300 });
      const b = leadership();
      await a.acquire();
      await b.acquire();
      expect(a.isLeader()).toBe(true);
      await eventually('b leads after the server ends the silent session', () => b.isLeader(), 2_000);
      await eventually('a learns its session ended', () => !a.isLeader(), 1_000);
    });

    it('leads once the database can be reached, after a first try that could not', async () => {
      const problems: string[] = [];
      const unreachable = createPostgresLeadership({
        connectionString: 'postgres://postgres@127.0.0.1:1/test',
        schema,
        retryMs: RETRY_MS,
        onProblem: (error) => void problems.push(error.name),
      });
      opened.push(unreachable);
      await unreachable.acquire();
      expect(unreachable.isLeader()).toBe(false);
      expect(problems.length).toBeGreaterThan(0);
      const reachable = leadership();
      await reachable.acquire();
      expect(reachable.isLeader()).toBe(true);
    });

    it('runs the scheduler on the leader only, and no claimed run twice across a handover', async () => {
      const runs = { a: 0, b: 0 };
      const claimed: string[] = [];
      const instance = async (name: 'a' | 'b') => {
        const store = await openPostgresStore({ connectionString: TEST_DATABASE_URL, schema });
        stores.push(store);
        const claims = {
          claimJobRun: async (job: string, runKey: string) => {
            const won = await store.claimJobRun(job, runKey);
            if (won) claimed.push(runKey);
            return won;
          },
          lastJobRun: (job: string) => store.lastJobRun(job),
        };
        const scheduler = createScheduler({ claims, timeZone: 'Europe/London', log });
        // Every second, so a handover happens between runs.
        scheduler.add({ name: 'tick', schedule: '* * * * * *', run: async () => void runs[name]++ });
        const lead = leadership();
        const terms = followLeadership(lead, scheduler, log, RETRY_MS);
        following.push(terms);
        await lead.acquire();
        return { store, scheduler, lead, terms };
      };
      const a = await instance('a');
      const b = await instance('b');
      await eventually('a runs the job', () => runs.a >= 2, 10_000);
      expect(b.scheduler.running()).toBe(false);
      expect(runs.b).toBe(0);

      // The run a claimed last is not run again by b, however it comes to it.
      const lastByA = await a.store.lastJobRun('tick');
      await adminQuery('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) pid', [await leaderPid()]);
      await eventually('a stops', () => !a.scheduler.running(), 3_000);
      // A crashed instance does not come back. This one's process lives on, and its retries could win the
      // lock back before b's (they did, every time, on a quiet machine), so it is closed as a dead one would be.
      await a.terms.stop();
      await a.lead.close();
      const aRuns = runs.a;
      await eventually('b runs the job', () => runs.b >= 2, 10_000);
      expect(runs.a).toBe(aRuns);
      expect(await b.store.claimJobRun('tick', lastByA!)).toBe(false);
      expect(new Set(claimed).size).toBe(claimed.length);
      expect(runs.a + runs.b).toBe(claimed.length);
    }, 40_000);
  });
}
