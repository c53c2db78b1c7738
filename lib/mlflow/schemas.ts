// Request schemas of the MLflow tracking REST API 2.0 (mlflow/protos/service.proto). Unknown fields are
// dropped; `run_uuid` stands in for `run_id` wherever the latter is accepted.
import { z } from 'zod';
import {
  MISSING,
  double,
  experimentId,
  integer,
  key,
  limitedText,
  optional,
  repeated,
  required,
  requiredText,
  runId,
  runStatus,
  tag,
  text,
  viewType,
} from './fields';
import { batchLimitProblem } from './validation';
import { LIMITS } from '../tracking/vocabulary';

/** Older clients post their JSON double-encoded as a string; MLflow decodes it a second time. */
function decodeTwice(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}
export const body = <T extends z.ZodType>(schema: T) => z.preprocess(decodeTwice, schema);

/** `run_id`, or the deprecated `run_uuid` in its place. */
function withRun<S extends z.ZodRawShape>(shape: S) {
  return z.preprocess(
    (raw) => {
      const v = decodeTwice(raw);
      if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
      const fields = v as Record<string, unknown>;
      const missing = fields.run_id === undefined || fields.run_id === null || fields.run_id === '';
      return missing && fields.run_uuid !== undefined ? { ...fields, run_id: fields.run_uuid } : v;
    },
    z.object({ ...shape, run_id: runId }),
  );
}

const experimentName = requiredText.refine(
  (s) => s.length <= LIMITS.experimentNameLength,
  `Experiment name exceeds the maximum length of ${LIMITS.experimentNameLength} characters.`,
);
const maxResults = (max: number) => optional(integer({ min: 1, max }));

// Experiments

const artifactLocation = text.refine((s) => !s.startsWith('runs:'), 'Artifact location cannot be a runs:/ URI.');
export const createExperimentRequest = body(
  z.object({ name: experimentName, artifact_location: optional(artifactLocation), tags: repeated(tag) }),
);
export const experimentIdRequest = body(z.object({ experiment_id: experimentId }));
export const getExperimentByNameRequest = body(z.object({ experiment_name: requiredText }));
export const updateExperimentRequest = body(z.object({ experiment_id: experimentId, new_name: experimentName }));
export const setExperimentTagRequest = body(
  z.object({ experiment_id: experimentId, key: key('tag'), value: tag.shape.value }),
);
export const deleteExperimentTagRequest = body(z.object({ experiment_id: experimentId, key: requiredText }));
export const searchExperimentsRequest = body(
  z.object({
    max_results: maxResults(LIMITS.experimentsMaxResults),
    page_token: optional(text),
    filter: optional(text),
    order_by: repeated(text),
    view_type: optional(viewType),
  }),
);
export const listExperimentsRequest = body(
  z.object({
    max_results: maxResults(LIMITS.experimentsMaxResults),
    page_token: optional(text),
    view_type: optional(viewType),
  }),
);

// Runs

export const createRunRequest = body(
  z.object({
    experiment_id: optional(experimentId),
    user_id: optional(text),
    run_name: optional(limitedText('Run name', LIMITS.runNameLength)),
    start_time: optional(integer({ min: 0 })),
    tags: repeated(tag),
  }),
);
export const runIdRequest = withRun({});
export const listArtifactsRequest = withRun({ path: optional(text), page_token: optional(text) });
export const logModelRequest = withRun({ model_json: requiredText });
export const updateRunRequest = withRun({
  status: optional(runStatus),
  end_time: optional(integer({ min: 0 })),
  run_name: optional(limitedText('Run name', LIMITS.runNameLength)),
});

const metric = z.object({
  key: key('metric'),
  value: required(double),
  timestamp: required(integer({ min: 0 })),
  step: z.preprocess((v) => v ?? 0, integer()),
  // MLflow 3: a metric may also be linked to a logged model (and the dataset it was measured on).
  model_id: optional(text),
  dataset_name: optional(text),
  dataset_digest: optional(text),
});
export const param = z.object({
  key: key('parameter'),
  value: z.preprocess((v) => v ?? '', limitedText('Param value', LIMITS.paramValueLength)),
});

export const logMetricRequest = withRun(metric.shape);
export const logParamRequest = withRun(param.shape);
export const setTagRequest = withRun(tag.shape);
export const deleteTagRequest = withRun({ key: requiredText });

export const logBatchRequest = withRun({
  metrics: repeated(metric),
  params: repeated(param),
  tags: repeated(tag),
}).superRefine((v, ctx) => {
  const problems: [string, string | null][] = [
    ['metrics', batchLimitProblem('metrics', LIMITS.metricsPerBatch, v.metrics.length)],
    ['params', batchLimitProblem('params', LIMITS.paramsPerBatch, v.params.length)],
    ['tags', batchLimitProblem('tags', LIMITS.tagsPerBatch, v.tags.length)],
    [
      'metrics',
      batchLimitProblem(
        'metrics, params, and tags',
        LIMITS.entitiesPerBatch,
        v.metrics.length + v.params.length + v.tags.length,
      ),
    ],
  ];
  for (const [path, message] of problems) if (message) ctx.addIssue({ code: 'custom', path: [path], message });
});

const limited = (entity: string, limit: number) => required(limitedText(entity, limit));
const datasetInput = z.object({
  tags: repeated(z.object({ key: limited('Input tag key', 255), value: limited('Input tag value', 500) })),
  dataset: z.object(
    {
      name: limited('Dataset name', 500),
      digest: limited('Dataset digest', 36),
      source_type: requiredText,
      source: limited('Dataset source', 65_535),
      schema: optional(limitedText('Dataset schema', 1_048_575)),
      profile: optional(limitedText('Dataset profile', 16_777_215)),
    },
    { error: (iss) => (iss.input === undefined ? MISSING : 'expected an object.') },
  ),
});
export const logInputsRequest = withRun({ datasets: repeated(datasetInput) }).superRefine((v, ctx) => {
  const problem = batchLimitProblem('datasets', 1000, v.datasets.length);
  if (problem) ctx.addIssue({ code: 'custom', path: ['datasets'], message: problem });
});

export const searchRunsRequest = body(
  z.object({
    experiment_ids: repeated(experimentId),
    filter: optional(text),
    run_view_type: optional(viewType),
    max_results: maxResults(LIMITS.searchMaxResults),
    order_by: repeated(text),
    page_token: optional(text),
  }),
);

// Metrics

export const getMetricHistoryRequest = withRun({
  metric_key: requiredText,
  page_token: optional(text),
  max_results: optional(integer({ min: 1 })),
});

/** MLflow's handler caps bulk-interval requests at 100 runs and 2500 points per run. */
export const BULK_INTERVAL = { maxRuns: 100, maxResultsPerRun: 2500 } as const;

export const getHistoryBulkIntervalRequest = body(
  z
    .object({
      run_ids: repeated(runId).refine((ids) => ids.length > 0, MISSING),
      metric_key: requiredText,
      start_step: optional(integer()),
      end_step: optional(integer()),
      max_results: optional(integer({ min: 1, max: BULK_INTERVAL.maxResultsPerRun })),
    })
    .superRefine((v, ctx) => {
      if (v.run_ids.length > BULK_INTERVAL.maxRuns) {
        const message = `GetMetricHistoryBulkInterval request must specify at most ${BULK_INTERVAL.maxRuns} run_ids. Received ${v.run_ids.length} run_ids.`;
        ctx.addIssue({ code: 'custom', path: ['run_ids'], message });
      }
      if ((v.start_step === undefined) !== (v.end_step === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: ['start_step'],
          message: 'If either start step or end step are specified, both must be specified.',
        });
      } else if (v.start_step !== undefined && v.end_step !== undefined && v.start_step > v.end_step) {
        const message = `end_step must be greater than start_step. Found start_step=${v.start_step} and end_step=${v.end_step}.`;
        ctx.addIssue({ code: 'custom', path: ['end_step'], message });
      }
    }),
);
