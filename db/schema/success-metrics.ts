import {
  bigserial,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { METRIC_DIRECTIONS, METRIC_KINDS, METRIC_SOURCES } from '@/lib/success-metrics/status';
import { users } from './auth';
import { projects } from './projects';

export const successMetricKind = pgEnum('success_metric_kind', METRIC_KINDS);
export const successMetricDirection = pgEnum('success_metric_direction', METRIC_DIRECTIONS);
export const successMetricSource = pgEnum('success_metric_source', METRIC_SOURCES);

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

export type SuccessMetric = typeof successMetrics.$inferSelect;
