// Tracking vocabulary and limits, as MLflow defines them (mlflow/utils/validation.py, service.proto).

export const RUN_STATUSES = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const RUN_APPROACHES = ['data-centric', 'model-centric', 'hybrid'] as const;
export type RunApproach = (typeof RUN_APPROACHES)[number];

export const LIMITS = {
  metricsPerBatch: 1000,
  paramsPerBatch: 100,
  tagsPerBatch: 100,
  entitiesPerBatch: 1000,
  keyLength: 250,
  paramValueLength: 6000,
  tagValueLength: 8000,
  runNameLength: 250,
  experimentNameLength: 500,
  searchMaxResults: 50_000,
  searchDefaultResults: 1000,
  experimentsMaxResults: 50_000,
  historyMaxResults: 25_000,
} as const;

/**
 * Tags with a meaning in Runboard. Clients set them like any MLflow tag; the run's own fields follow.
 * `mlflow.*` ones are MLflow's standard system tags.
 */
export const WELL_KNOWN_TAGS = {
  runName: 'mlflow.runName',
  user: 'mlflow.user',
  gitCommit: 'mlflow.source.git.commit',
  approach: 'runboard.approach',
  seed: 'runboard.seed',
  config: 'runboard.config',
  codeVersion: 'runboard.code_version',
} as const;

/**
 * Rollup bucket widths in steps, 64× apart: with ≤ 16 rows read per chart bucket, a 1,000-bucket chart reads raw
 * points up to 16,000 steps, 128-step buckets up to ~2M steps, then 8,192-step buckets. Two levels keep ingest
 * cheap: a 1,000-point batch of one key adds ~9 rollup rows.
 */
export const ROLLUP_WIDTHS = [128, 8192] as const;

/** A run that may still change: its pages and charts keep refreshing until it ends. */
export const isLiveRunStatus = (status: RunStatus | undefined) => status === 'RUNNING' || status === 'SCHEDULED';
