import { sql } from 'drizzle-orm';
import { bigint, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { projects } from './projects';
import { experiments } from './tracking';

/**
 * A named runs-table view (columns, sort, filter) of one experiment, or of the project's All runs page when
 * `experiment_id` is null. Anyone in the project can open it by its link; its author can delete it.
 */
export const runViews = pgTable(
  'run_views',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    experimentId: bigint('experiment_id', { mode: 'number' }).references(() => experiments.id, {
      onDelete: 'cascade',
    }),
    name: text('name').notNull(),
    /** The view as runs-table URL search params (lib/tracking/runs-view.ts), without page or selection. */
    query: text('query').notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('run_views_project_experiment_idx').on(t.projectId, t.experimentId)],
);

/** The view a person sees by default on one experiment's runs (or on All runs when `experiment_id` is null). */
export const runViewDefaults = pgTable(
  'run_view_defaults',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    experimentId: bigint('experiment_id', { mode: 'number' }).references(() => experiments.id, {
      onDelete: 'cascade',
    }),
    viewId: uuid('view_id')
      .notNull()
      .references(() => runViews.id, { onDelete: 'cascade' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // Experiment ids start at 1, so 0 stands for "All runs" and one person has one default per page.
  (t) => [uniqueIndex('run_view_defaults_scope_idx').on(t.userId, t.projectId, sql`coalesce(${t.experimentId}, 0)`)],
);
