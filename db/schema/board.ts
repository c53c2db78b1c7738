import { sql } from 'drizzle-orm';
import {
  bigserial,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { SPRINT_STATUSES, TASK_STATUSES, type WipLimits } from '@/lib/board/vocabulary';
import type { FrozenSprintNumbers } from '@/lib/board/burndown';
import { users } from './auth';
import { projects } from './projects';
import { runs } from './tracking';

export const sprintStatus = pgEnum('sprint_status', SPRINT_STATUSES);
export const taskStatus = pgEnum('task_status', TASK_STATUSES);

// Byte-order collation, so Postgres sorts fractional keys exactly as the fractional-indexing library
// compares them ("Zz" < "a0"); a locale collation would not.
const orderKey = customType<{ data: string }>({ dataType: () => 'text COLLATE "C"' });

export const sprints = pgTable(
  'sprints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    goal: text('goal').notNull().default(''),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    status: sprintStatus('status').notNull().default('planned'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Written once when the sprint closes; later edits to its tasks leave these numbers alone. */
    frozen: jsonb('frozen').$type<FrozenSprintNumbers>(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('sprints_project_start_idx').on(t.projectId, t.startDate),
    // At most one active sprint per project, whatever two people click at once.
    uniqueIndex('sprints_one_active_idx')
      .on(t.projectId)
      .where(sql`${t.status} = 'active'`),
  ],
);

export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /** Per-project sequence shown as T-<number>. */
    number: integer('number').notNull(),
    sprintId: uuid('sprint_id').references(() => sprints.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    status: taskStatus('status').notNull().default('backlog'),
    priority: integer('priority').notNull().default(3),
    effort: integer('effort').notNull().default(1),
    assigneeId: text('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    labels: text('labels')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    sortKey: orderKey('sort_key').notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('tasks_project_number_key').on(t.projectId, t.number),
    // A column is (sprint or backlog, status); no two cards in it share a key, so the order is never a tie.
    unique('tasks_column_order_key').on(t.projectId, t.sprintId, t.status, t.sortKey).nullsNotDistinct(),
    index('tasks_sprint_idx').on(t.sprintId),
  ],
);

export const taskRunLinks = pgTable(
  'task_run_links',
  {
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    runId: text('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.runId] }), index('task_run_links_run_idx').on(t.runId)],
);

export const boardSettings = pgTable('board_settings', {
  projectId: uuid('project_id')
    .primaryKey()
    .references(() => projects.id, { onDelete: 'cascade' }),
  wipLimits: jsonb('wip_limits').$type<WipLimits>().notNull().default({}),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A sprint's totals as last written on each day (effort points); burndown and burnup are drawn from these. */
export const boardSnapshots = pgTable(
  'board_snapshots',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    sprintId: uuid('sprint_id')
      .notNull()
      .references(() => sprints.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    totalPoints: integer('total_points').notNull(),
    donePoints: integer('done_points').notNull(),
    cancelledPoints: integer('cancelled_points').notNull(),
    taskCount: integer('task_count').notNull(),
    doneCount: integer('done_count').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('board_snapshots_sprint_day_idx').on(t.sprintId, t.day)],
);

export type Sprint = typeof sprints.$inferSelect;
export type Task = typeof tasks.$inferSelect;
export type BoardSnapshot = typeof boardSnapshots.$inferSelect;
