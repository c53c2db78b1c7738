import type { Db } from '@/db/client';
import { getRunRow } from '@/db/queries/runs';

/**
 * The artifact location a registered source stands for: `runs:/<run>/<path>` is the run's artifact URI plus
 * the path (MLflow's RunsArtifactRepository.get_underlying_uri); anything else is already a location.
 * A source whose run is gone is answered as registered.
 */
export async function resolveModelSource(db: Db, projectId: string, source: string): Promise<string> {
  const runs = /^runs:\/+([^/]+)(?:\/(.*))?$/.exec(source);
  if (runs) {
    const run = await getRunRow(db, projectId, runs[1]!).catch(() => null);
    if (!run) return source;
    const rel = (runs[2] ?? '').replace(/\/+$/, '');
    return rel ? `${run.artifactUri}/${rel}` : run.artifactUri;
  }
  return source;
}
