// The tracking API's artifact endpoints: artifacts/list (MLflow's UI and other clients list a run's files
// through it) and runs/log-model (MLflow 2.x records each logged model in the run's history tag).
import { getRunRow, recordLoggedModel } from '@/db/queries/runs';
import { UnsafeArtifactPath, joinArtifactPath } from '@/lib/artifacts/paths';
import { DomainError } from '@/lib/errors';
import { listArtifactsRequest, logModelRequest } from '@/lib/mlflow/schemas';
import { defineRoute } from '../api';
import { listArtifactsAt } from '../artifacts/files';

export const listArtifactsRoute = defineRoute('viewer', listArtifactsRequest, async ({ db, caller, input }) => {
  const run = await getRunRow(db, caller.project.id, input.run_id);
  const dir = (input.path ?? '').replace(/\/+$/, '');
  let entries;
  try {
    entries = await listArtifactsAt({ projectSlug: caller.project.slug, artifactUri: run.artifactUri }, dir);
  } catch (err) {
    if (err instanceof UnsafeArtifactPath) throw new DomainError('invalid', err.message, 'path');
    throw err;
  }
  const files = entries.map((e) => ({
    path: joinArtifactPath(dir, e.path),
    is_dir: e.isDir,
    ...(e.isDir ? {} : { file_size: e.size ?? 0 }),
  }));
  return { root_uri: run.artifactUri, ...(files.length ? { files } : {}) };
});

// mlflow/server/handlers.py `_log_model`: the fields every Model.to_dict() has.
const MODEL_FIELDS = ['artifact_path', 'flavors', 'utc_time_created', 'run_id'];

export const logModelRoute = defineRoute('editor', logModelRequest, async ({ db, caller, input }) => {
  let model: unknown;
  try {
    model = JSON.parse(input.model_json);
  } catch {
    throw new DomainError('invalid', 'Malformed model info: model_json is not valid JSON.', 'model_json');
  }
  if (!model || typeof model !== 'object' || Array.isArray(model))
    throw new DomainError('invalid', 'Malformed model info: model_json must be a JSON object.', 'model_json');
  const fields = model as Record<string, unknown>;
  const missing = MODEL_FIELDS.filter((f) => !(f in fields));
  if (missing.length)
    throw new DomainError('invalid', `Model json is missing mandatory fields: ${missing.join(', ')}`, 'model_json');
  if (!fields.flavors || typeof fields.flavors !== 'object' || Array.isArray(fields.flavors))
    throw new DomainError('invalid', 'Model json field flavors must be a dictionary.', 'model_json');
  await recordLoggedModel(db, caller.project.id, input.run_id, fields);
  return {};
});
