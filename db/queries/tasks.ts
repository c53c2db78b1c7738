import { and, asc, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { TaskStatus } from '@/lib/board/vocabulary';
import { resolveStaleSave } from '@/lib/edit-merge';
import { DomainError, conflict, notFound } from '@/lib/errors';
import {
  type MoveAnchor,
  type Ranked,
  compareKeys,
  keyBetween,
  keyForMove,
  keysBefore,
  placementIn,
  prioritise,
  restoreOrder,
} from '@/lib/board/ordering';
import type { Db } from '../client';
import { projectMembers, sprints, tasks } from '../schema';
import { type Actor, recordActivity } from './activity';
import { snapshotActiveSprints } from './board-snapshots';
import { notifyLive } from './live-events';

export type TaskFields = {
  title: string;
  description: string;
  status: TaskStatus;
  priority: number;
  effort: number;
  assigneeId: string | null;
  labels: string[];
  sprintId: string | null;
};

type Task = typeof tasks.$inferSelect;

const LOCK_CLASS = 72_410_006;

/**
 * Serialises every change to card positions in a project, so each move reads its neighbours' keys as
 * the previous move left them (moves and edits in other projects go on in parallel).
 */
export async function lockBoard(tx: Db, projectId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_CLASS}, hashtext(${projectId}))`);
}

const inSprint = (sprintId: string | null) =>
  sprintId === null ? isNull(tasks.sprintId) : eq(tasks.sprintId, sprintId);

/** A column's cards in order (one left out when it is the one moving). */
export async function readColumn(
  tx: Db,
  projectId: string,
  sprintId: string | null,
  status: TaskStatus,
  leaveOut?: string,
): Promise<Ranked[]> {
  const where = [eq(tasks.projectId, projectId), inSprint(sprintId), eq(tasks.status, status)];
  if (leaveOut) where.push(ne(tasks.id, leaveOut));
  return tx
    .select({ id: tasks.id, sortKey: tasks.sortKey })
    .from(tasks)
    .where(and(...where))
    .orderBy(asc(tasks.sortKey), asc(tasks.id));
}

async function keyAtEnd(tx: Db, projectId: string, sprintId: string | null, status: TaskStatus): Promise<string> {
  const [last] = await tx
    .select({ sortKey: tasks.sortKey })
    .from(tasks)
    .where(and(eq(tasks.projectId, projectId), inSprint(sprintId), eq(tasks.status, status)))
    .orderBy(desc(tasks.sortKey))
    .limit(1);
  return keyBetween(last?.sortKey ?? null, null);
}

/** The sprint a task may go into: one of this project's, and not closed. */
export async function requireOpenSprint(tx: Db, projectId: string, sprintId: string | null) {
  if (!sprintId) return null;
  const [sprint] = await tx
    .select()
    .from(sprints)
    .where(and(eq(sprints.id, sprintId), eq(sprints.projectId, projectId)));
  if (!sprint) throw new DomainError('not_found', 'Sprint not found.', 'sprintId');
  if (sprint.status === 'closed') {
    throw new DomainError(
      'invalid',
      `${sprint.name} is closed and its numbers are frozen; choose an open sprint or the backlog.`,
      'sprintId',
    );
  }
  return sprint;
}

async function requireAssignable(tx: Db, projectId: string, userId: string | null) {
  if (!userId) return;
  const [member] = await tx
    .select({ userId: projectMembers.userId })
    .from(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
  if (!member) throw new DomainError('invalid', 'Assign the task to a member of this project.', 'assigneeId');
}

export async function lockTask(tx: Db, projectId: string, taskId: string): Promise<Task> {
  const [task] = await tx
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, taskId), eq(tasks.projectId, projectId)))
    .for('update');
  if (!task) throw notFound('Task');
  return task;
}

const completedAtFor = (before: Task | null, status: TaskStatus) =>
  status === 'done' ? (before?.completedAt ?? new Date()) : null;

const fieldsOf = (t: Task): TaskFields => ({
  title: t.title,
  description: t.description,
  status: t.status,
  priority: t.priority,
  effort: t.effort,
  assigneeId: t.assigneeId,
  labels: t.labels,
  sprintId: t.sprintId,
});

export type NewTask = Omit<TaskFields, 'assigneeId' | 'labels' | 'description'> &
  Partial<Pick<TaskFields, 'assigneeId' | 'labels' | 'description'>>;

/** A new card goes to the bottom of its column. */
export async function createTask(db: Db, actor: Actor | null, projectId: string, input: NewTask): Promise<Task> {
  return db.transaction(async (tx) => {
    await lockBoard(tx, projectId);
    await requireOpenSprint(tx, projectId, input.sprintId);
    await requireAssignable(tx, projectId, input.assigneeId ?? null);
    const [{ next } = { next: 1 }] = await tx
      .select({ next: sql<number>`coalesce(max(${tasks.number}), 0)::int + 1` })
      .from(tasks)
      .where(eq(tasks.projectId, projectId));
    const [task] = await tx
      .insert(tasks)
      .values({
        ...input,
        projectId,
        number: next,
        description: input.description ?? '',
        labels: input.labels ?? [],
        assigneeId: input.assigneeId ?? null,
        sortKey: await keyAtEnd(tx, projectId, input.sprintId, input.status),
        completedAt: completedAtFor(null, input.status),
        createdBy: actor?.id ?? null,
      })
      .returning();
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'task',
      entityId: task!.id,
      action: 'create',
      after: { number: next, ...fieldsOf(task!) },
    });
    await snapshotActiveSprints(tx, projectId, [task!.sprintId]);
    await notifyLive(tx, { projectId, entity: 'task', id: task!.id, version: task!.version });
    return task!;
  });
}

/** Without `toStatus`/`toSprintId` the card stays in its column and is only re-ranked (the backlog's drag). */
export type TaskMove = { taskId: string; toStatus?: TaskStatus; toSprintId?: string | null } & MoveAnchor;

/**
 * Drag and drop: the card lands between its neighbours' CURRENT keys, read under the board lock, so
 * simultaneous moves all land and every viewer sees the same order afterwards.
 */
export async function moveTask(
  db: Db,
  actor: Actor,
  projectId: string,
  move: TaskMove,
): Promise<{ task: Task; moved: boolean }> {
  return db.transaction(async (tx) => {
    await lockBoard(tx, projectId);
    const before = await lockTask(tx, projectId, move.taskId);
    const toSprintId = move.toSprintId === undefined ? before.sprintId : move.toSprintId;
    const toStatus = move.toStatus ?? before.status;
    if (before.sprintId) await requireOpenSprint(tx, projectId, before.sprintId);
    if (toSprintId !== before.sprintId) await requireOpenSprint(tx, projectId, toSprintId);
    const column = await readColumn(tx, projectId, toSprintId, toStatus, before.id);
    const { lower, upper } = placementIn(column, move);
    const sameColumn = toSprintId === before.sprintId && toStatus === before.status;
    const alreadyThere =
      (lower === null || compareKeys(lower, before.sortKey) < 0) &&
      (upper === null || compareKeys(before.sortKey, upper) < 0);
    if (sameColumn && alreadyThere) return { task: before, moved: false };
    const [task] = await tx
      .update(tasks)
      .set({
        status: toStatus,
        sprintId: toSprintId,
        sortKey: keyForMove(column, move),
        completedAt: completedAtFor(before, toStatus),
        version: sql`${tasks.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(tasks.id, before.id))
      .returning();
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'task',
      entityId: before.id,
      action: 'move',
      before: { status: before.status, sprintId: before.sprintId },
      after: { status: task!.status, sprintId: task!.sprintId },
    });
    await snapshotActiveSprints(tx, projectId, [before.sprintId, toSprintId]);
    await notifyLive(tx, { projectId, entity: 'task', id: before.id, version: task!.version });
    return { task: task!, moved: true };
  });
}

/**
 * Saves a task. A save made against an older version (`expectedVersion`) is merged field by field against
 * `base`, the values the form was loaded with; a field both changed throws EditConflictError.
 */
export async function updateTask(
  db: Db,
  actor: Actor,
  projectId: string,
  taskId: string,
  expectedVersion: number,
  mine: TaskFields,
  base: Partial<TaskFields> | null = null,
): Promise<Task> {
  return db.transaction(async (tx) => {
    await lockBoard(tx, projectId);
    const before = await lockTask(tx, projectId, taskId);
    const stored = fieldsOf(before);
    const changes = resolveStaleSave('task', expectedVersion, { ...stored, version: before.version }, base, mine);
    const columnChanged = changes.status !== before.status || changes.sprintId !== before.sprintId;
    if (changes.sprintId !== before.sprintId) {
      if (before.sprintId) await requireOpenSprint(tx, projectId, before.sprintId);
      await requireOpenSprint(tx, projectId, changes.sprintId);
    } else if (changes.status !== before.status && before.sprintId) {
      await requireOpenSprint(tx, projectId, before.sprintId);
    }
    await requireAssignable(tx, projectId, changes.assigneeId);
    const [task] = await tx
      .update(tasks)
      .set({
        ...changes,
        sortKey: columnChanged ? await keyAtEnd(tx, projectId, changes.sprintId, changes.status) : before.sortKey,
        completedAt: completedAtFor(before, changes.status),
        version: sql`${tasks.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(tasks.id, taskId), eq(tasks.version, before.version)))
      .returning();
    if (!task) throw conflict('Someone else saved this task at the same moment; save again to merge.');
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'task',
      entityId: taskId,
      action: 'update',
      before: fieldsOf(before),
      after: changes,
    });
    await snapshotActiveSprints(tx, projectId, [before.sprintId, task.sprintId]);
    await notifyLive(tx, { projectId, entity: 'task', id: taskId, version: task.version });
    return task;
  });
}

type ColumnRow = Ranked & { status: TaskStatus; priority: number; effort: number };

/**
 * Rewrites the order of every column of a sprint (or of the backlog) as `reorder` says. A reordered column
 * gets fresh keys below its current first one, so no key collides while rows are rewritten. Returns how many
 * rows moved and every row's id in the order before.
 */
async function reorderColumns(
  tx: Db,
  projectId: string,
  sprintId: string | null,
  reorder: (column: ColumnRow[]) => ColumnRow[],
): Promise<{ changed: number; previous: string[] }> {
  const rows = await tx
    .select({
      id: tasks.id,
      status: tasks.status,
      priority: tasks.priority,
      effort: tasks.effort,
      sortKey: tasks.sortKey,
    })
    .from(tasks)
    .where(and(eq(tasks.projectId, projectId), inSprint(sprintId)))
    .orderBy(asc(tasks.sortKey), asc(tasks.id));
  let changed = 0;
  for (const status of new Set(rows.map((r) => r.status))) {
    const column = rows.filter((r) => r.status === status);
    const ordered = reorder(column);
    if (ordered.every((t, i) => t.id === column[i]!.id)) continue;
    const keys = keysBefore(column[0]!.sortKey, ordered.length);
    for (const [i, t] of ordered.entries()) {
      await tx
        .update(tasks)
        .set({ sortKey: keys[i]!, version: sql`${tasks.version} + 1`, updatedAt: new Date() })
        .where(eq(tasks.id, t.id));
    }
    changed += ordered.length;
  }
  return { changed, previous: rows.map((r) => r.id) };
}

/**
 * "Prioritise" a sprint's columns (or the backlog's): priority first, then lower effort. Returns the
 * order before as well, so the person can undo it (restoreTaskOrder).
 */
export async function prioritiseTasks(
  db: Db,
  actor: Actor,
  projectId: string,
  sprintId: string | null,
): Promise<{ changed: number; previous: string[] }> {
  return db.transaction(async (tx) => {
    await lockBoard(tx, projectId);
    if (sprintId) await requireOpenSprint(tx, projectId, sprintId);
    const result = await reorderColumns(tx, projectId, sprintId, prioritise);
    if (result.changed > 0) {
      await recordActivity(tx, actor, {
        projectId,
        entityType: 'board',
        entityId: sprintId ?? 'backlog',
        action: 'prioritise',
        after: { tasks: result.changed },
      });
      await notifyLive(tx, { projectId, entity: 'board', id: sprintId ?? 'backlog' });
    }
    return result;
  });
}

/**
 * Undo of "Prioritise": the tasks named in `previous` go back to that order within their columns. Tasks
 * added or moved since keep their place, and ids of other projects' tasks match nothing.
 */
export async function restoreTaskOrder(
  db: Db,
  actor: Actor,
  projectId: string,
  sprintId: string | null,
  previous: readonly string[],
): Promise<number> {
  return db.transaction(async (tx) => {
    await lockBoard(tx, projectId);
    if (sprintId) await requireOpenSprint(tx, projectId, sprintId);
    const { changed } = await reorderColumns(tx, projectId, sprintId, (column) => restoreOrder(column, previous));
    if (changed > 0) {
      await recordActivity(tx, actor, {
        projectId,
        entityType: 'board',
        entityId: sprintId ?? 'backlog',
        action: 'restore_order',
        after: { tasks: changed },
      });
      await notifyLive(tx, { projectId, entity: 'board', id: sprintId ?? 'backlog' });
    }
    return changed;
  });
}
