import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSearchFilter } from '@/lib/tracking/search-filter';
import { rowsOf } from '../rows';
import { type TestDb, openTestDb } from '../test-db';
import { createProject } from './projects';
import { createExperiment, getExperimentByName } from './experiments';
import { groupRuns, listRecentRunKeys, searchRuns } from './run-search';
import { createRun, logBatch } from './runs';
import { createUser } from './users';

let t: TestDb;
let projectId: string;
let experimentId: number;
const actor = { id: '', isAdmin: true };

beforeAll(async () => {
  t = await openTestDb();
  const user = await createUser(t.db, null, { email: 'num@example.com', name: 'Num', password: 'password-1' });
  actor.id = user.id;
  const project = await createProject(t.db, actor, { slug: 'numeric', name: 'Numeric', problemStatement: '' });
  projectId = project.id;
  experimentId = (await getExperimentByName(t.db, projectId, 'Default')).id;
  // Logged in the order 6, 3, 12, then a run whose depth is text and one without a depth.
  for (const [i, depth] of ['6', '3', '12', 'auto', null].entries()) {
    const run = await createRun(t.db, actor, projectId, {
      experimentId,
      runName: `depth-${depth}`,
      startTime: 1000 + i,
    });
    await logBatch(t.db, projectId, run.id, {
      params: depth === null ? [{ key: 'other', value: 'x' }] : [{ key: 'depth', value: depth }],
      metrics: [{ key: i < 2 ? 'old_metric' : 'new_metric', value: i, timestamp: 10_000 + i, step: 0 }],
    });
  }
});
afterAll(() => t.cleanup());

const names = (r: Awaited<ReturnType<typeof searchRuns>>) => r.runs.map((x) => x.name);
const byDepth = (ascending: boolean, numericParams: boolean) =>
  searchRuns(t.db, projectId, {
    sort: [{ type: 'param', key: 'depth', ascending }],
    numericParams,
    limit: 10,
  });

describe('numeric params in the runs table', () => {
  it('sorts numbers as numbers (3, 6, 12), then text, then runs without the param', async () => {
    expect(names(await byDepth(true, true))).toEqual(['depth-3', 'depth-6', 'depth-12', 'depth-auto', 'depth-null']);
    expect(names(await byDepth(false, true))).toEqual(['depth-12', 'depth-6', 'depth-3', 'depth-auto', 'depth-null']);
  });

  it('keeps MLflow text order for the MLflow search (12 before 3)', async () => {
    expect(names(await byDepth(true, false))).toEqual(['depth-12', 'depth-3', 'depth-6', 'depth-auto', 'depth-null']);
    const viaOrderBy = await searchRuns(t.db, projectId, { orderBy: ['params.depth ASC'], limit: 10 });
    expect(names(viaOrderBy).slice(0, 3)).toEqual(['depth-12', 'depth-3', 'depth-6']);
  });

  it('filters params against a number numerically, leaving text values out', async () => {
    const above = await searchRuns(t.db, projectId, {
      clauses: parseSearchFilter('params.depth > 5', { numericParams: true }),
      sort: [{ type: 'param', key: 'depth', ascending: true }],
      numericParams: true,
      limit: 10,
    });
    expect(names(above)).toEqual(['depth-6', 'depth-12']);
    const equal = await searchRuns(t.db, projectId, {
      clauses: parseSearchFilter('params.depth = 12.0', { numericParams: true }),
      limit: 10,
    });
    expect(names(equal)).toEqual(['depth-12']);
    const quoted = await searchRuns(t.db, projectId, {
      clauses: parseSearchFilter("params.depth = 'auto'", { numericParams: true }),
      limit: 10,
    });
    expect(names(quoted)).toEqual(['depth-auto']);
  });

  it('refuses a number for a param in the MLflow grammar, as MLflow does', async () => {
    await expect(searchRuns(t.db, projectId, { filter: 'params.depth > 5', limit: 10 })).rejects.toThrow(
      /Invalid comparator '>'/,
    );
  });
});

describe('listRecentRunKeys', () => {
  it('lists the most recently logged metric and param keys first', async () => {
    const recent = await listRecentRunKeys(t.db, projectId, 4, experimentId);
    expect(recent.metrics).toEqual(['new_metric', 'old_metric']);
    expect(recent.params).toEqual(['other', 'depth']);
  });
});

describe('grouping runs by a param', () => {
  let exp: number;
  beforeAll(async () => {
    exp = (await createExperiment(t.db, actor, projectId, { name: 'grouped' })).id;
    const runsToLog: { model: string | null; acc: number[]; loss: number | null }[] = [
      { model: 'rf', acc: [0.5, 0.8], loss: 0.4 },
      { model: 'rf', acc: [0.6, 0.7], loss: Number.NaN },
      { model: 'rf', acc: [0.9], loss: 0.2 },
      { model: "o'brien", acc: [0.4], loss: 0.6 },
      { model: null, acc: [0.3], loss: null },
    ];
    for (const [i, r] of runsToLog.entries()) {
      const run = await createRun(t.db, actor, projectId, { experimentId: exp, runName: `g${i}`, startTime: 5000 + i });
      await logBatch(t.db, projectId, run.id, {
        params: r.model === null ? [] : [{ key: 'model', value: r.model }],
        metrics: [
          ...r.acc.map((value, step) => ({ key: 'acc', value, timestamp: 20_000 + step, step })),
          ...(r.loss === null ? [] : [{ key: 'loss', value: r.loss, timestamp: 20_000, step: 0 }]),
        ],
      });
    }
  });

  const metrics = [
    { id: 'metrics.acc', key: 'acc', agg: 'latest' as const },
    { id: 'metrics.acc@max', key: 'acc', agg: 'max' as const },
    { id: 'metrics.loss', key: 'loss', agg: 'latest' as const },
  ];

  it('gives each value its run count and each metric its mean, min and max, largest group first', async () => {
    const groups = await groupRuns(t.db, projectId, { experimentIds: [exp] }, { type: 'param', key: 'model' }, metrics);
    expect(groups.map((g) => [g.value, g.runs])).toEqual([
      ['rf', 3],
      ["o'brien", 1],
      [null, 1],
    ]);
    const rf = groups[0]!.metrics;
    // Latest values 0.8, 0.7, 0.9; the runs' maxima are the same here; NaN is left out of the loss.
    expect(rf['metrics.acc']!.mean).toBeCloseTo(0.8, 12);
    expect(rf['metrics.acc']).toMatchObject({ min: 0.7, max: 0.9, runs: 3 });
    expect(rf['metrics.acc@max']).toMatchObject({ min: 0.7, max: 0.9, runs: 3 });
    expect(rf['metrics.loss']!.mean).toBeCloseTo(0.3, 12);
    expect(rf['metrics.loss']).toMatchObject({ min: 0.2, max: 0.4, runs: 2 });
    expect(groups[2]!.metrics['metrics.loss']).toEqual({ mean: null, min: null, max: null, runs: 0 });
  });

  it('groups only the runs the filter matches', async () => {
    const groups = await groupRuns(
      t.db,
      projectId,
      { experimentIds: [exp], clauses: parseSearchFilter('metrics.acc > 0.75') },
      { type: 'param', key: 'model' },
      metrics.slice(0, 1),
    );
    expect(groups.map((g) => [g.value, g.runs])).toEqual([['rf', 2]]);
    expect(groups[0]!.metrics['metrics.acc']!.mean).toBeCloseTo(0.85, 12);
  });

  it('puts every run in one group when no run has the key', async () => {
    const groups = await groupRuns(t.db, projectId, { experimentIds: [exp] }, { type: 'tag', key: 'team' }, []);
    expect(groups).toEqual([{ value: null, runs: 5, metrics: {} }]);
  });
});

describe('searches over many runs', () => {
  const N = 1200;
  let bigExperiment: number;
  beforeAll(async () => {
    bigExperiment = (await createExperiment(t.db, actor, projectId, { name: 'many runs' })).id;
    // Run i: q1 = i, q3 = (i mod 10) / 10, p2 = 'v' || (i mod 3); no ANALYZE, as right after ingest.
    await t.db.execute(sql`
      insert into runs (id, project_id, experiment_id, name, start_time)
      select md5('many-' || i), ${projectId}::uuid, ${bigExperiment}, 'many-' || i, i from generate_series(1, ${N}) g(i)`);
    await t.db.execute(sql`
      insert into run_params (run_id, key, value)
      select md5('many-' || i), 'p2', 'v' || (i % 3) from generate_series(1, ${N}) g(i)`);
    await t.db.execute(sql`
      insert into run_metrics (run_id, key, value, step, timestamp, count, first_step, step_count, step_gcd)
      select md5('many-' || i), 'q1', i, 0, 0, 1, 0, 1, 0 from generate_series(1, ${N}) g(i)
      union all
      select md5('many-' || i), 'q3', (i % 10) / 10.0, 0, 0, 1, 0, 1, 0 from generate_series(1, ${N}) g(i)`);
  });

  const expected = Array.from({ length: N }, (_, i) => i + 1)
    .filter((i) => i % 10 > 5 && i % 3 === 1)
    .sort((a, b) => b - a)
    .map((i) => `many-${i}`);
  const search = (offset: number) =>
    searchRuns(t.db, projectId, {
      experimentIds: [bigExperiment],
      filter: "metrics.q3 > 0.5 and params.p2 = 'v1'",
      orderBy: ['metrics.q1 DESC'],
      limit: 100,
      offset,
    });

  it('returns the sorted page and the count of every match', async () => {
    const first = await search(0);
    expect(first.total).toBe(expected.length);
    expect(names(first)).toEqual(expected.slice(0, 100));
    const last = await search(100);
    expect(names(last)).toEqual(expected.slice(100, 200));
    expect(last.total).toBe(expected.length);
  });

  it('still counts the matches on a page past the last one', async () => {
    const past = await search(expected.length + 100);
    expect(past.runs).toEqual([]);
    expect(past.total).toBe(expected.length);
  });

  it('leaves the planner settings of the connection as they were', async () => {
    await search(0);
    const [setting] = rowsOf<{ enable_nestloop: string }>(await t.db.execute(sql`show enable_nestloop`));
    expect(setting?.enable_nestloop).toBe('on');
  });
});
