// Contract tests of artifacts and models as the MLflow Python client moves them, on both stores: local disk
// and a real S3-protocol server on loopback. Each test replays the client's request sequence for one call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setArtifactStore } from '@/server/artifacts/store';
import { type OpenStore, STORE_KINDS, openArtifactStore } from './helpers/artifact-stores';
import { type MlflowApp, errorOf, newExperiment, newRun, openMlflowApp, readRun } from './helpers/mlflow';
import {
  downloadArtifacts,
  downloadFile,
  listArtifacts,
  logArtifact,
  logArtifacts,
  proxyPathOf,
  runArtifactRoot,
  sklearnModelFiles,
} from './helpers/mlflow-artifacts';
import { newModel } from './helpers/mlflow-registry';

let m: MlflowApp;
beforeAll(async () => {
  m = await openMlflowApp();
});
afterAll(async () => {
  setArtifactStore(null);
  await m?.cleanup();
});

const everyByte = Buffer.from(Array.from({ length: 256 * 4 }, (_, i) => i % 256));

describe.each(STORE_KINDS)('on the %s store', (kind) => {
  let opened: OpenStore;
  let experimentId: string;
  beforeAll(async () => {
    opened = await openArtifactStore(kind);
    setArtifactStore(opened.store);
    experimentId = await newExperiment(m, `artifacts-${kind}`);
  });
  afterAll(() => opened?.cleanup());

  it('gives experiments and runs mlflow-artifacts URIs inside the project', async () => {
    const exp = await m.get('experiments/get', { experiment_id: experimentId });
    expect((exp.json.experiment as { artifact_location: string }).artifact_location).toBe(
      `mlflow-artifacts:/tracking/${experimentId}`,
    );
    const runId = await newRun(m, { experiment_id: experimentId });
    expect((await readRun(m, runId)).info.artifact_uri).toBe(
      `mlflow-artifacts:/tracking/${experimentId}/${runId}/artifacts`,
    );
  });

  it('log_artifact → list_artifacts → download_artifacts returns the same bytes', async () => {
    const runId = await newRun(m, { experiment_id: experimentId });
    const root = await runArtifactRoot(m, runId);
    await logArtifact(m, root, 'bytes.bin', everyByte);
    await logArtifact(m, root, 'notes.txt', Buffer.from('accuracy went up\n'), 'reports');

    expect(await listArtifacts(m, root)).toEqual([
      { path: 'bytes.bin', is_dir: false, file_size: 1024 },
      { path: 'reports', is_dir: true },
    ]);
    expect(await listArtifacts(m, root, 'reports')).toEqual([
      { path: 'reports/notes.txt', is_dir: false, file_size: 17 },
    ]);
    expect(await downloadArtifacts(m, root, 'bytes.bin')).toEqual({ 'bytes.bin': everyByte });

    const listed = await m.get('artifacts/list', { run_id: runId, path: 'reports' });
    expect(listed.json).toEqual({
      root_uri: `mlflow-artifacts:/${root}`,
      files: [{ path: 'reports/notes.txt', is_dir: false, file_size: 17 }],
    });
  });

  it('log_artifacts of a folder keeps its tree, and download_artifacts of the folder returns it', async () => {
    const runId = await newRun(m, { experiment_id: experimentId });
    const root = await runArtifactRoot(m, runId);
    const tree = {
      'metrics.json': Buffer.from('{"auc": 0.91}'),
      'plots/roc.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]),
      'plots/deep/table.txt': Buffer.from('a,b\n1,2\n'),
    };
    await logArtifacts(m, root, tree, 'eval');
    expect(await downloadArtifacts(m, root, 'eval')).toEqual(
      Object.fromEntries(Object.entries(tree).map(([k, v]) => [`eval/${k}`, v])),
    );
    // A folder that holds only folders is still listed (the run root here).
    expect(await listArtifacts(m, root)).toEqual([{ path: 'eval', is_dir: true }]);
  });

  it('2.x log_model with registered_model_name, then load_model("models:/name@alias")', async () => {
    const runId = await newRun(m, { experiment_id: experimentId });
    const root = await runArtifactRoot(m, runId);
    const { tree, modelJson } = sklearnModelFiles(runId);
    // Model.log: save locally, log_artifacts(local_path, "model"), runs/log-model, then register_model.
    await logArtifacts(m, root, tree, 'model');
    expect((await m.post('runs/log-model', { run_id: runId, model_json: modelJson })).status).toBe(200);
    const name = `sk-${kind}`;
    await newModel(m, name);
    const created = await m.post('model-versions/create', {
      name,
      source: `mlflow-artifacts:/${root}/model`,
      run_id: runId,
    });
    expect(created.status, created.text).toBe(200);
    const version = (created.json.model_version as { version: string }).version;
    const polled = await m.get('model-versions/get', { name, version });
    expect((polled.json.model_version as { status: string }).status).toBe('READY');

    const history = (await readRun(m, runId)).data.tags?.find((t) => t.key === 'mlflow.log-model.history');
    expect(JSON.parse(history!.value)).toEqual([JSON.parse(modelJson)]);

    // load_model("models:/name@champion"): alias → get-download-uri → list and GET every file.
    expect((await m.post('registered-models/alias', { name, alias: 'champion', version })).status).toBe(200);
    const byAlias = await m.get('registered-models/alias', { name, alias: 'champion' });
    expect((byAlias.json.model_version as { version: string }).version).toBe(version);
    const uri = await m.get('model-versions/get-download-uri', { name, version });
    expect(uri.json).toEqual({ artifact_uri: `mlflow-artifacts:/${root}/model` });
    const location = proxyPathOf(uri.json.artifact_uri as string);
    const files = await downloadArtifacts(m, location);
    expect(files).toEqual(tree);
  });

  it('register_model("runs:/<run>/model") resolves to the run’s files for get-download-uri', async () => {
    const runId = await newRun(m, { experiment_id: experimentId });
    const root = await runArtifactRoot(m, runId);
    const { tree } = sklearnModelFiles(runId);
    await logArtifacts(m, root, tree, 'model');
    const name = `runs-${kind}`;
    await newModel(m, name);
    const created = await m.post('model-versions/create', { name, source: `runs:/${runId}/model`, run_id: runId });
    expect(created.status, created.text).toBe(200);
    const version = (created.json.model_version as { version: string }).version;
    const uri = await m.get('model-versions/get-download-uri', { name, version });
    expect(uri.json).toEqual({ artifact_uri: `mlflow-artifacts:/${root}/model` });
    expect(await downloadFile(m, `${root}/model/MLmodel`)).toEqual(tree.MLmodel);
  });

  it('deletes a file or folder through DELETE artifacts/<path>', async () => {
    const runId = await newRun(m, { experiment_id: experimentId });
    const root = await runArtifactRoot(m, runId);
    await logArtifacts(m, root, { 'a.txt': Buffer.from('a'), 'sub/b.txt': Buffer.from('b') });
    expect((await m.artifacts('DELETE', `artifacts/${root}/sub`)).status).toBe(200);
    expect(await listArtifacts(m, root)).toEqual([{ path: 'a.txt', is_dir: false, file_size: 1 }]);
    expect(errorOf(await m.artifacts('GET', `artifacts/${root}/sub/b.txt`))).toMatchObject({
      status: 404,
      error_code: 'RESOURCE_DOES_NOT_EXIST',
    });
  });

  it('refuses a file beyond the operator limit with 413 RESOURCE_LIMIT_EXCEEDED and keeps nothing', async () => {
    const runId = await newRun(m, { experiment_id: experimentId });
    const root = await runArtifactRoot(m, runId);
    process.env.RUNBOARD_ARTIFACT_MAX_BYTES = '1000';
    try {
      const res = await m.artifacts('PUT', `artifacts/${root}/big.bin`, { body: Buffer.alloc(1001, 7) });
      expect(errorOf(res)).toEqual({
        status: 413,
        error_code: 'RESOURCE_LIMIT_EXCEEDED',
        message: expect.stringContaining('1000 bytes'),
      });
      expect((await m.artifacts('PUT', `artifacts/${root}/ok.bin`, { body: Buffer.alloc(1000, 7) })).status).toBe(200);
    } finally {
      delete process.env.RUNBOARD_ARTIFACT_MAX_BYTES;
    }
    expect(await listArtifacts(m, root)).toEqual([{ path: 'ok.bin', is_dir: false, file_size: 1000 }]);
  });

  it('keeps a project’s artifacts from another project’s token and refuses path tricks', async () => {
    const runId = await newRun(m, { experiment_id: experimentId });
    const root = await runArtifactRoot(m, runId);
    await logArtifact(m, root, 'secret.txt', Buffer.from('only for tracking'));
    const other = { token: m.tokens.other };
    for (const [method, path, opts] of [
      ['GET', `artifacts/${root}/secret.txt`, other],
      ['PUT', `artifacts/${root}/secret.txt`, { ...other, body: 'overwritten' }],
      ['DELETE', `artifacts/${root}/secret.txt`, other],
      ['GET', 'artifacts', { ...other, query: { path: root } }],
    ] as const) {
      const res = await m.artifacts(method, path, opts);
      expect(errorOf(res), `${method} ${path}`).toMatchObject({ status: 404, error_code: 'RESOURCE_DOES_NOT_EXIST' });
      expect(res.text).not.toContain('only for tracking');
    }
    expect(
      errorOf(await m.artifacts('PUT', `artifacts/${root}/x.txt`, { token: m.tokens.viewer, body: 'x' })),
    ).toMatchObject({ status: 403, error_code: 'PERMISSION_DENIED' });
    for (const trick of [
      `${root}/../../../elsewhere/1/secret.txt`,
      `${root}/%2E%2E/%2E%2E/x`,
      `${root}/%252E%252E/x`,
      `${root}/a%5Cb`,
      `${root}/a%00b`,
      `${root}/a%2Fb`,
      `${root}//x`,
    ]) {
      const res = await m.artifacts('PUT', `artifacts/${trick}`, { body: 'x' });
      expect(res.status, trick).toBe(400);
      expect(res.json.error_code, trick).toBe('INVALID_PARAMETER_VALUE');
    }
    expect((await m.artifacts('GET', 'artifacts', { query: { path: `${root}/../../../../elsewhere` } })).status).toBe(
      400,
    );
    expect(await downloadArtifacts(m, root)).toEqual({ 'secret.txt': Buffer.from('only for tracking') });
  });

  it('answers server-info and multipart uploads as the store allows', async () => {
    const { serverInfoRoute } = await import('@/server/mlflow/server-info');
    const info = await serverInfoRoute(
      new Request('http://localhost/api/3.0/mlflow/server-info', {
        headers: { authorization: `Bearer ${m.tokens.viewer}` },
      }),
      { params: Promise.resolve({}) },
    );
    expect(await info.json()).toMatchObject({ store_type: 'SqlStore', multipart_uploads_enabled: kind === 's3' });

    const runId = await newRun(m, { experiment_id: experimentId });
    const root = await runArtifactRoot(m, runId);
    const create = await m.artifacts('POST', `mpu/create/${root}/big`, {
      body: { path: '/home/ds/outputs/weights.bin', num_parts: 2 },
    });
    if (kind === 'local') {
      expect(errorOf(create)).toMatchObject({ status: 501, error_code: 'NOT_IMPLEMENTED' });
      expect(create.json.message).toMatch(/^Multipart upload is not supported for the current artifact repository/);
      return;
    }
    expect(create.status, create.text).toBe(200);
    const { upload_id, credentials } = create.json as {
      upload_id: string;
      credentials: { url: string; part_number: number; headers: Record<string, string> }[];
    };
    expect(credentials.map((c) => c.part_number)).toEqual([1, 2]);
    // The client PUTs each part straight to the presigned URL and keeps the ETag it answers.
    const parts = [Buffer.alloc(5 * 1024 * 1024, 1), Buffer.from('tail')];
    const etags = [];
    for (const [i, c] of credentials.entries()) {
      const res = await fetch(c.url, { method: 'PUT', body: new Uint8Array(parts[i]!), headers: c.headers });
      expect(res.status).toBe(200);
      etags.push({ part_number: c.part_number, etag: res.headers.get('etag')!, url: c.url });
    }
    const complete = await m.artifacts('POST', `mpu/complete/${root}/big`, {
      body: { path: '/home/ds/outputs/weights.bin', upload_id, parts: etags },
    });
    expect(complete.status, complete.text).toBe(200);
    expect(await listArtifacts(m, root, 'big')).toEqual([
      { path: 'big/weights.bin', is_dir: false, file_size: 5 * 1024 * 1024 + 4 },
    ]);
  });
});
