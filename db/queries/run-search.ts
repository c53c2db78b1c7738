import { type SQL, and, asc, eq, inArray, sql } from 'drizzle-orm';
import { DomainError } from '@/lib/errors';
import { MAX_GROUPS, MAX_GROUP_METRICS, type RunGroup } from '@/lib/tracking/run-groups';
import type { GroupRef } from '@/lib/tracking/runs-view';
import type { RunApproach } from '@/lib/tracking/vocabulary';
import {
  type Clause,
  type OrderBy,
  isNumericAttribute,
  parseOrInvalid,
  parseOrderBy,
  parseSearchFilter,
} from '@/lib/tracking/search-filter';
import { alias, type PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../client';
import { withStatementTimeout } from '../statement-timeout';
import { compareSql } from './sql-compare';
import { rowsOf } from '../rows';
import {
  type RunKeyKind,
  datasets,
  experiments,
  runInputs,
  runKeys,
  runMetrics,
  runParams,
  runTags,
  runs,
} from '../schema';
import { type ViewType, lifecycleFilter } from './experiments';

/** How a metric column is read: MLflow's latest value, or the run's min or max of the series. */
export type MetricAgg = 'latest' | 'min' | 'max';
export type SortTerm = OrderBy & { agg?: MetricAgg };

// A param value Postgres can read as a double precision without overflowing (digits and exponent are bounded).
const NUMBER_TEXT = '^[-+]?([0-9]{1,200}([.][0-9]*)?|[.][0-9]{1,200})([eE][-+]?[0-9]{1,2})?$';
/** A param's value as a number, or null when it is text; CASE keeps Postgres from casting text it never matched. */
const paramNumber = (value: SQL) => sql`(case when ${value} ~ ${NUMBER_TEXT} then (${value})::double precision end)`;

export type RunSearch = {
  experimentIds?: number[];
  filter?: string;
  clauses?: Clause[];
  orderBy?: string[];
  sort?: SortTerm[];
  view?: ViewType;
  status?: string[];
  /** Runboard's own field (not in MLflow's grammar); runs without an approach never match. */
  approach?: RunApproach[];
  startedAfter?: number;
  startedBefore?: number;
  /**
   * Runboard's runs table: params sort as numbers where their values are numbers (6, 3, 12 → 3, 6, 12), then the
   * rest as text. MLflow's REST search leaves this off, keeping MLflow's text order.
   */
  numericParams?: boolean;
  limit: number;
  offset?: number;
};

const ATTRIBUTE_COLUMNS = {
  run_name: runs.name,
  status: runs.status,
  user_id: runs.userId,
  artifact_uri: runs.artifactUri,
  run_id: runs.id,
  lifecycle_stage: runs.lifecycleStage,
  start_time: runs.startTime,
  end_time: runs.endTime,
} as const;

const compare = (column: SQL, comparator: Clause['comparator'], value: Clause['value']) =>
  compareSql(column, comparator, value);

/** One clause → a bound SQL condition on `runs`; values are always parameters, never spliced. */
function clauseToSql(c: Clause): SQL {
  switch (c.type) {
    case 'metric':
      return sql`exists (select 1 from ${runMetrics} m where m.run_id = ${runs.id} and m.key = ${c.key} and ${compare(sql`m.value`, c.comparator, c.value)})`;
    case 'param':
    case 'tag': {
      const table = c.type === 'param' ? runParams : runTags;
      if (c.comparator === 'IS NULL')
        return sql`not exists (select 1 from ${table} x where x.run_id = ${runs.id} and x.key = ${c.key})`;
      if (c.comparator === 'IS NOT NULL')
        return sql`exists (select 1 from ${table} x where x.run_id = ${runs.id} and x.key = ${c.key})`;
      // Only the runs table's grammar gives a param a number (`params.depth > 5`); it compares as a number then.
      const value = typeof c.value === 'number' ? paramNumber(sql`x.value`) : sql`x.value`;
      return sql`exists (select 1 from ${table} x where x.run_id = ${runs.id} and x.key = ${c.key} and ${compare(value, c.comparator, c.value)})`;
    }
    case 'attribute': {
      const column = ATTRIBUTE_COLUMNS[c.key as keyof typeof ATTRIBUTE_COLUMNS];
      if (!column) throw new DomainError('invalid', `Invalid attribute key '${c.key}'.`);
      return compare(
        isNumericAttribute(c.key) || c.key === 'run_id' ? sql`${column}` : sql`${column}::text`,
        c.comparator,
        c.value,
      );
    }
    case 'dataset': {
      const column =
        c.key === 'context'
          ? sql`(select string_agg(t->>'value', ',') from jsonb_array_elements(ri.tags) t where t->>'key' = 'mlflow.data.context')`
          : sql.raw(`d.${c.key}`);
      return sql`exists (select 1 from run_inputs ri join datasets d on d.id = ri.dataset_id where ri.run_id = ${runs.id} and ${compare(column, c.comparator, c.value)})`;
    }
  }
}

type SortJoin = { table: PgTable; on: SQL };

/** A sort key's value: metrics, params and tags come from a left join (one row per run and key, by primary key). */
function sortExpression(term: SortTerm, i: number, joins: SortJoin[]): SQL {
  switch (term.type) {
    case 'metric': {
      const m = alias(runMetrics, `s${i}`);
      joins.push({ table: m, on: and(eq(m.runId, runs.id), eq(m.key, term.key))! });
      return term.agg === 'min' ? sql`${m.minValue}` : term.agg === 'max' ? sql`${m.maxValue}` : sql`${m.value}`;
    }
    case 'param':
    case 'tag': {
      const x = alias(term.type === 'param' ? runParams : runTags, `s${i}`);
      joins.push({ table: x, on: and(eq(x.runId, runs.id), eq(x.key, term.key))! });
      return sql`${x.value}`;
    }
    case 'attribute': {
      const column = ATTRIBUTE_COLUMNS[term.key as keyof typeof ATTRIBUTE_COLUMNS];
      if (!column) throw new DomainError('invalid', `Invalid order_by attribute '${term.key}'.`);
      return sql`${column}`;
    }
    case 'dataset':
      throw new DomainError('invalid', 'Ordering by dataset fields is not supported.');
  }
}

const NARROW_SEARCH = 'Narrow it: fewer filter clauses, one experiment, or a shorter time range.';

/**
 * From this many runs in scope on, a filtered or sorted search plans without nested loops. Right after a burst of
 * ingest the planner has no statistics for the new rows (autovacuum may be off or behind), guesses each clause
 * matches a handful of runs and probes the indexes once per run: over 10,000 new runs that took 0.8 s on a fresh
 * database and over 5 s where older statistics existed. Hash joins read each clause's rows once (30–120 ms there,
 * npm run bench figure 3b); below this size nested loops are cheaper.
 */
export const HASH_JOIN_MIN_RUNS = 1000;

/** The runs a search matches, as one condition on `runs`, with the part that is only its scope. */
function searchCondition(projectId: string, q: Omit<RunSearch, 'limit'>) {
  const clauses = q.clauses ?? parseOrInvalid('filter', () => parseSearchFilter(q.filter));
  const scope = and(eq(runs.projectId, projectId), lifecycleFilter(runs.lifecycleStage, q.view ?? 'ACTIVE_ONLY'))!;
  const where: (SQL | undefined)[] = [scope];
  if (q.experimentIds?.length) where.push(inArray(runs.experimentId, q.experimentIds));
  const scoped = and(...where)!;
  if (q.status?.length) where.push(sql`${runs.status}::text in ${q.status}`);
  if (q.approach?.length) where.push(sql`${runs.approach}::text in ${q.approach}`);
  if (q.startedAfter !== undefined) where.push(sql`${runs.startTime} >= ${q.startedAfter}`);
  if (q.startedBefore !== undefined) where.push(sql`${runs.startTime} <= ${q.startedBefore}`);
  for (const c of clauses) where.push(clauseToSql(c));
  return { clauses, scope: scoped, condition: and(...where)! };
}

/** See HASH_JOIN_MIN_RUNS; counting stops at the threshold. */
async function avoidNestedLoopsWhenBig(tx: Db, scope: SQL) {
  const [big] = rowsOf<{ big: boolean }>(
    await tx.execute(
      sql`select count(*) >= ${HASH_JOIN_MIN_RUNS} as big from (select 1 from ${runs} where ${scope} limit ${HASH_JOIN_MIN_RUNS}) s`,
    ),
  );
  if (big?.big) await tx.execute(sql`set local enable_nestloop = off`);
}

/**
 * MLflow's run search, scoped to a project: filter grammar, order_by (missing values last, as MLflow),
 * then start_time desc and run id as tie-breakers so pages are stable.
 */
export async function searchRuns(db: Db, projectId: string, q: RunSearch) {
  const sort: SortTerm[] = q.sort ?? parseOrInvalid('order_by', () => parseOrderBy(q.orderBy));
  const { clauses, scope, condition } = searchCondition(projectId, q);
  const direction = (expr: SQL, ascending: boolean) =>
    ascending ? sql`${expr} asc nulls last` : sql`${expr} desc nulls last`;
  const joins: SortJoin[] = [];
  const order: SQL[] = sort.flatMap((t, i) => {
    const expr = sortExpression(t, i, joins);
    if (t.type === 'param' && q.numericParams)
      return [direction(paramNumber(expr), t.ascending), direction(expr, t.ascending)];
    return [direction(expr, t.ascending)];
  });
  if (!sort.some((t) => t.type === 'attribute' && t.key === 'start_time')) order.push(sql`${runs.startTime} desc`);
  order.push(asc(runs.id));
  const offset = q.offset ?? 0;
  return withStatementTimeout(db, 'filter', NARROW_SEARCH, async (tx) => {
    // Only a filtered or sorted search can go wrong this way.
    if (clauses.length || joins.length) await avoidNestedLoopsWhenBig(tx, scope);
    // The page and the number of matches in one pass: count(*) over () is taken before LIMIT applies.
    let page = tx
      .select({ run: runs, total: sql<number>`count(*) over ()`.mapWith(Number) })
      .from(runs)
      .$dynamic();
    for (const j of joins) page = page.leftJoin(j.table, j.on);
    const found = await page
      .where(condition)
      .orderBy(...order)
      .limit(q.limit)
      .offset(offset);
    let total = found[0]?.total ?? 0;
    // A page past the end holds no row to carry the count.
    if (!found.length && offset > 0)
      total =
        (
          await tx
            .select({ n: sql<number>`count(*)::int` })
            .from(runs)
            .where(condition)
        )[0]?.n ?? 0;
    return { runs: found.map((f) => f.run), total };
  });
}

/** A finite number or NULL: MLflow metrics may be NaN or ±Infinity, which would swallow a mean. */
const finite = (value: SQL) =>
  sql`(case when ${value} in ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8) then null else ${value} end)`;

/**
 * The runs a search matches, grouped by a param's or tag's value (runs without it form one group): how many runs
 * each group holds and each metric's mean, min and max over its runs (the latest value, or a run's min or max,
 * as the column reads it). Largest groups first, at most MAX_GROUPS.
 */
export async function groupRuns(
  db: Db,
  projectId: string,
  q: Omit<RunSearch, 'limit' | 'offset' | 'sort' | 'orderBy'>,
  group: GroupRef,
  metrics: { id: string; key: string; agg: MetricAgg }[],
): Promise<RunGroup[]> {
  const { scope, condition } = searchCondition(projectId, q);
  const summarised = metrics.slice(0, MAX_GROUP_METRICS);
  const joins = summarised.map(
    (m, i) =>
      sql`left join ${runMetrics} ${sql.raw(`m${i}`)} on ${sql.raw(`m${i}`)}.run_id = ${runs.id} and ${sql.raw(`m${i}`)}.key = ${m.key}`,
  );
  const aggregates = summarised.map((m, i) => {
    const column = sql.raw(`m${i}.${m.agg === 'min' ? 'min_value' : m.agg === 'max' ? 'max_value' : 'value'}`);
    const v = finite(column);
    return sql`, avg(${v}) as ${sql.raw(`mean${i}`)}, min(${v}) as ${sql.raw(`min${i}`)}, max(${v}) as ${sql.raw(`max${i}`)}, count(${v})::int as ${sql.raw(`n${i}`)}`;
  });
  const table = group.type === 'param' ? runParams : runTags;
  return withStatementTimeout(db, 'filter', NARROW_SEARCH, async (tx) => {
    await avoidNestedLoopsWhenBig(tx, scope);
    const rows = rowsOf<Record<string, unknown>>(
      await tx.execute(
        sql`select g.value as group_value, count(*)::int as runs${sql.join(aggregates, sql``)}
            from ${runs}
            left join ${table} g on g.run_id = ${runs.id} and g.key = ${group.key}
            ${sql.join(joins, sql` `)}
            where ${condition}
            group by g.value
            order by count(*) desc, g.value asc nulls last
            limit ${MAX_GROUPS}`,
      ),
    );
    const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    return rows.map((r) => ({
      value: (r.group_value as string | null) ?? null,
      runs: Number(r.runs),
      metrics: Object.fromEntries(
        summarised.map((m, i) => [
          m.id,
          { mean: num(r[`mean${i}`]), min: num(r[`min${i}`]), max: num(r[`max${i}`]), runs: Number(r[`n${i}`]) },
        ]),
      ),
    }));
  });
}

/** Params, tags and metric summaries for a page of runs, grouped by run id. */
export async function getRunsData(db: Db, runIds: string[]) {
  if (runIds.length === 0) return new Map<string, RunData>();
  const [params, tags, metrics] = await Promise.all([
    db.select().from(runParams).where(inArray(runParams.runId, runIds)).orderBy(asc(runParams.key)),
    db.select().from(runTags).where(inArray(runTags.runId, runIds)).orderBy(asc(runTags.key)),
    db.select().from(runMetrics).where(inArray(runMetrics.runId, runIds)).orderBy(asc(runMetrics.key)),
  ]);
  const out = new Map<string, RunData>(runIds.map((id) => [id, { params: [], tags: [], metrics: [] }]));
  for (const p of params) out.get(p.runId)!.params.push({ key: p.key, value: p.value });
  for (const t of tags) out.get(t.runId)!.tags.push({ key: t.key, value: t.value });
  for (const m of metrics) out.get(m.runId)!.metrics.push(m);
  return out;
}
export type RunData = {
  params: { key: string; value: string }[];
  tags: { key: string; value: string }[];
  metrics: (typeof runMetrics.$inferSelect)[];
};

/** Dataset inputs of a page of runs, grouped by run id (MLflow returns them with every searched run). */
export async function getRunsInputs(db: Db, runIds: string[]) {
  const out = new Map<string, { dataset: typeof datasets.$inferSelect; tags: { key: string; value: string }[] }[]>();
  if (runIds.length === 0) return out;
  const rows = await db
    .select({ runId: runInputs.runId, dataset: datasets, tags: runInputs.tags })
    .from(runInputs)
    .innerJoin(datasets, eq(datasets.id, runInputs.datasetId))
    .where(inArray(runInputs.runId, runIds))
    .orderBy(asc(datasets.name), asc(datasets.digest));
  for (const r of rows) {
    const list = out.get(r.runId) ?? [];
    list.push({ dataset: r.dataset, tags: r.tags });
    out.set(r.runId, list);
  }
  return out;
}

/**
 * Every param, metric and tag key used in the project's runs (or one experiment's), for column choosers: read from
 * run_keys, which insert triggers keep, so a click on the runs table does not scan every run's keys.
 */
export async function listRunColumnKeys(db: Db, projectId: string, experimentId?: number) {
  const scope = experimentId
    ? and(eq(experiments.projectId, projectId), eq(experiments.id, experimentId))
    : eq(experiments.projectId, projectId);
  const keysOf = async (kind: RunKeyKind) =>
    (
      await db
        .selectDistinct({ key: runKeys.key })
        .from(runKeys)
        .innerJoin(experiments, eq(experiments.id, runKeys.experimentId))
        .where(and(scope, eq(runKeys.kind, kind)))
        .orderBy(asc(runKeys.key))
        .limit(500)
    ).map((r) => r.key);
  const [params, metrics, tags] = await Promise.all([keysOf('param'), keysOf('metric'), keysOf('tag')]);
  return { params, metrics, tags };
}

/**
 * The metric and param keys most recently logged in the project's runs (or one experiment's), newest first:
 * metrics by the time of their latest point, params by their run's start.
 */
export async function listRecentRunKeys(db: Db, projectId: string, limit: number, experimentId?: number) {
  const scope = experimentId
    ? sql`r.project_id = ${projectId} and r.experiment_id = ${experimentId}`
    : sql`r.project_id = ${projectId}`;
  const [metrics, params] = await Promise.all([
    db.execute<{ key: string }>(
      sql`select x.key from ${runMetrics} x join runs r on r.id = x.run_id where ${scope} group by x.key order by max(x.timestamp) desc, x.key limit ${limit}`,
    ),
    db.execute<{ key: string }>(
      sql`select x.key from ${runParams} x join runs r on r.id = x.run_id where ${scope} group by x.key order by max(r.start_time) desc, x.key limit ${limit}`,
    ),
  ]);
  const keys = (res: unknown) => rowsOf<{ key: string }>(res).map((r) => r.key);
  return { metrics: keys(metrics), params: keys(params) };
}
