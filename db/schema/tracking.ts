import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { RUN_APPROACHES, RUN_STATUSES } from '@/lib/tracking/vocabulary';
import { projects } from './projects';

export const runStatus = pgEnum('run_status', RUN_STATUSES);
export const runApproach = pgEnum('run_approach', RUN_APPROACHES);
export const lifecycleState = pgEnum('lifecycle_state', ['active', 'deleted']);

// MLflow experiment ids are strings of digits; a bigserial gives them and keeps them unique across projects.
export const experiments = pgTable(
  'experiments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    artifactLocation: text('artifact_location').notNull().default(''),
    lifecycleStage: lifecycleState('lifecycle_stage').notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('experiments_project_name_idx').on(t.projectId, t.name)],
);

export const experimentTags = pgTable(
  'experiment_tags',
  {
    experimentId: bigint('experiment_id', { mode: 'number' })
      .notNull()
      .references(() => experiments.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.experimentId, t.key] })],
);

export const runs = pgTable(
  'runs',
  {
    // 32 hex characters, as MLflow's run ids.
    id: text('id').primaryKey(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    experimentId: bigint('experiment_id', { mode: 'number' })
      .notNull()
      .references(() => experiments.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    userId: text('user_id').notNull().default(''),
    status: runStatus('status').notNull().default('RUNNING'),
    startTime: bigint('start_time', { mode: 'number' }).notNull(),
    endTime: bigint('end_time', { mode: 'number' }),
    lifecycleStage: lifecycleState('lifecycle_stage').notNull().default('active'),
    artifactUri: text('artifact_uri').notNull().default(''),
    approach: runApproach('approach'),
    seed: bigint('seed', { mode: 'number' }),
    config: jsonb('config').$type<Record<string, unknown>>(),
    codeVersion: text('code_version'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('runs_experiment_start_idx').on(t.experimentId, t.startTime.desc()),
    index('runs_project_start_idx').on(t.projectId, t.startTime.desc()),
  ],
);

export const runParams = pgTable(
  'run_params',
  {
    runId: text('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    value: text('value').notNull(),
  },
  // A btree entry holds at most ~2.7 kB while MLflow allows 6000-character values, so only a prefix is indexed.
  (t) => [
    primaryKey({ columns: [t.runId, t.key] }),
    index('run_params_key_value_idx').on(t.key, sql`left(${t.value}, 200)`),
  ],
);

export const runTags = pgTable(
  'run_tags',
  {
    runId: text('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.key] })],
);

export type RunKeyKind = 'param' | 'metric' | 'tag';

/**
 * Every param, metric and tag key an experiment's runs have used, kept by insert triggers on run_params,
 * run_metrics and run_tags (drizzle/0017), so the runs table's column chooser reads a short list instead of
 * scanning every run's keys. Keys stay when runs are deleted or purged: a key no run holds any more only offers an
 * empty column, while removing it would need a scan of the experiment on every delete.
 */
export const runKeys = pgTable(
  'run_keys',
  {
    experimentId: bigint('experiment_id', { mode: 'number' })
      .notNull()
      .references(() => experiments.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<RunKeyKind>().notNull(),
    key: text('key').notNull(),
  },
  (t) => [primaryKey({ columns: [t.experimentId, t.kind, t.key] })],
);

/** Every logged point. No primary key: MLflow allows the same (key, step, timestamp) twice, and ingest speed matters. */
export const metricPoints = pgTable(
  'metric_points',
  {
    runId: text('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    step: bigint('step', { mode: 'number' }).notNull(),
    timestamp: bigint('timestamp', { mode: 'number' }).notNull(),
    value: doublePrecision('value').notNull(),
  },
  // With the timestamp in the index, "latest point" (step desc, timestamp desc limit 1) is one backward index probe.
  (t) => [index('metric_points_series_idx').on(t.runId, t.key, t.step, t.timestamp)],
);

/** Per run and key: the latest point (MLflow's "latest" = highest step, then timestamp), min, max, count — kept on ingest. */
export const runMetrics = pgTable(
  'run_metrics',
  {
    runId: text('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    value: doublePrecision('value').notNull(),
    step: bigint('step', { mode: 'number' }).notNull(),
    timestamp: bigint('timestamp', { mode: 'number' }).notNull(),
    minValue: doublePrecision('min_value'),
    maxValue: doublePrecision('max_value'),
    count: bigint('count', { mode: 'number' }).notNull(),
    /** Lowest step; `step` above is the highest. */
    firstStep: bigint('first_step', { mode: 'number' }).notNull(),
    /**
     * Distinct steps, or null once ingest can't be sure (a step inside [first_step, step] not seen before); then
     * get-history-bulk-interval counts them from the index instead of by arithmetic.
     */
    stepCount: bigint('step_count', { mode: 'number' }),
    /** A common divisor of every step's distance to first_step (0 while there is one distinct step). */
    stepGcd: bigint('step_gcd', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.key] }), index('run_metrics_key_value_idx').on(t.key, t.value)],
);

/**
 * Pre-aggregated step buckets of each series at a few widths (see lib/tracking/downsample.ts), kept on ingest,
 * so a chart of a million points reads a few thousand rows instead of the million.
 */
export const metricRollups = pgTable(
  'metric_rollups',
  {
    runId: text('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    width: integer('width').notNull(),
    bucket: bigint('bucket', { mode: 'number' }).notNull(),
    count: bigint('count', { mode: 'number' }).notNull(),
    minValue: doublePrecision('min_value'),
    maxValue: doublePrecision('max_value'),
    lastStep: bigint('last_step', { mode: 'number' }).notNull(),
    lastTimestamp: bigint('last_timestamp', { mode: 'number' }).notNull(),
    lastValue: doublePrecision('last_value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.key, t.width, t.bucket] })],
);

export const datasets = pgTable(
  'datasets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    digest: text('digest').notNull(),
    sourceType: text('source_type').notNull().default(''),
    source: text('source').notNull().default(''),
    schema: text('schema'),
    profile: text('profile'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('datasets_project_name_digest_idx').on(t.projectId, t.name, t.digest)],
);

export const runInputs = pgTable(
  'run_inputs',
  {
    runId: text('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    datasetId: uuid('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
    tags: jsonb('tags')
      .$type<{ key: string; value: string }[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
  },
  (t) => [primaryKey({ columns: [t.runId, t.datasetId] }), index('run_inputs_dataset_idx').on(t.datasetId)],
);

export type Experiment = typeof experiments.$inferSelect;
export type Run = typeof runs.$inferSelect;
