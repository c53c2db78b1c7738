import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { AlertKind, AlertSeverity, AlertStatus } from '@/lib/monitoring/vocabulary';
import type { FeatureReport } from '@/lib/monitoring/drift-report';
import type { MetricName, PerformanceResult, Task } from '@/lib/monitoring/performance';
import type { Schedule } from '@/lib/monitoring/windows';
import type { DatasetDrift, FeatureKind } from '@/lib/stats/drift';
import { users } from './auth';
import { projects } from './projects';
import { modelVersions, registeredModels } from './registry';
import { datasets } from './tracking';
import { risks } from './risks';
import { tasks } from './board';

export type ReferenceKind = 'none' | 'window' | 'dataset';
export type BaselineSource = 'reference' | 'registered';
export type CheckTrigger = 'scheduled' | 'manual';
export type CheckStatus = 'running' | 'done' | 'failed' | 'empty';
type Scalar = number | string | boolean;

/** One per monitored registered model: which stage it serves from, its reference, schedule and baseline. */
export const monitors = pgTable(
  'monitors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    modelId: uuid('model_id')
      .notNull()
      .references(() => registeredModels.id, { onDelete: 'cascade' }),
    /** Stage or alias whose version the UI shows as "serving" (ingestion names its own). */
    stage: text('stage').notNull().default('Production'),
    task: text('task').$type<Task>(),
    schedule: text('schedule').$type<Schedule>().notNull().default('daily'),
    /** When the schedule was last switched on: scheduled windows start no earlier. */
    scheduleSince: timestamp('schedule_since', { withTimezone: true }).notNull().defaultNow(),
    referenceKind: text('reference_kind').$type<ReferenceKind>().notNull().default('none'),
    referenceFrom: timestamp('reference_from', { withTimezone: true }),
    referenceTo: timestamp('reference_to', { withTimezone: true }),
    referenceDatasetId: uuid('reference_dataset_id').references(() => datasets.id, { onDelete: 'set null' }),
    baselineSource: text('baseline_source').$type<BaselineSource>().notNull().default('reference'),
    /** For a registered baseline: which key of the version's metrics snapshot stands for each metric. */
    baselineKeys: jsonb('baseline_keys').$type<Partial<Record<MetricName, string>>>().notNull().default({}),
    version: integer('version').notNull().default(1),
    /** How many predictions the monitor holds, kept by triggers on predictions (drizzle/0017) for the list page. */
    predictionCount: bigint('prediction_count', { mode: 'number' }).notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('monitors_model_idx').on(t.modelId), index('monitors_project_idx').on(t.projectId)],
);

export const monitorFeatures = pgTable(
  'monitor_features',
  {
    monitorId: uuid('monitor_id')
      .notNull()
      .references(() => monitors.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: text('kind').$type<FeatureKind>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.monitorId, t.name] })],
);

/**
 * Logged predictions. `sample_key` (a hash of the client's id into 0…1023) lets a check read a uniform
 * sample of a large window straight from the (monitor, sample_key, ts) index.
 */
export const predictions = pgTable(
  'predictions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    monitorId: uuid('monitor_id')
      .notNull()
      .references(() => monitors.id, { onDelete: 'cascade' }),
    versionId: uuid('version_id').references(() => modelVersions.id, { onDelete: 'set null' }),
    externalId: text('external_id').notNull(),
    ts: timestamp('ts', { withTimezone: true }).notNull(),
    features: jsonb('features').$type<Record<string, Scalar | null>>().notNull(),
    prediction: jsonb('prediction').$type<Scalar>().notNull(),
    actual: jsonb('actual').$type<Scalar>(),
    actualAt: timestamp('actual_at', { withTimezone: true }),
    sampleKey: smallint('sample_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('predictions_monitor_external_idx').on(t.monitorId, t.externalId),
    index('predictions_monitor_ts_idx').on(t.monitorId, t.ts),
    index('predictions_monitor_sample_idx').on(t.monitorId, t.sampleKey, t.ts),
  ],
);

/** Rows of a CSV uploaded as a monitoring reference (the dataset version registry keeps only its digest and profile). */
export const referenceRows = pgTable(
  'monitor_reference_rows',
  {
    datasetId: uuid('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
    rowIndex: integer('row_index').notNull(),
    features: jsonb('features').$type<Record<string, Scalar | null>>().notNull(),
    prediction: jsonb('prediction').$type<Scalar>(),
    actual: jsonb('actual').$type<Scalar>(),
    sampleKey: smallint('sample_key').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.datasetId, t.rowIndex] }),
    index('monitor_reference_rows_sample_idx').on(t.datasetId, t.sampleKey),
  ],
);

export type StoredPerformance = PerformanceResult;

export const driftChecks = pgTable(
  'drift_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    monitorId: uuid('monitor_id')
      .notNull()
      .references(() => monitors.id, { onDelete: 'cascade' }),
    trigger: text('trigger').$type<CheckTrigger>().notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    windowEnd: timestamp('window_end', { withTimezone: true }).notNull(),
    status: text('status').$type<CheckStatus>().notNull().default('running'),
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    referenceRows: integer('reference_rows'),
    currentRows: integer('current_rows'),
    /** Rows the tests actually read (a uniform sample of large windows). */
    referenceSampled: integer('reference_sampled'),
    currentSampled: integer('current_sampled'),
    datasetDrift: boolean('dataset_drift'),
    driftShare: doublePrecision('drift_share'),
    dataset: jsonb('dataset').$type<DatasetDrift>(),
    features: jsonb('features').$type<FeatureReport[]>().notNull().default([]),
    performance: jsonb('performance').$type<StoredPerformance[]>().notNull().default([]),
    error: text('error'),
    durationMs: integer('duration_ms'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    // Several app instances may tick at once: each scheduled window can be claimed by one of them only.
    uniqueIndex('drift_checks_scheduled_window_idx')
      .on(t.monitorId, t.windowStart)
      .where(sql`${t.trigger} = 'scheduled'`),
    index('drift_checks_monitor_end_idx').on(t.monitorId, t.windowEnd),
  ],
);

export const monitoringAlerts = pgTable(
  'monitoring_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    monitorId: uuid('monitor_id')
      .notNull()
      .references(() => monitors.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<AlertKind>().notNull(),
    subject: text('subject').notNull(),
    status: text('status').$type<AlertStatus>().notNull().default('open'),
    severity: text('severity').$type<AlertSeverity>().notNull(),
    message: text('message').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    occurrences: integer('occurrences').notNull().default(1),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    lastCheckId: uuid('last_check_id').references(() => driftChecks.id, { onDelete: 'set null' }),
    lastWindowEnd: timestamp('last_window_end', { withTimezone: true }),
    riskId: uuid('risk_id').references(() => risks.id, { onDelete: 'set null' }),
    taskId: uuid('task_id').references(() => tasks.id, { onDelete: 'set null' }),
    acknowledgedBy: text('acknowledged_by').references(() => users.id, { onDelete: 'set null' }),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    resolvedBy: text('resolved_by').references(() => users.id, { onDelete: 'set null' }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The deduplication rule itself: one unresolved alert per monitored model + kind + subject.
    uniqueIndex('monitoring_alerts_active_key_idx')
      .on(t.monitorId, t.kind, t.subject)
      .where(sql`${t.status} <> 'resolved'`),
    index('monitoring_alerts_project_status_idx').on(t.projectId, t.status, t.lastSeenAt),
  ],
);

export const monitoringSettings = pgTable('monitoring_settings', {
  projectId: uuid('project_id')
    .primaryKey()
    .references(() => projects.id, { onDelete: 'cascade' }),
  webhookUrl: text('webhook_url'),
  lastDeliveryAt: timestamp('last_delivery_at', { withTimezone: true }),
  lastDeliveryStatus: text('last_delivery_status'),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type Monitor = typeof monitors.$inferSelect;
export type DriftCheck = typeof driftChecks.$inferSelect;
export type MonitoringAlert = typeof monitoringAlerts.$inferSelect;
