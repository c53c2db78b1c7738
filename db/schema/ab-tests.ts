import {
  bigint,
  bigserial,
  boolean,
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
import { AB_METRIC_DIRECTIONS, AB_METRIC_KINDS, AB_TEST_STATUSES } from '@/lib/ab-tests/definition';
import { users } from './auth';
import { projects } from './projects';
import { modelVersions, registeredModels } from './registry';

export const abTestStatus = pgEnum('ab_test_status', AB_TEST_STATUSES);
export const abMetricKind = pgEnum('ab_metric_kind', AB_METRIC_KINDS);
export const abMetricDirection = pgEnum('ab_metric_direction', AB_METRIC_DIRECTIONS);

export const abTests = pgTable(
  'ab_tests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    modelId: uuid('model_id')
      .notNull()
      .references(() => registeredModels.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    status: abTestStatus('status').notNull().default('draft'),
    /** Optimistic concurrency for start / stop / ship from two browsers. */
    version: integer('version').notNull().default(1),
    startedAt: timestamp('started_at', { withTimezone: true }),
    stoppedAt: timestamp('stopped_at', { withTimezone: true }),
    /** The variant promoted to Production by "Ship", if any; stopping without shipping leaves it null. */
    shippedVariant: text('shipped_variant'),
    decisionReason: text('decision_reason').notNull().default(''),
    decidedBy: text('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('ab_tests_project_name_idx').on(t.projectId, t.name),
    index('ab_tests_project_created_idx').on(t.projectId, t.createdAt),
  ],
);

export const abTestVariants = pgTable(
  'ab_test_variants',
  {
    testId: uuid('test_id')
      .notNull()
      .references(() => abTests.id, { onDelete: 'cascade' }),
    /** A, B, C… in the order given; A is the control. */
    key: text('key').notNull(),
    position: integer('position').notNull(),
    modelVersionId: uuid('model_version_id').references(() => modelVersions.id, { onDelete: 'set null' }),
    version: integer('version').notNull(),
    weight: doublePrecision('weight').notNull(),
    /** Units exposed to this variant (each counted once): what the SRM check compares with the weights. */
    assigned: bigint('assigned', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.testId, t.key] })],
);

export const abTestMetrics = pgTable(
  'ab_test_metrics',
  {
    testId: uuid('test_id')
      .notNull()
      .references(() => abTests.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    position: integer('position').notNull(),
    kind: abMetricKind('kind').notNull(),
    direction: abMetricDirection('direction').notNull(),
    guardrail: boolean('guardrail').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.testId, t.name] })],
);

/** One row per unit the assign call routed while the test ran: recorded once, never moved. */
export const abExposures = pgTable(
  'ab_exposures',
  {
    testId: uuid('test_id')
      .notNull()
      .references(() => abTests.id, { onDelete: 'cascade' }),
    unitId: text('unit_id').notNull(),
    variant: text('variant').notNull(),
    exposedAt: timestamp('exposed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.testId, t.unitId] })],
);

/** Every outcome event as sent (the audit trail); the analysis reads the sums below, never this table. */
export const abEvents = pgTable(
  'ab_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    testId: uuid('test_id')
      .notNull()
      .references(() => abTests.id, { onDelete: 'cascade' }),
    unitId: text('unit_id').notNull(),
    metric: text('metric').notNull(),
    variant: text('variant').notNull(),
    value: doublePrecision('value').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ab_events_test_idx').on(t.testId, t.id)],
);

/** Each unit's value per metric (sum for continuous, 0/1 for conversion): lets a unit's later events update its one observation. */
export const abUnitValues = pgTable(
  'ab_unit_values',
  {
    testId: uuid('test_id')
      .notNull()
      .references(() => abTests.id, { onDelete: 'cascade' }),
    unitId: text('unit_id').notNull(),
    metric: text('metric').notNull(),
    variant: text('variant').notNull(),
    value: doublePrecision('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.testId, t.unitId, t.metric] })],
);

/**
 * Running shifted sums (n, Σ(v − shift), Σ(v − shift)²) per variant and metric over the units that sent an
 * event, updated with every batch: results read variants × metrics rows. `shift` is fixed by the first batch
 * (its mean) so the sums stay small and the variance does not cancel away (lib/stats/summary.ts).
 */
export const abMetricSums = pgTable(
  'ab_metric_sums',
  {
    testId: uuid('test_id')
      .notNull()
      .references(() => abTests.id, { onDelete: 'cascade' }),
    variant: text('variant').notNull(),
    metric: text('metric').notNull(),
    n: bigint('n', { mode: 'number' }).notNull().default(0),
    shift: doublePrecision('shift').notNull().default(0),
    s1: doublePrecision('s1').notNull().default(0),
    s2: doublePrecision('s2').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.testId, t.variant, t.metric] })],
);

/**
 * The same additions bucketed by UTC day, each row around its own `shift`; added up to each day they give the
 * cumulative lift over time. A day can change known units' values without adding any: n = 0, sums ≠ 0.
 */
export const abMetricDaily = pgTable(
  'ab_metric_daily',
  {
    testId: uuid('test_id')
      .notNull()
      .references(() => abTests.id, { onDelete: 'cascade' }),
    metric: text('metric').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    variant: text('variant').notNull(),
    n: bigint('n', { mode: 'number' }).notNull().default(0),
    shift: doublePrecision('shift').notNull().default(0),
    s1: doublePrecision('s1').notNull().default(0),
    s2: doublePrecision('s2').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.testId, t.metric, t.day, t.variant] })],
);

export type AbTest = typeof abTests.$inferSelect;
