import { and, asc, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { bulkIntervalSteps, sampledIndices, sampleSteps, stepRange, unionOfRuns } from '@/lib/mlflow/sampled-steps';
import {
  type Bucket,
  chooseWidth,
  mergeBuckets,
  READ_FACTOR,
  sharedGrid,
  withEndpoints,
} from '@/lib/tracking/downsample';
import type { Db } from '../client';
import { rowsOf } from '../rows';
import { metricPoints, metricRollups, runMetrics, runs } from '../schema/index';

export type MetricPoint = { key: string; value: number; timestamp: number; step: number };

/** Full history of one series, ordered, with offset paging (MLflow's get-history). */
/** A point as MLflow's metric history returns it. */
const HISTORY_POINT = {
  key: metricPoints.key,
  value: metricPoints.value,
  timestamp: metricPoints.timestamp,
  step: metricPoints.step,
};

export async function getMetricHistory(
  db: Db,
  runId: string,
  key: string,
  opts: { offset?: number; limit?: number } = {},
) {
  return db
    .select(HISTORY_POINT)
    .from(metricPoints)
    .where(and(eq(metricPoints.runId, runId), eq(metricPoints.key, key)))
    .orderBy(asc(metricPoints.step), asc(metricPoints.timestamp))
    .offset(opts.offset ?? 0)
    .limit(opts.limit ?? 1_000_000_000);
}

export type Series = {
  runId: string;
  key: string;
  /** Points in the requested range, and how many of them the buckets stand for. */
  totalPoints: number;
  /** True when every point is returned as itself (no bucketing). */
  exact: boolean;
  buckets: Bucket[];
};

const pointAsBucket = (p: { step: number; timestamp: number; value: number }): Bucket => ({
  step: p.step,
  timestamp: p.timestamp,
  value: p.value,
  min: Number.isNaN(p.value) ? null : p.value,
  max: Number.isNaN(p.value) ? null : p.value,
  count: 1,
});

/** A run's raw points of one metric with steps in [from, to], unordered. */
const pointsInRange = (db: Db, runId: string, key: string, from: number, to: number) =>
  db
    .select({ step: metricPoints.step, timestamp: metricPoints.timestamp, value: metricPoints.value })
    .from(metricPoints)
    .where(
      and(
        eq(metricPoints.runId, runId),
        eq(metricPoints.key, key),
        gte(metricPoints.step, from),
        lte(metricPoints.step, to),
      ),
    );

async function endPoint(db: Db, runId: string, key: string, from: number, to: number, last: boolean) {
  const [row] = await pointsInRange(db, runId, key, from, to)
    .orderBy(
      last ? desc(metricPoints.step) : asc(metricPoints.step),
      last ? desc(metricPoints.timestamp) : asc(metricPoints.timestamp),
    )
    .limit(1);
  return row ? pointAsBucket(row) : null;
}

/**
 * A chart-ready series of at most maxBuckets buckets (min, max, last per bucket; first and last points exact).
 * Reads raw points when the step range is short, otherwise the coarsest rollup fine enough — never the whole history.
 */
export async function getMetricSeries(
  db: Db,
  runId: string,
  key: string,
  opts: { fromStep?: number; toStep?: number; maxBuckets?: number } = {},
): Promise<Series> {
  const maxBuckets = opts.maxBuckets ?? 1000;
  const [summary] = await db
    .select()
    .from(runMetrics)
    .where(and(eq(runMetrics.runId, runId), eq(runMetrics.key, key)));
  if (!summary) return { runId, key, totalPoints: 0, exact: true, buckets: [] };
  const fromStep = opts.fromStep ?? Number.MIN_SAFE_INTEGER;
  const toStep = opts.toStep ?? Number.MAX_SAFE_INTEGER;
  const first = await endPoint(db, runId, key, fromStep, toStep, false);
  const last = await endPoint(db, runId, key, fromStep, toStep, true);
  if (!first || !last) return { runId, key, totalPoints: 0, exact: true, buckets: [] };
  const from = first.step;
  const to = last.step;
  const width = chooseWidth(from, to, maxBuckets);
  if (width === 1) {
    const raw = await pointsInRange(db, runId, key, from, to)
      .orderBy(asc(metricPoints.step), asc(metricPoints.timestamp))
      .limit(maxBuckets * READ_FACTOR);
    const points = raw.map(pointAsBucket);
    const exact = points.length <= maxBuckets;
    return {
      runId,
      key,
      totalPoints: points.length,
      exact,
      buckets: exact ? points : withEndpoints(mergeBuckets(points, maxBuckets), first, last),
    };
  }
  const rows = await db
    .select()
    .from(metricRollups)
    .where(
      and(
        eq(metricRollups.runId, runId),
        eq(metricRollups.key, key),
        eq(metricRollups.width, width),
        gte(metricRollups.bucket, Math.floor(from / width)),
        lte(metricRollups.bucket, Math.floor(to / width)),
      ),
    )
    .orderBy(asc(metricRollups.bucket));
  const buckets: Bucket[] = rows.map((r) => ({
    step: r.lastStep,
    timestamp: r.lastTimestamp,
    value: r.lastValue,
    min: r.minValue,
    max: r.maxValue,
    count: r.count,
  }));
  const totalPoints = buckets.reduce((s, b) => s + b.count, 0);
  return {
    runId,
    key,
    totalPoints,
    exact: false,
    buckets: withEndpoints(mergeBuckets(buckets, maxBuckets - 2), first, last),
  };
}

type GridRow = {
  run_id: string;
  count: number | string;
  min_value: number | string | null;
  max_value: number | string | null;
  last_step: number | string;
  last_timestamp: number | string;
  last_value: number | string;
};

/**
 * One metric of several runs on one shared step grid (lib/tracking/downsample.ts sharedGrid): every line gets
 * the same buckets, each with its min/max envelope, count and last point, aggregated in the database from raw
 * points or the rollup the grid is built on; each run's first point is added exactly.
 */
export async function getSharedGridSeries(
  db: Db,
  runIds: string[],
  key: string,
  maxBuckets: number,
): Promise<{ gridWidth: number; series: Series[] }> {
  const summaries =
    runIds.length === 0
      ? []
      : await db
          .select({ runId: runMetrics.runId, firstStep: runMetrics.firstStep, lastStep: runMetrics.step })
          .from(runMetrics)
          .where(and(inArray(runMetrics.runId, runIds), eq(runMetrics.key, key)));
  const empty = (runId: string): Series => ({ runId, key, totalPoints: 0, exact: true, buckets: [] });
  if (summaries.length === 0) return { gridWidth: 1, series: runIds.map(empty) };
  const ids = summaries.map((s) => s.runId);
  const from = Math.min(...summaries.map((s) => s.firstStep));
  const to = Math.max(...summaries.map((s) => s.lastStep));
  const { readWidth, gridWidth } = sharedGrid(from, to, maxBuckets);
  // Per run through a lateral join, so each run is one index range scan grouped in memory whatever the planner's
  // statistics say. A bucket's last point is the greatest [step, timestamp, value] array (arrays compare in order).
  const perRun =
    readWidth === 1
      ? sql`select floor(step::float8 / ${gridWidth}) as grid, count(*) as count,
            min(value) filter (where value <> 'NaN') as min_value,
            max(value) filter (where value <> 'NaN') as max_value,
            max(array[step, timestamp, value]::float8[]) as last
          from metric_points where run_id = r.id and key = ${key} group by 1`
      : sql`select floor(bucket::float8 / ${gridWidth / readWidth}) as grid, sum(count) as count,
            min(min_value) as min_value, max(max_value) as max_value,
            max(array[last_step, last_timestamp, last_value]::float8[]) as last
          from metric_rollups where run_id = r.id and key = ${key} and width = ${readWidth} group by 1`;
  const rows = rowsOf<GridRow>(
    await db.execute(sql`
      select r.id as run_id, p.count, p.min_value, p.max_value,
        p.last[1] as last_step, p.last[2] as last_timestamp, p.last[3] as last_value
      from unnest(${sql.param(ids)}::text[]) as r(id)
      cross join lateral (${perRun}) p
      order by r.id, p.grid`),
  );
  const firsts = rowsOf<{ run_id: string; step: number | string; timestamp: number | string; value: number | string }>(
    await db.execute(sql`
      select r.id as run_id, p.step, p.timestamp, p.value
      from unnest(${sql.param(ids)}::text[]) as r(id)
      cross join lateral (
        select step, timestamp, value from metric_points where run_id = r.id and key = ${key}
        order by step, timestamp limit 1
      ) p`),
  );
  const num = (v: number | string | null) => (v === null ? null : Number(v));
  const byRun = new Map<string, Bucket[]>(ids.map((id) => [id, []]));
  for (const r of rows)
    byRun.get(r.run_id)?.push({
      step: Number(r.last_step),
      timestamp: Number(r.last_timestamp),
      value: Number(r.last_value),
      min: num(r.min_value),
      max: num(r.max_value),
      count: Number(r.count),
    });
  const firstOf = new Map(
    firsts.map((f) => [
      f.run_id,
      pointAsBucket({ step: Number(f.step), timestamp: Number(f.timestamp), value: Number(f.value) }),
    ]),
  );
  const series = runIds.map((runId): Series => {
    const buckets = byRun.get(runId);
    if (!buckets) return empty(runId);
    return {
      runId,
      key,
      totalPoints: buckets.reduce((s, b) => s + b.count, 0),
      exact: buckets.every((b) => b.count === 1),
      buckets: withEndpoints(buckets, firstOf.get(runId) ?? null, null),
    };
  });
  return { gridWidth, series };
}

/** Metric keys logged by any of the runs, for chart pickers. */
export async function listMetricKeys(db: Db, runIds: string[]): Promise<string[]> {
  if (runIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ key: runMetrics.key })
    .from(runMetrics)
    .where(inArray(runMetrics.runId, runIds))
    .orderBy(asc(runMetrics.key));
  return rows.map((r) => r.key);
}

/**
 * MLflow's get-history-bulk-interval: the steps are sampled over the union of the runs' distinct steps in
 * [startStep, endStep] (lib/mlflow/sampled-steps.ts), and every point of each run at those steps is returned.
 * When the runs' summaries prove their steps evenly spaced the sample is arithmetic; otherwise the distinct steps
 * are counted and picked in SQL. Either way only the sampled points leave the database.
 */
export async function getHistoryBulkInterval(
  db: Db,
  projectId: string,
  runIds: string[],
  key: string,
  opts: { startStep?: number; endStep?: number; maxResults: number },
) {
  if (runIds.length === 0) return [];
  const summaries = await db
    .select({
      runId: runMetrics.runId,
      firstStep: runMetrics.firstStep,
      lastStep: runMetrics.step,
      stepCount: runMetrics.stepCount,
      stepGcd: runMetrics.stepGcd,
    })
    .from(runMetrics)
    .innerJoin(runs, eq(runs.id, runMetrics.runId))
    .where(and(eq(runs.projectId, projectId), inArray(runMetrics.runId, runIds), eq(runMetrics.key, key)));
  if (summaries.length === 0) return [];
  const ids = summaries.map((s) => s.runId);
  const range = stepRange(summaries, opts);
  const union = unionOfRuns(summaries);
  const sampled = union
    ? sampleSteps(union, range.start, range.end, opts.maxResults)
    : await sampleStepsInSql(db, ids, key, range, opts.maxResults);
  const chosen = bulkIntervalSteps(sampled, summaries, range);
  if (chosen.length === 0) return [];
  // One index probe per run and step, whatever the planner's statistics say: as a plain `step = any(...)` filter
  // the planner may keep the index order and filter the run's whole series instead.
  const rows = rowsOf<{
    run_id: string;
    key: string;
    value: number | string;
    timestamp: number | string;
    step: number | string;
  }>(
    await db.execute(sql`
      select r.id as run_id, p.key, p.value, p.timestamp, p.step
      from unnest(${sql.param(ids)}::text[]) as r(id)
      cross join unnest(${sql.param(chosen)}::bigint[]) as s(step)
      cross join lateral (
        select key, value, timestamp, step from metric_points
        where run_id = r.id and key = ${key} and step = s.step
      ) p
      order by r.id, p.step, p.timestamp`),
  );
  const points = rows.map((r) => ({
    runId: r.run_id,
    key: r.key,
    value: Number(r.value),
    timestamp: Number(r.timestamp),
    step: Number(r.step),
  }));
  return points satisfies (MetricPoint & { runId: string })[];
}

/**
 * sampleSteps over the union of the runs' distinct steps, for steps that are not evenly spaced: the steps below and
 * up to the end of the range are counted over the index, and only those at the sampled positions are returned.
 */
async function sampleStepsInSql(
  db: Db,
  runIds: string[],
  key: string,
  range: { start: number; end: number },
  maxResults: number,
): Promise<number[]> {
  const upToEnd = sql`select distinct step from metric_points
    where run_id = any(${sql.param(runIds)}::text[]) and key = ${key} and step <= ${range.end}`;
  const [counts] = rowsOf<{ below: number | string; upto: number | string }>(
    await db.execute(sql`
      select count(*) filter (where step < ${range.start}) as below, count(*) as upto from (${upToEnd}) s`),
  );
  const picks = sampledIndices(Number(counts?.below ?? 0), Number(counts?.upto ?? 0), maxResults);
  if (picks.length === 0) return [];
  const rows = rowsOf<{ step: number | string }>(
    await db.execute(sql`
      select step from (select step, row_number() over (order by step) - 1 as i from (${upToEnd}) s) n
      where i = any(${sql.param(picks)}::bigint[])`),
  );
  return rows.map((r) => Number(r.step));
}
