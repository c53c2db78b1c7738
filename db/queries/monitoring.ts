import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { conflict, DomainError, notFound } from '@/lib/errors';
import type { FeatureSpec } from '@/lib/monitoring/drift-report';
import type { MetricName, Task } from '@/lib/monitoring/performance';
import type { Schedule } from '@/lib/monitoring/windows';
import type { FeatureKind } from '@/lib/stats/drift';
import type { Db } from '../client';
import {
  type BaselineSource,
  driftChecks,
  type Monitor,
  monitorFeatures,
  monitoringAlerts,
  monitoringSettings,
  monitors,
  registeredModels,
} from '../schema';
import { type Actor, recordActivity } from './activity';
import { getRegisteredModel, resolveModelVersion } from './registry';

export type MonitorWithModel = { monitor: Monitor; model: { id: string; name: string } };

/** The monitor of a registered model, created on first use (ingestion, or "start monitoring" in the UI). */
export async function ensureMonitor(
  db: Db,
  actor: Actor | null,
  projectId: string,
  modelName: string,
): Promise<MonitorWithModel> {
  const model = await getRegisteredModel(db, projectId, modelName);
  const [created] = await db
    .insert(monitors)
    .values({ projectId, modelId: model.id })
    .onConflictDoNothing()
    .returning();
  if (created) {
    await recordActivity(db, actor, {
      projectId,
      entityType: 'monitor',
      entityId: created.id,
      action: 'create',
      after: { model: model.name },
    });
    return { monitor: created, model: { id: model.id, name: model.name } };
  }
  const [monitor] = await db.select().from(monitors).where(eq(monitors.modelId, model.id));
  return { monitor: monitor!, model: { id: model.id, name: model.name } };
}

export async function startMonitoring(db: Db, actor: Actor, projectId: string, modelName: string, schedule: Schedule) {
  return db.transaction(async (tx) => {
    const model = await getRegisteredModel(tx, projectId, modelName).catch(() => {
      throw new DomainError('not_found', `No registered model named ${modelName}.`, 'model');
    });
    const [existing] = await tx.select({ id: monitors.id }).from(monitors).where(eq(monitors.modelId, model.id));
    if (existing) throw new DomainError('exists', `${modelName} is already monitored.`, 'model');
    const [monitor] = await tx.insert(monitors).values({ projectId, modelId: model.id, schedule }).returning();
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'monitor',
      entityId: monitor!.id,
      action: 'create',
      after: { model: modelName, schedule },
    });
    return monitor!;
  });
}

export async function getMonitor(db: Db, projectId: string, modelName: string): Promise<MonitorWithModel> {
  const [row] = await db
    .select({ monitor: monitors, model: { id: registeredModels.id, name: registeredModels.name } })
    .from(monitors)
    .innerJoin(registeredModels, eq(registeredModels.id, monitors.modelId))
    .where(and(eq(monitors.projectId, projectId), eq(registeredModels.name, modelName)));
  if (!row) throw notFound(`Monitoring of model ${modelName}`);
  return row;
}

export async function getMonitorById(db: Db, projectId: string, monitorId: string): Promise<MonitorWithModel> {
  const [row] = await db
    .select({ monitor: monitors, model: { id: registeredModels.id, name: registeredModels.name } })
    .from(monitors)
    .innerJoin(registeredModels, eq(registeredModels.id, monitors.modelId))
    .where(and(eq(monitors.projectId, projectId), eq(monitors.id, monitorId)));
  if (!row) throw notFound('Monitored model');
  return row;
}

export async function getMonitorFeatures(db: Db, monitorId: string): Promise<FeatureSpec[]> {
  return db
    .select({ name: monitorFeatures.name, kind: monitorFeatures.kind })
    .from(monitorFeatures)
    .where(eq(monitorFeatures.monitorId, monitorId))
    .orderBy(asc(monitorFeatures.name));
}

/**
 * Registers features first seen in a batch. Two batches may race to introduce the same feature with
 * different kinds: the first insert wins and the loser is refused, naming the feature.
 */
export async function addMonitorFeatures(
  db: Db,
  monitorId: string,
  added: ReadonlyMap<string, FeatureKind>,
): Promise<void> {
  if (added.size === 0) return;
  const values = [...added].map(([name, kind]) => ({ monitorId, name, kind }));
  await db.insert(monitorFeatures).values(values).onConflictDoNothing();
  const stored = await db
    .select({ name: monitorFeatures.name, kind: monitorFeatures.kind })
    .from(monitorFeatures)
    .where(and(eq(monitorFeatures.monitorId, monitorId), inArray(monitorFeatures.name, [...added.keys()])));
  for (const s of stored) {
    if (s.kind !== added.get(s.name))
      throw new DomainError(
        'invalid',
        `features.${s.name}: another batch just registered it as ${s.kind}; send ${s.kind} values.`,
      );
  }
}

/** Every monitored model with its serving version, volume, latest finished check and open alerts. */
export async function listMonitors(db: Db, projectId: string) {
  const rows = await db
    .select({
      monitor: monitors,
      modelName: registeredModels.name,
      predictions: monitors.predictionCount,
      openAlerts: sql<number>`(select count(*) from ${monitoringAlerts} a where a.monitor_id = ${monitors.id} and a.status <> 'resolved')::int`,
      openDatasetDriftAlerts: sql<number>`(select count(*) from ${monitoringAlerts} a where a.monitor_id = ${monitors.id} and a.kind = 'dataset_drift' and a.status <> 'resolved')::int`,
    })
    .from(monitors)
    .innerJoin(registeredModels, eq(registeredModels.id, monitors.modelId))
    .where(eq(monitors.projectId, projectId))
    .orderBy(asc(registeredModels.name));
  const ids = rows.map((r) => r.monitor.id);
  const latest = ids.length
    ? await db
        .selectDistinctOn([driftChecks.monitorId], {
          monitorId: driftChecks.monitorId,
          windowEnd: driftChecks.windowEnd,
          datasetDrift: driftChecks.datasetDrift,
          driftShare: driftChecks.driftShare,
          features: driftChecks.features,
        })
        .from(driftChecks)
        .where(and(inArray(driftChecks.monitorId, ids), eq(driftChecks.status, 'done')))
        .orderBy(driftChecks.monitorId, desc(driftChecks.windowEnd), desc(driftChecks.finishedAt))
    : [];
  const serving = await Promise.all(
    rows.map((r) => resolveModelVersion(db, projectId, r.modelName, r.monitor.stage).catch(() => null)),
  );
  return rows.map((r, i) => {
    const check = latest.find((c) => c.monitorId === r.monitor.id);
    return {
      ...r,
      servingVersion: serving[i]?.version.version ?? null,
      lastCheck: check
        ? {
            windowEnd: check.windowEnd,
            datasetDrift: check.datasetDrift,
            driftShare: check.driftShare,
            drifted: check.features.filter((f) => f.drifted).map((f) => f.feature),
          }
        : null,
    };
  });
}

export type MonitorSettings = {
  schedule: Schedule;
  task: Task | null;
  stage: string;
  baselineSource: BaselineSource;
  baselineKeys: Partial<Record<MetricName, string>>;
};

export async function updateMonitorSettings(
  db: Db,
  actor: Actor,
  projectId: string,
  monitorId: string,
  expectedVersion: number,
  changes: MonitorSettings,
) {
  return db.transaction(async (tx) => {
    const { monitor: before } = await getMonitorById(tx, projectId, monitorId);
    const restart = before.schedule === 'off' && changes.schedule !== 'off';
    const { schedule, task, stage, baselineSource, baselineKeys } = changes;
    const [after] = await tx
      .update(monitors)
      .set({
        schedule,
        task,
        stage,
        baselineSource,
        baselineKeys,
        ...(restart ? { scheduleSince: new Date() } : {}),
        version: sql`${monitors.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(monitors.id, monitorId), eq(monitors.version, expectedVersion)))
      .returning();
    if (!after)
      throw conflict(
        'Someone else changed these settings since you opened the page. Reload to see their change, then apply yours again.',
      );
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'monitor',
      entityId: monitorId,
      action: 'update',
      before,
      after: { schedule, task, stage, baselineSource, baselineKeys },
    });
    return after;
  });
}

/** Sets the task on first ingestion: text or boolean outputs mean classification, numbers regression (changeable in the UI). */
export async function inferMonitorTask(db: Db, monitorId: string, task: Task): Promise<void> {
  await db
    .update(monitors)
    .set({ task })
    .where(and(eq(monitors.id, monitorId), sql`${monitors.task} is null`));
}

export async function getMonitoringSettings(db: Db, projectId: string) {
  const [row] = await db.select().from(monitoringSettings).where(eq(monitoringSettings.projectId, projectId));
  return (
    row ?? { projectId, webhookUrl: null, lastDeliveryAt: null, lastDeliveryStatus: null, version: 0, updatedAt: null }
  );
}

/** `expectedVersion` 0 means "no settings saved yet"; a stale version is refused. */
export async function saveWebhookUrl(
  db: Db,
  actor: Actor,
  projectId: string,
  expectedVersion: number,
  webhookUrl: string | null,
) {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(monitoringSettings)
      .where(eq(monitoringSettings.projectId, projectId))
      .for('update');
    if ((before?.version ?? 0) !== expectedVersion)
      throw conflict('Someone else changed the webhook since you opened the page. Reload and try again.');
    await tx
      .insert(monitoringSettings)
      .values({ projectId, webhookUrl })
      .onConflictDoUpdate({
        target: monitoringSettings.projectId,
        set: { webhookUrl, version: sql`${monitoringSettings.version} + 1`, updatedAt: new Date() },
      });
    // The URL may carry a secret token in its query: the activity log only says whether one is set.
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'monitoring-settings',
      entityId: projectId,
      action: 'update',
      before: { webhook: Boolean(before?.webhookUrl) },
      after: { webhook: Boolean(webhookUrl) },
    });
  });
}

export async function recordWebhookDelivery(db: Db, projectId: string, status: string): Promise<void> {
  await db
    .update(monitoringSettings)
    .set({ lastDeliveryAt: new Date(), lastDeliveryStatus: status.slice(0, 500) })
    .where(eq(monitoringSettings.projectId, projectId));
}

/** Monitors whose schedule is on and that have a reference to check against. */
export async function listScheduledMonitors(db: Db) {
  return db
    .select()
    .from(monitors)
    .where(and(ne(monitors.schedule, 'off'), ne(monitors.referenceKind, 'none')));
}
