import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { SUB_PROBLEM_STATUSES } from '@/lib/problems';
import { REPORT_SECTIONS } from '@/lib/report';
import { RISK_CATEGORIES, RISK_LEVELS, RISK_RESPONSES, RISK_STATUSES } from '@/lib/risks';
import { METRIC_DIRECTIONS, METRIC_KINDS, METRIC_SOURCES } from '@/lib/success-metrics';
import { users } from './auth';
import { tasks } from './board';
import { projects } from './projects';
import { experiments } from './tracking';

export const successMetricKind = pgEnum('success_metric_kind', METRIC_KINDS);
export const successMetricDirection = pgEnum('success_metric_direction', METRIC_DIRECTIONS);
export const successMetricSource = pgEnum('success_metric_source', METRIC_SOURCES);
export const riskLevel = pgEnum('risk_level', RISK_LEVELS);
export const riskCategory = pgEnum('risk_category', RISK_CATEGORIES);
export const riskResponse = pgEnum('risk_response', RISK_RESPONSES);
export const riskStatus = pgEnum('risk_status', RISK_STATUSES);
export const subProblemStatus = pgEnum('sub_problem_status', SUB_PROBLEM_STATUSES);
export const reportSection = pgEnum('report_section', REPORT_SECTIONS);

export const successMetrics = pgTable(
  'success_metrics',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    kind: successMetricKind('kind').notNull(),
    direction: successMetricDirection('direction').notNull(),
    unit: text('unit').notNull().default(''),
    isPrimary: boolean('is_primary').notNull().default(false),
    startValue: doublePrecision('start_value'),
    target: doublePrecision('target_value'),
    rangeMin: doublePrecision('range_min'),
    rangeMax: doublePrecision('range_max'),
    deadline: date('deadline', { mode: 'string' }).notNull(),
    ownerId: text('owner_id').references(() => users.id, { onDelete: 'set null' }),
    source: successMetricSource('source').notNull().default('manual'),
    /** The run metric key, or the key in the Production version's metrics snapshot. */
    sourceKey: text('source_key'),
    /** The registered model whose Production version feeds the metric. */
    sourceModel: text('source_model'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('success_metrics_project_name_idx').on(t.projectId, t.name)],
);

export const successMetricCheckIns = pgTable(
  'success_metric_check_ins',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    metricId: uuid('metric_id')
      .notNull()
      .references(() => successMetrics.id, { onDelete: 'cascade' }),
    value: doublePrecision('value').notNull(),
    note: text('note').notNull().default(''),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('success_metric_check_ins_metric_idx').on(t.metricId, t.recordedAt)],
);

export const risks = pgTable(
  'risks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    category: riskCategory('category').notNull(),
    likelihood: riskLevel('likelihood').notNull(),
    impact: riskLevel('impact').notNull(),
    ownerId: text('owner_id').references(() => users.id, { onDelete: 'set null' }),
    response: riskResponse('response').notNull().default('mitigate'),
    mitigationPlan: text('mitigation_plan').notNull().default(''),
    mitigationPct: integer('mitigation_pct').notNull().default(0),
    status: riskStatus('status').notNull().default('open'),
    nextReviewDate: date('next_review_date', { mode: 'string' }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('risks_project_idx').on(t.projectId)],
);

/** One row per change of likelihood, impact or mitigation: the history of a risk's score. */
export const riskScoreChanges = pgTable(
  'risk_score_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    riskId: uuid('risk_id')
      .notNull()
      .references(() => risks.id, { onDelete: 'cascade' }),
    likelihood: riskLevel('likelihood').notNull(),
    impact: riskLevel('impact').notNull(),
    mitigationPct: integer('mitigation_pct').notNull(),
    score: integer('score').notNull(),
    residual: doublePrecision('residual').notNull(),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('risk_score_changes_risk_idx').on(t.riskId, t.id)],
);

export const subProblems = pgTable(
  'sub_problems',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    parentId: uuid('parent_id').references((): AnyPgColumn => subProblems.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    status: subProblemStatus('status').notNull().default('not_started'),
    ownerId: text('owner_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sub_problems_project_idx').on(t.projectId, t.createdAt)],
);

/** A sub-problem's link to a success metric, an experiment or a board task; exactly one target per row. */
export const subProblemLinks = pgTable(
  'sub_problem_links',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    subProblemId: uuid('sub_problem_id')
      .notNull()
      .references(() => subProblems.id, { onDelete: 'cascade' }),
    metricId: uuid('metric_id').references(() => successMetrics.id, { onDelete: 'cascade' }),
    experimentId: bigint('experiment_id', { mode: 'number' }).references(() => experiments.id, { onDelete: 'cascade' }),
    taskId: uuid('task_id').references(() => tasks.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('sub_problem_links_sub_problem_idx').on(t.subProblemId),
    uniqueIndex('sub_problem_links_metric_idx').on(t.subProblemId, t.metricId),
    uniqueIndex('sub_problem_links_experiment_idx').on(t.subProblemId, t.experimentId),
    uniqueIndex('sub_problem_links_task_idx').on(t.subProblemId, t.taskId),
    check('sub_problem_links_one_target', sql`num_nonnulls(${t.metricId}, ${t.experimentId}, ${t.taskId}) = 1`),
  ],
);

/** The editable narrative of each generated-report section; the rest of the report is read live. */
export const reportNarratives = pgTable(
  'report_narratives',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    section: reportSection('section').notNull(),
    body: text('body').notNull().default(''),
    version: integer('version').notNull().default(1),
    updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.section] })],
);

export type SuccessMetric = typeof successMetrics.$inferSelect;
export type Risk = typeof risks.$inferSelect;
export type SubProblem = typeof subProblems.$inferSelect;
