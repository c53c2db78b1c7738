import { describe, expect, it } from 'vitest';
import { BATCH_LIMITS, type FetchLike, MlflowApiError, createMlflowClient, splitBatch } from '@/scripts/mlflow-client';

// The seed's MLflow client against the REST contract as MLflow documents it (REST API reference, service.proto):
// paths under /api/2.0/mlflow/, GET fields in the query string, POST fields as a snake_case JSON body, a Bearer
// token, and {"error_code", "message"} errors. No database: a fake transport records what is sent.

type Sent = { url: string; method: string; headers: Record<string, string>; body: unknown };

function fakeServer(answer: (s: Sent) => { status?: number; json?: unknown; text?: string }) {
  const sent: Sent[] = [];
  const fetch: FetchLike = async (url, init) => {
    const s: Sent = {
      url,
      method: init.method,
      headers: init.headers,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body,
    };
    sent.push(s);
    const a = answer(s);
    return new Response(a.text ?? JSON.stringify(a.json ?? {}), {
      status: a.status ?? 200,
      headers: { 'content-type': 'application/json' },
    });
  };
  return { sent, client: createMlflowClient({ baseUrl: 'http://tracking.example:5000/', token: 'rbt_secret', fetch }) };
}

describe('MLflow client requests', () => {
  it('creates an experiment with a POST body and a Bearer token', async () => {
    const { sent, client } = fakeServer(() => ({ json: { experiment_id: '7' } }));
    expect(await client.createExperiment('Random forest', [{ key: 'k', value: 'v' }])).toBe('7');
    expect(sent[0]).toMatchObject({
      url: 'http://tracking.example:5000/api/2.0/mlflow/experiments/create',
      method: 'POST',
      headers: { authorization: 'Bearer rbt_secret', 'content-type': 'application/json' },
      body: { name: 'Random forest', tags: [{ key: 'k', value: 'v' }] },
    });
  });

  it('looks an experiment up by name in the query string, and answers null for RESOURCE_DOES_NOT_EXIST', async () => {
    const { sent, client } = fakeServer((s) =>
      s.url.includes('Missing')
        ? {
            status: 404,
            json: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: "Could not find experiment with name 'Missing'" },
          }
        : { json: { experiment: { experiment_id: 3, name: 'Logistic regression', lifecycle_stage: 'active' } } },
    );
    expect(await client.getExperimentByName('Logistic regression')).toEqual({
      experiment_id: '3',
      name: 'Logistic regression',
      lifecycle_stage: 'active',
    });
    expect(sent[0]).toMatchObject({ method: 'GET', body: undefined });
    expect(sent[0]!.url).toBe(
      'http://tracking.example:5000/api/2.0/mlflow/experiments/get-by-name?experiment_name=Logistic+regression',
    );
    expect(await client.getExperimentByName('Missing')).toBeNull();
  });

  it('creates, finishes and logs inputs for a run with MLflow’s field names', async () => {
    const { sent, client } = fakeServer((s) =>
      s.url.endsWith('runs/create')
        ? { json: { run: { info: { run_id: 'r1', run_uuid: 'r1', experiment_id: '3', status: 'RUNNING' }, data: {} } } }
        : s.url.endsWith('runs/update')
          ? { json: { run_info: { run_id: 'r1', experiment_id: '3', status: 'FINISHED', end_time: 20 } } }
          : { json: {} },
    );
    const info = await client.createRun({
      experimentId: '3',
      runName: 'rf',
      startTime: 10,
      tags: [{ key: 'runboard.seed', value: '42' }],
    });
    expect(info.run_id).toBe('r1');
    const dataset = {
      name: 'seattle-weather',
      digest: 'abc',
      source_type: 'http',
      source: '{"url":"u"}',
      schema: '{}',
      profile: '{}',
    };
    await client.logInputs('r1', [{ tags: [{ key: 'mlflow.data.context', value: 'training' }], dataset }]);
    expect((await client.updateRun('r1', { status: 'FINISHED', endTime: 20 })).status).toBe('FINISHED');
    await client.deleteRun('r1');
    expect(sent.map((s) => [s.url.replace(/^.*mlflow\//, ''), s.body])).toEqual([
      [
        'runs/create',
        { experiment_id: '3', run_name: 'rf', start_time: 10, tags: [{ key: 'runboard.seed', value: '42' }] },
      ],
      [
        'runs/log-inputs',
        { run_id: 'r1', datasets: [{ tags: [{ key: 'mlflow.data.context', value: 'training' }], dataset }] },
      ],
      ['runs/update', { run_id: 'r1', status: 'FINISHED', end_time: 20 }],
      ['runs/delete', { run_id: 'r1' }],
    ]);
  });

  it('searches runs with experiment ids, a filter and a page token', async () => {
    const { sent, client } = fakeServer(() => ({
      json: { runs: [{ info: { run_id: 'a', experiment_id: '1' } }], next_page_token: 'p2' },
    }));
    const page = await client.searchRuns({
      experimentIds: ['1'],
      filter: "tags.x = 'y'",
      maxResults: 10,
      pageToken: 'p1',
    });
    expect(page).toEqual({ runs: [{ info: { run_id: 'a', experiment_id: '1' } }], nextPageToken: 'p2' });
    expect(sent[0]!.body).toEqual({
      experiment_ids: ['1'],
      filter: "tags.x = 'y'",
      run_view_type: 'ACTIVE_ONLY',
      max_results: 10,
      page_token: 'p1',
    });
  });

  it('turns MLflow error bodies into MlflowApiError with status and error_code', async () => {
    const { client } = fakeServer(() => ({
      status: 400,
      json: { error_code: 'INVALID_PARAMETER_VALUE', message: 'Changing param values is not allowed.' },
    }));
    const err = await client.logBatch('r1', { params: [{ key: 'lr', value: '1' }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MlflowApiError);
    expect(err).toMatchObject({ status: 400, errorCode: 'INVALID_PARAMETER_VALUE', endpoint: 'runs/log-batch' });
  });

  it('PUTs, lists and GETs artifacts through the proxy path an mlflow-artifacts: URI stands for', async () => {
    const { sent, client } = fakeServer((s) =>
      s.method === 'PUT'
        ? { json: {} }
        : s.url.includes('?path=')
          ? { json: { files: [{ path: 'MLmodel', is_dir: false, file_size: 3 }] } }
          : s.url.includes('missing')
            ? { status: 404, json: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'not found' } }
            : { text: 'a: 1' },
    );
    const uri = 'mlflow-artifacts:/demo/3/r1/artifacts';
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    await client.logArtifact(uri, 'plots/roc curve.png', png, 'image/png');
    expect(sent[0]).toMatchObject({
      url: 'http://tracking.example:5000/api/2.0/mlflow-artifacts/artifacts/demo/3/r1/artifacts/plots/roc%20curve.png',
      method: 'PUT',
      headers: { authorization: 'Bearer rbt_secret', 'content-type': 'image/png' },
      body: png,
    });
    expect(await client.listArtifacts(uri, 'model')).toEqual([{ path: 'MLmodel', is_dir: false, file_size: 3 }]);
    expect(sent[1]).toMatchObject({
      url: 'http://tracking.example:5000/api/2.0/mlflow-artifacts/artifacts?path=demo%2F3%2Fr1%2Fartifacts%2Fmodel',
      method: 'GET',
    });
    expect((await client.downloadArtifact(uri, 'model/MLmodel'))?.toString()).toBe('a: 1');
    expect(await client.downloadArtifact(uri, 'missing.txt')).toBeNull();
    await expect(client.logArtifact('s3://bucket/x', 'a.txt', 'a', 'text/plain')).rejects.toThrow(/mlflow-artifacts/);
  });

  it('reports a body that is not JSON instead of crashing', async () => {
    const { client } = fakeServer(() => ({ status: 502, text: '<html>Bad gateway</html>' }));
    await expect(client.deleteRun('r1')).rejects.toMatchObject({ status: 502, errorCode: 'MALFORMED_RESPONSE' });
  });
});

describe('log-batch splitting', () => {
  it('sends everything, in order, in requests within MLflow’s per-request limits', async () => {
    const metrics = Array.from({ length: 2500 }, (_, i) => ({
      key: `m${i % 3}`,
      value: i,
      timestamp: 1000 + i,
      step: i,
    }));
    const params = Array.from({ length: 150 }, (_, i) => ({ key: `p${i}`, value: String(i) }));
    const tags = [{ key: 't', value: 'v' }];
    const { sent, client } = fakeServer(() => ({ json: {} }));
    const requests = await client.logBatch('run-1', { metrics, params, tags });
    expect(requests).toBe(sent.length);
    for (const s of sent) {
      const b = s.body as { run_id: string; metrics: unknown[]; params: unknown[]; tags: unknown[] };
      expect(b.run_id).toBe('run-1');
      expect(b.metrics.length).toBeLessThanOrEqual(BATCH_LIMITS.metrics);
      expect(b.params.length).toBeLessThanOrEqual(BATCH_LIMITS.params);
      expect(b.tags.length).toBeLessThanOrEqual(BATCH_LIMITS.tags);
      expect(b.metrics.length + b.params.length + b.tags.length).toBeLessThanOrEqual(BATCH_LIMITS.total);
    }
    const bodies = sent.map((s) => s.body as { metrics: unknown[]; params: unknown[]; tags: unknown[] });
    expect(bodies.flatMap((b) => b.metrics)).toEqual(metrics);
    expect(bodies.flatMap((b) => b.params)).toEqual(params);
    expect(bodies.flatMap((b) => b.tags)).toEqual(tags);
  });

  it('sends nothing for an empty batch', () => {
    expect(splitBatch({})).toEqual([]);
  });
});
