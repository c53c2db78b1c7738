// The request sequences of MLflow's Python client for artifacts, replayed through the in-process app:
// MlflowArtifactsRepository turns `mlflow-artifacts:/<path>` into `<tracking uri>/api/2.0/mlflow-artifacts/artifacts/<path>`
// and HttpArtifactRepository then PUTs each file, lists with `GET …/artifacts?path=<dir>` and GETs each file.
import { expect } from 'vitest';
import type { MlflowApp } from './mlflow';

type FileInfo = { path: string; is_dir: boolean; file_size?: number };
export type Tree = Record<string, Buffer>;

/** The proxy path an `mlflow-artifacts:` URI stands for (mlflow_artifacts_repo.py resolve_uri). */
export function proxyPathOf(uri: string): string {
  expect(uri).toMatch(/^mlflow-artifacts:\//);
  return uri.replace(/^mlflow-artifacts:\/+/, '').replace(/\/+$/, '');
}

/** The client's first step for any run artifact call: runs/get for the run's artifact_uri. */
export async function runArtifactRoot(m: MlflowApp, runId: string): Promise<string> {
  const res = await m.get('runs/get', { run_id: runId });
  expect(res.status).toBe(200);
  return proxyPathOf((res.json.run as { info: { artifact_uri: string } }).info.artifact_uri);
}

// mlflow.utils.mime_type_utils._guess_mime_type, for the names the tests use.
const MIME: Record<string, string> = {
  '.txt': 'text/plain',
  '.json': 'application/json',
  '.png': 'image/png',
  '.yaml': 'text/x-yaml',
  '.pkl': 'application/octet-stream',
};
const mimeOf = (name: string) => MIME[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream';

const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');

/** log_artifact(local_file, artifact_path): one PUT of the raw bytes, Content-Type guessed from the name. */
export async function logArtifact(m: MlflowApp, root: string, name: string, bytes: Buffer, artifactPath?: string) {
  const path = [root, artifactPath, name].filter(Boolean).join('/');
  const res = await m.artifacts('PUT', `artifacts/${encodePath(path)}`, {
    body: bytes,
    headers: { 'content-type': mimeOf(name) },
  });
  expect(res.status, res.text).toBe(200);
  expect(res.json).toEqual({});
}

/** log_artifacts(local_dir, artifact_path): os.walk order, one log_artifact per file. */
export async function logArtifacts(m: MlflowApp, root: string, tree: Tree, artifactPath?: string) {
  for (const [rel, bytes] of Object.entries(tree)) {
    const slash = rel.lastIndexOf('/');
    const dir = [artifactPath, slash >= 0 ? rel.slice(0, slash) : ''].filter(Boolean).join('/');
    await logArtifact(m, root, rel.slice(slash + 1), bytes, dir || undefined);
  }
}

/** list_artifacts(path): `GET artifacts?path=<root>/<path>`; names come back relative to the listed folder. */
export async function listArtifacts(m: MlflowApp, root: string, path?: string): Promise<FileInfo[]> {
  const res = await m.artifacts('GET', 'artifacts', { query: { path: path ? `${root}/${path}` : root } });
  expect(res.status, res.text).toBe(200);
  const files = (res.json.files ?? []) as FileInfo[];
  return files
    .map((f) => ({ ...f, path: path ? `${path}/${f.path}` : f.path }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** download_artifacts(path): a folder is listed recursively and each file fetched with a streamed GET. */
export async function downloadArtifacts(m: MlflowApp, root: string, path = ''): Promise<Tree> {
  const out: Tree = {};
  const listed = await listArtifacts(m, root, path || undefined);
  if (path && listed.length === 0) {
    out[path] = await downloadFile(m, `${root}/${path}`);
    return out;
  }
  for (const f of listed) {
    if (f.is_dir) Object.assign(out, await downloadArtifacts(m, root, f.path));
    else out[f.path] = await downloadFile(m, `${root}/${f.path}`);
  }
  return out;
}

export async function downloadFile(m: MlflowApp, path: string): Promise<Buffer> {
  const res = await m.artifacts('GET', `artifacts/${encodePath(path)}`);
  expect(res.status, res.text).toBe(200);
  return res.bytes;
}

/** What `mlflow.sklearn.save_model` writes into a model folder (contents shortened, names exact). */
export function sklearnModelFiles(runId: string, artifactPath = 'model'): { tree: Tree; modelJson: string } {
  const model = {
    artifact_path: artifactPath,
    flavors: {
      python_function: { model_path: 'model.pkl', loader_module: 'mlflow.sklearn', python_version: '3.11.9' },
      sklearn: { pickled_model: 'model.pkl', sklearn_version: '1.5.1', serialization_format: 'cloudpickle' },
    },
    mlflow_version: '2.16.2',
    model_uuid: 'b0c1b2f3a4d54e6f8a9b0c1d2e3f4a5b',
    run_id: runId,
    utc_time_created: '2026-12-03 10:00:00.000000',
  };
  const mlmodel = `artifact_path: ${artifactPath}\nflavors:\n  sklearn:\n    pickled_model: model.pkl\nrun_id: ${runId}\n`;
  return {
    tree: {
      MLmodel: Buffer.from(mlmodel),
      'conda.yaml': Buffer.from('channels: [conda-forge]\ndependencies: [python=3.11.9]\n'),
      'model.pkl': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
      'python_env.yaml': Buffer.from('python: 3.11.9\n'),
      'requirements.txt': Buffer.from('mlflow==2.16.2\nscikit-learn==1.5.1\n'),
    },
    modelJson: JSON.stringify(model),
  };
}
