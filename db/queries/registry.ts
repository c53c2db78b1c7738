import { and, asc, desc, eq, ilike, inArray, sql } from 'drizzle-orm';
import { DomainError, notFound } from '@/lib/errors';
import { type ModelStage, aliasError } from '@/lib/registry/vocabulary';
import type { Db } from '../client';
import {
  loggedModels,
  modelAliases,
  modelTransitions,
  modelVersionTags,
  modelVersions,
  registeredModelTags,
  registeredModels,
  runMetrics,
  runParams,
  runs,
  users,
} from '../schema';
import { type Actor, recordActivity } from './activity';
import { dedupeTags } from './experiments';

type Tag = { key: string; value: string };

export async function getRegisteredModel(db: Db, projectId: string, name: string) {
  const [row] = await db
    .select()
    .from(registeredModels)
    .where(and(eq(registeredModels.projectId, projectId), eq(registeredModels.name, name)));
  if (!row) throw notFound(`Registered Model with name=${name}`);
  return row;
}

export async function createRegisteredModel(
  db: Db,
  actor: Actor | null,
  projectId: string,
  input: { name: string; description?: string; tags?: Tag[] },
) {
  return db.transaction(async (tx) => {
    const [clash] = await tx
      .select({ id: registeredModels.id })
      .from(registeredModels)
      .where(and(eq(registeredModels.projectId, projectId), eq(registeredModels.name, input.name)));
    if (clash) throw new DomainError('exists', `Registered Model (name=${input.name}) already exists.`, 'name');
    const [model] = await tx
      .insert(registeredModels)
      .values({ projectId, name: input.name, description: input.description ?? '' })
      .returning();
    if (input.tags?.length)
      await tx.insert(registeredModelTags).values(dedupeTags(input.tags).map((t) => ({ modelId: model!.id, ...t })));
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'model',
      entityId: model!.id,
      action: 'create',
      after: { name: input.name },
    });
    return model!;
  });
}

export async function ensureRegisteredModel(db: Db, actor: Actor | null, projectId: string, name: string) {
  const [row] = await db
    .select()
    .from(registeredModels)
    .where(and(eq(registeredModels.projectId, projectId), eq(registeredModels.name, name)));
  return row ?? createRegisteredModel(db, actor, projectId, { name });
}

export async function updateRegisteredModel(
  db: Db,
  actor: Actor | null,
  projectId: string,
  name: string,
  changes: { newName?: string; description?: string },
) {
  return db.transaction(async (tx) => {
    const before = await getRegisteredModel(tx, projectId, name);
    if (changes.newName && changes.newName !== name) {
      const [clash] = await tx
        .select({ id: registeredModels.id })
        .from(registeredModels)
        .where(and(eq(registeredModels.projectId, projectId), eq(registeredModels.name, changes.newName)));
      if (clash)
        throw new DomainError('exists', `Registered Model (name=${changes.newName}) already exists.`, 'new_name');
    }
    const set = {
      ...(changes.newName ? { name: changes.newName } : {}),
      ...(changes.description !== undefined ? { description: changes.description } : {}),
    };
    const [after] = await tx
      .update(registeredModels)
      .set({ ...set, updatedAt: new Date() })
      .where(eq(registeredModels.id, before.id))
      .returning();
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'model',
      entityId: before.id,
      action: 'update',
      before,
      after: set,
    });
    return after!;
  });
}

export async function deleteRegisteredModel(db: Db, actor: Actor | null, projectId: string, name: string) {
  await db.transaction(async (tx) => {
    const model = await getRegisteredModel(tx, projectId, name);
    await tx.delete(registeredModels).where(eq(registeredModels.id, model.id));
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'model',
      entityId: model.id,
      action: 'delete',
      before: { name },
      after: { name: null },
    });
  });
}

export async function setRegisteredModelTag(db: Db, projectId: string, name: string, tag: Tag) {
  const model = await getRegisteredModel(db, projectId, name);
  await db
    .insert(registeredModelTags)
    .values({ modelId: model.id, ...tag })
    .onConflictDoUpdate({ target: [registeredModelTags.modelId, registeredModelTags.key], set: { value: tag.value } });
}

export async function deleteRegisteredModelTag(db: Db, projectId: string, name: string, key: string) {
  const model = await getRegisteredModel(db, projectId, name);
  await db
    .delete(registeredModelTags)
    .where(and(eq(registeredModelTags.modelId, model.id), eq(registeredModelTags.key, key)));
}

/** Models with their tags, aliases and latest version per stage, as MLflow returns them. */
export async function searchRegisteredModels(
  db: Db,
  projectId: string,
  opts: { nameLike?: string; limit: number; offset?: number },
) {
  const where = [eq(registeredModels.projectId, projectId)];
  if (opts.nameLike) where.push(ilike(registeredModels.name, opts.nameLike));
  return db
    .select()
    .from(registeredModels)
    .where(and(...where))
    .orderBy(asc(registeredModels.name))
    .limit(opts.limit)
    .offset(opts.offset ?? 0);
}

export async function getModelDetails(db: Db, modelIds: string[]) {
  if (modelIds.length === 0) return { tags: [], aliases: [], versions: [] };
  const [tags, aliases, versions] = await Promise.all([
    db
      .select()
      .from(registeredModelTags)
      .where(inArray(registeredModelTags.modelId, modelIds))
      .orderBy(asc(registeredModelTags.key)),
    db
      .select({ modelId: modelAliases.modelId, alias: modelAliases.alias, version: modelVersions.version })
      .from(modelAliases)
      .innerJoin(modelVersions, eq(modelVersions.id, modelAliases.versionId))
      .where(inArray(modelAliases.modelId, modelIds))
      .orderBy(asc(modelAliases.alias)),
    db.select().from(modelVersions).where(inArray(modelVersions.modelId, modelIds)).orderBy(asc(modelVersions.version)),
  ]);
  return { tags, aliases, versions };
}

/** A new version from a run: source, link, and a snapshot of the run's latest metrics and params. */
export async function createModelVersion(
  db: Db,
  actor: Actor | null,
  projectId: string,
  input: {
    name: string;
    source?: string;
    runId?: string;
    loggedModelId?: string;
    runLink?: string;
    description?: string;
    tags?: Tag[];
  },
) {
  return db.transaction(async (tx) => {
    const model = await getRegisteredModel(tx, projectId, input.name);
    if (input.loggedModelId) {
      const [logged] = await tx
        .select({ sourceRunId: loggedModels.sourceRunId })
        .from(loggedModels)
        .where(and(eq(loggedModels.id, input.loggedModelId), eq(loggedModels.projectId, projectId)));
      if (!logged)
        throw new DomainError('not_found', `Logged model with ID '${input.loggedModelId}' not found.`, 'model_id');
      // A logged model's version comes from the model's run when the client names none (MLflow's _register_model).
      input = { ...input, runId: input.runId ?? logged.sourceRunId ?? undefined };
    }
    // Serialise version numbering per model; the locked read sees the latest issued number.
    const [locked] = await tx
      .select({ lastVersion: registeredModels.lastVersion })
      .from(registeredModels)
      .where(eq(registeredModels.id, model.id))
      .for('update');
    let metrics: Record<string, number> = {};
    let params: Record<string, string> = {};
    if (input.runId) {
      const [run] = await tx
        .select({ id: runs.id })
        .from(runs)
        .where(and(eq(runs.id, input.runId), eq(runs.projectId, projectId)));
      if (!run) throw new DomainError('not_found', `Run with id=${input.runId} not found`, 'run_id');
      const [m, p] = await Promise.all([
        tx
          .select({ key: runMetrics.key, value: runMetrics.value })
          .from(runMetrics)
          .where(eq(runMetrics.runId, run.id)),
        tx.select({ key: runParams.key, value: runParams.value }).from(runParams).where(eq(runParams.runId, run.id)),
      ]);
      metrics = Object.fromEntries(m.filter((x) => Number.isFinite(x.value)).map((x) => [x.key, x.value]));
      params = Object.fromEntries(p.map((x) => [x.key, x.value]));
    }
    // A deleted version's number is never issued again, as MLflow's registry keeps models:/name/N stable.
    const [{ next }] = (await tx
      .select({
        next: sql<number>`greatest(coalesce(max(${modelVersions.version}), 0), ${locked?.lastVersion ?? 0})::int + 1`,
      })
      .from(modelVersions)
      .where(eq(modelVersions.modelId, model.id))) as [{ next: number }];
    const [version] = await tx
      .insert(modelVersions)
      .values({
        modelId: model.id,
        version: next,
        runId: input.runId ?? null,
        loggedModelId: input.loggedModelId ?? null,
        source: input.source ?? (input.runId ? `runs:/${input.runId}/model` : ''),
        runLink: input.runLink ?? '',
        description: input.description ?? '',
        metrics,
        params,
        userId: actor?.id ?? null,
      })
      .returning();
    if (input.tags?.length)
      await tx.insert(modelVersionTags).values(dedupeTags(input.tags).map((t) => ({ versionId: version!.id, ...t })));
    await tx
      .update(registeredModels)
      .set({ updatedAt: new Date(), lastVersion: next })
      .where(eq(registeredModels.id, model.id));
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'model-version',
      entityId: version!.id,
      action: 'create',
      after: { model: model.name, version: next, runId: input.runId ?? null },
    });
    return { model, version: version! };
  });
}

export async function getModelVersion(db: Db, projectId: string, name: string, version: number) {
  const model = await getRegisteredModel(db, projectId, name);
  const [row] = await db
    .select()
    .from(modelVersions)
    .where(and(eq(modelVersions.modelId, model.id), eq(modelVersions.version, version)));
  if (!row) throw notFound(`Model Version (name=${name}, version=${version})`);
  return { model, version: row };
}

export async function updateModelVersion(
  db: Db,
  actor: Actor | null,
  projectId: string,
  name: string,
  version: number,
  description: string,
) {
  return db.transaction(async (tx) => {
    const { version: before } = await getModelVersion(tx, projectId, name, version);
    const [after] = await tx
      .update(modelVersions)
      .set({ description, updatedAt: new Date() })
      .where(eq(modelVersions.id, before.id))
      .returning();
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'model-version',
      entityId: before.id,
      action: 'update',
      before,
      after: { description },
    });
    return after!;
  });
}

export async function deleteModelVersion(
  db: Db,
  actor: Actor | null,
  projectId: string,
  name: string,
  version: number,
) {
  await db.transaction(async (tx) => {
    const { version: row } = await getModelVersion(tx, projectId, name, version);
    await tx.delete(modelVersions).where(eq(modelVersions.id, row.id));
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'model-version',
      entityId: row.id,
      action: 'delete',
      before: { version },
      after: { version: null },
    });
  });
}

export async function setModelVersionTag(db: Db, projectId: string, name: string, version: number, tag: Tag) {
  const { version: row } = await getModelVersion(db, projectId, name, version);
  await db
    .insert(modelVersionTags)
    .values({ versionId: row.id, ...tag })
    .onConflictDoUpdate({ target: [modelVersionTags.versionId, modelVersionTags.key], set: { value: tag.value } });
}

export async function deleteModelVersionTag(db: Db, projectId: string, name: string, version: number, key: string) {
  const { version: row } = await getModelVersion(db, projectId, name, version);
  await db.delete(modelVersionTags).where(and(eq(modelVersionTags.versionId, row.id), eq(modelVersionTags.key, key)));
}

export async function getModelVersionTags(db: Db, versionIds: string[]) {
  if (versionIds.length === 0) return [];
  return db
    .select()
    .from(modelVersionTags)
    .where(inArray(modelVersionTags.versionId, versionIds))
    .orderBy(asc(modelVersionTags.key));
}

/**
 * Moves a version to a stage, recording who/when/why. With archiveExisting, the other versions in that
 * stage go to Archived (MLflow's archive_existing_versions; only for Staging/Production).
 */
export async function transitionModelVersionStage(
  db: Db,
  actor: Actor | null,
  projectId: string,
  input: {
    name: string;
    version: number;
    stage: ModelStage;
    archiveExisting: boolean;
    reason?: string;
    kind?: 'promote' | 'rollback';
  },
) {
  return db.transaction(async (tx) => {
    const { model, version } = await getModelVersion(tx, projectId, input.name, input.version);
    await tx
      .select({ id: registeredModels.id })
      .from(registeredModels)
      .where(eq(registeredModels.id, model.id))
      .for('update');
    if (input.archiveExisting && (input.stage === 'Production' || input.stage === 'Staging')) {
      const holders = await tx
        .update(modelVersions)
        .set({ stage: 'Archived', updatedAt: new Date() })
        .where(
          and(
            eq(modelVersions.modelId, model.id),
            eq(modelVersions.stage, input.stage),
            sql`${modelVersions.id} <> ${version.id}`,
          ),
        )
        .returning();
      for (const h of holders) {
        await tx.insert(modelTransitions).values({
          modelId: model.id,
          versionId: h.id,
          kind: 'archive',
          fromStage: input.stage,
          toStage: 'Archived',
          reason: `Replaced by version ${version.version}`,
          userId: actor?.id ?? null,
        });
      }
    }
    const [after] = await tx
      .update(modelVersions)
      .set({ stage: input.stage, updatedAt: new Date() })
      .where(eq(modelVersions.id, version.id))
      .returning();
    await tx.insert(modelTransitions).values({
      modelId: model.id,
      versionId: version.id,
      kind: input.kind ?? 'promote',
      fromStage: version.stage,
      toStage: input.stage,
      reason: input.reason ?? '',
      userId: actor?.id ?? null,
    });
    await tx.update(registeredModels).set({ updatedAt: new Date() }).where(eq(registeredModels.id, model.id));
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'model-version',
      entityId: version.id,
      action: input.kind ?? 'transition-stage',
      before: { stage: version.stage },
      after: { stage: input.stage, reason: input.reason ?? '' },
    });
    return { model, version: after! };
  });
}

/**
 * Roll back: Production returns to the version that held it before the current one, which is archived.
 * The previous holder is read from the transition history, so it works after any number of promotions.
 */
export async function rollbackProduction(db: Db, actor: Actor | null, projectId: string, name: string, reason: string) {
  if (!reason.trim()) throw new DomainError('invalid', 'A reason is required to roll back.', 'reason');
  const model = await getRegisteredModel(db, projectId, name);
  const [current] = await db
    .select()
    .from(modelVersions)
    .where(and(eq(modelVersions.modelId, model.id), eq(modelVersions.stage, 'Production')));
  if (!current) throw new DomainError('invalid', `Model '${name}' has no version in Production to roll back.`);
  const history = await db
    .select({ versionId: modelTransitions.versionId })
    .from(modelTransitions)
    .where(and(eq(modelTransitions.modelId, model.id), eq(modelTransitions.toStage, 'Production')))
    .orderBy(desc(modelTransitions.id));
  const previousId = history.find((h) => h.versionId !== current.id)?.versionId;
  if (!previousId) throw new DomainError('invalid', `No earlier Production version of '${name}' to roll back to.`);
  const [previous] = await db.select().from(modelVersions).where(eq(modelVersions.id, previousId));
  return transitionModelVersionStage(db, actor, projectId, {
    name,
    version: previous!.version,
    stage: 'Production',
    archiveExisting: true,
    reason,
    kind: 'rollback',
  });
}

export async function setModelAlias(
  db: Db,
  actor: Actor | null,
  projectId: string,
  name: string,
  alias: string,
  version: number,
) {
  const problem = aliasError(alias);
  if (problem) throw new DomainError('invalid', problem, 'alias');
  await db.transaction(async (tx) => {
    const { model, version: row } = await getModelVersion(tx, projectId, name, version);
    await tx
      .insert(modelAliases)
      .values({ modelId: model.id, alias, versionId: row.id })
      .onConflictDoUpdate({ target: [modelAliases.modelId, modelAliases.alias], set: { versionId: row.id } });
    await tx
      .insert(modelTransitions)
      .values({ modelId: model.id, versionId: row.id, kind: 'alias', alias, userId: actor?.id ?? null });
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'model-version',
      entityId: row.id,
      action: 'set-alias',
      after: { alias, version },
    });
  });
}

export async function deleteModelAlias(db: Db, actor: Actor | null, projectId: string, name: string, alias: string) {
  await db.transaction(async (tx) => {
    const model = await getRegisteredModel(tx, projectId, name);
    const deleted = await tx
      .delete(modelAliases)
      .where(and(eq(modelAliases.modelId, model.id), eq(modelAliases.alias, alias)))
      .returning();
    if (deleted.length === 0) throw notFound(`Registered model alias ${alias}`);
    await tx.insert(modelTransitions).values({
      modelId: model.id,
      versionId: deleted[0]!.versionId,
      kind: 'remove-alias',
      alias,
      userId: actor?.id ?? null,
    });
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'model-version',
      entityId: deleted[0]!.versionId,
      action: 'delete-alias',
      after: { alias },
    });
  });
}

export async function getModelVersionByAlias(db: Db, projectId: string, name: string, alias: string) {
  const model = await getRegisteredModel(db, projectId, name);
  const [row] = await db
    .select({ version: modelVersions })
    .from(modelAliases)
    .innerJoin(modelVersions, eq(modelVersions.id, modelAliases.versionId))
    .where(and(eq(modelAliases.modelId, model.id), eq(modelAliases.alias, alias)));
  if (!row) throw notFound(`Registered model alias ${alias}`);
  return { model, version: row.version };
}

/** The latest version per stage (MLflow's get-latest-versions); `stages` empty means every stage. */
export async function getLatestVersions(db: Db, projectId: string, name: string, stages: ModelStage[]) {
  const model = await getRegisteredModel(db, projectId, name);
  const versions = await db
    .select()
    .from(modelVersions)
    .where(eq(modelVersions.modelId, model.id))
    .orderBy(desc(modelVersions.version));
  const latest = new Map<string, (typeof versions)[number]>();
  for (const v of versions) if (!latest.has(v.stage)) latest.set(v.stage, v);
  return [...latest.values()]
    .filter((v) => stages.length === 0 || stages.includes(v.stage))
    .sort((a, b) => a.version - b.version);
}

export async function searchModelVersions(
  db: Db,
  projectId: string,
  opts: { name?: string; runId?: string; limit: number; offset?: number },
) {
  const where = [eq(registeredModels.projectId, projectId)];
  if (opts.name) where.push(eq(registeredModels.name, opts.name));
  if (opts.runId) where.push(eq(modelVersions.runId, opts.runId));
  return db
    .select({ model: registeredModels, version: modelVersions })
    .from(modelVersions)
    .innerJoin(registeredModels, eq(registeredModels.id, modelVersions.modelId))
    .where(and(...where))
    .orderBy(asc(registeredModels.name), desc(modelVersions.version))
    .limit(opts.limit)
    .offset(opts.offset ?? 0);
}

/** The registered versions made from a run, with their stage and aliases, for the run page. */
export async function listRunModelVersions(db: Db, projectId: string, runId: string) {
  const rows = await searchModelVersions(db, projectId, { runId, limit: 200 });
  const { aliases } = await getModelDetails(db, [...new Set(rows.map((r) => r.model.id))]);
  return rows.map(({ model, version }) => ({
    name: model.name,
    version: version.version,
    stage: version.stage,
    aliases: aliases.filter((a) => a.modelId === model.id && a.version === version.version).map((a) => a.alias),
  }));
}

/** The stage/alias timeline of a model, newest first. */
export async function listModelTransitions(db: Db, modelId: string) {
  return db
    .select({
      id: modelTransitions.id,
      kind: modelTransitions.kind,
      version: modelVersions.version,
      fromStage: modelTransitions.fromStage,
      toStage: modelTransitions.toStage,
      alias: modelTransitions.alias,
      reason: modelTransitions.reason,
      createdAt: modelTransitions.createdAt,
      userName: users.name,
    })
    .from(modelTransitions)
    .innerJoin(modelVersions, eq(modelVersions.id, modelTransitions.versionId))
    .leftJoin(users, eq(users.id, modelTransitions.userId))
    .where(eq(modelTransitions.modelId, modelId))
    .orderBy(desc(modelTransitions.id));
}

/** The version a stage or alias currently points at (e.g. "Production", "champion"), or null. */
export async function resolveModelVersion(db: Db, projectId: string, name: string, stageOrAlias: string) {
  const model = await getRegisteredModel(db, projectId, name);
  const [byStage] = await db
    .select()
    .from(modelVersions)
    .where(and(eq(modelVersions.modelId, model.id), sql`lower(${modelVersions.stage}::text) = lower(${stageOrAlias})`))
    .orderBy(desc(modelVersions.version))
    .limit(1);
  if (byStage) return { model, version: byStage };
  const [byAlias] = await db
    .select({ version: modelVersions })
    .from(modelAliases)
    .innerJoin(modelVersions, eq(modelVersions.id, modelAliases.versionId))
    .where(and(eq(modelAliases.modelId, model.id), eq(modelAliases.alias, stageOrAlias)));
  return byAlias ? { model, version: byAlias.version } : null;
}

/** Every registered model's Production version with its metrics snapshot and when it was promoted. */
/** How many versions the project's registered models hold, and how many of them are in Production. */
export async function countModelVersions(db: Db, projectId: string): Promise<{ all: number; production: number }> {
  const [row] = await db
    .select({
      all: sql<number>`count(*)::int`,
      production: sql<number>`(count(*) filter (where ${modelVersions.stage} = 'Production'))::int`,
    })
    .from(modelVersions)
    .innerJoin(registeredModels, eq(registeredModels.id, modelVersions.modelId))
    .where(eq(registeredModels.projectId, projectId));
  return { all: Number(row?.all ?? 0), production: Number(row?.production ?? 0) };
}

export async function listProductionModels(db: Db, projectId: string) {
  const rows = await db
    .select({
      model: registeredModels.name,
      version: modelVersions.version,
      runId: modelVersions.runId,
      metrics: modelVersions.metrics,
      promotedAt: sql<Date | null>`(select max(${modelTransitions.createdAt}) from ${modelTransitions} where ${modelTransitions.versionId} = ${modelVersions.id} and ${modelTransitions.toStage} = 'Production')`,
    })
    .from(modelVersions)
    .innerJoin(registeredModels, eq(registeredModels.id, modelVersions.modelId))
    .where(and(eq(registeredModels.projectId, projectId), eq(modelVersions.stage, 'Production')))
    .orderBy(asc(registeredModels.name), desc(modelVersions.version));
  return rows.map((r) => ({ ...r, promotedAt: r.promotedAt ? new Date(r.promotedAt) : null }));
}

/** The version a model has in Production now (the newest, should there be several), with its metrics snapshot. */
export async function getProductionVersion(db: Db, projectId: string, model: string) {
  const [current] = await db
    .select({ version: modelVersions.version, metrics: modelVersions.metrics })
    .from(modelVersions)
    .innerJoin(registeredModels, eq(registeredModels.id, modelVersions.modelId))
    .where(
      and(
        eq(registeredModels.projectId, projectId),
        eq(registeredModels.name, model),
        eq(modelVersions.stage, 'Production'),
      ),
    )
    .orderBy(sql`${modelVersions.version} desc`)
    .limit(1);
  return current;
}

/** Every promotion of a model to Production, oldest first, with the promoted version's metrics. */
export async function listProductionPromotions(db: Db, projectId: string, model: string) {
  return db
    .select({ at: modelTransitions.createdAt, metrics: modelVersions.metrics })
    .from(modelTransitions)
    .innerJoin(modelVersions, eq(modelVersions.id, modelTransitions.versionId))
    .innerJoin(registeredModels, eq(registeredModels.id, modelTransitions.modelId))
    .where(
      and(
        eq(registeredModels.projectId, projectId),
        eq(registeredModels.name, model),
        eq(modelTransitions.toStage, 'Production'),
      ),
    )
    .orderBy(asc(modelTransitions.id));
}
