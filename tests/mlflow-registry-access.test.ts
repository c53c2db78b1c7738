// Who may call the registry endpoints: the route table, the three prefixes, roles (viewer reads, editor
// writes), project isolation of tokens, and the activity log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listProjectActivity } from '@/db/queries/activity';
import { type MlflowApp, errorOf, openMlflowApp } from './helpers/mlflow';
import { snapshotDatabase } from './helpers/db-snapshot';
import { newModel, newVersion } from './helpers/mlflow-registry';

let m: MlflowApp;
beforeAll(async () => {
  m = await openMlflowApp();
  await newModel(m, 'guarded', { tags: [{ key: 'gone', value: 'soon' }] });
  await newVersion(m, 'guarded', { tags: [{ key: 'gone', value: 'soon' }] });
  await m.post('registered-models/alias', { name: 'guarded', alias: 'live', version: '1' });
});
afterAll(() => m?.cleanup());

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
// Every registry endpoint with a valid request, so that a refusal shows authorization stopped it.
const WRITES: [Method, string, Record<string, unknown>][] = [
  ['POST', 'registered-models/create', { name: 'made-by-caller' }],
  ['POST', 'registered-models/rename', { name: 'guarded', new_name: 'renamed-by-caller' }],
  ['PATCH', 'registered-models/update', { name: 'guarded', description: 'changed' }],
  ['DELETE', 'registered-models/delete', { name: 'guarded' }],
  ['POST', 'registered-models/set-tag', { name: 'guarded', key: 'k', value: 'v' }],
  ['DELETE', 'registered-models/delete-tag', { name: 'guarded', key: 'gone' }],
  ['POST', 'registered-models/alias', { name: 'guarded', alias: 'champion', version: '1' }],
  ['DELETE', 'registered-models/alias', { name: 'guarded', alias: 'live' }],
  ['POST', 'model-versions/create', { name: 'guarded', source: 's3://bucket/model' }],
  ['PATCH', 'model-versions/update', { name: 'guarded', version: '1', description: 'changed' }],
  ['DELETE', 'model-versions/delete', { name: 'guarded', version: '1' }],
  [
    'POST',
    'model-versions/transition-stage',
    { name: 'guarded', version: '1', stage: 'Production', archive_existing_versions: true },
  ],
  ['POST', 'model-versions/set-tag', { name: 'guarded', version: '1', key: 'k', value: 'v' }],
  ['DELETE', 'model-versions/delete-tag', { name: 'guarded', version: '1', key: 'gone' }],
];
const READS: [Method, string, Record<string, unknown>][] = [
  ['GET', 'registered-models/get', { name: 'guarded' }],
  ['GET', 'registered-models/search', {}],
  ['POST', 'registered-models/get-latest-versions', { name: 'guarded' }],
  ['GET', 'registered-models/get-latest-versions', { name: 'guarded' }],
  ['GET', 'registered-models/alias', { name: 'guarded', alias: 'live' }],
  ['GET', 'model-versions/get', { name: 'guarded', version: '1' }],
  ['GET', 'model-versions/search', {}],
  ['GET', 'model-versions/get-download-uri', { name: 'guarded', version: '1' }],
];
const send = (method: Method, path: string, fields: Record<string, unknown>, token?: string) =>
  method === 'GET'
    ? m.get(path, fields as Record<string, string>, { token })
    : m.call(method, path, { body: fields, token });

describe('the router', () => {
  it('serves exactly model_registry.proto’s endpoints, each under its own method', async () => {
    const { REGISTRY_ROUTES } = await import('@/server/mlflow/registry-routes');
    const { MLFLOW_ROUTES } = await import('@/server/mlflow/router');
    const expected = [...WRITES, ...READS].map(([method, path]) => `${method} ${path}`).sort();
    expect(Object.keys(REGISTRY_ROUTES).sort()).toEqual(expected);
    for (const [key, handler] of Object.entries(REGISTRY_ROUTES)) expect(MLFLOW_ROUTES[key], key).toBe(handler);
  });

  it('answers under /api/2.0/mlflow, /ajax-api/2.0/mlflow and /api/2.0/preview/mlflow', async () => {
    for (const prefix of ['/api/2.0/mlflow/', '/ajax-api/2.0/mlflow/', '/api/2.0/preview/mlflow/'] as const) {
      const res = await m.call('GET', 'registered-models/get', { prefix, query: { name: 'guarded' } });
      expect(res.status, prefix).toBe(200);
    }
  });

  it('answers 404 ENDPOINT_NOT_FOUND for a registry path under the wrong method', async () => {
    for (const [method, path] of [
      ['POST', 'registered-models/update'],
      ['GET', 'registered-models/delete'],
      ['POST', 'model-versions/get'],
      ['PATCH', 'registered-models/alias'],
      ['POST', 'model-versions/search'],
    ] as const) {
      const res = await m.call(method, path, { body: method === 'GET' ? undefined : {} });
      expect(errorOf(res), `${method} ${path}`).toEqual({
        status: 404,
        error_code: 'ENDPOINT_NOT_FOUND',
        message: expect.any(String),
      });
    }
  });

  it('answers 401 to a call without a token, for reads and writes alike', async () => {
    expect(errorOf(await m.get('registered-models/get', { name: 'guarded' }, { token: null }))).toMatchObject({
      status: 401,
      error_code: 'UNAUTHENTICATED',
    });
    expect(
      errorOf(await m.call('DELETE', 'registered-models/delete', { body: { name: 'guarded' }, token: null })),
    ).toMatchObject({ status: 401 });
  });
});

describe('roles', () => {
  it.each(READS)('a viewer may %s %s', async (method, path, fields) => {
    const res = await send(method, path, fields, m.tokens.viewer);
    expect(res.status, res.text).toBe(200);
  });

  it.each(WRITES)(
    'a viewer gets 403 PERMISSION_DENIED from %s %s, and nothing is written',
    async (method, path, fields) => {
      const before = await snapshotDatabase(m.db);
      expect(errorOf(await send(method, path, fields, m.tokens.viewer))).toEqual({
        status: 403,
        error_code: 'PERMISSION_DENIED',
        message: expect.stringMatching(/needs the editor role/),
      });
      expect(await snapshotDatabase(m.db)).toEqual(before);
    },
  );

  it('an owner may write', async () => {
    expect(
      (
        await m.post(
          'registered-models/set-tag',
          { name: 'guarded', key: 'by', value: 'owner' },
          { token: m.tokens.owner },
        )
      ).status,
    ).toBe(200);
  });
});

describe('project scoping', () => {
  it.each([
    ...READS.filter(([, p]) => !p.endsWith('search')),
    ...WRITES.filter(([, p]) => p !== 'registered-models/create'),
  ])(
    'another project’s token gets 404 RESOURCE_DOES_NOT_EXIST from %s %s, and nothing is written',
    async (method, path, fields) => {
      const before = await snapshotDatabase(m.db);
      expect(errorOf(await send(method, path, fields, m.tokens.other))).toMatchObject({
        status: 404,
        error_code: 'RESOURCE_DOES_NOT_EXIST',
      });
      expect(await snapshotDatabase(m.db)).toEqual(before);
    },
  );

  it('another project’s searches never list this project’s models or versions, and may reuse the name', async () => {
    expect((await m.get('registered-models/search', {}, { token: m.tokens.other })).text).not.toContain('guarded');
    expect(
      (await m.get('model-versions/search', { filter: "name = 'guarded'" }, { token: m.tokens.other })).json,
    ).toEqual({});
    expect((await m.post('registered-models/create', { name: 'guarded' }, { token: m.tokens.other })).status).toBe(200);
    expect((await newVersion(m, 'guarded', {}, m.tokens.other)).version).toBe('1');
    expect((await m.get('model-versions/get', { name: 'guarded', version: '2' })).status).toBe(404);
  });
});

describe('activity', () => {
  it('records registry changes made through the API with the token’s user as the actor', async () => {
    await newModel(m, 'audited', {}, m.tokens.owner);
    const version = await newVersion(m, 'audited', {}, m.tokens.owner);
    await m.post(
      'model-versions/transition-stage',
      { name: 'audited', version: version.version, stage: 'Staging' },
      { token: m.tokens.owner },
    );
    const models = await listProjectActivity(m.db, m.project.id, { entityType: 'model' });
    expect(models.find((e) => e.action === 'create' && JSON.stringify(e.changes).includes('audited'))).toMatchObject({
      userEmail: 'owner@mlflow.test',
    });
    const versions = await listProjectActivity(m.db, m.project.id, { entityType: 'model-version' });
    expect(versions.find((e) => e.action === 'transition-stage')).toMatchObject({ userEmail: 'owner@mlflow.test' });
  });
});
