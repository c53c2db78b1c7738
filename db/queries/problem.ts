import { and, asc, eq } from 'drizzle-orm';
import { DomainError, notFound } from '@/lib/errors';
import { type SubProblemStatus, wouldCreateCycle } from '@/lib/problem/tree';
import type { Db } from '../client';
import { experiments, subProblemLinks, subProblems, successMetrics, tasks, users } from '../schema';
import { type Actor, recordActivity } from './activity';
import { assertMember } from './success-metrics';

export type LinkKind = 'metric' | 'experiment' | 'task';

export async function getSubProblem(db: Db, projectId: string, id: string) {
  const [row] = await db
    .select()
    .from(subProblems)
    .where(and(eq(subProblems.id, id), eq(subProblems.projectId, projectId)));
  if (!row) throw notFound('Sub-problem');
  return row;
}

/** Every sub-problem of the project (flat, parents by id; lib/problems buildTree nests them) with owner and links. */
export async function listSubProblems(db: Db, projectId: string) {
  const [rows, links] = await Promise.all([
    db
      .select({ node: subProblems, ownerName: users.name })
      .from(subProblems)
      .leftJoin(users, eq(users.id, subProblems.ownerId))
      .where(eq(subProblems.projectId, projectId))
      .orderBy(asc(subProblems.createdAt), asc(subProblems.id)),
    db
      .select({
        id: subProblemLinks.id,
        subProblemId: subProblemLinks.subProblemId,
        metricId: successMetrics.id,
        metricName: successMetrics.name,
        experimentId: experiments.id,
        experimentName: experiments.name,
        taskId: tasks.id,
        taskNumber: tasks.number,
        taskTitle: tasks.title,
        taskStatus: tasks.status,
      })
      .from(subProblemLinks)
      .innerJoin(subProblems, eq(subProblems.id, subProblemLinks.subProblemId))
      .leftJoin(successMetrics, eq(successMetrics.id, subProblemLinks.metricId))
      .leftJoin(experiments, eq(experiments.id, subProblemLinks.experimentId))
      .leftJoin(tasks, eq(tasks.id, subProblemLinks.taskId))
      .where(eq(subProblems.projectId, projectId))
      .orderBy(asc(subProblemLinks.id)),
  ]);
  return rows.map((r) => ({
    ...r.node,
    ownerName: r.ownerName,
    links: links
      .filter((l) => l.subProblemId === r.node.id)
      .map((l) =>
        l.metricId
          ? { id: l.id, kind: 'metric' as const, targetId: l.metricId, label: l.metricName ?? '' }
          : l.experimentId
            ? { id: l.id, kind: 'experiment' as const, targetId: String(l.experimentId), label: l.experimentName ?? '' }
            : {
                id: l.id,
                kind: 'task' as const,
                targetId: l.taskId ?? '',
                label: `T-${l.taskNumber} ${l.taskTitle ?? ''}`,
                taskStatus: l.taskStatus,
              },
      ),
  }));
}

export type SubProblemInput = {
  parentId: string | null;
  title: string;
  description: string;
  ownerId: string | null;
  status: SubProblemStatus;
};

export async function createSubProblem(db: Db, actor: Actor, projectId: string, input: SubProblemInput) {
  return db.transaction(async (tx) => {
    if (input.parentId) await getSubProblem(tx, projectId, input.parentId);
    await assertMember(tx, projectId, input.ownerId);
    const [row] = await tx
      .insert(subProblems)
      .values({ projectId, ...input })
      .returning();
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'sub-problem',
      entityId: row!.id,
      action: 'create',
      after: { ...input },
    });
    return row!;
  });
}

export async function updateSubProblem(
  db: Db,
  actor: Actor,
  projectId: string,
  id: string,
  changes: Partial<SubProblemInput>,
) {
  return db.transaction(async (tx) => {
    const before = await getSubProblem(tx, projectId, id);
    if ('ownerId' in changes) await assertMember(tx, projectId, changes.ownerId ?? null);
    if (changes.parentId) {
      await getSubProblem(tx, projectId, changes.parentId);
      const all = await tx
        .select({ id: subProblems.id, parentId: subProblems.parentId })
        .from(subProblems)
        .where(eq(subProblems.projectId, projectId));
      if (wouldCreateCycle(all, id, changes.parentId))
        throw new DomainError('invalid', 'A sub-problem cannot move under itself or its own sub-problems.', 'parentId');
    }
    const [after] = await tx
      .update(subProblems)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(subProblems.id, id))
      .returning();
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'sub-problem',
      entityId: id,
      action: 'update',
      before,
      after: { ...changes },
    });
    return after!;
  });
}

/** Deletes a sub-problem with everything under it. */
export async function deleteSubProblem(db: Db, actor: Actor, projectId: string, id: string) {
  await db.transaction(async (tx) => {
    const before = await getSubProblem(tx, projectId, id);
    await tx.delete(subProblems).where(eq(subProblems.id, id));
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'sub-problem',
      entityId: id,
      action: 'delete',
      before: { title: before.title },
      after: { title: null },
    });
  });
}

/** The link target must belong to the same project. */
async function resolveTarget(db: Db, projectId: string, kind: LinkKind, targetId: string) {
  const uuid = /^[0-9a-f-]{36}$/i.test(targetId);
  if (kind === 'metric' && uuid) {
    const [m] = await db
      .select({ id: successMetrics.id, label: successMetrics.name })
      .from(successMetrics)
      .where(and(eq(successMetrics.id, targetId), eq(successMetrics.projectId, projectId)));
    if (m) return { values: { metricId: m.id }, label: m.label };
  }
  if (kind === 'experiment' && /^\d{1,15}$/.test(targetId)) {
    const [e] = await db
      .select({ id: experiments.id, label: experiments.name })
      .from(experiments)
      .where(and(eq(experiments.id, Number(targetId)), eq(experiments.projectId, projectId)));
    if (e) return { values: { experimentId: e.id }, label: e.label };
  }
  if (kind === 'task' && uuid) {
    const [t] = await db
      .select({ id: tasks.id, number: tasks.number, title: tasks.title })
      .from(tasks)
      .where(and(eq(tasks.id, targetId), eq(tasks.projectId, projectId)));
    if (t) return { values: { taskId: t.id }, label: `T-${t.number} ${t.title}` };
  }
  throw new DomainError('invalid', `Choose a ${kind} of this project`, 'targetId');
}

export async function linkSubProblem(
  db: Db,
  actor: Actor,
  projectId: string,
  id: string,
  kind: LinkKind,
  targetId: string,
) {
  return db.transaction(async (tx) => {
    await getSubProblem(tx, projectId, id);
    const target = await resolveTarget(tx, projectId, kind, targetId);
    const [row] = await tx
      .insert(subProblemLinks)
      .values({ subProblemId: id, ...target.values })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new DomainError('exists', `Already linked to ${target.label}.`, 'targetId');
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'sub-problem',
      entityId: id,
      action: 'link',
      after: { [kind]: target.label },
    });
    return row;
  });
}

export async function unlinkSubProblem(db: Db, actor: Actor, projectId: string, linkId: number) {
  await db.transaction(async (tx) => {
    const [link] = await tx
      .select({ link: subProblemLinks })
      .from(subProblemLinks)
      .innerJoin(subProblems, eq(subProblems.id, subProblemLinks.subProblemId))
      .where(and(eq(subProblemLinks.id, linkId), eq(subProblems.projectId, projectId)));
    if (!link) throw notFound('Link');
    await tx.delete(subProblemLinks).where(eq(subProblemLinks.id, linkId));
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'sub-problem',
      entityId: link.link.subProblemId,
      action: 'unlink',
      after: { linkId },
    });
  });
}

/** What a sub-problem can link to: the project's success metrics, active experiments and board tasks. */
export async function listLinkTargets(db: Db, projectId: string) {
  const [metrics, experimentRows, taskRows] = await Promise.all([
    db
      .select({ id: successMetrics.id, label: successMetrics.name })
      .from(successMetrics)
      .where(eq(successMetrics.projectId, projectId))
      .orderBy(asc(successMetrics.name)),
    db
      .select({ id: experiments.id, label: experiments.name })
      .from(experiments)
      .where(and(eq(experiments.projectId, projectId), eq(experiments.lifecycleStage, 'active')))
      .orderBy(asc(experiments.name)),
    db
      .select({ id: tasks.id, number: tasks.number, title: tasks.title })
      .from(tasks)
      .where(eq(tasks.projectId, projectId))
      .orderBy(asc(tasks.number))
      .limit(500),
  ]);
  return {
    metric: metrics,
    experiment: experimentRows.map((e) => ({ id: String(e.id), label: e.label })),
    task: taskRows.map((t) => ({ id: t.id, label: `T-${t.number} ${t.title}` })),
  };
}
