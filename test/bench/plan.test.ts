// Which benchmarks `npm run bench` runs on which store (bench/plan.ts): a plain run never fails for want of a
// PostgreSQL server, and asking for the comparison alone without one does.
import { describe, expect, it } from '@jest/globals';
import { askedFor, BENCHMARKS, isRefusal, withServer, type Plan } from '../../bench/plan.js';

const plan = (options: { only?: string; store?: string }): Plan => {
  const found = askedFor(options);
  if (isRefusal(found)) throw new Error(found.refused);
  return found;
};

describe('bench plan', () => {
  it('runs everything on lowdb and the comparison on PostgreSQL in a plain run', () => {
    expect(plan({})).toEqual({
      lowdb: [...BENCHMARKS],
      postgres: ['inbound', 'delivery'],
      everything: true,
    });
  });

  it('keeps a run with --only on lowdb unless --store asks for more', () => {
    expect(plan({ only: 'inbound,digest' })).toMatchObject({ lowdb: ['inbound', 'digest'], postgres: [] });
    expect(plan({ only: 'inbound,digest', store: 'all' })).toMatchObject({
      lowdb: ['inbound', 'digest'],
      postgres: ['inbound'],
      everything: false,
    });
  });

  it('runs the comparison alone with --store postgres, and only what --only picks of it', () => {
    expect(plan({ store: 'postgres' })).toMatchObject({ lowdb: [], postgres: ['inbound', 'delivery'] });
    expect(plan({ store: 'postgres', only: 'delivery' })).toMatchObject({
      lowdb: [],
      postgres: ['delivery'],
    });
    expect(askedFor({ store: 'postgres', only: 'inbound,memory' })).toMatchObject({
      refused: expect.stringContaining('not memory'),
      exitCode: 2,
    });
  });

  it('refuses benchmarks and stores it does not know', () => {
    expect(askedFor({ only: 'inbound,speed' })).toMatchObject({ refused: expect.stringContaining('speed') });
    expect(askedFor({ store: 'mysql' })).toMatchObject({ refused: expect.stringContaining('mysql') });
  });

  it('skips the comparison, saying why, when no server answers in a run that has lowdb work', () => {
    const skipped = withServer(plan({}), 'no PostgreSQL server answered');
    expect(skipped).toEqual({
      lowdb: [...BENCHMARKS],
      postgres: [],
      everything: true,
      skipped: 'no PostgreSQL server answered',
    });
    expect(withServer(plan({}), undefined)).toEqual(plan({}));
  });

  it('fails when the comparison alone was asked for and no server answers', () => {
    expect(withServer(plan({ store: 'postgres' }), 'no PostgreSQL server answered')).toMatchObject({
      refused: expect.stringContaining('no PostgreSQL server answered'),
      exitCode: 1,
    });
  });
});
