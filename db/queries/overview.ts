import { and, eq, ne, sql } from 'drizzle-orm';
import type { LifecycleStage } from '@/lib/domain';
import { deriveProjectHealth, groupAlerts, stageMismatch } from '@/lib/overview/health';
import { isCritical, isReviewOverdue, sortRisks, withScores } from '@/lib/risks/scoring';
import { projectSuccess, todayUtc } from '@/lib/success-metrics/status';
import type { Db } from '../client';
import { monitoringAlerts, monitors, registeredModels, sprints, tasks } from '../schema';
import { getLifecycleView } from './lifecycle';
import { listProductionModels } from './registry';
import { listRisks } from './risks';
import { evaluateSuccessMetrics } from './success-metrics';

/** The active sprint's progress: tasks and effort points done against its scope (cancelled work leaves the scope). */
export async function getActiveSprintProgress(db: Db, projectId: string) {
  const [sprint] = await db
    .select()
    .from(sprints)
    .where(and(eq(sprints.projectId, projectId), eq(sprints.status, 'active')))
    .limit(1);
  if (!sprint) return null;
  const [totals] = await db
    .select({
      tasks: sql<number>`count(*) filter (where ${tasks.status} <> 'cancelled')::int`,
      doneTasks: sql<number>`count(*) filter (where ${tasks.status} = 'done')::int`,
      points: sql<number>`coalesce(sum(${tasks.effort}) filter (where ${tasks.status} <> 'cancelled'), 0)::int`,
      donePoints: sql<number>`coalesce(sum(${tasks.effort}) filter (where ${tasks.status} = 'done'), 0)::int`,
    })
    .from(tasks)
    .where(and(eq(tasks.projectId, projectId), eq(tasks.sprintId, sprint.id)));
  return {
    id: sprint.id,
    name: sprint.name,
    goal: sprint.goal,
    startDate: sprint.startDate,
    endDate: sprint.endDate,
    tasks: totals?.tasks ?? 0,
    doneTasks: totals?.doneTasks ?? 0,
    points: totals?.points ?? 0,
    donePoints: totals?.donePoints ?? 0,
  };
}

/** Unresolved monitoring alerts grouped per model and kind (critical and open first), and how many there are. */
export async function listUnresolvedAlerts(db: Db, projectId: string) {
  const rows = await db
    .select({
      kind: monitoringAlerts.kind,
      subject: monitoringAlerts.subject,
      severity: monitoringAlerts.severity,
      status: monitoringAlerts.status,
      lastSeenAt: monitoringAlerts.lastSeenAt,
      model: registeredModels.name,
    })
    .from(monitoringAlerts)
    .innerJoin(monitors, eq(monitors.id, monitoringAlerts.monitorId))
    .innerJoin(registeredModels, eq(registeredModels.id, monitors.modelId))
    .where(and(eq(monitoringAlerts.projectId, projectId), ne(monitoringAlerts.status, 'resolved')));
  const groups = groupAlerts(rows.map((r) => ({ ...r, lastSeenAt: r.lastSeenAt.getTime() })));
  return {
    groups,
    open: rows.filter((r) => r.status === 'open').length,
    acknowledged: rows.filter((r) => r.status === 'acknowledged').length,
  };
}

/** Everything the team lead's landing page shows, read live. */
export async function getOverview(db: Db, project: { id: string; stage: LifecycleStage }, now = Date.now()) {
  const today = todayUtc(now);
  const metrics = await evaluateSuccessMetrics(db, project.id, now);
  const [lifecycle, allRisks, sprint, production, alerts] = await Promise.all([
    getLifecycleView(db, project.id, project.stage, metrics),
    listRisks(db, project.id),
    getActiveSprintProgress(db, project.id),
    listProductionModels(db, project.id),
    listUnresolvedAlerts(db, project.id),
  ]);
  const open = allRisks.filter((r) => r.status !== 'closed');
  const flagged = sortRisks(
    open.filter((r) => isCritical(r) || isReviewOverdue(r, today)),
    today,
  ).map((r) => withScores(r, today));
  const bestRuns = metrics
    .filter((m) => m.isPrimary && m.source === 'run_metric')
    .map((m) => ({
      metricId: m.id,
      metricName: m.name,
      key: m.sourceKey ?? '',
      unit: m.unit,
      value: m.current,
      run: m.bestRun,
      achieved: m.achieved,
    }));
  const criticalRisks = open.filter(isCritical).length;
  const overdueRisks = open.filter((r) => isReviewOverdue(r, today)).length;
  return {
    metrics,
    success: projectSuccess(metrics),
    health: deriveProjectHealth({
      metrics,
      alerts: alerts.groups,
      risks: { critical: criticalRisks, overdue: overdueRisks },
    }),
    stageMismatch: stageMismatch(project.stage, production.length),
    lifecycle,
    risks: {
      flagged,
      openCount: open.length,
      criticalCount: criticalRisks,
      overdueCount: overdueRisks,
    },
    sprint,
    production,
    bestRuns,
    alerts,
  };
}

export type Overview = Awaited<ReturnType<typeof getOverview>>;
