// What the artifact collector (server/artifacts/gc.ts) needs from the database: which runs and experiments
// are deleted and may be removed for good, and which project/experiment/run folders still have an owner.
import { and, eq, inArray, notExists, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { experiments, modelVersions, projects, runs } from '../schema';

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
      ),
    );
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
