import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  check,
  index,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { SUB_PROBLEM_STATUSES } from '@/lib/problem/tree';
import { users } from './auth';
import { tasks } from './board';
import { projects } from './projects';
import { successMetrics } from './success-metrics';
import { experiments } from './tracking';

export const subProblemStatus = pgEnum('sub_problem_status', SUB_PROBLEM_STATUSES);

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

export type SubProblem = typeof subProblems.$inferSelect;
