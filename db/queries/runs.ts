import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { runArtifactUri } from '@/lib/artifacts/paths';
import { DomainError, notFound } from '@/lib/errors';
import { type RunFields, generateRunName, runFieldsFromTags, tagsFromRunFields } from '@/lib/tracking/run-fields';
import { rollupBatch, stepStatsByKey, summariseByKey } from '@/lib/tracking/metric-aggregates';
import { LIMITS, type RunStatus, WELL_KNOWN_TAGS } from '@/lib/tracking/vocabulary';
import type { Db } from '../client';
import { rowsOf } from '../rows';
import { datasets, experiments, runInputs, runMetrics, runParams, runTags, runs } from '../schema';
import { type Actor, recordActivity } from './activity';
import { dedupeTags, getExperiment } from './experiments';

type Tag = { key: string; value: string };
export type MetricInput = { key: string; value: number; timestamp: number; step: number };

export async function createRun(
  db: Db,
  actor: Actor | null,
  projectId: string,
  input: { experimentId: number; userId?: string; runName?: string; startTime?: number; tags?: Tag[] },
) {
  return db.transaction(async (tx) => {
    const exp = await getExperiment(tx, projectId, input.experimentId);
    if (exp.lifecycleStage !== 'active') {
      throw new DomainError(
        'invalid',
        `The experiment ${exp.id} must be in the 'active' state. Current state is ${exp.lifecycleStage}.`,
        'experiment_id',
      );
    }
    const tags = dedupeTags(input.tags ?? []);
    const fromTags = runFieldsFromTags(tags);
    const name = input.runName || fromTags.name || generateRunName();
    const id = randomBytes(16).toString('hex');
    const [run] = await tx
      .insert(runs)
      .values({
        id,
        projectId,
        experimentId: exp.id,
        ...fromTags,
        name,
        userId: input.userId ?? fromTags.userId ?? '',
        startTime: input.startTime ?? Date.now(),
        artifactUri: runArtifactUri(exp.artifactLocation, id),
      })
      .returning();
    // MLflow keeps the run name in the mlflow.runName tag too; clients read either.
    const allTags = dedupeTags([...tags, { key: WELL_KNOWN_TAGS.runName, value: name }]);
    await tx.insert(runTags).values(allTags.map((t) => ({ runId: id, ...t })));
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'run',
      entityId: id,
      action: 'create',
      after: { name, experimentId: exp.id },
    });
    return run!;
  });
}

export async function getRunRow(db: Db, projectId: string, runId: string) {
  const [row] = await db
    .select()
    .from(runs)
    .where(and(eq(runs.id, runId), eq(runs.projectId, projectId)));
  if (!row) throw notFound(`Run with id=${runId}`);
  return row;
}

function assertActive(run: { id: string; lifecycleStage: string }) {
  if (run.lifecycleStage !== 'active') {
    throw new DomainError(
      'invalid',
      `The run ${run.id} must be in the 'active' state. Current state is ${run.lifecycleStage}.`,
    );
  }
}

/** A run with everything MLflow returns for it: params, tags, latest metrics and dataset inputs. */
export async function getRunDetails(db: Db, projectId: string, runId: string) {
  const run = await getRunRow(db, projectId, runId);
  const [params, tags, metrics, inputs] = await Promise.all([
    db
      .select({ key: runParams.key, value: runParams.value })
      .from(runParams)
      .where(eq(runParams.runId, runId))
      .orderBy(asc(runParams.key)),
    db
      .select({ key: runTags.key, value: runTags.value })
      .from(runTags)
      .where(eq(runTags.runId, runId))
      .orderBy(asc(runTags.key)),
    db.select().from(runMetrics).where(eq(runMetrics.runId, runId)).orderBy(asc(runMetrics.key)),
    db
      .select({ dataset: datasets, tags: runInputs.tags })
      .from(runInputs)
      .innerJoin(datasets, eq(datasets.id, runInputs.datasetId))
      .where(eq(runInputs.runId, runId)),
  ]);
  return { run, params, tags, metrics, inputs };
}
export type RunDetails = Awaited<ReturnType<typeof getRunDetails>>;

export async function updateRun(
  db: Db,
  actor: Actor | null,
  projectId: string,
  runId: string,
  changes: { status?: RunStatus; endTime?: number; name?: string },
) {
  return db.transaction(async (tx) => {
    const before = await getRunRow(tx, projectId, runId);
    assertActive(before);
    const set: Partial<typeof runs.$inferInsert> = { updatedAt: new Date() };
    if (changes.status) set.status = changes.status;
    if (changes.endTime !== undefined) set.endTime = changes.endTime;
    if (changes.name) set.name = changes.name;
    const [after] = await tx.update(runs).set(set).where(eq(runs.id, runId)).returning();
    if (changes.name) {
      await tx
        .insert(runTags)
        .values({ runId, key: WELL_KNOWN_TAGS.runName, value: changes.name })
        .onConflictDoUpdate({ target: [runTags.runId, runTags.key], set: { value: changes.name } });
    }
    await recordRunUpdate(tx, actor, projectId, runId, before, {
      status: after!.status,
      endTime: after!.endTime,
      name: after!.name,
    });
    return after!;
  });
}

type Fields = Record<string, unknown>;
const recordRunUpdate = (
  tx: Db,
  actor: Actor | null,
  projectId: string,
  runId: string,
  before: Fields,
  after: Fields,
) => recordActivity(tx, actor, { projectId, entityType: 'run', entityId: runId, action: 'update', before, after });

/** Fields editable from the UI (reproducibility metadata beyond MLflow's). */
export async function updateRunMetadata(db: Db, actor: Actor, projectId: string, runId: string, fields: RunFields) {
  return db.transaction(async (tx) => {
    const before = await getRunRow(tx, projectId, runId);
    const [after] = await tx
      .update(runs)
      .set({ ...fields, updatedAt: new Date() })
      .where(eq(runs.id, runId))
      .returning();
    // Keep the well-known tags in step, so MLflow clients and grammar filters (tags.runboard.approach) see the edit.
    const tags = tagsFromRunFields(fields);
    const present = tags.filter((t) => t.value !== null) as Tag[];
    if (present.length) {
      await tx
        .insert(runTags)
        .values(present.map((t) => ({ runId, ...t })))
        .onConflictDoUpdate({ target: [runTags.runId, runTags.key], set: { value: sql`excluded.value` } });
    }
    const cleared = tags.filter((t) => t.value === null).map((t) => t.key);
    if (cleared.length) await tx.delete(runTags).where(and(eq(runTags.runId, runId), inArray(runTags.key, cleared)));
    await recordRunUpdate(tx, actor, projectId, runId, before, { ...fields });
    return after!;
  });
}

export async function setRunLifecycle(
  db: Db,
  actor: Actor | null,
  projectId: string,
  runId: string,
  stage: 'active' | 'deleted',
) {
  await db.transaction(async (tx) => {
    const before = await getRunRow(tx, projectId, runId);
    if (stage === 'active') {
      const [exp] = await tx.select().from(experiments).where(eq(experiments.id, before.experimentId));
      if (exp?.lifecycleStage === 'deleted')
        throw new DomainError(
          'invalid',
          `Cannot restore run ${runId}: its experiment is deleted. Restore the experiment first.`,
        );
    }
    await tx.update(runs).set({ lifecycleStage: stage, updatedAt: new Date() }).where(eq(runs.id, runId));
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'run',
      entityId: runId,
      action: stage === 'deleted' ? 'delete' : 'restore',
      before: { lifecycleStage: before.lifecycleStage },
      after: { lifecycleStage: stage },
    });
  });
}

export async function deleteRunTag(db: Db, projectId: string, runId: string, key: string) {
  const run = await getRunRow(db, projectId, runId);
  assertActive(run);
  const deleted = await db
    .delete(runTags)
    .where(and(eq(runTags.runId, runId), eq(runTags.key, key)))
    .returning({ key: runTags.key });
  if (deleted.length === 0) throw notFound(`No tag with name: ${key} in run with id ${runId}`);
}

/**
 * MLflow's log-batch, whole or not at all: params are write-once (the same value again is fine),
 * tags overwrite, metrics append. Metric points, the per-run summary and the rollups are written by one
 * statement, so a chart never sees points without their aggregates.
 */
export async function logBatch(
  db: Db,
  projectId: string,
  runId: string,
  batch: { metrics?: MetricInput[]; params?: Tag[]; tags?: Tag[] },
) {
  // The common case on the ingest path — metrics only — is one atomic statement with the run check inside it.
  if (!batch.params?.length && !batch.tags?.length) {
    if (!batch.metrics?.length) {
      assertActive(await getRunRow(db, projectId, runId));
      return;
    }
    if (await insertMetricPoints(db, runId, batch.metrics, projectId)) return;
    assertActive(await getRunRow(db, projectId, runId));
    throw notFound(`Run with id=${runId}`);
  }
  await db.transaction(async (tx) => {
    await lockActiveRun(tx, projectId, runId, 'share');
    if (batch.params?.length) await logParams(tx, runId, batch.params);
    if (batch.tags?.length) {
      const tags = dedupeTags(batch.tags);
      const fields = runFieldsFromTags(tags);
      await tx
        .insert(runTags)
        .values(tags.map((t) => ({ runId, ...t })))
        .onConflictDoUpdate({ target: [runTags.runId, runTags.key], set: { value: sql`excluded.value` } });
      if (Object.keys(fields).length)
        await tx
          .update(runs)
          .set({ ...fields, updatedAt: new Date() })
          .where(eq(runs.id, runId));
    }
    if (batch.metrics?.length) await insertMetricPoints(tx, runId, batch.metrics, projectId);
  });
}

async function logParams(tx: Db, runId: string, params: Tag[]) {
  // Within one request a repeated key must repeat its value too.
  const seen = new Map<string, string>();
  for (const p of params) {
    const prev = seen.get(p.key);
    if (prev !== undefined && prev !== p.value) {
      throw new DomainError(
        'invalid',
        `Duplicate parameter key '${p.key}' with different values in the same batch.`,
        'params',
      );
    }
    seen.set(p.key, p.value);
  }
  const unique = [...seen].map(([key, value]) => ({ runId, key, value }));
  await tx.insert(runParams).values(unique).onConflictDoNothing();
  const stored = await tx
    .select({ key: runParams.key, value: runParams.value })
    .from(runParams)
    .where(
      and(
        eq(runParams.runId, runId),
        inArray(
          runParams.key,
          unique.map((p) => p.key),
        ),
      ),
    );
  for (const row of stored) {
    const wanted = seen.get(row.key)!;
    if (row.value !== wanted) {
      throw new DomainError(
        'invalid',
        `Changing param values is not allowed. Param with key='${row.key}' was already logged with value='${row.value}' for run ID='${runId}'. Attempted logging new value '${wanted}'.`,
        'params',
      );
    }
  }
}

/** SQL can't take NaN/±Infinity as JSON numbers; float8 parses these spellings. */
const float8 = (v: number) =>
  Number.isNaN(v) ? 'NaN' : v === Infinity ? 'Infinity' : v === -Infinity ? '-Infinity' : v;

/**
 * Points, per-key summary (latest/min/max/count) and rollups in one statement. The aggregates of the batch are
 * computed here rather than in SQL, so Postgres only appends points and merges a few dozen small rows.
 */
export async function insertMetricPoints(
  tx: Db,
  runId: string,
  metrics: MetricInput[],
  projectId: string,
): Promise<boolean> {
  const summary = [...summariseByKey(metrics)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const rollups = rollupBatch(metrics);
  const steps = stepStatsByKey(metrics);
  const col = <T>(rows: T[], pick: (r: T) => unknown) => sql.param(rows.map(pick));
  // Every insert is conditional on the run being active in this project; the share lock holds off a concurrent delete.
  const result = await tx.execute(sql`
    with run as (
      select id from runs where id = ${runId} and project_id = ${projectId} and lifecycle_stage = 'active' for share
    ),
    pts (key, step, timestamp, value) as (
      select * from unnest(${col(metrics, (m) => m.key)}::text[], ${col(metrics, (m) => m.step)}::bigint[],
        ${col(metrics, (m) => m.timestamp)}::bigint[], ${col(metrics, (m) => float8(m.value))}::float8[])
    ),
    ins as (
      insert into metric_points (run_id, key, step, timestamp, value)
      select ${runId}, * from pts
      where exists (select 1 from run)
    ),
    summary as (
      insert into run_metrics as rm (run_id, key, value, step, timestamp, min_value, max_value, count, first_step, step_count, step_gcd)
      select ${runId}, * from unnest(${col(summary, ([k]) => k)}::text[], ${col(summary, ([, a]) => float8(a.lastValue))}::float8[],
        ${col(summary, ([, a]) => a.lastStep)}::bigint[], ${col(summary, ([, a]) => a.lastTimestamp)}::bigint[],
        ${col(summary, ([, a]) => a.min)}::float8[], ${col(summary, ([, a]) => a.max)}::float8[], ${col(summary, ([, a]) => a.count)}::bigint[],
        ${col(summary, ([k]) => steps.get(k)!.firstStep)}::bigint[], ${col(summary, ([k]) => steps.get(k)!.stepCount)}::bigint[],
        ${col(summary, ([k]) => steps.get(k)!.stepGcd)}::bigint[])
      where exists (select 1 from run)
      on conflict (run_id, key) do update set
        value = case when (excluded.step, excluded.timestamp) >= (rm.step, rm.timestamp) then excluded.value else rm.value end,
        timestamp = case when (excluded.step, excluded.timestamp) >= (rm.step, rm.timestamp) then excluded.timestamp else rm.timestamp end,
        step = greatest(excluded.step, rm.step),
        min_value = least(rm.min_value, excluded.min_value),
        max_value = greatest(rm.max_value, excluded.max_value),
        count = rm.count + excluded.count,
        first_step = least(rm.first_step, excluded.first_step),
        step_gcd = gcd(gcd(rm.step_gcd, excluded.step_gcd), rm.first_step - excluded.first_step),
        -- Steps outside the stored [first_step, step] are new. One inside is new unless the table already holds it;
        -- if a step inside is not found it may be one a concurrent batch just logged, so the count becomes unknown.
        step_count = case
          when rm.step_count is null then null
          when excluded.first_step > rm.step or excluded.step < rm.first_step then rm.step_count + excluded.step_count
          else (
            select case when bool_and(p.step > rm.step or p.step < rm.first_step or exists (
                select 1 from metric_points o where o.run_id = rm.run_id and o.key = p.key and o.step = p.step))
              then rm.step_count + count(distinct p.step) filter (where p.step > rm.step or p.step < rm.first_step) end
            from pts p where p.key = excluded.key)
        end
    )
    insert into metric_rollups as r (run_id, key, width, bucket, count, min_value, max_value, last_step, last_timestamp, last_value)
    select ${runId}, * from unnest(${col(rollups, (r) => r.key)}::text[], ${col(rollups, (r) => r.width)}::int[], ${col(rollups, (r) => r.bucket)}::bigint[],
      ${col(rollups, (r) => r.count)}::bigint[], ${col(rollups, (r) => r.min)}::float8[], ${col(rollups, (r) => r.max)}::float8[],
      ${col(rollups, (r) => r.lastStep)}::bigint[], ${col(rollups, (r) => r.lastTimestamp)}::bigint[], ${col(rollups, (r) => float8(r.lastValue))}::float8[])
    where exists (select 1 from run)
    on conflict (run_id, key, width, bucket) do update set
      count = r.count + excluded.count,
      min_value = least(r.min_value, excluded.min_value),
      max_value = greatest(r.max_value, excluded.max_value),
      last_value = case when (excluded.last_step, excluded.last_timestamp) >= (r.last_step, r.last_timestamp) then excluded.last_value else r.last_value end,
      last_timestamp = case when (excluded.last_step, excluded.last_timestamp) >= (r.last_step, r.last_timestamp) then excluded.last_timestamp else r.last_timestamp end,
      last_step = greatest(excluded.last_step, r.last_step)
    returning 1
  `);
  // A batch always has rollup rows, so none returned means the run was missing, deleted, or in another project.
  return rowsOf(result).length > 0;
}

export type DatasetInput = {
  tags?: Tag[];
  dataset: { name: string; digest: string; sourceType?: string; source?: string; schema?: string; profile?: string };
};

/** MLflow's log-inputs: datasets are deduplicated per project by (name, digest) and linked to the run. */
export async function logInputs(db: Db, projectId: string, runId: string, inputs: DatasetInput[]) {
  await db.transaction(async (tx) => {
    const run = await getRunRow(tx, projectId, runId);
    assertActive(run);
    for (const input of inputs) {
      const d = input.dataset;
      const [row] = await tx
        .insert(datasets)
        .values({
          projectId,
          name: d.name,
          digest: d.digest,
          sourceType: d.sourceType ?? '',
          source: d.source ?? '',
          schema: d.schema,
          profile: d.profile,
        })
        .onConflictDoUpdate({
          target: [datasets.projectId, datasets.name, datasets.digest],
          set: { updatedAt: new Date() },
        })
        .returning({ id: datasets.id });
      await tx
        .insert(runInputs)
        .values({ runId, datasetId: row!.id, tags: input.tags ?? [] })
        .onConflictDoUpdate({ target: [runInputs.runId, runInputs.datasetId], set: { tags: input.tags ?? [] } });
    }
  });
}

/** The project's runs among `ids` (any lifecycle stage); ids of other projects are silently left out. */
export async function listRunsByIds(db: Db, projectId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(runs)
    .where(and(eq(runs.projectId, projectId), inArray(runs.id, ids)));
}

/** Locks the run row (`share` to log into it, `update` to rewrite it); a missing or deleted run is refused. */
async function lockActiveRun(tx: Db, projectId: string, runId: string, mode: 'share' | 'update') {
  const [run] = await tx
    .select({ id: runs.id, lifecycleStage: runs.lifecycleStage })
    .from(runs)
    .where(and(eq(runs.id, runId), eq(runs.projectId, projectId)))
    .for(mode);
  if (!run) throw notFound(`Run with id=${runId}`);
  assertActive(run);
}

/** The tag where MLflow keeps every model logged to a run (mlflow.utils.mlflow_tags.MLFLOW_LOGGED_MODELS). */
export const LOG_MODEL_HISTORY_TAG = 'mlflow.log-model.history';

/** Appends a model's dict to the run's log-model history tag, as MLflow's record_logged_model does; the run row is locked so two loggers both land. */
export async function recordLoggedModel(db: Db, projectId: string, runId: string, model: Record<string, unknown>) {
  await db.transaction(async (tx) => {
    await lockActiveRun(tx, projectId, runId, 'update');
    const [previous] = await tx
      .select({ value: runTags.value })
      .from(runTags)
      .where(and(eq(runTags.runId, runId), eq(runTags.key, LOG_MODEL_HISTORY_TAG)));
    let history: unknown[] = [];
    try {
      const parsed: unknown = previous ? JSON.parse(previous.value) : [];
      if (Array.isArray(parsed)) history = parsed;
    } catch {
      history = [];
    }
    const value = JSON.stringify([...history, model]);
    if (value.length > LIMITS.tagValueLength) {
      throw new DomainError(
        'invalid',
        `Tag value '${LOG_MODEL_HISTORY_TAG}' had length ${value.length}, which exceeded length limit of ${LIMITS.tagValueLength}.`,
        'model_json',
      );
    }
    await tx
      .insert(runTags)
      .values({ runId, key: LOG_MODEL_HISTORY_TAG, value })
      .onConflictDoUpdate({ target: [runTags.runId, runTags.key], set: { value } });
  });
}
