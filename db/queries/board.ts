import { type SQL, and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { BoardData, BoardSprint, BoardTask, LinkedRun } from '@/lib/board/board-data';
import { TASK_STATUSES, type TaskStatus, type WipLimits } from '@/lib/board/vocabulary';
import { notFound } from '@/lib/errors';
import type { Db } from '../client';
import { boardSettings, runs, sprints, taskRunLinks, tasks, users } from '../schema';
import { type Actor, recordActivity } from './activity';
import { notifyLive } from './live-events';

export type { BoardData, BoardSprint, BoardTask, LinkedRun } from '@/lib/board/board-data';

const statusOrder = (s: TaskStatus) => TASK_STATUSES.indexOf(s);

async function linkedRuns(db: Db, taskIds: string[]): Promise<Map<string, LinkedRun[]>> {
  const out = new Map<string, LinkedRun[]>();
  if (taskIds.length === 0) return out;
  const rows = await db
    .select({
      taskId: taskRunLinks.taskId,
      id: runs.id,
      name: runs.name,
      status: runs.status,
      experimentId: runs.experimentId,
    })
    .from(taskRunLinks)
    .innerJoin(runs, eq(runs.id, taskRunLinks.runId))
    .where(inArray(taskRunLinks.taskId, taskIds))
    .orderBy(asc(taskRunLinks.createdAt));
  for (const { taskId, ...run } of rows) out.set(taskId, [...(out.get(taskId) ?? []), run]);
  return out;
}

/** A sprint's cards (or the backlog's when `sprintId` is null), by column then order key, with their runs' current status. */
export function listTasks(db: Db, projectId: string, sprintId: string | null): Promise<BoardTask[]> {
  return selectBoardTasks(
    db,
    and(eq(tasks.projectId, projectId), sprintId === null ? isNull(tasks.sprintId) : eq(tasks.sprintId, sprintId))!,
  );
}

/** One card as the board draws it, wherever it is (null once deleted): what a watching board patches in on a live change. */
export async function getBoardTask(db: Db, projectId: string, taskId: string): Promise<BoardTask | null> {
  const [task] = await selectBoardTasks(db, and(eq(tasks.projectId, projectId), eq(tasks.id, taskId))!);
  return task ?? null;
}

async function selectBoardTasks(db: Db, where: SQL): Promise<BoardTask[]> {
  const rows = await db
    .select({
      id: tasks.id,
      number: tasks.number,
      title: tasks.title,
      status: tasks.status,
      priority: tasks.priority,
      effort: tasks.effort,
      labels: tasks.labels,
      sortKey: tasks.sortKey,
      version: tasks.version,
      sprintId: tasks.sprintId,
      assigneeId: tasks.assigneeId,
      assigneeName: users.name,
    })
    .from(tasks)
    .leftJoin(users, eq(users.id, tasks.assigneeId))
    .where(where)
    .orderBy(asc(tasks.sortKey), asc(tasks.id));
  const byTask = await linkedRuns(
    db,
    rows.map((r) => r.id),
  );
  return rows
    .map((r) => ({ ...r, runs: byTask.get(r.id) ?? [] }))
    .sort((a, b) => statusOrder(a.status) - statusOrder(b.status));
}

export async function getTaskDetail(db: Db, projectId: string, taskId: string) {
  const [row] = await db
    .select({ task: tasks, assigneeName: users.name, sprintName: sprints.name, sprintStatus: sprints.status })
    .from(tasks)
    .leftJoin(users, eq(users.id, tasks.assigneeId))
    .leftJoin(sprints, eq(sprints.id, tasks.sprintId))
    .where(and(eq(tasks.id, taskId), eq(tasks.projectId, projectId)));
  if (!row) throw notFound('Task');
  const runsOf = await linkedRuns(db, [taskId]);
  return { ...row, runs: runsOf.get(taskId) ?? [] };
}

export async function getWipLimits(db: Db, projectId: string): Promise<WipLimits> {
  const [row] = await db
    .select({ wipLimits: boardSettings.wipLimits })
    .from(boardSettings)
    .where(eq(boardSettings.projectId, projectId));
  return row?.wipLimits ?? {};
}

export async function setWipLimits(db: Db, actor: Actor, projectId: string, limits: WipLimits): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(boardSettings).where(eq(boardSettings.projectId, projectId)).for('update');
    if (before) {
      await tx
        .update(boardSettings)
        .set({ wipLimits: limits, version: before.version + 1, updatedAt: new Date() })
        .where(eq(boardSettings.projectId, projectId));
    } else {
      await tx.insert(boardSettings).values({ projectId, wipLimits: limits });
    }
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'board',
      entityId: projectId,
      action: 'set-wip-limits',
      before: before?.wipLimits ?? {},
      after: limits,
    });
    await notifyLive(tx, { projectId, entity: 'board', id: 'wip' });
  });
}

/** Everything the kanban shows for one sprint (null = the backlog), as the page renders it and the client refetches it. */
export async function getBoardData(db: Db, projectId: string, sprintId: string | null): Promise<BoardData> {
  let sprint: BoardSprint | null = null;
  if (sprintId) {
    const [row] = await db
      .select({
        id: sprints.id,
        name: sprints.name,
        goal: sprints.goal,
        status: sprints.status,
        startDate: sprints.startDate,
        endDate: sprints.endDate,
      })
      .from(sprints)
      .where(and(eq(sprints.id, sprintId), eq(sprints.projectId, projectId)));
    if (!row) throw notFound('Sprint');
    sprint = row;
  }
  const [taskRows, wipLimits] = await Promise.all([listTasks(db, projectId, sprintId), getWipLimits(db, projectId)]);
  return { sprint, tasks: taskRows, wipLimits };
}
