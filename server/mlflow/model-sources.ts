import type { Db } from '@/db/client';
import { getLoggedModelLocation } from '@/db/queries/logged-models';
import { getRunRow } from '@/db/queries/runs';
import { LOGGED_MODEL_ID } from '@/lib/tracking/logged-models';

/** `models:/<model_id>` (MLflow 3's source for a logged model's version) → the model id; else null. */
export function loggedModelIdOfSource(source: string): string | null {
  const id = /^models:\/+([^/]+)\/*$/.exec(source)?.[1];
  return id && LOGGED_MODEL_ID.test(id) ? id : null;
}

/**
 * The artifact location a registered source stands for: `runs:/<run>/<path>` is the run's artifact URI plus
 * the path (MLflow's RunsArtifactRepository.get_underlying_uri), `models:/<model_id>` the logged model's
 * artifact location (MLflow 3's storage_location); anything else is already a location. A source whose run
 * or model is gone is answered as registered.
 */
export async function resolveModelSource(db: Db, projectId: string, source: string): Promise<string> {
  const runs = /^runs:\/+([^/]+)(?:\/(.*))?$/.exec(source);
  if (runs) {
    const run = await getRunRow(db, projectId, runs[1]!).catch(() => null);
    if (!run) return source;
    const rel = (runs[2] ?? '').replace(/\/+$/, '');
    return rel ? `${run.artifactUri}/${rel}` : run.artifactUri;
  }
  const modelId = loggedModelIdOfSource(source);
  if (modelId) return (await getLoggedModelLocation(db, projectId, modelId)) ?? source;
  return source;
}
