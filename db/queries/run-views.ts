import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { DomainError, notFound } from '@/lib/errors';
import type { Db } from '../client';
import { experiments, runViewDefaults, runViews, users } from '../schema';

/** A runs page: one experiment's runs, or the project's All runs (null). */
export type RunViewScope = { projectId: string; experimentId: number | null };

const inScope = (s: RunViewScope) =>
  and(
    eq(runViews.projectId, s.projectId),
    s.experimentId === null ? isNull(runViews.experimentId) : eq(runViews.experimentId, s.experimentId),
  );

/** The saved views of one runs page, by name, with who saved them and whether they are this person's default. */
export async function listRunViews(db: Db, scope: RunViewScope, userId: string) {
  return db
    .select({
      id: runViews.id,
      name: runViews.name,
      query: runViews.query,
      createdBy: runViews.createdBy,
      authorName: users.name,
      isDefault: sql<boolean>`${runViewDefaults.viewId} is not null`,
    })
    .from(runViews)
    .leftJoin(users, eq(users.id, runViews.createdBy))
    .leftJoin(runViewDefaults, and(eq(runViewDefaults.viewId, runViews.id), eq(runViewDefaults.userId, userId)))
    .where(inScope(scope))
    .orderBy(asc(sql`lower(${runViews.name})`), asc(runViews.createdAt));
}
export type RunViewSummary = Awaited<ReturnType<typeof listRunViews>>[number];

/** One saved view of a runs page; null when the id names none there (another project's, or deleted). */
export async function getRunView(db: Db, scope: RunViewScope, id: string) {
  const [row] = await db
    .select()
    .from(runViews)
    .where(and(eq(runViews.id, id), inScope(scope)));
  return row ?? null;
}

/** The view this person opens a runs page with when the link names none. */
export async function getDefaultRunView(db: Db, scope: RunViewScope, userId: string) {
  const [row] = await db
    .select({ view: runViews })
    .from(runViewDefaults)
    .innerJoin(runViews, eq(runViews.id, runViewDefaults.viewId))
    .where(
      and(
        eq(runViewDefaults.userId, userId),
        eq(runViewDefaults.projectId, scope.projectId),
        scope.experimentId === null
          ? isNull(runViewDefaults.experimentId)
          : eq(runViewDefaults.experimentId, scope.experimentId),
      ),
    );
  return row?.view ?? null;
}

async function assertExperiment(db: Db, scope: RunViewScope) {
  if (scope.experimentId === null) return;
  const [found] = await db
    .select({ id: experiments.id })
    .from(experiments)
    .where(and(eq(experiments.id, scope.experimentId), eq(experiments.projectId, scope.projectId)));
  if (!found) throw notFound('Experiment');
}

/** Saves a view (and, when asked, makes it the saver's default there) in one transaction. */
export async function createRunView(
  db: Db,
  userId: string,
  scope: RunViewScope,
  input: { name: string; query: string; makeDefault: boolean },
) {
  await assertExperiment(db, scope);
  return db.transaction(async (tx) => {
    const [view] = await tx
      .insert(runViews)
      .values({ ...scope, name: input.name, query: input.query, createdBy: userId })
      .returning();
    if (input.makeDefault) await setDefault(tx, userId, scope, view!.id);
    return view!;
  });
}

async function setDefault(db: Db, userId: string, scope: RunViewScope, viewId: string | null) {
  await db
    .delete(runViewDefaults)
    .where(
      and(
        eq(runViewDefaults.userId, userId),
        eq(runViewDefaults.projectId, scope.projectId),
        scope.experimentId === null
          ? isNull(runViewDefaults.experimentId)
          : eq(runViewDefaults.experimentId, scope.experimentId),
      ),
    );
  if (viewId) await db.insert(runViewDefaults).values({ userId, ...scope, viewId });
}

/** Makes a saved view this person's default on its page, or (null) goes back to the standard columns. */
export async function setDefaultRunView(db: Db, userId: string, scope: RunViewScope, viewId: string | null) {
  if (viewId && !(await getRunView(db, scope, viewId))) throw notFound('Saved view');
  await db.transaction((tx) => setDefault(tx, userId, scope, viewId));
}

/** Deletes a saved view; only its author may (it disappears from everyone's list and defaults). */
export async function deleteRunView(db: Db, userId: string, scope: RunViewScope, viewId: string) {
  const view = await getRunView(db, scope, viewId);
  if (!view) throw notFound('Saved view');
  if (view.createdBy !== userId)
    throw new DomainError('forbidden', 'Only the person who saved this view can delete it.');
  await db.delete(runViews).where(eq(runViews.id, viewId));
}
