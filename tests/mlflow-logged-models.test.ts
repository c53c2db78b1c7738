// MLflow 3 logged models as the Python client drives them, on both artifact stores. The sequence of
// `mlflow.<flavor>.log_model(model, name=..., registered_model_name=...)` (mlflow/models/model.py Model.log and
// mlflow/tracking/_model_registry/fluent.py _register_model): create the logged model with the run as its
// source, log the run's output, upload the files to the model's artifact_location through the proxy, finalize
// it READY, then register `models:/<model_id>` and tag the model with the version it became.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listLoggedModelsForRun } from '@/db/queries/logged-models';
import { collectArtifactGarbage } from '@/server/artifacts/gc';
import { setArtifactStore } from '@/server/artifacts/store';
import { type OpenStore, STORE_KINDS, openArtifactStore } from './helpers/artifact-stores';
import { type MlflowApp, errorOf, newExperiment, newRun, openMlflowApp, readRun } from './helpers/mlflow';
import {
  downloadArtifacts,
  downloadFile,
  logArtifacts,
  proxyPathOf,
  sklearnModelFiles,
} from './helpers/mlflow-artifacts';

type LoggedModelJson = {
  info: {
    model_id: string;
    experiment_id: string;
    name: string;
    artifact_uri: string;
    status: string;
    source_run_id?: string;
    creation_timestamp_ms: number;
    last_updated_timestamp_ms: number;
    tags?: { key: string; value: string }[];
    registrations?: { name: string; version: string }[];
  };
  data: { params?: { key: string; value: string }[]; metrics?: Record<string, unknown>[] };
};

let m: MlflowApp;
beforeAll(async () => {
  m = await openMlflowApp();
});
afterAll(async () => {
  setArtifactStore(null);
  await m?.cleanup();
});

const patch = (path: string, body: unknown, token?: string) => m.call('PATCH', path, { body, token });
const del = (path: string, body: unknown, token?: string) => m.call('DELETE', path, { body, token });
const modelOf = (reply: { json: Record<string, unknown> }) => reply.json.model as LoggedModelJson;

async function createModel(experimentId: string, body: Record<string, unknown> = {}, token?: string) {
  const res = await m.post('logged-models', { experiment_id: experimentId, ...body }, { token });
  expect(res.status, res.text).toBe(200);
  return modelOf(res);
}

describe.each(STORE_KINDS)('on the %s store', (kind) => {
  let opened: OpenStore;
  let experimentId: string;
  beforeAll(async () => {
    opened = await openArtifactStore(kind);
    setArtifactStore(opened.store);
    experimentId = await newExperiment(m, `logged-models-${kind}`);
  });
  afterAll(() => opened?.cleanup());

  it('3.x log_model(name=..., registered_model_name=...), then load_model by model id and by alias', async () => {
    const runId = await newRun(m, { experiment_id: experimentId });
    // 1. create_logged_model: the run is the source; params and the client's context tags come along.
    const created = await createModel(experimentId, {
      name: 'model',
      source_run_id: runId,
      params: [{ key: 'alpha', value: '0.5' }],
      tags: [
        { key: 'mlflow.user', value: 'ada' },
        { key: 'mlflow.source.type', value: 'LOCAL' },
      ],
    });
    const modelId = created.info.model_id;
    expect(modelId).toMatch(/^m-[0-9a-f]{32}$/);
    expect(created.info).toMatchObject({
      experiment_id: experimentId,
      name: 'model',
      source_run_id: runId,
      status: 'LOGGED_MODEL_PENDING',
      artifact_uri: `mlflow-artifacts:/tracking/${experimentId}/models/${modelId}/artifacts`,
    });
    expect(created.data.params).toEqual([{ key: 'alpha', value: '0.5' }]);

    // 2. log_outputs: the run now lists the model among its outputs.
    const outputs = await m.post('runs/outputs', { run_id: runId, models: [{ model_id: modelId, step: 0 }] });
    expect(outputs.status, outputs.text).toBe(200);
    expect(outputs.json).toEqual({});
    const run = (await m.get('runs/get', { run_id: runId })).json.run as { outputs?: unknown };
    expect(run.outputs).toEqual({ model_outputs: [{ model_id: modelId, step: 0 }] });

    // 3. log_model_artifacts: the files go to the model's own folder through the artifact proxy.
    const { tree } = sklearnModelFiles(runId, '');
    const location = proxyPathOf(created.info.artifact_uri);
    await logArtifacts(m, location, tree);

    // 4. finalize_logged_model(READY): PATCH logged-models/{id}.
    const finalized = await patch(`logged-models/${modelId}`, { model_id: modelId, status: 'LOGGED_MODEL_READY' });
    expect(finalized.status, finalized.text).toBe(200);
    expect(modelOf(finalized).info.status).toBe('LOGGED_MODEL_READY');

    // 5. _register_model("models:/<id>", name): read the model for its run, create the model and its version.
    const name = `logged-${kind}`;
    expect((await m.get(`logged-models/${modelId}`, { model_id: modelId })).status).toBe(200);
    expect((await m.post('registered-models/create', { name })).status).toBe(200);
    const version = await m.post('model-versions/create', {
      name,
      source: `models:/${modelId}`,
      run_id: runId,
      model_id: modelId,
    });
    expect(version.status, version.text).toBe(200);
    expect(version.json.model_version).toMatchObject({
      name,
      version: '1',
      source: `models:/${modelId}`,
      run_id: runId,
      model_id: modelId,
      status: 'READY',
    });
    // …then tags the logged model with the versions it became (mlflow.modelVersions).
    const tagged = await patch(`logged-models/${modelId}/tags`, {
      model_id: modelId,
      tags: [{ key: 'mlflow.modelVersions', value: JSON.stringify([{ name, version: '1' }]) }],
    });
    expect(tagged.status, tagged.text).toBe(200);
    const read = modelOf(await m.get(`logged-models/${modelId}`));
    expect(read.info.registrations).toEqual([{ name, version: '1' }]);
    expect(read.info.tags).toEqual(
      expect.arrayContaining([{ key: 'mlflow.modelVersions', value: JSON.stringify([{ name, version: '1' }]) }]),
    );

    // load_model("models:/<model_id>"): get_logged_model → artifact_uri → list and GET every file.
    const byId = modelOf(await m.get(`logged-models/${modelId}`, { model_id: modelId }));
    const filesById = await downloadArtifacts(m, proxyPathOf(byId.info.artifact_uri));
    expect(filesById).toEqual(tree);
    expect((await downloadFile(m, `${location}/MLmodel`)).equals(tree.MLmodel!)).toBe(true);

    // load_model("models:/name@champion"): alias → version → get-download-uri → the logged model's files.
    expect((await m.post('registered-models/alias', { name, alias: 'champion', version: '1' })).status).toBe(200);
    const byAlias = await m.get('registered-models/alias', { name, alias: 'champion' });
    expect((byAlias.json.model_version as { model_id: string }).model_id).toBe(modelId);
    const uri = await m.get('model-versions/get-download-uri', { name, version: '1' });
    expect(uri.json).toEqual({ artifact_uri: created.info.artifact_uri });
    expect((await downloadArtifacts(m, proxyPathOf(uri.json.artifact_uri as string))).MLmodel).toEqual(tree.MLmodel);

    // What the run page shows.
    const forRun = await listLoggedModelsForRun(m.db, m.project.id, runId);
    expect(forRun).toEqual([
      expect.objectContaining({
        id: modelId,
        name: 'model',
        status: 'READY',
        artifactLocation: created.info.artifact_uri,
        versions: [{ name, version: 1 }],
      }),
    ]);
  });

  it('removes a deleted run’s unregistered logged models and their files with gc-artifacts', async () => {
    const runId = await newRun(m, { experiment_id: experimentId });
    const model = await createModel(experimentId, { name: 'doomed', source_run_id: runId });
    const location = proxyPathOf(model.info.artifact_uri);
    await logArtifacts(m, location, { MLmodel: Buffer.from('flavors: {}\n') });
    const kept = await createModel(experimentId, { name: 'kept' });
    await logArtifacts(m, proxyPathOf(kept.info.artifact_uri), { MLmodel: Buffer.from('flavors: {}\n') });
    expect((await m.post('runs/delete', { run_id: runId })).status).toBe(200);

    const summary = await collectArtifactGarbage(m.db, opened.store);
    expect(summary.loggedModels).toBeGreaterThanOrEqual(1);
    expect(await opened.store.stat(location.replace(/\/artifacts$/, ''))).toBeNull();
    expect(errorOf(await m.get(`logged-models/${model.info.model_id}`))).toMatchObject({
      status: 404,
      error_code: 'RESOURCE_DOES_NOT_EXIST',
    });
    expect((await m.get(`logged-models/${kept.info.model_id}`)).status).toBe(200);
    expect(await opened.store.stat(`${proxyPathOf(kept.info.artifact_uri)}/MLmodel`)).not.toBeNull();
  });
});

describe('logged models API', () => {
  let experimentId: string;
  beforeAll(async () => {
    experimentId = await newExperiment(m, 'logged-models-api');
  });

  it('searches by experiment with filters on name, status, params, tags and metrics, ordered and paged', async () => {
    const runId = await newRun(m, { experiment_id: experimentId });
    const a = await createModel(experimentId, { name: 'alpha', params: [{ key: 'depth', value: '3' }] });
    const b = await createModel(experimentId, {
      name: 'beta',
      params: [{ key: 'depth', value: '6' }],
      tags: [{ key: 'team', value: 'growth' }],
    });
    const c = await createModel(experimentId, { name: 'gamma' });
    await patch(`logged-models/${b.info.model_id}`, { status: 'LOGGED_MODEL_READY' });
    // log-batch with model_id links the metric to the model as well as the run.
    const logged = await m.post('runs/log-batch', {
      run_id: runId,
      metrics: [
        { key: 'auc', value: 0.91, timestamp: 1000, step: 0, model_id: a.info.model_id, dataset_name: 'test' },
        { key: 'auc', value: 0.72, timestamp: 1000, step: 0, model_id: c.info.model_id },
      ],
    });
    expect(logged.status, logged.text).toBe(200);
    expect(modelOf(await m.get(`logged-models/${a.info.model_id}`)).data.metrics).toEqual([
      {
        key: 'auc',
        value: 0.91,
        timestamp: 1000,
        step: 0,
        dataset_name: 'test',
        model_id: a.info.model_id,
        run_id: runId,
      },
    ]);

    const search = async (body: Record<string, unknown>) => {
      const res = await m.post('logged-models/search', { experiment_ids: [experimentId], ...body });
      expect(res.status, res.text).toBe(200);
      return res.json as { models?: LoggedModelJson[]; next_page_token?: string };
    };
    const names = (r: { models?: LoggedModelJson[] }) => (r.models ?? []).map((x) => x.info.name);

    // Newest first by default.
    expect(names(await search({}))).toEqual(['gamma', 'beta', 'alpha']);
    expect(names(await search({ filter: "name = 'alpha'" }))).toEqual(['alpha']);
    expect(names(await search({ filter: "status = 'READY'" }))).toEqual(['beta']);
    expect(names(await search({ filter: "params.depth = '6' AND tags.team = 'growth'" }))).toEqual(['beta']);
    expect(names(await search({ filter: 'metrics.auc > 0.8' }))).toEqual(['alpha']);
    expect(names(await search({ filter: "name LIKE '%a'" }))).toEqual(['gamma', 'beta', 'alpha']);
    expect(names(await search({ order_by: [{ field_name: 'metrics.auc', ascending: false }] }))).toEqual([
      'alpha',
      'gamma',
      'beta',
    ]);
    expect(names(await search({ order_by: [{ field_name: 'name', ascending: true }] }))).toEqual([
      'alpha',
      'beta',
      'gamma',
    ]);
    const first = await search({ max_results: 2, order_by: [{ field_name: 'name' }] });
    expect(names(first)).toEqual(['alpha', 'beta']);
    expect(first.next_page_token).toBeTruthy();
    const second = await search({
      max_results: 2,
      order_by: [{ field_name: 'name' }],
      page_token: first.next_page_token,
    });
    expect(names(second)).toEqual(['gamma']);
    expect(second.next_page_token).toBeUndefined();
  });

  it('sets and deletes tags, logs write-once params, and deletes models', async () => {
    const model = await createModel(experimentId, { name: 'tagged' });
    const id = model.info.model_id;
    const long = 'x'.repeat(8000);
    expect((await patch(`logged-models/${id}/tags`, { tags: [{ key: 'note', value: long }] })).status).toBe(200);
    expect(modelOf(await m.get(`logged-models/${id}`)).info.tags).toEqual([{ key: 'note', value: long }]);
    expect((await del(`logged-models/${id}/tags/note`, { model_id: id, tag_key: 'note' })).status).toBe(200);
    expect(modelOf(await m.get(`logged-models/${id}`)).info.tags).toBeUndefined();
    expect(errorOf(await del(`logged-models/${id}/tags/note`, {}))).toMatchObject({
      status: 404,
      error_code: 'RESOURCE_DOES_NOT_EXIST',
    });

    const params = await m.post(`logged-models/${id}/params`, { model_id: id, params: [{ key: 'lr', value: '0.1' }] });
    expect(params.status, params.text).toBe(200);
    expect((await m.post(`logged-models/${id}/params`, { params: [{ key: 'lr', value: '0.1' }] })).status).toBe(200);
    expect(
      errorOf(await m.post(`logged-models/${id}/params`, { params: [{ key: 'lr', value: '0.9' }] })),
    ).toMatchObject({
      status: 400,
      error_code: 'INVALID_PARAMETER_VALUE',
    });
    expect(modelOf(await m.get(`logged-models/${id}`)).data.params).toEqual([{ key: 'lr', value: '0.1' }]);

    expect((await del(`logged-models/${id}`, { model_id: id })).status).toBe(200);
    expect(errorOf(await m.get(`logged-models/${id}`)).status).toBe(404);
    const found = await m.post('logged-models/search', { experiment_ids: [experimentId], filter: "name = 'tagged'" });
    expect(found.json.models).toBeUndefined();
  });

  it('answers another project’s token 404 and a viewer 403 on writes', async () => {
    const model = await createModel(experimentId, { name: 'private' });
    const id = model.info.model_id;
    const other = m.tokens.other;
    for (const reply of [
      await m.get(`logged-models/${id}`, {}, { token: other }),
      await patch(`logged-models/${id}`, { status: 'LOGGED_MODEL_READY' }, other),
      await patch(`logged-models/${id}/tags`, { tags: [{ key: 'a', value: 'b' }] }, other),
      await del(`logged-models/${id}`, {}, other),
      await m.post(`logged-models/${id}/params`, { params: [{ key: 'a', value: 'b' }] }, { token: other }),
      await m.post('logged-models', { experiment_id: experimentId }, { token: other }),
    ])
      expect(errorOf(reply)).toMatchObject({ status: 404, error_code: 'RESOURCE_DOES_NOT_EXIST' });
    const elsewhere = await m.post('logged-models/search', { experiment_ids: [] }, { token: other });
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.json.models).toBeUndefined();
    // Another project's model cannot be registered or linked from this one.
    expect((await m.post('registered-models/create', { name: 'foreign' })).status).toBe(200);
    const otherExp = await newExperiment(m, 'elsewhere-models', other);
    const foreign = await createModel(otherExp, { name: 'theirs' }, other);
    expect(
      errorOf(await m.post('model-versions/create', { name: 'foreign', source: `models:/${foreign.info.model_id}` })),
    ).toMatchObject({ status: 404, error_code: 'RESOURCE_DOES_NOT_EXIST' });
    const runId = await newRun(m, { experiment_id: experimentId });
    expect(
      errorOf(await m.post('runs/outputs', { run_id: runId, models: [{ model_id: foreign.info.model_id, step: 0 }] })),
    ).toMatchObject({ status: 404, error_code: 'RESOURCE_DOES_NOT_EXIST' });

    const viewer = m.tokens.viewer;
    expect((await m.get(`logged-models/${id}`, {}, { token: viewer })).status).toBe(200);
    expect(errorOf(await patch(`logged-models/${id}`, { status: 'LOGGED_MODEL_READY' }, viewer))).toMatchObject({
      status: 403,
      error_code: 'PERMISSION_DENIED',
    });
  });

  it('refuses bad input with 400 naming the field', async () => {
    const model = await createModel(experimentId, { name: 'strict' });
    const id = model.info.model_id;
    const cases: [Promise<{ status: number; json: Record<string, unknown>; text: string }>, RegExp][] = [
      [m.post('logged-models', {}), /experiment_id/],
      [m.post('logged-models', { experiment_id: experimentId, name: 'a/b' }), /name/],
      [m.post('logged-models', { experiment_id: experimentId, source_run_id: 'nope' }), /Run with id=nope/],
      [patch(`logged-models/${id}`, {}), /status/],
      [patch(`logged-models/${id}`, { status: 'LOGGED_MODEL_PENDING' }), /READY or FAILED/],
      [patch(`logged-models/${id}`, { status: 'DONE' }), /status/],
      [m.post('logged-models/search', { filter: 'metrics.auc > high' }), /filter/],
      [m.post('logged-models/search', { filter: "colour = 'red'" }), /filter/],
      [m.post('logged-models/search', { order_by: [{ field_name: 'params.x' }] }), /order_by/],
      [m.post('logged-models/search', { max_results: 0 }), /max_results/],
      [patch(`logged-models/${id}/tags`, { tags: [{ key: 'k', value: 'x'.repeat(8001) }] }), /8000/],
      [m.post('runs/outputs', { models: [] }), /run_id/],
      [m.call('POST', 'logged-models', { body: '{not json' }), /not valid JSON/],
    ];
    for (const [pending, message] of cases) {
      const reply = await pending;
      expect(reply.status, reply.text).toBe(reply.json.error_code === 'RESOURCE_DOES_NOT_EXIST' ? 404 : 400);
      expect(String(reply.json.message)).toMatch(message);
    }
    expect(errorOf(await m.call('POST', 'logged-models', { body: '{not json' })).error_code).toBe('BAD_REQUEST');
    expect(errorOf(await m.get('logged-models/m-00000000000000000000000000000000'))).toMatchObject({
      status: 404,
      error_code: 'RESOURCE_DOES_NOT_EXIST',
    });
    // The run keeps working for clients that never log models: no outputs field.
    const runId = await newRun(m, { experiment_id: experimentId });
    // A metric linked to an unknown model is refused, and the batch lands not at all.
    const unknown = await m.post('runs/log-batch', {
      run_id: runId,
      metrics: [{ key: 'auc', value: 0.5, timestamp: 1, step: 0, model_id: 'm-ffffffffffffffffffffffffffffffff' }],
    });
    expect(errorOf(unknown)).toMatchObject({ status: 404, error_code: 'RESOURCE_DOES_NOT_EXIST' });
    expect((await readRun(m, runId)).data.metrics ?? []).toEqual([]);
    expect((await readRun(m, runId)) as Record<string, unknown>).not.toHaveProperty('outputs');
  });
});
