// MLflow logging endpoints: runs/{log-metric,log-parameter,set-tag,delete-tag,log-batch,log-inputs}.
// Single writes go through the same log-batch query, so write-once params, tag overwrite and the
// refusal to write to deleted runs hold for every path.
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

export const logMetricRoute = defineRoute('editor', logMetricRequest, async ({ db, caller, input }) => {
  await logBatch(db, caller.project.id, input.run_id, {
    metrics: [{ key: input.key, value: input.value, timestamp: input.timestamp, step: input.step }],
  });
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
  await logBatch(db, caller.project.id, input.run_id, {
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
