import { type SQL, and, asc, eq } from 'drizzle-orm';
import { DomainError, notFound } from '@/lib/errors';
import type { Db } from '../client';
import {
  risks,
  runs,
  subProblemLinks,
  subProblems,
  successMetrics,
  taskMetricLinks,
  taskRiskLinks,
  taskRunLinks,
} from '../schema';
import { type Actor, recordActivity } from './activity';
import { notifyLive } from './live-events';
import { lockTask } from './tasks';
import { isUuid } from '@/lib/ids';

export const TASK_LINK_KINDS = ['run', 'risk', 'metric'] as const;
export type TaskLinkKind = (typeof TASK_LINK_KINDS)[number];

const KIND_LABEL: Record<TaskLinkKind, string> = { run: 'run', risk: 'risk', metric: 'success metric' };

/** The target must be in the same project; its name goes into the activity log. */
async function targetLabel(tx: Db, projectId: string, kind: TaskLinkKind, targetId: string): Promise<string | null> {
  if (kind === 'run') {
    const [row] = await tx
      .select({ label: runs.name })
      .from(runs)
      .where(and(eq(runs.id, targetId), eq(runs.projectId, projectId)));
    return row ? row.label || targetId : null;
  }
  if (!isUuid(targetId)) return null;
  if (kind === 'risk') {
    const [row] = await tx
      .select({ label: risks.title })
      .from(risks)
      .where(and(eq(risks.id, targetId), eq(risks.projectId, projectId)));
    return row?.label ?? null;
  }
  const [row] = await tx
    .select({ label: successMetrics.name })
    .from(successMetrics)
    .where(and(eq(successMetrics.id, targetId), eq(successMetrics.projectId, projectId)));
  return row?.label ?? null;
}

/** Whether an insert or delete returning its rows touched any. */
const touched = async (rows: PromiseLike<unknown[]>) => (await rows).length > 0;

async function insertLink(tx: Db, kind: TaskLinkKind, taskId: string, targetId: string): Promise<boolean> {
  if (kind === 'run')
    return touched(tx.insert(taskRunLinks).values({ taskId, runId: targetId }).onConflictDoNothing().returning());
  if (kind === 'risk')
    return touched(tx.insert(taskRiskLinks).values({ taskId, riskId: targetId }).onConflictDoNothing().returning());
  return touched(tx.insert(taskMetricLinks).values({ taskId, metricId: targetId }).onConflictDoNothing().returning());
}

async function deleteLink(tx: Db, kind: TaskLinkKind, taskId: string, targetId: string): Promise<boolean> {
  const unlink = (table: typeof taskRunLinks | typeof taskRiskLinks | typeof taskMetricLinks, where?: SQL) =>
    touched(tx.delete(table).where(where).returning());
  if (kind === 'run')
    return unlink(taskRunLinks, and(eq(taskRunLinks.taskId, taskId), eq(taskRunLinks.runId, targetId)));
  if (!isUuid(targetId)) return false;
  if (kind === 'risk')
    return unlink(taskRiskLinks, and(eq(taskRiskLinks.taskId, taskId), eq(taskRiskLinks.riskId, targetId)));
  return unlink(taskMetricLinks, and(eq(taskMetricLinks.taskId, taskId), eq(taskMetricLinks.metricId, targetId)));
}

/** In one transaction: lock the task, make the change, record it, and tell live readers the task changed. */
async function changeLinks(
  db: Db,
  actor: Actor,
  projectId: string,
  taskId: string,
  change: (tx: Db) => Promise<{ action: string; before?: Record<string, unknown>; after: Record<string, unknown> }>,
): Promise<void> {
  await db.transaction(async (tx) => {
    const task = await lockTask(tx, projectId, taskId);
    const recorded = await change(tx);
    await recordActivity(tx, actor, { projectId, entityType: 'task', entityId: taskId, ...recorded });
    await notifyLive(tx, { projectId, entity: 'task', id: taskId, version: task.version });
  });
}

type LinkChange = (
  db: Db,
  actor: Actor,
  projectId: string,
  taskId: string,
  kind: TaskLinkKind,
  targetId: string,
) => Promise<void>;

/** Links a task to a run, risk or success metric of its own project. */
export const linkTask: LinkChange = (db, actor, projectId, taskId, kind, targetId) =>
  changeLinks(db, actor, projectId, taskId, async (tx) => {
    const label = await targetLabel(tx, projectId, kind, targetId);
    if (label === null)
      throw new DomainError('not_found', `No ${KIND_LABEL[kind]} with that id in this project.`, 'targetId');
    if (!(await insertLink(tx, kind, taskId, targetId)))
      throw new DomainError('exists', `This task already links to ${KIND_LABEL[kind]} ${label}.`, 'targetId');
    return { action: `link-${kind}`, after: { [kind]: label } };
  });

export const unlinkTask: LinkChange = (db, actor, projectId, taskId, kind, targetId) =>
  changeLinks(db, actor, projectId, taskId, async (tx) => {
    if (!(await deleteLink(tx, kind, taskId, targetId))) throw notFound('Link');
    return { action: `unlink-${kind}`, before: { [kind]: targetId }, after: { [kind]: null } };
  });

/** Risks, success metrics and sub-problems a task is linked to (runs come with the board rows). */
export async function listTaskLinks(db: Db, taskId: string) {
  const [linkedRisks, linkedMetrics, linkedSubProblems] = await Promise.all([
    db
      .select({
        id: risks.id,
        title: risks.title,
        likelihood: risks.likelihood,
        impact: risks.impact,
        status: risks.status,
      })
      .from(taskRiskLinks)
      .innerJoin(risks, eq(risks.id, taskRiskLinks.riskId))
      .where(eq(taskRiskLinks.taskId, taskId))
      .orderBy(asc(taskRiskLinks.createdAt)),
    db
      .select({ id: successMetrics.id, name: successMetrics.name, kind: successMetrics.kind })
      .from(taskMetricLinks)
      .innerJoin(successMetrics, eq(successMetrics.id, taskMetricLinks.metricId))
      .where(eq(taskMetricLinks.taskId, taskId))
      .orderBy(asc(taskMetricLinks.createdAt)),
    // Sub-problems own their links to tasks (the problem tree links down to the work).
    db
      .select({ linkId: subProblemLinks.id, id: subProblems.id, title: subProblems.title, status: subProblems.status })
      .from(subProblemLinks)
      .innerJoin(subProblems, eq(subProblems.id, subProblemLinks.subProblemId))
      .where(eq(subProblemLinks.taskId, taskId))
      .orderBy(asc(subProblemLinks.id)),
  ]);
  return { risks: linkedRisks, metrics: linkedMetrics, subProblems: linkedSubProblems };
}

/** What a task can be linked to: recent runs, the risk register, the success metrics, the sub-problem tree. */
export async function listLinkTargets(db: Db, projectId: string) {
  const [runRows, riskRows, metricRows, problemRows] = await Promise.all([
    db
      .select({ id: runs.id, label: runs.name })
      .from(runs)
      .where(and(eq(runs.projectId, projectId), eq(runs.lifecycleStage, 'active')))
      .orderBy(asc(runs.name))
      .limit(500),
    db
      .select({ id: risks.id, label: risks.title })
      .from(risks)
      .where(eq(risks.projectId, projectId))
      .orderBy(asc(risks.title)),
    db
      .select({ id: successMetrics.id, label: successMetrics.name })
      .from(successMetrics)
      .where(eq(successMetrics.projectId, projectId))
      .orderBy(asc(successMetrics.name)),
    db
      .select({ id: subProblems.id, label: subProblems.title })
      .from(subProblems)
      .where(eq(subProblems.projectId, projectId))
      .orderBy(asc(subProblems.title)),
  ]);
  return { runs: runRows, risks: riskRows, metrics: metricRows, subProblems: problemRows };
}
