import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { DomainError, notFound } from '@/lib/errors';
import { type Finding, canTransition } from '@/lib/monitoring/alerts';
import { ALERT_KIND_LABELS, type AlertFilter, type AlertStatus, DATASET_SUBJECT } from '@/lib/monitoring/vocabulary';
import type { Db } from '../client';
import {
  type DriftCheck,
  type MonitoringAlert,
  monitoringAlerts,
  monitors,
  projectMembers,
  registeredModels,
  risks,
  tasks,
} from '../schema';
import { type Actor, recordActivity } from './activity';
import { createRisk } from './risks';
import { linkTask } from './task-links';
import { createTask } from './tasks';

/**
 * Turns a check's findings into alerts: a finding whose key (model + kind + subject) has an unresolved
 * alert updates it (latest numbers, one more occurrence, severity never lowered); otherwise a new alert
 * opens. The partial unique index makes this safe when two checks finish at once. Returns the new alerts.
 */
export async function raiseAlerts(
  tx: Db,
  projectId: string,
  monitorId: string,
  check: DriftCheck,
  findings: readonly Finding[],
): Promise<MonitoringAlert[]> {
  const created: MonitoringAlert[] = [];
  for (const f of findings) {
    const [row] = await tx
      .insert(monitoringAlerts)
      .values({
        projectId,
        monitorId,
        kind: f.kind,
        subject: f.subject,
        severity: f.severity,
        message: f.message,
        details: f.details,
        lastCheckId: check.id,
        lastWindowEnd: check.windowEnd,
      })
      .onConflictDoUpdate({
        target: [monitoringAlerts.monitorId, monitoringAlerts.kind, monitoringAlerts.subject],
        targetWhere: sql`${monitoringAlerts.status} <> 'resolved'`,
        set: {
          message: sql`excluded.message`,
          details: sql`excluded.details`,
          severity: sql`case when ${monitoringAlerts.severity} = 'critical' or excluded.severity = 'critical' then 'critical' else 'warning' end`,
          occurrences: sql`${monitoringAlerts.occurrences} + 1`,
          lastSeenAt: sql`now()`,
          lastCheckId: sql`excluded.last_check_id`,
          lastWindowEnd: sql`greatest(${monitoringAlerts.lastWindowEnd}, excluded.last_window_end)`,
          updatedAt: sql`now()`,
        },
      })
      .returning({ id: monitoringAlerts.id, inserted: sql<boolean>`(xmax = 0)` });
    if (row?.inserted) {
      const [alert] = await tx.select().from(monitoringAlerts).where(eq(monitoringAlerts.id, row.id));
      created.push(alert!);
      await recordActivity(tx, null, {
        projectId,
        entityType: 'alert',
        entityId: row.id,
        action: 'open',
        after: { kind: f.kind, subject: f.subject, severity: f.severity },
      });
    }
  }
  return created;
}

export async function listAlerts(
  db: Db,
  projectId: string,
  opts: { filter?: AlertFilter; monitorId?: string; limit?: number } = {},
) {
  const where = [eq(monitoringAlerts.projectId, projectId)];
  const filter = opts.filter ?? 'active';
  if (filter === 'active') where.push(ne(monitoringAlerts.status, 'resolved'));
  else if (filter !== 'all') where.push(eq(monitoringAlerts.status, filter));
  if (opts.monitorId) where.push(eq(monitoringAlerts.monitorId, opts.monitorId));
  return db
    .select({
      alert: monitoringAlerts,
      modelName: registeredModels.name,
      riskTitle: risks.title,
      taskNumber: tasks.number,
      taskTitle: tasks.title,
    })
    .from(monitoringAlerts)
    .innerJoin(monitors, eq(monitors.id, monitoringAlerts.monitorId))
    .innerJoin(registeredModels, eq(registeredModels.id, monitors.modelId))
    .leftJoin(risks, eq(risks.id, monitoringAlerts.riskId))
    .leftJoin(tasks, eq(tasks.id, monitoringAlerts.taskId))
    .where(and(...where))
    .orderBy(
      sql`case ${monitoringAlerts.status} when 'open' then 0 when 'acknowledged' then 1 else 2 end`,
      desc(monitoringAlerts.lastSeenAt),
    )
    .limit(opts.limit ?? 500);
}

export type AlertRow = Awaited<ReturnType<typeof listAlerts>>[number];

/** Unresolved alerts of a project, for the overview. */
export async function countActiveAlerts(
  db: Db,
  projectId: string,
): Promise<{ open: number; acknowledged: number; critical: number }> {
  const [row] = await db
    .select({
      open: sql<number>`count(*) filter (where ${monitoringAlerts.status} = 'open')::int`,
      acknowledged: sql<number>`count(*) filter (where ${monitoringAlerts.status} = 'acknowledged')::int`,
      critical: sql<number>`count(*) filter (where ${monitoringAlerts.severity} = 'critical')::int`,
    })
    .from(monitoringAlerts)
    .where(and(eq(monitoringAlerts.projectId, projectId), ne(monitoringAlerts.status, 'resolved')));
  return row ?? { open: 0, acknowledged: 0, critical: 0 };
}

async function lockAlert(tx: Db, projectId: string, alertId: string) {
  const [row] = await tx
    .select({ alert: monitoringAlerts, modelName: registeredModels.name })
    .from(monitoringAlerts)
    .innerJoin(monitors, eq(monitors.id, monitoringAlerts.monitorId))
    .innerJoin(registeredModels, eq(registeredModels.id, monitors.modelId))
    .where(and(eq(monitoringAlerts.id, alertId), eq(monitoringAlerts.projectId, projectId)))
    .for('update', { of: monitoringAlerts });
  if (!row) throw notFound('Alert');
  return row;
}

/** Acknowledge or resolve; a transition that someone else already made is refused with what they did. */
export async function transitionAlert(
  db: Db,
  actor: Actor,
  projectId: string,
  alertId: string,
  to: Exclude<AlertStatus, 'open'>,
) {
  return db.transaction(async (tx) => {
    const { alert } = await lockAlert(tx, projectId, alertId);
    if (!canTransition(alert.status, to)) throw new DomainError('conflict', `This alert is already ${alert.status}.`);
    const now = new Date();
    const stamp =
      to === 'acknowledged'
        ? { acknowledgedBy: actor.id, acknowledgedAt: now }
        : { resolvedBy: actor.id, resolvedAt: now };
    return updateAlert(
      tx,
      actor,
      projectId,
      alertId,
      { status: to, ...stamp, updatedAt: now },
      {
        action: to === 'acknowledged' ? 'acknowledge' : 'resolve',
        before: { status: alert.status },
        after: { status: to },
      },
    );
  });
}

/** Writes the alert's new fields (bumping its version) and records the change. */
async function updateAlert(
  tx: Db,
  actor: Actor,
  projectId: string,
  alertId: string,
  set: Partial<typeof monitoringAlerts.$inferInsert>,
  change: { action: string; before?: Record<string, unknown>; after: Record<string, unknown> },
) {
  const [after] = await tx
    .update(monitoringAlerts)
    .set({ ...set, version: sql`${monitoringAlerts.version} + 1` })
    .where(eq(monitoringAlerts.id, alertId))
    .returning();
  await recordActivity(tx, actor, { projectId, entityType: 'alert', entityId: alertId, ...change });
  return after!;
}

const subjectLabel = (a: MonitoringAlert) => (a.subject === DATASET_SUBJECT ? 'the input data' : a.subject);

/**
 * One click from an alert: a drift/skew risk in the register and a retrain task in the backlog, linked to
 * each other and stored on the alert. Clicking again returns what the first click made.
 */
export async function openRiskAndTask(db: Db, actor: Actor, projectId: string, alertId: string, monitoringUrl: string) {
  return db.transaction(async (tx) => {
    const { alert, modelName } = await lockAlert(tx, projectId, alertId);
    if (alert.riskId && alert.taskId) return { alert, created: false };
    const [member] = await tx
      .select({ userId: projectMembers.userId })
      .from(projectMembers)
      .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, actor.id)));
    const critical = alert.severity === 'critical';
    const what = `${ALERT_KIND_LABELS[alert.kind].toLowerCase()} on ${subjectLabel(alert)}`;
    const riskId =
      alert.riskId ??
      (
        await createRisk(tx, actor, projectId, {
          title: `${modelName}: ${what}`.slice(0, 200),
          description: `${alert.message}\n\nRaised by monitoring: ${monitoringUrl}`,
          category: 'drift_skew',
          likelihood: 'High',
          impact: critical ? 'High' : 'Medium',
          ownerId: member ? actor.id : null,
          response: 'mitigate',
          mitigationPlan: `Investigate the ${what}; retrain ${modelName} on recent data if the shift is real.`,
          mitigationPct: 0,
          status: 'open',
          nextReviewDate: null,
        })
      ).id;
    const taskId =
      alert.taskId ??
      (
        await createTask(tx, actor, projectId, {
          title: `Retrain ${modelName} (${what})`.slice(0, 200),
          description: `${alert.message}\n\nFrom the monitoring alert: ${monitoringUrl}`,
          status: 'backlog',
          priority: critical ? 1 : 2,
          effort: 3,
          sprintId: null,
          assigneeId: member ? actor.id : null,
          labels: ['monitoring', 'retrain'],
        })
      ).id;
    await linkTask(tx, actor, projectId, taskId, 'risk', riskId).catch((err: unknown) => {
      if (!(err instanceof DomainError && err.kind === 'exists')) throw err;
    });
    const after = await updateAlert(
      tx,
      actor,
      projectId,
      alertId,
      { riskId, taskId, updatedAt: new Date() },
      {
        action: 'open-risk-and-task',
        after: { riskId, taskId },
      },
    );
    return { alert: after, created: true };
  });
}

export async function getAlertsByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select().from(monitoringAlerts).where(inArray(monitoringAlerts.id, ids));
}
