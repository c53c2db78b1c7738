// Shapes registry rows into MLflow's RegisteredModel / ModelVersion JSON, loading their tags and aliases.
import type { Db } from '@/db/client';
import { getModelDetails } from '@/db/queries/registry';
import { getVersionTagsAndAliases } from '@/db/queries/registry-search';
import type { ModelVersion, RegisteredModel } from '@/db/schema/registry';
import { latestPerStage, modelVersionJson, registeredModelJson } from '@/lib/mlflow/registry-json';

/** Versions (each with its model's name) → model_version JSON, tags and aliases included, order kept. */
export async function versionsJson(db: Db, rows: { modelName: string; version: ModelVersion }[]) {
  const { tags, aliases } = await getVersionTagsAndAliases(
    db,
    rows.map((r) => r.version.id),
  );
  return rows.map((r) =>
    modelVersionJson(r.modelName, r.version, {
      tags: tags.get(r.version.id) ?? [],
      aliases: aliases.get(r.version.id) ?? [],
    }),
  );
}

export async function versionJson(db: Db, modelName: string, version: ModelVersion) {
  const [json] = await versionsJson(db, [{ modelName, version }]);
  return json!;
}

/** Models → registered_model JSON with tags, aliases and the latest version of each stage, order kept. */
export async function modelsJson(db: Db, models: RegisteredModel[]) {
  const details = await getModelDetails(
    db,
    models.map((m) => m.id),
  );
  const names = new Map(models.map((m) => [m.id, m.name]));
  const latest = models.flatMap((m) => latestPerStage(details.versions.filter((v) => v.modelId === m.id)));
  const latestJson = await versionsJson(
    db,
    latest.map((version) => ({ modelName: names.get(version.modelId)!, version })),
  );
  return models.map((m) =>
    registeredModelJson(m, {
      tags: details.tags.filter((t) => t.modelId === m.id),
      aliases: details.aliases.filter((a) => a.modelId === m.id),
      latestVersions: latestJson.filter((_, i) => latest[i]!.modelId === m.id),
    }),
  );
}

export async function modelJson(db: Db, model: RegisteredModel) {
  const [json] = await modelsJson(db, [model]);
  return json!;
}
