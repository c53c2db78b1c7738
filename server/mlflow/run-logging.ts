// MLflow logging endpoints: runs/{log-metric,log-parameter,set-tag,delete-tag,log-batch,log-inputs}.
// Single writes go through the same log-batch query, so write-once params, tag overwrite and the
// refusal to write to deleted runs hold for every path.
import type { Db } from '@/db/client';
import { linkModelMetrics } from '@/db/queries/logged-models';
import { deleteRunTag, logBatch, logInputs } from '@/db/queries/runs';
import {
  deleteTagRequest,
  logBatchRequest,
  logInputsRequest,
  logMetricRequest,
  logParamRequest,
  setTagRequest,
} from '@/lib/mlflow/schemas';
import { defineRoute } from '../api';

type LoggedMetric = {
  key: string;
  value: number;
  timestamp: number;
  step: number;
  model_id?: string;
  dataset_name?: string;
  dataset_digest?: string;
};

/**
 * The batch as before; metrics that name a model_id (MLflow 3) are also linked to that logged model, in the
 * same transaction so a batch naming an unknown model lands not at all.
 */
async function logWithModelMetrics(
  db: Db,
  projectId: string,
  runId: string,
  batch: {
    metrics: LoggedMetric[];
    params?: { key: string; value: string }[];
    tags?: { key: string; value: string }[];
  },
) {
  const linked = batch.metrics.filter((m) => m.model_id);
  if (!linked.length) return logBatch(db, projectId, runId, batch);
  await db.transaction(async (tx) => {
    await logBatch(tx, projectId, runId, batch);
    await linkModelMetrics(
      tx,
      projectId,
      runId,
      linked.map((m) => ({
        modelId: m.model_id!,
        key: m.key,
        value: m.value,
        timestamp: m.timestamp,
        step: m.step,
        datasetName: m.dataset_name,
        datasetDigest: m.dataset_digest,
      })),
    );
  });
}

export const logMetricRoute = defineRoute('editor', logMetricRequest, async ({ db, caller, input }) => {
  await logWithModelMetrics(db, caller.project.id, input.run_id, { metrics: [input] });
  return {};
});

export const logParamRoute = defineRoute('editor', logParamRequest, async ({ db, caller, input }) => {
  await logBatch(db, caller.project.id, input.run_id, { params: [{ key: input.key, value: input.value }] });
  return {};
});

export const setTagRoute = defineRoute('editor', setTagRequest, async ({ db, caller, input }) => {
  await logBatch(db, caller.project.id, input.run_id, { tags: [{ key: input.key, value: input.value }] });
  return {};
});

export const deleteTagRoute = defineRoute('editor', deleteTagRequest, async ({ db, caller, input }) => {
  await deleteRunTag(db, caller.project.id, input.run_id, input.key);
  return {};
});

export const logBatchRoute = defineRoute('editor', logBatchRequest, async ({ db, caller, input }) => {
  await logWithModelMetrics(db, caller.project.id, input.run_id, {
    metrics: input.metrics,
    params: input.params,
    tags: input.tags,
  });
  return {};
});

export const logInputsRoute = defineRoute('editor', logInputsRequest, async ({ db, caller, input }) => {
  await logInputs(
    db,
    caller.project.id,
    input.run_id,
    input.datasets.map((d) => ({
      tags: d.tags,
      dataset: {
        name: d.dataset.name,
        digest: d.dataset.digest,
        sourceType: d.dataset.source_type,
        source: d.dataset.source,
        schema: d.dataset.schema,
        profile: d.dataset.profile,
      },
    })),
  );
  return {};
});
