import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { type DailySnapshot, dayOf } from '@/lib/board/burndown';
import type { Db } from '../client';
import { boardSnapshots, sprints, tasks } from '../schema';

type Totals = {
  totalPoints: number;
  donePoints: number;
  cancelledPoints: number;
  taskCount: number;
  doneCount: number;
};

async function sprintTotals(tx: Db, projectId: string, sprintId: string): Promise<Totals> {
  const [row] = await tx
    .select({
      totalPoints: sql<number>`coalesce(sum(${tasks.effort}), 0)::int`,
      donePoints: sql<number>`coalesce(sum(${tasks.effort}) filter (where ${tasks.status} = 'done'), 0)::int`,
      cancelledPoints: sql<number>`coalesce(sum(${tasks.effort}) filter (where ${tasks.status} = 'cancelled'), 0)::int`,
      taskCount: sql<number>`count(*)::int`,
      doneCount: sql<number>`(count(*) filter (where ${tasks.status} = 'done'))::int`,
    })
    .from(tasks)
    .where(and(eq(tasks.projectId, projectId), eq(tasks.sprintId, sprintId)));
  return row ?? { totalPoints: 0, donePoints: 0, cancelledPoints: 0, taskCount: 0, doneCount: 0 };
}

/** Records the sprint's totals as of now for `day` (UTC); a later write the same day replaces it. */
export async function writeSprintSnapshot(
  tx: Db,
  projectId: string,
  sprintId: string,
  day = dayOf(new Date()),
): Promise<Totals> {
  const totals = await sprintTotals(tx, projectId, sprintId);
  await putSnapshot(tx, projectId, sprintId, day, totals);
  return totals;
}

/** Writes a day's totals as given (the demo history uses it for past days). */
export async function putSnapshot(
  tx: Db,
  projectId: string,
  sprintId: string,
  day: string,
  totals: Totals,
): Promise<void> {
  await tx
    .insert(boardSnapshots)
    .values({ projectId, sprintId, day, ...totals })
    .onConflictDoUpdate({
      target: [boardSnapshots.sprintId, boardSnapshots.day],
      set: { ...totals, updatedAt: new Date() },
    });
}

/**
 * After tasks change: refresh today's snapshot of each touched sprint that is running. Planned sprints
 * get theirs when they start; closed ones are frozen.
 */
export async function snapshotActiveSprints(
  tx: Db,
  projectId: string,
  sprintIds: ReadonlyArray<string | null>,
): Promise<void> {
  const ids = [...new Set(sprintIds.filter((id): id is string => id !== null))];
  if (ids.length === 0) return;
  const active = await tx
    .select({ id: sprints.id })
    .from(sprints)
    .where(and(eq(sprints.projectId, projectId), inArray(sprints.id, ids), eq(sprints.status, 'active')));
  for (const s of active) await writeSprintSnapshot(tx, projectId, s.id);
}

export async function listSprintSnapshots(db: Db, projectId: string, sprintId: string): Promise<DailySnapshot[]> {
  return db
    .select({
      day: boardSnapshots.day,
      totalPoints: boardSnapshots.totalPoints,
      donePoints: boardSnapshots.donePoints,
      cancelledPoints: boardSnapshots.cancelledPoints,
    })
    .from(boardSnapshots)
    .where(and(eq(boardSnapshots.projectId, projectId), eq(boardSnapshots.sprintId, sprintId)))
    .orderBy(asc(boardSnapshots.day));
}

/** Snapshots of several sprints at once, grouped by sprint (velocity needs each sprint's first day). */
export async function listSnapshotsBySprint(
  db: Db,
  projectId: string,
  sprintIds: string[],
): Promise<Map<string, DailySnapshot[]>> {
  const out = new Map<string, DailySnapshot[]>(sprintIds.map((id) => [id, []]));
  if (sprintIds.length === 0) return out;
  const rows = await db
    .select({
      sprintId: boardSnapshots.sprintId,
      day: boardSnapshots.day,
      totalPoints: boardSnapshots.totalPoints,
      donePoints: boardSnapshots.donePoints,
      cancelledPoints: boardSnapshots.cancelledPoints,
    })
    .from(boardSnapshots)
    .where(and(eq(boardSnapshots.projectId, projectId), inArray(boardSnapshots.sprintId, sprintIds)))
    .orderBy(asc(boardSnapshots.day));
  for (const { sprintId, ...s } of rows) out.get(sprintId)?.push(s);
  return out;
}
