import { resolveStaleSave } from '@/lib/edit-merge';
import { and, asc, desc, eq, inArray, isNotNull, isNull, ne, notInArray, sql } from 'drizzle-orm';
import { DEFAULT_SPRINT_DAYS, type SprintStatus } from '@/lib/board/vocabulary';
import { type VelocityPoint, addDays, committedScope, freezeSprintNumbers } from '@/lib/board/burndown';
import { DomainError, conflict, notFound } from '@/lib/errors';
import { keysAfter } from '@/lib/board/ordering';
import type { Db } from '../client';
import { sprints, tasks } from '../schema';
import { type Actor, recordActivity } from './activity';
import { listSprintSnapshots, writeSprintSnapshot } from './board-snapshots';
import { notifyLive } from './live-events';
import { lockBoard } from './tasks';

type Sprint = typeof sprints.$inferSelect;

export type SprintInput = { name: string; goal: string; startDate: string; endDate?: string | null };

function datesOf(input: SprintInput) {
  const endDate = input.endDate || addDays(input.startDate, DEFAULT_SPRINT_DAYS - 1);
  if (endDate < input.startDate) throw new DomainError('invalid', 'The end must be on or after the start.', 'endDate');
  return { startDate: input.startDate, endDate };
}

async function lockSprint(tx: Db, projectId: string, sprintId: string): Promise<Sprint> {
  const [sprint] = await tx
    .select()
    .from(sprints)
    .where(and(eq(sprints.id, sprintId), eq(sprints.projectId, projectId)))
    .for('update');
  if (!sprint) throw notFound('Sprint');
  return sprint;
}

/** A planned sprint; without an end it lasts two weeks, the seed's sprint length. */
export async function createSprint(
  db: Db,
  actor: Actor | null,
  projectId: string,
  input: SprintInput,
): Promise<Sprint> {
  return db.transaction(async (tx) => {
    const [sprint] = await tx
      .insert(sprints)
      .values({ projectId, name: input.name, goal: input.goal, ...datesOf(input) })
      .returning();
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'sprint',
      entityId: sprint!.id,
      action: 'create',
      after: { name: sprint!.name, goal: sprint!.goal, startDate: sprint!.startDate, endDate: sprint!.endDate },
    });
    await notifyLive(tx, { projectId, entity: 'sprint', id: sprint!.id, version: sprint!.version });
    return sprint!;
  });
}

export async function updateSprint(
  db: Db,
  actor: Actor,
  projectId: string,
  sprintId: string,
  expectedVersion: number,
  mine: SprintInput,
  base: Partial<SprintInput> | null = null,
): Promise<Sprint> {
  return db.transaction(async (tx) => {
    const before = await lockSprint(tx, projectId, sprintId);
    if (before.status === 'closed')
      throw new DomainError('invalid', `${before.name} is closed; its history stays as it was.`);
    const input = resolveStaleSave('sprint', expectedVersion, before, base, mine);
    const [after] = await tx
      .update(sprints)
      .set({
        name: input.name,
        goal: input.goal,
        ...datesOf(input),
        version: sql`${sprints.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(sprints.id, sprintId), eq(sprints.version, before.version)))
      .returning();
    if (!after) throw conflict('Someone else saved this sprint at the same moment; save again to merge.');
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'sprint',
      entityId: sprintId,
      action: 'update',
      before,
      after: { name: after.name, goal: after.goal, startDate: after.startDate, endDate: after.endDate },
    });
    await notifyLive(tx, { projectId, entity: 'sprint', id: sprintId, version: after.version });
    return after;
  });
}

/** Only one sprint runs at a time; starting writes the first snapshot, the commitment the burndown starts from. */
export async function startSprint(
  db: Db,
  actor: Actor,
  projectId: string,
  sprintId: string,
  today?: string,
): Promise<Sprint> {
  return db.transaction(async (tx) => {
    await lockBoard(tx, projectId);
    const before = await lockSprint(tx, projectId, sprintId);
    if (before.status !== 'planned')
      throw new DomainError('invalid', `${before.name} is ${before.status}; only a planned sprint can start.`);
    const [running] = await tx
      .select({ name: sprints.name })
      .from(sprints)
      .where(and(eq(sprints.projectId, projectId), eq(sprints.status, 'active')));
    if (running)
      throw new DomainError('conflict', `${running.name} is still active; close it before starting another sprint.`);
    const [after] = await tx
      .update(sprints)
      .set({ status: 'active', startedAt: new Date(), version: sql`${sprints.version} + 1`, updatedAt: new Date() })
      .where(eq(sprints.id, sprintId))
      .returning();
    await writeSprintSnapshot(tx, projectId, sprintId, today);
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'sprint',
      entityId: sprintId,
      action: 'start',
      before: { status: before.status },
      after: { status: 'active' },
    });
    await notifyLive(tx, { projectId, entity: 'sprint', id: sprintId, version: after!.version });
    return after!;
  });
}

export type CarryTo = 'next' | 'backlog';

/**
 * Closes the active sprint: its numbers are frozen, done and cancelled tasks stay in it, and the rest
 * move to the end of their columns in the next planned sprint or in the backlog.
 */
export async function closeSprint(
  db: Db,
  actor: Actor,
  projectId: string,
  sprintId: string,
  carryTo: CarryTo,
  today?: string,
) {
  return db.transaction(async (tx) => {
    await lockBoard(tx, projectId);
    const before = await lockSprint(tx, projectId, sprintId);
    if (before.status !== 'active')
      throw new DomainError('invalid', `${before.name} is ${before.status}; only the active sprint can be closed.`);
    let target: Sprint | null = null;
    if (carryTo === 'next') {
      [target = null] = await tx
        .select()
        .from(sprints)
        .where(and(eq(sprints.projectId, projectId), eq(sprints.status, 'planned'), ne(sprints.id, sprintId)))
        .orderBy(asc(sprints.startDate), asc(sprints.createdAt))
        .limit(1);
      if (!target)
        throw new DomainError(
          'invalid',
          'There is no planned sprint to carry unfinished tasks to; plan one first, or send them to the backlog.',
          'carryTo',
        );
    }
    await writeSprintSnapshot(tx, projectId, sprintId, today);
    const committed = committedScope(await listSprintSnapshots(tx, projectId, sprintId), before.startDate);
    const all = await tx
      .select({ id: tasks.id, status: tasks.status, effort: tasks.effort })
      .from(tasks)
      .where(and(eq(tasks.projectId, projectId), eq(tasks.sprintId, sprintId)))
      .orderBy(asc(tasks.sortKey));
    const frozen = freezeSprintNumbers(
      committed,
      all.map((t) => ({
        effort: t.effort,
        status: t.status === 'done' || t.status === 'cancelled' ? t.status : 'open',
      })),
    );
    const carried = await carryOver(tx, projectId, sprintId, target?.id ?? null);
    const [after] = await tx
      .update(sprints)
      .set({
        status: 'closed',
        closedAt: new Date(),
        frozen,
        version: sql`${sprints.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(sprints.id, sprintId))
      .returning();
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'sprint',
      entityId: sprintId,
      action: 'close',
      before: { status: before.status },
      after: { status: 'closed', carriedTo: target?.name ?? 'backlog', carriedTasks: carried, ...frozen },
    });
    await notifyLive(tx, { projectId, entity: 'sprint', id: sprintId, version: after!.version });
    return { sprint: after!, frozen, carried, target };
  });
}

async function carryOver(tx: Db, projectId: string, fromSprintId: string, toSprintId: string | null): Promise<number> {
  const open = await tx
    .select({ id: tasks.id, status: tasks.status })
    .from(tasks)
    .where(
      and(
        eq(tasks.projectId, projectId),
        eq(tasks.sprintId, fromSprintId),
        notInArray(tasks.status, ['done', 'cancelled']),
      ),
    )
    .orderBy(asc(tasks.sortKey));
  for (const status of new Set(open.map((t) => t.status))) {
    const group = open.filter((t) => t.status === status);
    const [last] = await tx
      .select({ sortKey: tasks.sortKey })
      .from(tasks)
      .where(
        and(
          eq(tasks.projectId, projectId),
          toSprintId ? eq(tasks.sprintId, toSprintId) : isNull(tasks.sprintId),
          eq(tasks.status, status),
        ),
      )
      .orderBy(desc(tasks.sortKey))
      .limit(1);
    const keys = keysAfter(last?.sortKey ?? null, group.length);
    for (const [i, t] of group.entries()) {
      await tx
        .update(tasks)
        .set({ sprintId: toSprintId, sortKey: keys[i]!, version: sql`${tasks.version} + 1`, updatedAt: new Date() })
        .where(eq(tasks.id, t.id));
    }
  }
  return open.length;
}

export type SprintSummary = Sprint & { taskCount: number; points: number; donePoints: number };

/** Every sprint, newest first, with live totals (closed sprints also carry their frozen numbers). */
export async function listSprints(db: Db, projectId: string): Promise<SprintSummary[]> {
  const rows = await db
    .select()
    .from(sprints)
    .where(eq(sprints.projectId, projectId))
    .orderBy(desc(sprints.startDate), desc(sprints.createdAt));
  if (rows.length === 0) return [];
  const totals = await db
    .select({
      sprintId: tasks.sprintId,
      taskCount: sql<number>`count(*)::int`,
      points: sql<number>`coalesce(sum(${tasks.effort}) filter (where ${tasks.status} <> 'cancelled'), 0)::int`,
      donePoints: sql<number>`coalesce(sum(${tasks.effort}) filter (where ${tasks.status} = 'done'), 0)::int`,
    })
    .from(tasks)
    .where(
      and(
        eq(tasks.projectId, projectId),
        isNotNull(tasks.sprintId),
        inArray(
          tasks.sprintId,
          rows.map((r) => r.id),
        ),
      ),
    )
    .groupBy(tasks.sprintId);
  const byId = new Map(totals.map((t) => [t.sprintId, t]));
  return rows.map((s) => ({
    ...s,
    taskCount: byId.get(s.id)?.taskCount ?? 0,
    points: byId.get(s.id)?.points ?? 0,
    donePoints: byId.get(s.id)?.donePoints ?? 0,
  }));
}

export async function getSprint(db: Db, projectId: string, sprintId: string): Promise<Sprint | null> {
  const [row] = await db
    .select()
    .from(sprints)
    .where(and(eq(sprints.id, sprintId), eq(sprints.projectId, projectId)));
  return row ?? null;
}

/** The sprint the board opens on: the active one, else the next planned, else the latest closed. */
export async function getDefaultSprint(db: Db, projectId: string): Promise<Sprint | null> {
  const rank = (s: SprintStatus) => ({ active: 0, planned: 1, closed: 2 })[s];
  const rows = await db.select().from(sprints).where(eq(sprints.projectId, projectId));
  rows.sort(
    (a, b) =>
      rank(a.status) - rank(b.status) ||
      (a.status === 'closed' ? (a.endDate < b.endDate ? 1 : -1) : a.startDate < b.startDate ? -1 : 1),
  );
  return rows[0] ?? null;
}

/** Committed and completed points of the last `limit` closed sprints, oldest first, from their frozen numbers. */
export async function getVelocity(db: Db, projectId: string, limit = 6): Promise<VelocityPoint[]> {
  const rows = await db
    .select({ name: sprints.name, frozen: sprints.frozen })
    .from(sprints)
    .where(and(eq(sprints.projectId, projectId), eq(sprints.status, 'closed')))
    .orderBy(desc(sprints.endDate), desc(sprints.closedAt))
    .limit(limit);
  return rows.reverse().map((r) => ({
    sprint: r.name,
    committed: r.frozen?.committedPoints ?? 0,
    completed: r.frozen?.completedPoints ?? 0,
  }));
}
