import { index, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tasks } from './board';
import { risks } from './risks';
import { successMetrics } from './success-metrics';

// Kept apart from board.ts because problem.ts already imports the tasks table (sub-problem links);
// this file depends on both, so neither schema file imports the other in a cycle.

export const taskRiskLinks = pgTable(
  'task_risk_links',
  {
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    riskId: uuid('risk_id')
      .notNull()
      .references(() => risks.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.riskId] }), index('task_risk_links_risk_idx').on(t.riskId)],
);

export const taskMetricLinks = pgTable(
  'task_metric_links',
  {
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    metricId: uuid('metric_id')
      .notNull()
      .references(() => successMetrics.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.metricId] }), index('task_metric_links_metric_idx').on(t.metricId)],
);
