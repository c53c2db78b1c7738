// MLflow 3 logged models: create → upload → finalize, tags, params, linked metrics, run outputs and search.
// Every read and write is scoped by project; a deleted model reads as not found, as MLflow's SQL store.
import { randomBytes } from 'node:crypto';
import { type SQL, and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { loggedModelArtifactUri } from '@/lib/artifacts/paths';
import { DomainError, notFound } from '@/lib/errors';
import type { LoggedModelStatus, ModelClause, ModelOrder } from '@/lib/tracking/logged-models';
import { generateRunName } from '@/lib/tracking/run-fields';
import type { Db } from '../client';
import {
  type LoggedModel,
  loggedModelMetrics,
  loggedModelParams,
  loggedModelTags,
  loggedModels,
  modelVersions,
  registeredModels,
  runOutputs,
  runs,
} from '../schema';
import { dedupeTags, getExperiment } from './experiments';
import { compareSql } from './sql-compare';

type KeyValue = { key: string; value: string };
export type LoggedModelMetric = {
  key: string;
  value: number;
  timestamp: number;
  step: number;
  runId: string | null;
  datasetName: string | null;
  datasetDigest: string | null;
};
export type LoggedModelDetails = {
  model: LoggedModel;
  tags: KeyValue[];
  params: KeyValue[];
  metrics: LoggedModelMetric[];
  registrations: { name: string; version: number }[];
};

const newModelId = () => `m-${randomBytes(16).toString('hex')}`;

async function activeRun(db: Db, projectId: string, runId: string) {
  const [run] = await db
    .select({ id: runs.id, lifecycleStage: runs.lifecycleStage })
    .from(runs)
    .where(and(eq(runs.id, runId), eq(runs.projectId, projectId)));
  if (!run) throw notFound(`Run with id=${runId}`);
  if (run.lifecycleStage !== 'active')
    throw new DomainError('invalid', `The run ${runId} must be in the 'active' state. Current state is deleted.`);
  return run;
}

/** Same key twice in one request must carry the same value; a stored param is write-once (MLflow's rule for runs). */
async function writeParams(tx: Db, modelId: string, params: KeyValue[]) {
  const seen = new Map<string, string>();
  for (const p of params) {
    const prev = seen.get(p.key);
    if (prev !== undefined && prev !== p.value)
      throw new DomainError('invalid', `Duplicate parameter key '${p.key}' with different values.`, 'params');
    seen.set(p.key, p.value);
  }
  if (!seen.size) return;
  await tx
    .insert(loggedModelParams)
    .values([...seen].map(([key, value]) => ({ modelId, key, value })))
    .onConflictDoNothing();
  const stored = await tx
    .select({ key: loggedModelParams.key, value: loggedModelParams.value })
    .from(loggedModelParams)
    .where(and(eq(loggedModelParams.modelId, modelId), inArray(loggedModelParams.key, [...seen.keys()])));
  for (const s of stored) {
    if (seen.get(s.key) !== s.value)
      throw new DomainError(
        'invalid',
        `Changing param values is not allowed. Param with key='${s.key}' was already logged with value='${s.value}' for model ID='${modelId}'. Attempted logging new value '${seen.get(s.key)}'.`,
        'params',
      );
  }
}

async function writeTags(tx: Db, modelId: string, tags: KeyValue[]) {
  if (!tags.length) return;
  await tx
    .insert(loggedModelTags)
    .values(dedupeTags(tags).map((t) => ({ modelId, ...t })))
    .onConflictDoUpdate({
      target: [loggedModelTags.modelId, loggedModelTags.key],
      set: { value: sql`excluded.value` },
    });
}

export async function createLoggedModel(
  db: Db,
  projectId: string,
  input: {
    experimentId: number;
    name?: string;
    sourceRunId?: string;
    modelType?: string;
    params?: KeyValue[];
    tags?: KeyValue[];
  },
): Promise<LoggedModel> {
  return db.transaction(async (tx) => {
    const experiment = await getExperiment(tx, projectId, input.experimentId);
    if (experiment.lifecycleStage !== 'active')
      throw new DomainError('invalid', `Experiment '${experiment.id}' is deleted; restore it to log models to it.`);
    if (input.sourceRunId) await activeRun(tx, projectId, input.sourceRunId);
    const id = newModelId();
    const [model] = await tx
      .insert(loggedModels)
      .values({
        id,
        projectId,
        experimentId: experiment.id,
        name: input.name || generateRunName(),
        sourceRunId: input.sourceRunId || null,
        modelType: input.modelType || null,
        artifactLocation: loggedModelArtifactUri(experiment.artifactLocation, id),
      })
      .returning();
    await writeParams(tx, id, input.params ?? []);
    await writeTags(tx, id, input.tags ?? []);
    return model!;
  });
}

/** The model row, or 404 when it is another project's, unknown, or deleted. */
export async function getLoggedModelRow(db: Db, projectId: string, modelId: string, lock = false) {
  const query = db
    .select()
    .from(loggedModels)
    .where(
      and(
        eq(loggedModels.id, modelId),
        eq(loggedModels.projectId, projectId),
        eq(loggedModels.lifecycleStage, 'active'),
      ),
    );
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound(`Logged model with ID '${modelId}'`);
  return row;
}

/** Tags, params, linked metrics and registered versions of the given models, in their order. */
export async function loadLoggedModelDetails(db: Db, models: LoggedModel[]): Promise<LoggedModelDetails[]> {
  if (!models.length) return [];
  const ids = models.map((m) => m.id);
  const [tags, params, metrics, registrations] = await Promise.all([
    db.select().from(loggedModelTags).where(inArray(loggedModelTags.modelId, ids)).orderBy(asc(loggedModelTags.key)),
    db
      .select()
      .from(loggedModelParams)
      .where(inArray(loggedModelParams.modelId, ids))
      .orderBy(asc(loggedModelParams.key)),
    db
      .select()
      .from(loggedModelMetrics)
      .where(inArray(loggedModelMetrics.modelId, ids))
      .orderBy(asc(loggedModelMetrics.key), asc(loggedModelMetrics.step), asc(loggedModelMetrics.timestamp)),
    db
      .select({ modelId: modelVersions.loggedModelId, name: registeredModels.name, version: modelVersions.version })
      .from(modelVersions)
      .innerJoin(registeredModels, eq(registeredModels.id, modelVersions.modelId))
      .where(inArray(modelVersions.loggedModelId, ids))
      .orderBy(asc(registeredModels.name), asc(modelVersions.version)),
  ]);
  const kv = ({ key, value }: KeyValue) => ({ key, value });
  return models.map((model) => ({
    model,
    tags: tags.filter((t) => t.modelId === model.id).map(kv),
    params: params.filter((p) => p.modelId === model.id).map(kv),
    metrics: metrics
      .filter((m) => m.modelId === model.id)
      .map(({ key, value, timestamp, step, runId, datasetName, datasetDigest }) => ({
        key,
        value,
        timestamp,
        step,
        runId,
        datasetName,
        datasetDigest,
      })),
    registrations: registrations
      .filter((r) => r.modelId === model.id)
      .map((r) => ({ name: r.name, version: r.version })),
  }));
}

export async function getLoggedModel(db: Db, projectId: string, modelId: string) {
  const [details] = await loadLoggedModelDetails(db, [await getLoggedModelRow(db, projectId, modelId)]);
  return details!;
}

/** Changes an active model of the project; a missing or deleted one is not found. */
async function updateActiveModel(
  db: Db,
  projectId: string,
  modelId: string,
  set: Partial<Pick<LoggedModel, 'status' | 'lifecycleStage'>>,
) {
  const [row] = await db
    .update(loggedModels)
    .set({ ...set, updatedAt: new Date() })
    .where(
      and(
        eq(loggedModels.id, modelId),
        eq(loggedModels.projectId, projectId),
        eq(loggedModels.lifecycleStage, 'active'),
      ),
    )
    .returning({ id: loggedModels.id });
  if (!row) throw notFound(`Logged model with ID '${modelId}'`);
}

/** PATCH logged-models/{id}: the client reports READY once its files are uploaded, or FAILED. */
export async function finalizeLoggedModel(db: Db, projectId: string, modelId: string, status: LoggedModelStatus) {
  if (status === 'PENDING')
    throw new DomainError('invalid', 'A logged model can only be finalized as READY or FAILED.', 'status');
  await updateActiveModel(db, projectId, modelId, { status });
}

/** Soft delete, as MLflow: the files stay until `gc-artifacts` removes the model for good. */
export async function deleteLoggedModel(db: Db, projectId: string, modelId: string) {
  await updateActiveModel(db, projectId, modelId, { lifecycleStage: 'deleted' });
}

export async function setLoggedModelTags(db: Db, projectId: string, modelId: string, tags: KeyValue[]) {
  await db.transaction(async (tx) => {
    await getLoggedModelRow(tx, projectId, modelId, true);
    await writeTags(tx, modelId, tags);
    await tx.update(loggedModels).set({ updatedAt: new Date() }).where(eq(loggedModels.id, modelId));
  });
}

/** As MLflow's SQL store, deleting a tag the model does not have is RESOURCE_DOES_NOT_EXIST. */
export async function deleteLoggedModelTag(db: Db, projectId: string, modelId: string, key: string) {
  await db.transaction(async (tx) => {
    await getLoggedModelRow(tx, projectId, modelId, true);
    const deleted = await tx
      .delete(loggedModelTags)
      .where(and(eq(loggedModelTags.modelId, modelId), eq(loggedModelTags.key, key)))
      .returning({ key: loggedModelTags.key });
    if (!deleted.length) throw notFound(`Tag with key '${key}' for logged model with ID '${modelId}'`);
  });
}

export async function logLoggedModelParams(db: Db, projectId: string, modelId: string, params: KeyValue[]) {
  await db.transaction(async (tx) => {
    await getLoggedModelRow(tx, projectId, modelId, true);
    await writeParams(tx, modelId, params);
  });
}

/** Models of this project among `ids` (active ones), so a write never links another project's model. */
async function assertModelsExist(db: Db, projectId: string, ids: string[]) {
  const unique = [...new Set(ids)];
  if (!unique.length) return;
  const found = await db
    .select({ id: loggedModels.id })
    .from(loggedModels)
    .where(
      and(
        inArray(loggedModels.id, unique),
        eq(loggedModels.projectId, projectId),
        eq(loggedModels.lifecycleStage, 'active'),
      ),
    );
  const missing = unique.find((id) => !found.some((f) => f.id === id));
  if (missing) throw notFound(`Logged model with ID '${missing}'`);
}

/** runs/outputs: the run produced these models (logging one again updates its step). */
export async function logRunOutputs(
  db: Db,
  projectId: string,
  runId: string,
  models: { modelId: string; step: number }[],
) {
  await db.transaction(async (tx) => {
    await activeRun(tx, projectId, runId);
    await assertModelsExist(
      tx,
      projectId,
      models.map((m) => m.modelId),
    );
    if (!models.length) return;
    const byModel = new Map(models.map((m) => [m.modelId, m.step]));
    await tx
      .insert(runOutputs)
      .values([...byModel].map(([modelId, step]) => ({ runId, modelId, step })))
      .onConflictDoUpdate({ target: [runOutputs.runId, runOutputs.modelId], set: { step: sql`excluded.step` } });
  });
}

/** Per run: its model outputs, oldest first. */
export async function getRunsOutputs(db: Db, runIds: string[]) {
  const out = new Map<string, { modelId: string; step: number }[]>();
  if (!runIds.length) return out;
  const rows = await db
    .select({ runId: runOutputs.runId, modelId: runOutputs.modelId, step: runOutputs.step })
    .from(runOutputs)
    .innerJoin(loggedModels, eq(loggedModels.id, runOutputs.modelId))
    .where(inArray(runOutputs.runId, runIds))
    .orderBy(asc(loggedModels.createdAt), asc(runOutputs.modelId));
  for (const r of rows) out.set(r.runId, [...(out.get(r.runId) ?? []), { modelId: r.modelId, step: r.step }]);
  return out;
}

/** Metrics logged with a model_id: the model lists them besides the run, which keeps its own copy. */
export async function linkModelMetrics(
  db: Db,
  projectId: string,
  runId: string,
  metrics: {
    modelId: string;
    key: string;
    value: number;
    timestamp: number;
    step: number;
    datasetName?: string;
    datasetDigest?: string;
  }[],
) {
  if (!metrics.length) return;
  await assertModelsExist(
    db,
    projectId,
    metrics.map((m) => m.modelId),
  );
  await db.insert(loggedModelMetrics).values(
    metrics.map((m) => ({
      modelId: m.modelId,
      runId,
      key: m.key,
      value: m.value,
      timestamp: m.timestamp,
      step: m.step,
      datasetName: m.datasetName ?? null,
      datasetDigest: m.datasetDigest ?? null,
    })),
  );
}

const ATTRIBUTE_COLUMNS = {
  name: sql`${loggedModels.name}`,
  model_id: sql`${loggedModels.id}`,
  status: sql`${loggedModels.status}::text`,
  source_run_id: sql`${loggedModels.sourceRunId}`,
  model_type: sql`${loggedModels.modelType}`,
  creation_timestamp: sql`(extract(epoch from ${loggedModels.createdAt}) * 1000)::bigint`,
  last_updated_timestamp: sql`(extract(epoch from ${loggedModels.updatedAt}) * 1000)::bigint`,
} as const;

function clauseSql(c: ModelClause): SQL {
  switch (c.type) {
    case 'attribute':
      return compareSql(ATTRIBUTE_COLUMNS[c.key], c.comparator, c.value);
    case 'metric':
      return sql`exists (select 1 from ${loggedModelMetrics} where ${loggedModelMetrics.modelId} = ${loggedModels.id} and ${loggedModelMetrics.key} = ${c.key} and ${compareSql(sql`${loggedModelMetrics.value}`, c.comparator, c.value)})`;
    case 'param':
      return sql`exists (select 1 from ${loggedModelParams} where ${loggedModelParams.modelId} = ${loggedModels.id} and ${loggedModelParams.key} = ${c.key} and ${compareSql(sql`${loggedModelParams.value}`, c.comparator, c.value)})`;
    case 'tag':
      return sql`exists (select 1 from ${loggedModelTags} where ${loggedModelTags.modelId} = ${loggedModels.id} and ${loggedModelTags.key} = ${c.key} and ${compareSql(sql`${loggedModelTags.value}`, c.comparator, c.value)})`;
  }
}

function orderSql(o: ModelOrder): SQL[] {
  const column =
    o.type === 'metric'
      ? sql`(select ${loggedModelMetrics.value} from ${loggedModelMetrics} where ${loggedModelMetrics.modelId} = ${loggedModels.id} and ${loggedModelMetrics.key} = ${o.key} order by ${loggedModelMetrics.timestamp} desc, ${loggedModelMetrics.step} desc limit 1)`
      : ATTRIBUTE_COLUMNS[o.key as keyof typeof ATTRIBUTE_COLUMNS];
  // Models without the metric come last either way, as MLflow sorts missing values.
  return [sql`${column} is null`, o.ascending ? sql`${column} asc` : sql`${column} desc`];
}

/** Active models of the given experiments (all of the project's when none), newest first unless ordered. */
export async function searchLoggedModels(
  db: Db,
  projectId: string,
  input: { experimentIds: number[]; clauses: ModelClause[]; order: ModelOrder[]; limit: number; offset: number },
) {
  const where = and(
    eq(loggedModels.projectId, projectId),
    eq(loggedModels.lifecycleStage, 'active'),
    input.experimentIds.length ? inArray(loggedModels.experimentId, input.experimentIds) : undefined,
    ...input.clauses.map(clauseSql),
  );
  const rows = await db
    .select()
    .from(loggedModels)
    .where(where)
    .orderBy(...input.order.flatMap(orderSql), desc(loggedModels.createdAt), asc(loggedModels.id))
    .limit(input.limit + 1)
    .offset(input.offset);
  return { models: rows.slice(0, input.limit), more: rows.length > input.limit };
}

export type RunLoggedModel = {
  id: string;
  name: string;
  status: LoggedModelStatus;
  artifactLocation: string;
  createdAt: Date;
  versions: { name: string; version: number }[];
};

/** For the run page: the models a run logged (its source or its outputs), newest first, with their registered versions. */
export async function listLoggedModelsForRun(db: Db, projectId: string, runId: string): Promise<RunLoggedModel[]> {
  const rows = await db
    .selectDistinct({
      id: loggedModels.id,
      name: loggedModels.name,
      status: loggedModels.status,
      artifactLocation: loggedModels.artifactLocation,
      createdAt: loggedModels.createdAt,
    })
    .from(loggedModels)
    .leftJoin(runOutputs, eq(runOutputs.modelId, loggedModels.id))
    .where(
      and(
        eq(loggedModels.projectId, projectId),
        eq(loggedModels.lifecycleStage, 'active'),
        sql`(${loggedModels.sourceRunId} = ${runId} or ${runOutputs.runId} = ${runId})`,
      ),
    )
    .orderBy(desc(loggedModels.createdAt), asc(loggedModels.id));
  if (!rows.length) return [];
  const versions = await db
    .select({ modelId: modelVersions.loggedModelId, name: registeredModels.name, version: modelVersions.version })
    .from(modelVersions)
    .innerJoin(registeredModels, eq(registeredModels.id, modelVersions.modelId))
    .where(
      inArray(
        modelVersions.loggedModelId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(registeredModels.name), asc(modelVersions.version));
  return rows.map((r) => ({
    ...r,
    versions: versions.filter((v) => v.modelId === r.id).map(({ name, version }) => ({ name, version })),
  }));
}

/** Where a model's files are, deleted or not (a registered version keeps pointing at them). */
export async function getLoggedModelLocation(db: Db, projectId: string, modelId: string): Promise<string | null> {
  const [row] = await db
    .select({ location: loggedModels.artifactLocation })
    .from(loggedModels)
    .where(and(eq(loggedModels.id, modelId), eq(loggedModels.projectId, projectId)));
  return row?.location ?? null;
}
