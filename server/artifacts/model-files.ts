// What a model version page shows of the model's files: the folder its source names in the artifact store,
// and what its MLmodel says (flavors, signature, input example).
import type { Db } from '@/db/client';
import { type MlmodelSummary, parseMlmodel } from '@/lib/artifacts/mlmodel';
import { describeErrorForLog } from '@/lib/log-error';
import { resolveModelSource } from '@/server/mlflow/model-sources';
import { type ArtifactListing, listArtifactsResponse, readArtifactText } from './http';

const MLMODEL_MAX_BYTES = 1024 * 1024;
const EXAMPLE_MAX_BYTES = 64 * 1024;

export type ModelFiles =
  | { state: 'unreadable' }
  | {
      state: 'ok';
      location: string;
      files: ArtifactListing['files'];
      mlmodel: MlmodelSummary | null;
      example: { path: string; type: string; text: string; truncated: boolean } | null;
    };

export async function loadModelFiles(
  db: Db,
  project: { id: string; slug: string },
  source: string,
): Promise<ModelFiles> {
  const location = await resolveModelSource(db, project.id, source);
  const root = { projectSlug: project.slug, artifactUri: location };
  try {
    const { files } = await listArtifactsResponse(root, '');
    const hasMlmodel = files.some((f) => f.path === 'MLmodel' && !f.isDir);
    const text = hasMlmodel ? await readArtifactText(root, 'MLmodel', MLMODEL_MAX_BYTES) : null;
    const mlmodel = text ? parseMlmodel(text.text) : null;
    const info = mlmodel?.inputExample;
    let example = null;
    if (info) {
      const read = await readArtifactText(root, info.path, EXAMPLE_MAX_BYTES).catch(() => null);
      if (read) example = { ...info, ...read };
    }
    return { state: 'ok', location, files, mlmodel, example };
  } catch (err) {
    console.error('model files unreadable', describeErrorForLog(err));
    return { state: 'unreadable' };
  }
}
