// Figure 3b: a two-clause runs search with a metric sort right after 10,000 runs arrive (no planner statistics for
// them yet — this Postgres runs without autovacuum), then again after ANALYZE. Both medians must stay under 100 ms;
// the first search after growth is one of the five timed, and the worst is printed beside the median.
import { sql } from 'drizzle-orm';
import type { DbHandle } from '@/db/client';
import type { Db } from '@/db/client';
import { createExperiment } from '@/db/queries/experiments';
import { createProject } from '@/db/queries/projects';
import { searchRuns } from '@/db/queries/run-search';
import { createUser } from '@/db/queries/users';
import { type Figure, fmtInt, fmtMs, median, timeRuns } from '../lib/util';
import { runFigureAlone } from './standalone';

export const RUNS_SEARCH_QUERY = { filter: "metrics.q3 > 0.5 and params.p2 = 'v1'", orderBy: ['metrics.q1 DESC'] };
const TARGET_MS = 100;
const ROWS = 100;

/** Bulk SQL: 20 params (p2 takes three text values, the rest numbers) and 10 metric summaries per run. */
export async function seedSearchRuns(db: Db, projectId: string, experimentId: number, n: number) {
  const t0 = Date.now() - n * 60_000;
  await db.execute(sql`select setseed(0.17)`);
  await db.execute(sql`
    insert into runs (id, project_id, experiment_id, name, user_id, status, start_time, end_time)
    select md5('search-run-' || i), ${projectId}::uuid, ${experimentId}, 'run-' || i, 'bench', 'FINISHED'::run_status,
           ${t0}::bigint + i * 60000, ${t0}::bigint + i * 60000 + 45000
    from generate_series(1, ${n}) as g(i)`);
  await db.execute(sql`
    insert into run_params (run_id, key, value)
    select md5('search-run-' || i), 'p' || k,
           case when k = 2 then 'v' || (i % 3) else round((random() * 100)::numeric, 3)::text end
    from generate_series(1, ${n}) as g(i), generate_series(1, 20) as h(k)`);
  await db.execute(sql`
    insert into run_metrics (run_id, key, value, step, timestamp, min_value, max_value, count, first_step, step_count, step_gcd)
    select md5('search-run-' || i), 'q' || k, v, 9, ${t0}::bigint + i * 60000 + 40000, v * 0.8, v, 10, 0, 10, 1
    from (select i, k, random() as v from generate_series(1, ${n}) as g(i), generate_series(1, 10) as h(k)) x`);
}

export type RunsSearchResult = { beforeMs: number; afterMs: number; lookupMs: number; matched: number };

export async function benchRunsSearch(
  handle: DbHandle,
  opts: { projectId?: string; runs?: number; log?: (l: string) => void } = {},
): Promise<{ figures: Figure[] } & RunsSearchResult> {
  const { db } = handle;
  const n = opts.runs ?? 10_000;
  const log = opts.log ?? ((l: string) => console.log(l));
  let projectId = opts.projectId;
  if (!projectId) {
    const user = await createUser(db, null, {
      email: 'search@example.com',
      name: 'Bench',
      password: 'bench-password-1',
    });
    projectId = (
      await createProject(db, { id: user.id, isAdmin: false }, { slug: 'search', name: 'Search', problemStatement: '' })
    ).id;
  }
  const experiment = await createExperiment(db, null, projectId, { name: 'Runs search bench' });
  const started = performance.now();
  await seedSearchRuns(db, projectId, experiment.id, n);
  log(`  seeded ${fmtInt(n)} runs × 20 params × 10 metrics in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const experimentIds = [experiment.id];
  let matched = 0;
  let ids: string[] = [];
  const search = async () => {
    const found = await searchRuns(db, projectId, { experimentIds, ...RUNS_SEARCH_QUERY, limit: ROWS });
    matched = found.total;
    ids = found.runs.map((r) => r.id);
  };
  // No warm-up before the first timing: the first search after growth is the one people wait for.
  const beforeTimes = await timeRuns(search, 5, 0);
  const before = median(beforeTimes);
  log(`  before ANALYZE: first ${fmtMs(beforeTimes[0]!)}, median ${fmtMs(before)} (${fmtInt(matched)} match)`);
  if (ids.length !== ROWS) throw new Error(`The search returned ${ids.length} runs, expected ${ROWS}.`);
  for (const table of ['runs', 'run_params', 'run_metrics', 'run_tags'])
    await db.execute(sql`analyze ${sql.identifier(table)}`);
  const afterTimes = await timeRuns(search, 5, 0);
  const after = median(afterTimes);
  log(`  after ANALYZE: first ${fmtMs(afterTimes[0]!)}, median ${fmtMs(after)}`);
  // The baseline: the same 100 runs fetched by primary key, with their sort metric.
  const lookup = () =>
    db.execute(
      sql`select r.*, m.value from runs r left join run_metrics m on m.run_id = r.id and m.key = 'q1' where r.id in ${ids} order by m.value desc`,
    );
  const lookupMs = median(await timeRuns(lookup, 9, 2));
  const worst = (times: number[]) => Math.max(...times);
  const figure = (when: string, ms: number, times: number[]): Figure => ({
    name: `3b Runs search ${when} (${fmtInt(matched)} match, ${ROWS} rows), median`,
    measured: `${fmtMs(ms)} (worst ${fmtMs(worst(times))})`,
    baseline: `indexed lookup of the same rows ${fmtMs(lookupMs)}`,
    ratio: `${(ms / lookupMs).toFixed(1)}× the lookup`,
    target: `< ${TARGET_MS} ms`,
    pass: ms < TARGET_MS,
  });
  return {
    figures: [figure('before ANALYZE', before, beforeTimes), figure('after ANALYZE', after, afterTimes)],
    beforeMs: before,
    afterMs: after,
    lookupMs,
    matched,
  };
}

runFigureAlone(import.meta.url, 'runs search', (handle) =>
  benchRunsSearch(handle, { runs: Number(process.env.BENCH_RUNS) || 10_000 }),
);
