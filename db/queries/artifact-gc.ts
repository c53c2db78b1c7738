// What the artifact collector (server/artifacts/gc.ts) needs from the database: which runs, experiments and
// logged models are deleted and may be removed for good, and which folders in the store still have an owner.
import { and, eq, inArray, notExists, or, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { experiments, loggedModels, modelVersions, projects, runs } from '../schema';

/** Deleted runs (in an active experiment) that no registered model version comes from, with their project. */
export async function listPurgeableRuns(db: Db) {
  return db
    .select({ id: runs.id, artifactUri: runs.artifactUri, projectSlug: projects.slug })
    .from(runs)
    .innerJoin(projects, eq(projects.id, runs.projectId))
    .where(
      and(
        eq(runs.lifecycleStage, 'deleted'),
        notExists(
          db
            .select({ one: sql`1` })
            .from(modelVersions)
            .where(eq(modelVersions.runId, runs.id)),
        ),
      ),
    );
}

/** Deleted experiments none of whose runs a registered model version comes from. */
export async function listPurgeableExperiments(db: Db) {
  return db
    .select({ id: experiments.id, artifactLocation: experiments.artifactLocation, projectSlug: projects.slug })
    .from(experiments)
    .innerJoin(projects, eq(projects.id, experiments.projectId))
    .where(
      and(
        eq(experiments.lifecycleStage, 'deleted'),
        notExists(
          db
            .select({ one: sql`1` })
            .from(modelVersions)
            .innerJoin(runs, eq(runs.id, modelVersions.runId))
            .where(eq(runs.experimentId, experiments.id)),
        ),
        notExists(
          db
            .select({ one: sql`1` })
            .from(modelVersions)
            .innerJoin(loggedModels, eq(loggedModels.id, modelVersions.loggedModelId))
            .where(eq(loggedModels.experimentId, experiments.id)),
        ),
      ),
    );
}

/**
 * Logged models to remove for good: deleted ones, and those logged by a run that is being removed, unless a
 * registered version registers them (the version needs their files).
 */
export async function listPurgeableLoggedModels(db: Db, purgedRunIds: string[]) {
  return db
    .select({ id: loggedModels.id, artifactLocation: loggedModels.artifactLocation, projectSlug: projects.slug })
    .from(loggedModels)
    .innerJoin(projects, eq(projects.id, loggedModels.projectId))
    .where(
      and(
        or(
          eq(loggedModels.lifecycleStage, 'deleted'),
          purgedRunIds.length ? inArray(loggedModels.sourceRunId, purgedRunIds) : sql`false`,
        ),
        notExists(
          db
            .select({ one: sql`1` })
            .from(modelVersions)
            .where(eq(modelVersions.loggedModelId, loggedModels.id)),
        ),
      ),
    );
}

export async function purgeLoggedModels(db: Db, ids: string[]) {
  if (ids.length) await db.delete(loggedModels).where(inArray(loggedModels.id, ids));
}

/** Every logged model's folder (`<project>/<experiment>/models/<id>`), deleted ones included until purged. */
export async function listLoggedModelOwners(db: Db): Promise<Set<string>> {
  const rows = await db
    .select({ slug: projects.slug, experimentId: loggedModels.experimentId, id: loggedModels.id })
    .from(loggedModels)
    .innerJoin(projects, eq(projects.id, loggedModels.projectId));
  return new Set(rows.map((r) => `${r.slug}/${r.experimentId}/models/${r.id}`));
}

/** Removes runs for good (their params, metrics, tags and inputs go with them). */
export async function purgeRuns(db: Db, ids: string[]) {
  if (ids.length) await db.delete(runs).where(and(inArray(runs.id, ids), eq(runs.lifecycleStage, 'deleted')));
}

export async function purgeExperiments(db: Db, ids: number[]) {
  if (ids.length)
    await db.delete(experiments).where(and(inArray(experiments.id, ids), eq(experiments.lifecycleStage, 'deleted')));
}

/** Every live project slug → experiment id → run ids: the folders the store may keep. */
export async function listArtifactOwners(db: Db): Promise<Map<string, Map<string, Set<string>>>> {
  const rows = await db
    .select({ slug: projects.slug, experimentId: experiments.id, runId: runs.id })
    .from(projects)
    .leftJoin(experiments, eq(experiments.projectId, projects.id))
    .leftJoin(runs, eq(runs.experimentId, experiments.id));
  const owners = new Map<string, Map<string, Set<string>>>();
  for (const r of rows) {
    const exps = owners.get(r.slug) ?? new Map<string, Set<string>>();
    owners.set(r.slug, exps);
    if (r.experimentId === null) continue;
    const runIds = exps.get(String(r.experimentId)) ?? new Set<string>();
    exps.set(String(r.experimentId), runIds);
    if (r.runId) runIds.add(r.runId);
  }
  return owners;
}
