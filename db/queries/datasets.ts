import { createHash } from 'node:crypto';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { type DatasetProfile, parseCsv, profileCsv } from '@/lib/datasets/profile';
import { DomainError, notFound } from '@/lib/errors';
import type { Db } from '../client';
import { datasets, modelVersions, registeredModels, runInputs, runs } from '../schema';
import { type Actor, recordActivity } from './activity';

export const sha256Hex = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** Registers a CSV as a dataset version: SHA-256 of the exact bytes, schema and shape inferred on the server. */
export async function registerCsvDataset(
  db: Db,
  actor: Actor,
  projectId: string,
  input: { name: string; csv: string; source?: string },
) {
  let profile: DatasetProfile;
  try {
    profile = profileCsv(parseCsv(input.csv));
  } catch (err) {
    throw new DomainError('invalid', `The file is not a readable CSV: ${(err as Error).message}`, 'file');
  }
  const digest = sha256Hex(input.csv);
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(datasets)
      .where(and(eq(datasets.projectId, projectId), eq(datasets.name, input.name), eq(datasets.digest, digest)));
    if (existing)
      throw new DomainError(
        'exists',
        `This exact content is already registered as ${input.name} (${digest.slice(0, 12)}…).`,
        'file',
      );
    const [row] = await tx
      .insert(datasets)
      .values({
        projectId,
        name: input.name,
        digest,
        sourceType: 'upload',
        source: input.source ?? '',
        schema: JSON.stringify({ columns: profile.columns.map((c) => ({ name: c.name, type: c.type })) }),
        profile: JSON.stringify({
          num_rows: profile.rows,
          num_columns: profile.columns.length,
          columns: profile.columns,
        }),
      })
      .returning();
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'dataset',
      entityId: row!.id,
      action: 'create',
      after: { name: input.name, digest },
    });
    return row!;
  });
}

export async function listDatasets(db: Db, projectId: string) {
  return db
    .select()
    .from(datasets)
    .where(eq(datasets.projectId, projectId))
    .orderBy(asc(datasets.name), desc(datasets.createdAt));
}

export async function getDataset(db: Db, projectId: string, id: string) {
  const [row] = await db
    .select()
    .from(datasets)
    .where(and(eq(datasets.projectId, projectId), eq(datasets.id, id)));
  if (!row) throw notFound('Dataset version');
  return row;
}

/** Forward lineage: the runs that used a dataset version and the model versions built from those runs. */
export async function getDatasetUsage(db: Db, datasetId: string) {
  const usedBy = await db
    .select({ run: runs, tags: runInputs.tags })
    .from(runInputs)
    .innerJoin(runs, eq(runs.id, runInputs.runId))
    .where(eq(runInputs.datasetId, datasetId))
    .orderBy(desc(runs.startTime));
  const runIds = usedBy.map((u) => u.run.id);
  const versions = runIds.length
    ? await db
        .select({
          modelName: registeredModels.name,
          version: modelVersions.version,
          stage: modelVersions.stage,
          runId: modelVersions.runId,
        })
        .from(modelVersions)
        .innerJoin(registeredModels, eq(registeredModels.id, modelVersions.modelId))
        .where(inArray(modelVersions.runId, runIds))
        .orderBy(asc(registeredModels.name), desc(modelVersions.version))
    : [];
  return { runs: usedBy, modelVersions: versions };
}

/** Datasets per run, for lineage and run pages. */
export async function getRunDatasets(db: Db, runId: string) {
  return db
    .select({ dataset: datasets, tags: runInputs.tags })
    .from(runInputs)
    .innerJoin(datasets, eq(datasets.id, runInputs.datasetId))
    .where(eq(runInputs.runId, runId));
}
