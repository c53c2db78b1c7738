import {
  bigserial,
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
import { MODEL_STAGES } from '@/lib/registry/vocabulary';
import { users } from './auth';
import { projects } from './projects';
import { loggedModels } from './logged-models';
import { runs } from './tracking';

export const modelStage = pgEnum('model_stage', MODEL_STAGES);

export const registeredModels = pgTable(
  'registered_models',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** The highest version number ever issued, so a deleted version's number is never reused (as MLflow). */
    lastVersion: integer('last_version').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('registered_models_project_name_idx').on(t.projectId, t.name)],
);

export const registeredModelTags = pgTable(
  'registered_model_tags',
  {
    modelId: uuid('model_id')
      .notNull()
      .references(() => registeredModels.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.modelId, t.key] })],
);

export const modelVersions = pgTable(
  'model_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    modelId: uuid('model_id')
      .notNull()
      .references(() => registeredModels.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    runId: text('run_id').references(() => runs.id, { onDelete: 'set null' }),
    source: text('source').notNull().default(''),
    /** MLflow 3: the logged model the version registers (source `models:/<id>`). */
    loggedModelId: text('logged_model_id').references(() => loggedModels.id, { onDelete: 'set null' }),
    runLink: text('run_link').notNull().default(''),
    description: text('description').notNull().default(''),
    stage: modelStage('stage').notNull().default('None'),
    /** The run's latest metrics and params when the version was made, so later run edits don't rewrite history. */
    metrics: jsonb('metrics').$type<Record<string, number>>().notNull().default({}),
    params: jsonb('params').$type<Record<string, string>>().notNull().default({}),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('model_versions_model_version_idx').on(t.modelId, t.version),
    index('model_versions_run_idx').on(t.runId),
    index('model_versions_logged_model_idx').on(t.loggedModelId),
  ],
);

export const modelVersionTags = pgTable(
  'model_version_tags',
  {
    versionId: uuid('version_id')
      .notNull()
      .references(() => modelVersions.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.key] })],
);

export const modelAliases = pgTable(
  'model_aliases',
  {
    modelId: uuid('model_id')
      .notNull()
      .references(() => registeredModels.id, { onDelete: 'cascade' }),
    alias: text('alias').notNull(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => modelVersions.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.modelId, t.alias] })],
);

/** Every stage or alias change of a version: who, when, from, to, why. Roll back reads the Production history from here. */
export const modelTransitions = pgTable(
  'model_transitions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    modelId: uuid('model_id')
      .notNull()
      .references(() => registeredModels.id, { onDelete: 'cascade' }),
    versionId: uuid('version_id')
      .notNull()
      .references(() => modelVersions.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    fromStage: modelStage('from_stage'),
    toStage: modelStage('to_stage'),
    alias: text('alias'),
    reason: text('reason').notNull().default(''),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('model_transitions_model_idx').on(t.modelId, t.id)],
);

export type RegisteredModel = typeof registeredModels.$inferSelect;
export type ModelVersion = typeof modelVersions.$inferSelect;
