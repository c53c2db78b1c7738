// Where the UI's artifact routes read: a run's artifact URI, or a model version's source resolved the way
// MLflow resolves it (runs:/<run>/<path> → that run's artifacts; mlflow-artifacts:/… as is).
import type { Db } from '@/db/client';
import { getModelVersion } from '@/db/queries/registry';
import { getRunRow } from '@/db/queries/runs';
import { runId as runIdSchema, versionNumber } from '@/lib/ids';
import { notFound } from '@/lib/errors';
import { modelNameParam } from '@/lib/monitoring/route-params';
import type { Caller } from '@/server/api';
import { resolveModelSource } from '@/server/mlflow/model-sources';
import { artifactRoutes } from './routes';

type Params = Record<string, string | string[] | undefined>;
const param = (params: Params, key: string) => (typeof params[key] === 'string' ? params[key] : '');

export async function runArtifactRoot(db: Db, caller: Caller, params: Params) {
  const id = runIdSchema.safeParse(param(params, 'runId'));
  if (!id.success) throw notFound(`Run with id=${param(params, 'runId')}`);
  const run = await getRunRow(db, caller.project.id, id.data);
  return { root: { projectSlug: caller.project.slug, artifactUri: run.artifactUri }, name: run.name || run.id };
}

export async function modelVersionArtifactRoot(db: Db, caller: Caller, params: Params) {
  const name = modelNameParam(params);
  const number = versionNumber.safeParse(param(params, 'version'));
  if (!number.success) throw notFound(`Model Version (name=${name}, version=${param(params, 'version')})`);
  const { version } = await getModelVersion(db, caller.project.id, name, number.data);
  const artifactUri = await resolveModelSource(db, caller.project.id, version.source);
  return { root: { projectSlug: caller.project.slug, artifactUri }, name: `${name}-v${number.data}` };
}

export const runArtifactRoutes = artifactRoutes(runArtifactRoot);
export const modelVersionArtifactRoutes = artifactRoutes(modelVersionArtifactRoot);
