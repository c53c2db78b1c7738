// MLflow 3 logged models: a model logged from a run (or on its own) with its own id (`m-<32 hex>`), artifact
// folder under the experiment (`<experiment>/models/<id>/artifacts`), tags, params and linked metrics.
import {
  bigint,
  doublePrecision,
  index,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { LOGGED_MODEL_STATUSES } from '@/lib/tracking/logged-models';
import { projects } from './projects';
import { experiments, lifecycleState, runs } from './tracking';

export const loggedModelStatus = pgEnum('logged_model_status', LOGGED_MODEL_STATUSES);

export const loggedModels = pgTable(
  'logged_models',
  {
    id: text('id').primaryKey(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    experimentId: bigint('experiment_id', { mode: 'number' })
      .notNull()
      .references(() => experiments.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    // Kept when the run is removed for good while a registered version still needs the model.
    sourceRunId: text('source_run_id').references(() => runs.id, { onDelete: 'set null' }),
    status: loggedModelStatus('status').notNull().default('PENDING'),
    statusMessage: text('status_message'),
    modelType: text('model_type'),
    artifactLocation: text('artifact_location').notNull(),
    lifecycleStage: lifecycleState('lifecycle_stage').notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('logged_models_experiment_created_idx').on(t.experimentId, t.createdAt.desc()),
    index('logged_models_source_run_idx').on(t.sourceRunId),
  ],
);

export const loggedModelTags = pgTable(
  'logged_model_tags',
  {
    modelId: text('model_id')
      .notNull()
      .references(() => loggedModels.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.modelId, t.key] })],
);

export const loggedModelParams = pgTable(
  'logged_model_params',
  {
    modelId: text('model_id')
      .notNull()
      .references(() => loggedModels.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.modelId, t.key] })],
);

/** Metrics logged with a model_id (log-metric / log-batch): the run keeps its copy, the model lists these. */
export const loggedModelMetrics = pgTable(
  'logged_model_metrics',
  {
    modelId: text('model_id')
      .notNull()
      .references(() => loggedModels.id, { onDelete: 'cascade' }),
    runId: text('run_id').references(() => runs.id, { onDelete: 'set null' }),
    key: text('key').notNull(),
    value: doublePrecision('value').notNull(),
    timestamp: bigint('timestamp', { mode: 'number' }).notNull(),
    step: bigint('step', { mode: 'number' }).notNull(),
    datasetName: text('dataset_name'),
    datasetDigest: text('dataset_digest'),
  },
  (t) => [index('logged_model_metrics_model_key_idx').on(t.modelId, t.key)],
);

/** runs/outputs: the models a run produced, and at which step. */
export const runOutputs = pgTable(
  'run_outputs',
  {
    runId: text('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    modelId: text('model_id')
      .notNull()
      .references(() => loggedModels.id, { onDelete: 'cascade' }),
    step: bigint('step', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.runId, t.modelId] }), index('run_outputs_model_idx').on(t.modelId)],
);

export type LoggedModel = typeof loggedModels.$inferSelect;
