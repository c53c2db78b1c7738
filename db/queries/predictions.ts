import { type SQL, sql } from 'drizzle-orm';
import { DomainError } from '@/lib/errors';
import {
  type PredictionRow,
  SAMPLE_SHARDS,
  type Scalar,
  parseActualsBatch,
  parsePredictionBatch,
} from '@/lib/monitoring/ingest';
import type { ConfusionCell, ErrorMoments, Task } from '@/lib/monitoring/performance';
import type { Db } from '../client';
import { addMonitorFeatures, ensureMonitor, getMonitorFeatures, inferMonitorTask } from './monitoring';
import { resolveModelVersion } from './registry';

/** Rows a check reads for one side: a time window of logged predictions, or an uploaded reference dataset. */
export type RowSource =
  { kind: 'window'; monitorId: string; from: Date; to: Date } | { kind: 'dataset'; datasetId: string };

/**
 * Windows larger than this are tested on a uniform sample of about this many rows (see sampleFeatureRows).
 * 10,000 keeps a distance's sampling error near 0.01 against its 0.1 threshold, and against a reference of
 * ≤ 1,000 rows (the p-value tests) the KS effective size mn/(m+n) stays above 900 of the at most 1,000 possible.
 */
export const SAMPLE_TARGET = 10_000;

async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

const json = (v: unknown) => JSON.stringify(v);

export type IngestResult = { model: string; version: number; stage: string; accepted: number; duplicates: number };

/**
 * Logs a batch of predictions against the version in `stageOrAlias`: validated as a whole first, then one
 * multi-row INSERT … SELECT FROM unnest(…) in one transaction. Ids already logged for the model are skipped
 * (a client retrying a batch gets the same state, not duplicates).
 */
export async function ingestPredictions(
  db: Db,
  projectId: string,
  modelName: string,
  stageOrAlias: string,
  body: unknown,
): Promise<IngestResult> {
  const resolved = await resolveModelVersion(db, projectId, modelName, stageOrAlias);
  if (!resolved)
    throw new DomainError(
      'not_found',
      `Model ${modelName} has no version in stage or alias "${stageOrAlias}".`,
      'stage',
    );
  return db.transaction(async (tx) => {
    const { monitor } = await ensureMonitor(tx, null, projectId, modelName);
    const kinds = new Map((await getMonitorFeatures(tx, monitor.id)).map((f) => [f.name, f.kind]));
    const { rows: batch, newFeatures } = parsePredictionBatch(body, kinds);
    await addMonitorFeatures(tx, monitor.id, newFeatures);
    if (!monitor.task)
      await inferMonitorTask(
        tx,
        monitor.id,
        typeof batch[0]!.prediction === 'number' ? 'regression' : 'classification',
      );
    const inserted = await insertPredictionRows(tx, monitor.id, resolved.version.id, batch);
    return {
      model: modelName,
      version: resolved.version.version,
      stage: stageOrAlias,
      accepted: inserted,
      duplicates: batch.length - inserted,
    };
  });
}

/** One statement for the whole batch; returns how many rows were new. */
export async function insertPredictionRows(
  db: Db,
  monitorId: string,
  versionId: string | null,
  batch: readonly PredictionRow[],
): Promise<number> {
  const [result] = await rows<{ n: number | string }>(
    db,
    sql`with ins as (
      insert into predictions (monitor_id, version_id, external_id, ts, features, prediction, actual, actual_at, sample_key)
      select ${monitorId}::uuid, ${versionId}::uuid, r.id, r.ts::timestamptz, r.f::jsonb, r.p::jsonb, r.a::jsonb, case when r.a is null then null else now() end, r.k
      from unnest(${sql.param(batch.map((r) => r.id))}::text[], ${sql.param(batch.map((r) => r.ts.toISOString()))}::text[],
        ${sql.param(batch.map((r) => json(r.features)))}::text[], ${sql.param(batch.map((r) => json(r.prediction)))}::text[],
        ${sql.param(batch.map((r) => (r.actual === null ? null : json(r.actual))))}::text[], ${sql.param(batch.map((r) => r.sampleKey))}::int2[]) as r(id, ts, f, p, a, k)
      on conflict (monitor_id, external_id) do nothing
      returning 1
    ) select count(*) as n from ins`,
  );
  return Number(result?.n ?? 0);
}

/** Labels arriving later: all ids must have been logged for the model, or nothing is written. */
export async function attachActuals(
  db: Db,
  projectId: string,
  modelName: string,
  body: unknown,
): Promise<{ model: string; updated: number }> {
  const batch = parseActualsBatch(body);
  return db.transaction(async (tx) => {
    const { monitor } = await ensureMonitor(tx, null, projectId, modelName);
    const ids = batch.map((r) => r.id);
    const updated = await rows<{ id: string }>(
      tx,
      sql`update predictions p set actual = v.a::jsonb, actual_at = now()
        from unnest(${sql.param(ids)}::text[], ${sql.param(batch.map((r) => json(r.actual)))}::text[]) as v(id, a)
        where p.monitor_id = ${monitor.id} and p.external_id = v.id
        returning p.external_id as id`,
    );
    const found = new Set(updated.map((u) => u.id));
    const missing = ids.findIndex((id) => !found.has(id));
    if (missing >= 0) {
      throw new DomainError(
        'not_found',
        `rows[${missing}].id: No prediction with id ${JSON.stringify(ids[missing])} was logged for model ${modelName}; nothing was updated.`,
      );
    }
    return { model: modelName, updated: new Set(ids).size };
  });
}

function sourceFilter(source: RowSource): SQL {
  return source.kind === 'window'
    ? sql`from predictions where monitor_id = ${source.monitorId} and ts >= ${source.from.toISOString()}::timestamptz and ts < ${source.to.toISOString()}::timestamptz`
    : sql`from monitor_reference_rows where dataset_id = ${source.datasetId}`;
}

export async function countRows(db: Db, source: RowSource): Promise<number> {
  const [r] = await rows<{ n: number | string }>(db, sql`select count(*) as n ${sourceFilter(source)}`);
  return Number(r?.n ?? 0);
}

/** How many of the SAMPLE_SHARDS hash shards to read so that about `target` of `total` rows come back. */
export function shardsFor(total: number, target = SAMPLE_TARGET): number {
  if (total <= target) return SAMPLE_SHARDS;
  return Math.min(SAMPLE_SHARDS, Math.ceil((SAMPLE_SHARDS * target) / total));
}

/**
 * The feature values of a source, or of a uniform sample when it holds more than `target` rows: rows
 * whose id hashes into the first k shards, read through the (…, sample_key, ts) index, so the cost
 * follows the sample, not the window.
 */
export async function sampleFeatureRows(
  db: Db,
  source: RowSource,
  total: number,
  target = SAMPLE_TARGET,
): Promise<Record<string, unknown>[]> {
  const k = shardsFor(total, target);
  const shard =
    k >= SAMPLE_SHARDS
      ? sql``
      : sql` and sample_key = any(${sql.param(Array.from({ length: k }, (_, i) => i))}::int2[])`;
  const found = await rows<{ features: Record<string, unknown> | string }>(
    db,
    sql`select features ${sourceFilter(source)}${shard}`,
  );
  return found.map((r) =>
    typeof r.features === 'string' ? (JSON.parse(r.features) as Record<string, unknown>) : r.features,
  );
}

/** Labelled rows summarised in the database: a confusion table (classification) or error moments (regression). */
export async function performanceAggregates(
  db: Db,
  source: RowSource,
  task: Task,
): Promise<{ confusion: ConfusionCell[] } | { moments: ErrorMoments }> {
  if (task === 'classification') {
    const cells = await rows<{ predicted: string; actual: string; count: number | string }>(
      db,
      sql`select prediction #>> '{}' as predicted, actual #>> '{}' as actual, count(*) as count ${sourceFilter(source)} and actual is not null group by 1, 2 limit 10000`,
    );
    return { confusion: cells.map((c) => ({ predicted: c.predicted, actual: c.actual, count: Number(c.count) })) };
  }
  const [m] = await rows<Record<'n' | 'mean_abs' | 'sd_abs' | 'mean_sq' | 'sd_sq', number | string | null>>(
    db,
    sql`select count(*) as n, avg(abs(e)) as mean_abs, stddev_samp(abs(e)) as sd_abs, avg(e * e) as mean_sq, stddev_samp(e * e) as sd_sq
      from (select (actual #>> '{}')::float8 - (prediction #>> '{}')::float8 as e ${sourceFilter(source)}
        and jsonb_typeof(actual) = 'number' and jsonb_typeof(prediction) = 'number') x`,
  );
  const num = (v: number | string | null | undefined) => (v === null || v === undefined ? 0 : Number(v));
  return {
    moments: {
      n: num(m?.n),
      meanAbs: num(m?.mean_abs),
      sdAbs: num(m?.sd_abs),
      meanSq: num(m?.mean_sq),
      sdSq: num(m?.sd_sq),
    },
  };
}

/** The most recent predictions of a model, for the monitoring page. */
export async function listRecentPredictions(db: Db, monitorId: string, limit = 50) {
  return rows<{
    external_id: string;
    ts: string | Date;
    features: Record<string, Scalar | null>;
    prediction: Scalar;
    actual: Scalar | null;
    version: number | null;
  }>(
    db,
    sql`select p.external_id, p.ts, p.features, p.prediction, p.actual, v.version
      from predictions p left join model_versions v on v.id = p.version_id
      where p.monitor_id = ${monitorId} order by p.ts desc, p.id desc limit ${limit}`,
  );
}
