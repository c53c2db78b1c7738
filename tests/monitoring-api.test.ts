// Contract tests of the native monitoring API as an outside client sees it: route handlers called in-process
// with Request objects; status codes, JSON shapes and the `{ error_code, message }` error body.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as postActuals } from '@/app/api/v1/models/[name]/actuals/route';
import { GET as getDrift } from '@/app/api/v1/models/[name]/drift/route';
import { POST as postPredictions } from '@/app/api/v1/models/[name]/predictions/route';
import { GET as getReference, PUT as putReference } from '@/app/api/v1/models/[name]/reference/route';
import { addMember, createProject } from '@/db/queries/projects';
import {
  createModelVersion,
  createRegisteredModel,
  setModelAlias,
  transitionModelVersionStage,
} from '@/db/queries/registry';
import { createApiToken } from '@/db/queries/tokens';
import { createUser } from '@/db/queries/users';
import type { RouteHandler } from '@/server/api';
import { openAppTestDb } from './helpers/app-db';

let app: Awaited<ReturnType<typeof openAppTestDb>>;
const tokens = { editor: '', viewer: '', other: '' };
const T0 = Date.parse('2024-05-01T00:00:00Z');
const HOUR = 3_600_000;

beforeAll(async () => {
  app = await openAppTestDb();
  const db = app.handle.db;
  const editor = await createUser(db, null, { email: 'eve@api.test', name: 'Eve', password: 'long-enough-pw' });
  const viewer = await createUser(db, null, { email: 'vic@api.test', name: 'Vic', password: 'long-enough-pw' });
  const project = await createProject(db, editor, { slug: 'weather', name: 'Weather', problemStatement: '' });
  const other = await createProject(db, editor, { slug: 'elsewhere', name: 'Elsewhere', problemStatement: '' });
  await addMember(db, editor, project.id, viewer.email, 'viewer');
  await createRegisteredModel(db, editor, project.id, { name: 'rain tomorrow' });
  await createModelVersion(db, editor, project.id, { name: 'rain tomorrow' });
  await createModelVersion(db, editor, project.id, { name: 'rain tomorrow' });
  await transitionModelVersionStage(db, editor, project.id, {
    name: 'rain tomorrow',
    version: 1,
    stage: 'Production',
    archiveExisting: true,
    reason: 'ship',
  });
  await setModelAlias(db, editor, project.id, 'rain tomorrow', 'champion', 2);
  tokens.editor = (await createApiToken(db, editor, project.id, 'editor')).token;
  tokens.viewer = (await createApiToken(db, viewer, project.id, 'viewer')).token;
  tokens.other = (await createApiToken(db, editor, other.id, 'other')).token;
});
afterAll(async () => {
  await app?.cleanup();
});

type Reply = { status: number; json: Record<string, unknown> };

async function call(
  handler: RouteHandler,
  method: string,
  path: string,
  opts: { body?: unknown; raw?: string; token?: string | null; query?: string } = {},
): Promise<Reply> {
  const model = 'rain%20tomorrow';
  const headers = new Headers({ 'content-type': 'application/json' });
  const token = opts.token === undefined ? tokens.editor : opts.token;
  if (token) headers.set('authorization', `Bearer ${token}`);
  const body = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  const req = new Request(`http://localhost:3000/api/v1/models/${model}/${path}${opts.query ?? ''}`, {
    method,
    headers,
    body,
  });
  const res = await handler(req, { params: Promise.resolve({ name: model }) });
  expect(res.headers.get('content-type')).toContain('application/json');
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** An hour of predictions: feature x centred on `shift`, a two-level segment, labels right `accuracy` of the time. */
function hour(prefix: string, h: number, n: number, shift = 0) {
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${i}`,
    timestamp: i % 2 ? T0 + h * HOUR + i * 1000 : new Date(T0 + h * HOUR + i * 1000).toISOString(),
    features: { x: (i % 40) + shift, segment: i % 4 === 0 ? 'new' : 'old' },
    prediction: i % 2 ? 'rain' : 'dry',
  }));
}

const logged = (rows: unknown, query = '') => call(postPredictions, 'POST', 'predictions', { body: rows, query });

describe('POST /api/v1/models/{name}/predictions', () => {
  it('logs a batch against the Production version and says how many rows were new', async () => {
    const res = await logged(hour('ref', 0, 120));
    expect(res).toEqual({
      status: 200,
      json: { model: 'rain tomorrow', version: 1, stage: 'Production', accepted: 120, duplicates: 0 },
    });
  });

  it('is idempotent by id: the same batch again is all duplicates', async () => {
    expect((await logged({ rows: hour('ref', 0, 120) })).json).toMatchObject({ accepted: 0, duplicates: 120 });
  });

  it('logs against a stage or alias named in the query or the body', async () => {
    expect((await logged(hour('champ', 0, 2), '?alias=champion')).json).toMatchObject({
      version: 2,
      stage: 'champion',
      accepted: 2,
    });
    expect((await logged({ alias: 'champion', rows: hour('champ2', 0, 1) })).json).toMatchObject({ version: 2 });
  });

  it('refuses the whole batch with 400 naming the bad row and field', async () => {
    const rows: unknown[] = hour('bad', 1, 20);
    rows[17] = { ...(rows[17] as object), timestamp: 'last tuesday' };
    const res = await logged(rows);
    expect(res).toEqual({
      status: 400,
      json: {
        error_code: 'INVALID_PARAMETER_VALUE',
        message: 'rows[17].timestamp: Expected an ISO 8601 time or epoch ms',
      },
    });
    const good = hour('bad', 1, 20);
    expect((await logged(good)).json).toMatchObject({ accepted: 20 });
  });

  it('refuses batches over 10,000 rows, and accepts one of exactly 10,000', async () => {
    const big = hour('big', 2, 10_001);
    const res = await logged(big);
    expect(res.status).toBe(400);
    expect(res.json.message).toBe('rows: A batch holds at most 10000 rows; this one has 10001. Split it.');
    expect((await logged(big.slice(0, 10_000))).json).toMatchObject({ accepted: 10_000 });
  });

  it('answers 400 (never 5xx) to a body that is not JSON', async () => {
    const res = await call(postPredictions, 'POST', 'predictions', { raw: '[{"id": ' });
    expect(res).toEqual({
      status: 400,
      json: { error_code: expect.any(String), message: 'The request body is not valid JSON.' },
    });
  });

  it('answers 401 without a token, 403 to a viewer, 404 to another project and for unknown stages', async () => {
    expect(
      (await call(postPredictions, 'POST', 'predictions', { body: hour('x', 0, 1), token: null })).json,
    ).toMatchObject({ error_code: 'UNAUTHENTICATED' });
    const viewer = await call(postPredictions, 'POST', 'predictions', { body: hour('x', 0, 1), token: tokens.viewer });
    expect(viewer).toMatchObject({ status: 403, json: { error_code: 'PERMISSION_DENIED' } });
    const other = await call(postPredictions, 'POST', 'predictions', { body: hour('x', 0, 1), token: tokens.other });
    expect(other).toMatchObject({ status: 404, json: { error_code: 'RESOURCE_DOES_NOT_EXIST' } });
    const staging = await logged(hour('x', 0, 1), '?stage=Staging');
    expect(staging).toEqual({
      status: 404,
      json: {
        error_code: 'RESOURCE_DOES_NOT_EXIST',
        message: 'Model rain tomorrow has no version in stage or alias "Staging".',
      },
    });
  });
});

describe('POST /api/v1/models/{name}/actuals', () => {
  it('attaches labels to logged predictions', async () => {
    const res = await call(postActuals, 'POST', 'actuals', {
      body: [
        { id: 'ref-0', actual: 'dry' },
        { id: 'ref-1', actual: 'dry' },
      ],
    });
    expect(res).toEqual({ status: 200, json: { model: 'rain tomorrow', updated: 2 } });
  });

  it('refuses the batch with 404 naming an unknown id', async () => {
    const res = await call(postActuals, 'POST', 'actuals', {
      body: {
        rows: [
          { id: 'ref-2', actual: 'rain' },
          { id: 'nobody', actual: 'rain' },
        ],
      },
    });
    expect(res).toEqual({
      status: 404,
      json: {
        error_code: 'RESOURCE_DOES_NOT_EXIST',
        message: 'rows[1].id: No prediction with id "nobody" was logged for model rain tomorrow; nothing was updated.',
      },
    });
    expect((await call(postActuals, 'POST', 'actuals', { body: [{ id: 'ref-2' }] })).json).toMatchObject({
      error_code: 'INVALID_PARAMETER_VALUE',
      message: expect.stringMatching(/^rows\[0\]\.actual/),
    });
  });
});

describe('PUT /api/v1/models/{name}/reference and GET /drift', () => {
  it('answers 400 to a drift query before any reference is set', async () => {
    const res = await call(getDrift, 'GET', 'drift', { token: tokens.viewer });
    expect(res).toMatchObject({
      status: 400,
      json: {
        error_code: 'INVALID_PARAMETER_VALUE',
        message: expect.stringContaining('Set a reference for rain tomorrow first'),
      },
    });
  });

  it('validates the reference body', async () => {
    const cases: Array<[unknown, string]> = [
      [{}, 'Send {from, to} (a window of logged predictions) or {dataset_version}.'],
      [{ from: '2024-05-01T00:00:00Z' }, "Invalid value for 'to': Required with from"],
      [{ from: 'noon', to: '2024-05-01T01:00:00Z' }, "Invalid value for 'from': Expected an ISO 8601 time or epoch ms"],
      [{ from: '2024-05-01T02:00:00Z', to: '2024-05-01T01:00:00Z' }, "Invalid value for 'to': Must be after from"],
      [
        { from: '2024-05-01T00:00:00Z', to: '2024-05-01T01:00:00Z', dataset_version: 'x@abcdef12' },
        'Send either {from, to} or {dataset_version}, not both.',
      ],
    ];
    for (const [body, message] of cases) {
      const res = await call(putReference, 'PUT', 'reference', { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(String(res.json.message)).toContain(message);
    }
    expect(
      (await call(putReference, 'PUT', 'reference', { body: { dataset_version: 'train@abcdef12' } })).json,
    ).toMatchObject({ error_code: 'RESOURCE_DOES_NOT_EXIST' });
    expect(
      (await call(putReference, 'PUT', 'reference', { body: { from: T0, to: T0 + HOUR }, token: tokens.viewer }))
        .status,
    ).toBe(403);
  });

  it('sets a window of logged predictions as the reference', async () => {
    const res = await call(putReference, 'PUT', 'reference', { body: { from: '2024-05-01T00:00:00Z', to: T0 + HOUR } });
    expect(res).toEqual({
      status: 200,
      json: {
        model: 'rain tomorrow',
        reference: { kind: 'window', from: '2024-05-01T00:00:00.000Z', to: '2024-05-01T01:00:00.000Z', rows: 123 },
      },
    });
    expect((await call(getReference, 'GET', 'reference', { token: tokens.viewer })).json).toEqual(res.json);
  });

  it('returns per-feature numbers and the dataset verdict for a window', async () => {
    await logged(hour('shifted', 8, 120, 25));
    const res = await call(getDrift, 'GET', 'drift', {
      token: tokens.viewer,
      query: `?from=${T0 + 8 * HOUR}&to=2024-05-01T09:00:00Z`,
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      model: 'rain tomorrow',
      window: { from: '2024-05-01T08:00:00.000Z', to: '2024-05-01T09:00:00.000Z' },
      status: 'ok',
      reference_rows: 123,
      current_rows: 120,
      sampled: false,
      dataset_drift: true,
      drifted_features: 1,
      tested_features: 2,
    });
    const features = res.json.features as Record<string, unknown>[];
    expect(features.map((f) => Object.keys(f).sort())).toEqual([
      [
        'current_size',
        'drifted',
        'feature',
        'kind',
        'p_value',
        'psi',
        'psi_band',
        'reference_size',
        'statistic',
        'test',
        'threshold',
      ],
      [
        'current_size',
        'drifted',
        'feature',
        'kind',
        'p_value',
        'psi',
        'psi_band',
        'reference_size',
        'statistic',
        'test',
        'threshold',
      ],
    ]);
    expect(features.map((f) => [f.feature, f.test, f.drifted])).toEqual([
      ['segment', 'z_test', false],
      ['x', 'ks', true],
    ]);
    expect(features[1]!.p_value as number).toBeLessThan(1e-10);
  });

  it('says "empty" for a window without predictions, and 400 for a bad window', async () => {
    const empty = await call(getDrift, 'GET', 'drift', {
      token: tokens.viewer,
      query: '?from=2030-01-01T00:00:00Z&to=2030-01-02T00:00:00Z',
    });
    expect(empty.json).toMatchObject({ status: 'empty', current_rows: 0, features: [], dataset_drift: false });
    const bad = await call(getDrift, 'GET', 'drift', { token: tokens.viewer, query: '?from=yesterday' });
    expect(bad).toEqual({
      status: 400,
      json: {
        error_code: 'INVALID_PARAMETER_VALUE',
        message: "Invalid value for 'from': Expected an ISO 8601 time or epoch ms",
      },
    });
  });
});
