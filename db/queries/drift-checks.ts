import { and, desc, eq, sql } from 'drizzle-orm';
import { DomainError, notFound } from '@/lib/errors';
import { describeErrorForLog } from '@/lib/log-error';
import { findingsOf } from '@/lib/monitoring/alerts';
import { buildDriftReport } from '@/lib/monitoring/drift-report';
import {
  type MetricName,
  METRICS,
  type PerformanceResult,
  type Task,
  classificationMetrics,
  judgeMetric,
  regressionMetrics,
} from '@/lib/monitoring/performance';
import type { DriftComputation } from '@/lib/monitoring/api-schemas';
import type { Window } from '@/lib/monitoring/windows';
import type { Db } from '../client';
import { type CheckTrigger, type DriftCheck, driftChecks, type Monitor, type MonitoringAlert } from '../schema';
import type { Actor } from './activity';
import { raiseAlerts } from './alerts';
import { type MonitorWithModel, getMonitorById, getMonitorFeatures } from './monitoring';
import { type RowSource, countRows, performanceAggregates, sampleFeatureRows } from './predictions';
import { resolveModelVersion } from './registry';

export type { DriftComputation };

const settle = <T>(p: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> =>
  p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

export function referenceSource(monitor: Monitor): RowSource | null {
  if (monitor.referenceKind === 'window' && monitor.referenceFrom && monitor.referenceTo) {
    return { kind: 'window', monitorId: monitor.id, from: monitor.referenceFrom, to: monitor.referenceTo };
  }
  if (monitor.referenceKind === 'dataset' && monitor.referenceDatasetId)
    return { kind: 'dataset', datasetId: monitor.referenceDatasetId };
  return null;
}

function metricsOf(task: Task, aggregates: Awaited<ReturnType<typeof performanceAggregates>>) {
  return task === 'classification' && 'confusion' in aggregates
    ? classificationMetrics(aggregates.confusion)
    : 'moments' in aggregates
      ? regressionMetrics(aggregates.moments)
      : [];
}

async function baselines(db: Db, projectId: string, target: MonitorWithModel, reference: RowSource, task: Task) {
  const { monitor, model } = target;
  const out = new Map<MetricName, { value: number; source: 'reference' | 'registered' }>();
  if (monitor.baselineSource === 'registered') {
    const resolved = await resolveModelVersion(db, projectId, model.name, monitor.stage).catch(() => null);
    for (const metric of METRICS[task]) {
      const value = resolved?.version.metrics[monitor.baselineKeys[metric] ?? metric];
      if (typeof value === 'number' && Number.isFinite(value)) out.set(metric, { value, source: 'registered' });
    }
    return out;
  }
  for (const m of metricsOf(task, await performanceAggregates(db, reference, task)))
    out.set(m.metric, { value: m.value, source: 'reference' });
  return out;
}

/**
 * The numbers of a check, without writing anything: row counts and labelled-row aggregates over the full
 * windows in SQL, and the per-feature tests on the rows (a uniform sample past SAMPLE_TARGET rows).
 */
export async function computeDrift(
  db: Db,
  projectId: string,
  target: MonitorWithModel,
  window: Window,
): Promise<DriftComputation> {
  const { monitor } = target;
  const reference = referenceSource(monitor);
  if (!reference)
    throw new DomainError(
      'invalid',
      `Set a reference for ${target.model.name} first: a window of logged predictions or a dataset version.`,
      'reference',
    );
  if (!(window.start < window.end)) throw new DomainError('invalid', 'The window must end after it starts.', 'to');
  const current: RowSource = { kind: 'window', monitorId: monitor.id, from: window.start, to: window.end };
  const task = monitor.task;
  // The labelled-row aggregates scan whole windows in Postgres; start them first so that scan overlaps the
  // sampling and the tests, which run here. Settled, so a failure elsewhere leaves no unhandled rejection.
  const labelled = settle(
    task
      ? Promise.all([performanceAggregates(db, current, task), baselines(db, projectId, target, reference, task)])
      : Promise.resolve(null),
  );
  const [specs, referenceRows, currentRows] = await Promise.all([
    getMonitorFeatures(db, monitor.id),
    countRows(db, reference),
    countRows(db, current),
  ]);
  const [refSample, curSample] = await Promise.all([
    sampleFeatureRows(db, reference, referenceRows),
    currentRows ? sampleFeatureRows(db, current, currentRows) : [],
  ]);
  const report = currentRows ? buildDriftReport(specs, refSample, curSample) : null;
  const measured = await labelled;
  if (!measured.ok) throw measured.error;
  let quality: PerformanceResult[] = [];
  if (task && currentRows && measured.value) {
    const [now, base] = measured.value;
    const values = metricsOf(task, now);
    quality = METRICS[task].map((metric) =>
      judgeMetric(
        values.find((v) => v.metric === metric),
        metric,
        base.get(metric) ?? null,
      ),
    );
  }
  return {
    window,
    referenceRows,
    currentRows,
    referenceSampled: refSample.length,
    currentSampled: curSample.length,
    features: report?.features ?? [],
    dataset: report?.dataset ?? null,
    performance: quality,
    task,
  };
}

/** Claims a scheduled window for this instance; null when another instance (or an earlier tick) has it. */
export async function claimScheduledWindow(
  db: Db,
  projectId: string,
  monitorId: string,
  window: Window,
): Promise<string | null> {
  const [row] = await db
    .insert(driftChecks)
    .values({ projectId, monitorId, trigger: 'scheduled', windowStart: window.start, windowEnd: window.end })
    .onConflictDoNothing({
      target: [driftChecks.monitorId, driftChecks.windowStart],
      where: sql`${driftChecks.trigger} = 'scheduled'`,
    })
    .returning({ id: driftChecks.id });
  return row?.id ?? null;
}

export type CheckOutcome = { check: DriftCheck; newAlerts: MonitoringAlert[] };

/** Runs the check of a claimed row and stores its result and alerts in one transaction. */
export async function completeCheck(
  db: Db,
  projectId: string,
  checkId: string,
  target: MonitorWithModel,
  window: Window,
): Promise<CheckOutcome> {
  const started = performance.now();
  let result: DriftComputation;
  try {
    result = await computeDrift(db, projectId, target, window);
  } catch (err) {
    const message =
      err instanceof DomainError
        ? err.message
        : 'The check failed on our side; it will not be retried for this window.';
    if (!(err instanceof DomainError)) console.error('drift check failed', describeErrorForLog(err));
    const [check] = await db
      .update(driftChecks)
      .set({ status: 'failed', error: message, finishedAt: new Date() })
      .where(eq(driftChecks.id, checkId))
      .returning();
    return { check: check!, newAlerts: [] };
  }
  return db.transaction(async (tx) => {
    const [check] = await tx
      .update(driftChecks)
      .set({
        status: result.currentRows === 0 ? 'empty' : 'done',
        finishedAt: new Date(),
        referenceRows: result.referenceRows,
        currentRows: result.currentRows,
        referenceSampled: result.referenceSampled,
        currentSampled: result.currentSampled,
        datasetDrift: result.dataset?.dataset_drift ?? null,
        driftShare: result.dataset?.share ?? null,
        dataset: result.dataset,
        features: result.features,
        performance: result.performance,
        durationMs: Math.round(performance.now() - started),
      })
      .where(and(eq(driftChecks.id, checkId), eq(driftChecks.status, 'running')))
      .returning();
    // Another instance reclaimed and finished a stale claim meanwhile: its result stands, no second set of alerts.
    if (!check)
      return { check: (await tx.select().from(driftChecks).where(eq(driftChecks.id, checkId)))[0]!, newAlerts: [] };
    const newAlerts = await raiseAlerts(tx, projectId, target.monitor.id, check, findingsOf(result));
    return { check, newAlerts };
  });
}

/** An on-demand check of any window (the "Run check now" button, or a script). */
export async function runDriftCheck(
  db: Db,
  actor: Actor | null,
  projectId: string,
  monitorId: string,
  window: Window,
  trigger: CheckTrigger = 'manual',
): Promise<CheckOutcome> {
  const target = await getMonitorById(db, projectId, monitorId);
  if (!referenceSource(target.monitor))
    throw new DomainError(
      'invalid',
      `Set a reference for ${target.model.name} first: a window of logged predictions or a dataset version.`,
      'reference',
    );
  const [row] = await db
    .insert(driftChecks)
    .values({
      projectId,
      monitorId,
      trigger,
      windowStart: window.start,
      windowEnd: window.end,
      createdBy: actor?.id ?? null,
    })
    .returning({ id: driftChecks.id });
  return completeCheck(db, projectId, row!.id, target, window);
}

export async function getCheck(db: Db, projectId: string, checkId: string) {
  const [row] = await db
    .select()
    .from(driftChecks)
    .where(and(eq(driftChecks.projectId, projectId), eq(driftChecks.id, checkId)));
  if (!row) throw notFound('Drift check');
  return row;
}

/** Checks of a model, newest window first. */
export async function listChecks(db: Db, monitorId: string, limit = 200) {
  return db
    .select()
    .from(driftChecks)
    .where(eq(driftChecks.monitorId, monitorId))
    .orderBy(desc(driftChecks.windowEnd), desc(driftChecks.claimedAt))
    .limit(limit);
}

/** The latest check that produced numbers (empty and failed windows say nothing about drift). */
export async function getLatestCheck(db: Db, monitorId: string) {
  const [row] = await db
    .select()
    .from(driftChecks)
    .where(and(eq(driftChecks.monitorId, monitorId), eq(driftChecks.status, 'done')))
    .orderBy(desc(driftChecks.windowEnd), desc(driftChecks.finishedAt))
    .limit(1);
  return row ?? null;
}
