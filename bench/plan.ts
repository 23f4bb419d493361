// Which benchmarks a run does on which store, from its --only and --store options (run.ts), in two steps: what
// was asked for, then what a missing PostgreSQL server leaves of it. A plain run must never fail for want of
// a server: it says the comparison was skipped instead.
export const BENCHMARKS = ['inbound', 'write-cost', 'startup', 'digest', 'memory', 'delivery'] as const;
export type Benchmark = (typeof BENCHMARKS)[number];
/** The benchmarks issue 11 repeats on PostgreSQL, beside lowdb. */
export const ON_POSTGRES: readonly Benchmark[] = ['inbound', 'delivery'];
export const STORES = ['lowdb', 'postgres', 'all'] as const;

export type Plan = {
  /** Issue 10's benchmarks, on lowdb. */
  lowdb: Benchmark[];
  /** Issue 11's comparisons, PostgreSQL beside lowdb. */
  postgres: Benchmark[];
  /** Every benchmark on every store: a run whose report may replace results.md. */
  everything: boolean;
  /** Why the comparisons asked for are not run (no server answered), for the report. */
  skipped?: string;
};
export type Refusal = { refused: string; exitCode: number };

/**
 * --only picks benchmarks (all when absent); --store picks stores: all for a plain run, lowdb when --only is
 * given (so trying one benchmark stays quick), postgres for the comparisons alone.
 */
export function askedFor(options: { only?: string; store?: string }): Plan | Refusal {
  const only = (options.only ?? BENCHMARKS.join(',')).split(',').map((name) => name.trim());
  const unknown = only.filter((name) => !BENCHMARKS.includes(name as Benchmark));
  if (unknown.length > 0)
    return refuse(`no benchmark called ${unknown.join(', ')}; choose from ${BENCHMARKS.join(', ')}`);
  const store = options.store ?? (options.only === undefined ? 'all' : 'lowdb');
  if (!(STORES as readonly string[]).includes(store))
    return refuse(`no store called ${store}; choose from ${STORES.join(', ')}`);
  const chosen = BENCHMARKS.filter((name) => only.includes(name));
  const comparable = chosen.filter((name) => ON_POSTGRES.includes(name));
  if (store === 'postgres' && options.only !== undefined && comparable.length < chosen.length)
    return refuse(
      `--store postgres runs ${ON_POSTGRES.join(' and ')} only, not ${chosen.filter((name) => !ON_POSTGRES.includes(name)).join(', ')}`,
    );
  return {
    lowdb: store === 'postgres' ? [] : chosen,
    postgres: store === 'lowdb' ? [] : comparable,
    everything: store === 'all' && chosen.length === BENCHMARKS.length,
  };
}

/** The plan once it is known whether PostgreSQL answers (`problem` says why not). */
export function withServer(plan: Plan, problem: string | undefined): Plan | Refusal {
  if (!problem || plan.postgres.length === 0) return plan;
  if (plan.lowdb.length === 0) return { refused: `${problem}; start one, or set DATABASE_URL`, exitCode: 1 };
  return { ...plan, postgres: [], skipped: problem };
}

export const isRefusal = (plan: Plan | Refusal): plan is Refusal => 'refused' in plan;

function refuse(problem: string): Refusal {
  return { refused: problem, exitCode: 2 };
}
