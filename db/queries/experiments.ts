import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { experimentArtifactLocation } from '@/lib/artifacts/paths';
import { DomainError, notFound } from '@/lib/errors';
import type { Db } from '../client';
import { experimentTags, experiments, projects, runs } from '../schema';
import { type Actor, recordActivity } from './activity';

export const DEFAULT_EXPERIMENT = 'Default';
export type ViewType = 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';
type Tag = { key: string; value: string };

export function lifecycleFilter(
  column: typeof experiments.lifecycleStage | typeof runs.lifecycleStage,
  view: ViewType,
) {
  if (view === 'ALL') return undefined;
  return eq(column, view === 'ACTIVE_ONLY' ? 'active' : 'deleted');
}

export async function createExperiment(
  db: Db,
  actor: Actor | null,
  projectId: string,
  input: { name: string; artifactLocation?: string; tags?: Tag[] },
) {
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: experiments.id })
      .from(experiments)
      .where(and(eq(experiments.projectId, projectId), eq(experiments.name, input.name)));
    if (existing) throw new DomainError('exists', `Experiment '${input.name}' already exists.`, 'name');
    const [row] = await tx
      .insert(experiments)
      .values({ projectId, name: input.name, artifactLocation: input.artifactLocation ?? '' })
      .returning();
    const [project] = await tx.select({ slug: projects.slug }).from(projects).where(eq(projects.id, projectId));
    const artifactLocation = input.artifactLocation || experimentArtifactLocation(project!.slug, row!.id);
    if (!input.artifactLocation)
      await tx.update(experiments).set({ artifactLocation }).where(eq(experiments.id, row!.id));
    if (input.tags?.length)
      await tx.insert(experimentTags).values(dedupeTags(input.tags).map((t) => ({ experimentId: row!.id, ...t })));
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'experiment',
      entityId: String(row!.id),
      action: 'create',
      after: { name: input.name },
    });
    return { ...row!, artifactLocation };
  });
}

/** Last value wins for a key repeated in one request, as MLflow's tag semantics (overwrite). */
export function dedupeTags(tags: Tag[]): Tag[] {
  return [...new Map(tags.map((t) => [t.key, t])).values()];
}

export async function getExperiment(db: Db, projectId: string, id: number) {
  const [row] = await db
    .select()
    .from(experiments)
    .where(and(eq(experiments.id, id), eq(experiments.projectId, projectId)));
  if (!row) throw notFound(`Experiment with id '${id}'`);
  return row;
}

export async function getExperimentByName(db: Db, projectId: string, name: string) {
  const [row] = await db
    .select()
    .from(experiments)
    .where(and(eq(experiments.name, name), eq(experiments.projectId, projectId)));
  if (!row) throw new DomainError('not_found', `Could not find experiment with name '${name}'`);
  return row;
}

export async function getExperimentTags(db: Db, ids: number[]) {
  if (ids.length === 0) return new Map<number, Tag[]>();
  const rows = await db
    .select()
    .from(experimentTags)
    .where(inArray(experimentTags.experimentId, ids))
    .orderBy(asc(experimentTags.key));
  const out = new Map<number, Tag[]>();
  for (const r of rows) {
    const list = out.get(r.experimentId) ?? [];
    list.push({ key: r.key, value: r.value });
    out.set(r.experimentId, list);
  }
  return out;
}

export async function renameExperiment(db: Db, actor: Actor | null, projectId: string, id: number, newName: string) {
  await db.transaction(async (tx) => {
    const before = await getExperiment(tx, projectId, id);
    if (before.name === newName) return;
    const [clash] = await tx
      .select({ id: experiments.id })
      .from(experiments)
      .where(and(eq(experiments.projectId, projectId), eq(experiments.name, newName)));
    if (clash) throw new DomainError('exists', `Experiment '${newName}' already exists.`, 'new_name');
    await tx.update(experiments).set({ name: newName, updatedAt: new Date() }).where(eq(experiments.id, id));
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'experiment',
      entityId: String(id),
      action: 'update',
      before,
      after: { name: newName },
    });
  });
}

/** Deleting an experiment soft-deletes it and its runs; restoring brings both back (MLflow's SQL store does the same). */
export async function setExperimentLifecycle(
  db: Db,
  actor: Actor | null,
  projectId: string,
  id: number,
  stage: 'active' | 'deleted',
) {
  await db.transaction(async (tx) => {
    const before = await getExperiment(tx, projectId, id);
    if (stage === 'deleted' && before.name === DEFAULT_EXPERIMENT) {
      throw new DomainError('invalid', 'Cannot delete the default experiment.', 'experiment_id');
    }
    if (stage === 'active' && before.lifecycleStage === 'active') {
      throw new DomainError('invalid', `Cannot restore an active experiment (id '${id}').`, 'experiment_id');
    }
    if (stage === 'deleted' && before.lifecycleStage === 'deleted') {
      throw new DomainError('invalid', `Experiment '${id}' is already deleted.`, 'experiment_id');
    }
    await tx.update(experiments).set({ lifecycleStage: stage, updatedAt: new Date() }).where(eq(experiments.id, id));
    await tx.update(runs).set({ lifecycleStage: stage, updatedAt: new Date() }).where(eq(runs.experimentId, id));
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'experiment',
      entityId: String(id),
      action: stage === 'deleted' ? 'delete' : 'restore',
      before: { lifecycleStage: before.lifecycleStage },
      after: { lifecycleStage: stage },
    });
  });
}

export async function setExperimentTag(db: Db, projectId: string, id: number, tag: Tag) {
  const exp = await getExperiment(db, projectId, id);
  if (exp.lifecycleStage !== 'active')
    throw new DomainError(
      'invalid',
      `The experiment ${id} must be in the 'active' state. Current state is ${exp.lifecycleStage}.`,
    );
  await db
    .insert(experimentTags)
    .values({ experimentId: id, ...tag })
    .onConflictDoUpdate({ target: [experimentTags.experimentId, experimentTags.key], set: { value: tag.value } });
}

export async function deleteExperimentTag(db: Db, projectId: string, id: number, key: string) {
  await getExperiment(db, projectId, id);
  const deleted = await db
    .delete(experimentTags)
    .where(and(eq(experimentTags.experimentId, id), eq(experimentTags.key, key)))
    .returning({ key: experimentTags.key });
  if (deleted.length === 0) throw notFound(`No tag with name: ${key} in experiment ${id}`);
}

export async function listExperiments(db: Db, projectId: string) {
  return db
    .select({
      id: experiments.id,
      name: experiments.name,
      lifecycleStage: experiments.lifecycleStage,
      createdAt: experiments.createdAt,
      updatedAt: experiments.updatedAt,
      // Spelled out with aliases: Drizzle leaves single-table column names unqualified, which inside the
      // subquery would bind "id" to runs.id instead of experiments.id.
      runCount: sql<number>`(select count(*)::int from runs r where r.experiment_id = experiments.id and r.lifecycle_stage = 'active')`,
      lastRunAt: sql<
        number | null
      >`(select max(r.start_time)::float8 from runs r where r.experiment_id = experiments.id and r.lifecycle_stage = 'active')`,
    })
    .from(experiments)
    .where(and(eq(experiments.projectId, projectId), eq(experiments.lifecycleStage, 'active')))
    .orderBy(asc(experiments.name));
}
