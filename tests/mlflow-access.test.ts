// Who may call the MLflow API and what the transport looks like: tokens (Bearer and Basic), roles, project
// scoping, the three URL prefixes, unknown endpoints, malformed bodies, and the activity log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listProjectActivity } from '@/db/queries/activity';
import { type MlflowApp, errorOf, newExperiment, newRun, openMlflowApp } from './helpers/mlflow';
import { snapshotDatabase } from './helpers/db-snapshot';

let m: MlflowApp;
let exp: string;
let run: string;
beforeAll(async () => {
  m = await openMlflowApp();
  exp = await newExperiment(m, 'guarded');
  run = await newRun(m, { experiment_id: exp });
  await m.post('runs/log-batch', {
    run_id: run,
    metrics: [{ key: 'm', value: 1, timestamp: 1 }],
    tags: [{ key: 'gone', value: 'soon' }],
  });
});
afterAll(() => m?.cleanup());

// Every endpoint of this issue with a valid request, so that a refusal shows authorization stopped it.
const WRITES: [string, () => Record<string, unknown>][] = [
  ['experiments/create', () => ({ name: 'made-by-caller' })],
  ['experiments/update', () => ({ experiment_id: exp, new_name: 'renamed-by-caller' })],
  ['experiments/delete', () => ({ experiment_id: exp })],
  ['experiments/restore', () => ({ experiment_id: exp })],
  ['experiments/set-experiment-tag', () => ({ experiment_id: exp, key: 'k', value: 'v' })],
  ['experiments/delete-experiment-tag', () => ({ experiment_id: exp, key: 'k' })],
  ['runs/create', () => ({ experiment_id: exp })],
  ['runs/update', () => ({ run_id: run, status: 'KILLED' })],
  ['runs/delete', () => ({ run_id: run })],
  ['runs/restore', () => ({ run_id: run })],
  ['runs/log-metric', () => ({ run_id: run, key: 'm', value: 2, timestamp: 2 })],
  ['runs/log-parameter', () => ({ run_id: run, key: 'p', value: '1' })],
  ['runs/set-tag', () => ({ run_id: run, key: 't', value: '1' })],
  ['runs/delete-tag', () => ({ run_id: run, key: 'gone' })],
  ['runs/log-batch', () => ({ run_id: run, metrics: [{ key: 'm', value: 3, timestamp: 3 }] })],
  [
    'runs/log-model',
    () => ({
      run_id: run,
      model_json: JSON.stringify({ artifact_path: 'model', flavors: {}, utc_time_created: '2026-01-01', run_id: run }),
    }),
  ],
  [
    'runs/log-inputs',
    () => ({ run_id: run, datasets: [{ dataset: { name: 'd', digest: 'x', source_type: 's', source: 'y' } }] }),
  ],
  ['runs/outputs', () => ({ run_id: run, models: [] })],
];
// MLflow 3's logged-model endpoints, probed for roles and project scoping in mlflow-logged-models.test.ts.
const LOGGED_MODEL_ENDPOINTS = [
  'POST logged-models',
  'POST logged-models/search',
  'GET logged-models/{model_id}',
  'PATCH logged-models/{model_id}',
  'DELETE logged-models/{model_id}',
  'PATCH logged-models/{model_id}/tags',
  'DELETE logged-models/{model_id}/tags/{tag_key}',
  'POST logged-models/{model_id}/params',
];
const READS: [string, string, () => Record<string, unknown>][] = [
  ['GET', 'experiments/get', () => ({ experiment_id: exp })],
  ['GET', 'experiments/get-by-name', () => ({ experiment_name: 'guarded' })],
  ['GET', 'experiments/search', () => ({})],
  ['POST', 'experiments/search', () => ({})],
  ['GET', 'experiments/list', () => ({})],
  ['GET', 'runs/get', () => ({ run_id: run })],
  ['GET', 'artifacts/list', () => ({ run_id: run })],
  ['POST', 'runs/search', () => ({ experiment_ids: [exp] })],
  ['GET', 'metrics/get-history', () => ({ run_id: run, metric_key: 'm' })],
  ['GET', 'metrics/get-history-bulk-interval', () => ({ run_ids: run, metric_key: 'm' })],
];
const read = (method: string, path: string, fields: Record<string, unknown>, token?: string | null) =>
  method === 'GET' ? m.get(path, fields as Record<string, string>, { token }) : m.post(path, fields, { token });

describe('the router', () => {
  it('serves exactly the tracking endpoints of MLflow REST 2.0 (plus the legacy list), beside the registry', async () => {
    const { MLFLOW_ROUTES } = await import('@/server/mlflow/router');
    const { REGISTRY_ROUTES } = await import('@/server/mlflow/registry-routes');
    const tracking = Object.keys(MLFLOW_ROUTES).filter((key) => !(key in REGISTRY_ROUTES));
    expect(tracking.sort()).toEqual(
      [
        ...WRITES.map(([p]) => `POST ${p}`),
        ...READS.map(([method, p]) => `${method} ${p}`),
        ...LOGGED_MODEL_ENDPOINTS,
      ].sort(),
    );
  });

  it('is mounted under /api/2.0/mlflow, /ajax-api/2.0/mlflow and /api/2.0/preview/mlflow', async () => {
    const router = await import('@/server/mlflow/router');
    const files = [
      await import('@/app/api/2.0/mlflow/[...path]/route'),
      await import('@/app/ajax-api/2.0/mlflow/[...path]/route'),
      await import('@/app/api/2.0/preview/mlflow/[...path]/route'),
    ];
    for (const file of files) {
      expect(file.dynamic).toBe('force-dynamic');
      expect([file.GET, file.POST, file.PATCH, file.DELETE]).toEqual([
        router.GET,
        router.POST,
        router.PATCH,
        router.DELETE,
      ]);
    }
    for (const prefix of ['/api/2.0/mlflow/', '/ajax-api/2.0/mlflow/', '/api/2.0/preview/mlflow/'] as const) {
      const res = await m.call('GET', 'runs/get', { prefix, query: { run_id: run } });
      expect(res.status, prefix).toBe(200);
    }
  });

  it('answers 404 ENDPOINT_NOT_FOUND for unknown paths and wrong methods, after authenticating', async () => {
    for (const [method, path] of [
      ['POST', 'runs/launch'],
      ['GET', 'runs/create'],
      ['POST', 'runs/get'],
      ['PATCH', 'runs/update'],
      ['DELETE', 'runs/delete'],
      ['GET', ''],
    ]) {
      const res = await m.call(method!, path!, { body: method === 'GET' ? undefined : {} });
      expect(errorOf(res), `${method} ${path}`).toEqual({
        status: 404,
        error_code: 'ENDPOINT_NOT_FOUND',
        message: expect.any(String),
      });
    }
    expect((await m.call('POST', 'runs/launch', { token: null, body: {} })).status).toBe(401);
  });

  it('answers 400 for a body that is not JSON, and decodes a double-encoded one', async () => {
    expect(errorOf(await m.post('runs/log-metric', '{"run_id": '))).toMatchObject({
      status: 400,
      message: 'The request body is not valid JSON.',
    });
    expect(
      (await m.post('runs/set-tag', JSON.stringify(JSON.stringify({ run_id: run, key: 'enc', value: 'twice' }))))
        .status,
    ).toBe(200);
  });
});

describe('authentication', () => {
  it.each([
    ['no token', { token: null }],
    ['a garbage token', { token: 'rbt_garbage' }],
    ['a revoked token', { token: 'revoked' }],
    ['an unknown scheme', { authorization: 'Token abc' }],
  ] as const)('answers 401 UNAUTHENTICATED to %s, for reads, writes and unknown paths alike', async (_label, opts) => {
    const token = 'token' in opts ? (opts.token === 'revoked' ? m.tokens.revoked : opts.token) : undefined;
    const auth = 'authorization' in opts ? { authorization: opts.authorization } : {};
    for (const res of [
      await m.get('runs/get', { run_id: run }, { token, ...auth }),
      await m.post('runs/log-metric', { run_id: run, key: 'x', value: 1, timestamp: 1 }, { token, ...auth }),
      await m.post('nowhere', {}, { token, ...auth }),
    ]) {
      expect(errorOf(res)).toEqual({ status: 401, error_code: 'UNAUTHENTICATED', message: expect.any(String) });
    }
  });

  it('accepts the token as the HTTP Basic password (MLFLOW_TRACKING_USERNAME/PASSWORD)', async () => {
    const authorization = `Basic ${Buffer.from(`anyone:${m.tokens.editor}`).toString('base64')}`;
    expect((await m.get('runs/get', { run_id: run }, { authorization })).status).toBe(200);
  });
});

describe('roles', () => {
  it.each(READS)('a viewer may %s %s', async (method, path, fields) => {
    const res = await read(method, path, fields(), m.tokens.viewer);
    expect(res.status, res.text).toBe(200);
  });

  it.each(WRITES)('a viewer gets 403 PERMISSION_DENIED from %s, and nothing is written', async (path, body) => {
    const before = await snapshotDatabase(m.db);
    expect(errorOf(await m.post(path, body(), { token: m.tokens.viewer }))).toEqual({
      status: 403,
      error_code: 'PERMISSION_DENIED',
      message: expect.stringMatching(/needs the editor role/),
    });
    expect(await snapshotDatabase(m.db)).toEqual(before);
  });

  it('an owner may write', async () => {
    expect(
      (await m.post('runs/set-tag', { run_id: run, key: 'by', value: 'owner' }, { token: m.tokens.owner })).status,
    ).toBe(200);
  });
});

describe('project scoping', () => {
  it.each([
    ...READS.filter(([, p]) => !p.includes('search') && !p.includes('list')),
    ...WRITES.filter(([p]) => p !== 'experiments/create' && p !== 'runs/create').map(
      ([p, b]) => ['POST', p, b] as const,
    ),
  ])(
    'another project’s token gets 404 RESOURCE_DOES_NOT_EXIST from %s %s, and nothing is written',
    async (method, path, fields) => {
      const before = await snapshotDatabase(m.db);
      const res = await read(method, path, fields(), m.tokens.other);
      expect(errorOf(res)).toMatchObject({ status: 404, error_code: 'RESOURCE_DOES_NOT_EXIST' });
      expect(await snapshotDatabase(m.db)).toEqual(before);
    },
  );

  it('another project’s searches never list this project’s experiments or runs', async () => {
    const exps = await m.post('experiments/search', { view_type: 'ALL' }, { token: m.tokens.other });
    expect(exps.text).not.toContain('guarded');
    const runs = await m.post('runs/search', {}, { token: m.tokens.other });
    expect(runs.text).not.toContain(run);
  });
});

describe('activity', () => {
  it('records API changes with the token’s user as the actor', async () => {
    const id = await newExperiment(m, 'audited', m.tokens.owner);
    const log = await listProjectActivity(m.db, m.project.id, { entityType: 'experiment' });
    expect(log.find((e) => e.entityId === id && e.action === 'create')).toMatchObject({
      userEmail: 'owner@mlflow.test',
    });
  });
});
