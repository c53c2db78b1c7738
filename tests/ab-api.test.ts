// Contract tests of the native A/B test API as outside clients call it: status codes, JSON shapes and the
// `{ error_code, message }` error body, against the route handlers in-process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as assign } from '@/app/api/v1/ab-tests/[id]/assign/route';
import { POST as events } from '@/app/api/v1/ab-tests/[id]/events/route';
import { GET as results } from '@/app/api/v1/ab-tests/[id]/results/route';
import { POST as create } from '@/app/api/v1/ab-tests/route';
import { addMember, createProject } from '@/db/queries/projects';
import { createModelVersion, createRegisteredModel } from '@/db/queries/registry';
import { createApiToken } from '@/db/queries/tokens';
import { createUser } from '@/db/queries/users';
import { assignVariant } from '@/lib/stats';
import type { RouteHandler } from '@/server/api';
import { openAppTestDb } from './helpers/app-db';

let app: Awaited<ReturnType<typeof openAppTestDb>>;
const tokens = { editor: '', viewer: '', other: '' };

beforeAll(async () => {
  app = await openAppTestDb();
  const db = app.handle.db;
  const editor = await createUser(db, null, { email: 'editor@ab-api.test', name: 'Eddie', password: 'long-enough-pw' });
  const viewer = await createUser(db, null, { email: 'viewer@ab-api.test', name: 'Vera', password: 'long-enough-pw' });
  const project = await createProject(db, editor, { slug: 'shop', name: 'Shop', problemStatement: '' });
  const other = await createProject(db, editor, { slug: 'elsewhere', name: 'Elsewhere', problemStatement: '' });
  await addMember(db, editor, project.id, viewer.email, 'viewer');
  await createRegisteredModel(db, editor, project.id, { name: 'ranker' });
  for (let i = 0; i < 3; i++) await createModelVersion(db, editor, project.id, { name: 'ranker' });
  tokens.editor = (await createApiToken(db, editor, project.id, 'serving')).token;
  tokens.viewer = (await createApiToken(db, viewer, project.id, 'reader')).token;
  tokens.other = (await createApiToken(db, editor, other.id, 'other')).token;
});
afterAll(() => app?.cleanup());

type Reply = { status: number; json: Record<string, unknown> };

async function call(
  handler: RouteHandler,
  opts: { method?: string; path: string; id?: string; token?: string; body?: unknown },
): Promise<Reply> {
  const method = opts.method ?? 'POST';
  const headers = new Headers({ authorization: `Bearer ${opts.token ?? tokens.editor}` });
  if (method !== 'GET') headers.set('content-type', 'application/json');
  const body =
    method === 'GET' ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body ?? {});
  const res = await handler(new Request(`http://localhost:3000${opts.path}`, { method, headers, body }), {
    params: Promise.resolve(opts.id ? { id: opts.id } : {}),
  });
  expect(res.headers.get('content-type')).toContain('application/json');
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const definition = (over: Record<string, unknown> = {}) => ({
  name: `checkout ${Math.random().toString(36).slice(2, 8)}`,
  model: 'ranker',
  variants: [
    { version: 1, weight: 50 },
    { version: 2, weight: 50 },
  ],
  metrics: [
    { name: 'revenue', kind: 'continuous', direction: 'increase' },
    { name: 'latency_ms', kind: 'continuous', direction: 'decrease', guardrail: true },
  ],
  ...over,
});

const createTest = async (over: Record<string, unknown> = {}) => {
  const res = await call(create, { path: '/api/v1/ab-tests', body: definition(over) });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json.id as string;
};
const assignPath = (id: string) => `/api/v1/ab-tests/${id}/assign`;
const eventsPath = (id: string) => `/api/v1/ab-tests/${id}/events`;
const error = (code: string, message: RegExp) => ({ error_code: code, message: expect.stringMatching(message) });

describe('POST /api/v1/ab-tests', () => {
  it('creates a test and answers {id}; weights default to an even split', async () => {
    const res = await call(create, {
      path: '/api/v1/ab-tests',
      body: definition({ variants: [{ version: 1 }, { version: 3 }] }),
    });
    expect(res).toEqual({ status: 200, json: { id: expect.stringMatching(/^[0-9a-f-]{36}$/) } });
    const read = await call(results, {
      method: 'GET',
      path: `/api/v1/ab-tests/${res.json.id}/results`,
      id: res.json.id as string,
    });
    expect(read.json.variants).toEqual([
      { key: 'A', version: 1, weight: 50, assigned: 0 },
      { key: 'B', version: 3, weight: 50, assigned: 0 },
    ]);
  });

  it.each([
    ['one variant', { variants: [{ version: 1 }] }, /'variants': Choose at least two model versions/],
    [
      'a repeated version',
      { variants: [{ version: 1 }, { version: 1 }] },
      /'variants\.1\.version': Version 1 is listed twice/,
    ],
    [
      'a zero weight',
      { variants: [{ version: 1, weight: 0 }, { version: 2 }] },
      /'variants\.0\.weight': A weight must be above 0/,
    ],
    [
      'an unknown metric kind',
      { metrics: [{ name: 'm', kind: 'ratio', direction: 'increase' }] },
      /'metrics\.0\.kind'/,
    ],
    [
      'only guardrails',
      { metrics: [{ name: 'm', kind: 'continuous', direction: 'increase', guardrail: true }] },
      /'metrics': One metric must be the primary metric/,
    ],
    ['an unknown model', { model: 'nope' }, /No registered model is named 'nope'/],
    ['a missing version', { variants: [{ version: 1 }, { version: 7 }] }, /Model 'ranker' has no version 7/],
  ])('answers 400 INVALID_PARAMETER_VALUE naming the field for %s', async (_label, over, message) => {
    const res = await call(create, { path: '/api/v1/ab-tests', body: definition(over) });
    expect(res).toEqual({ status: 400, json: error('INVALID_PARAMETER_VALUE', message) });
  });

  it('answers 400 RESOURCE_ALREADY_EXISTS for a taken name and 403 to a viewer', async () => {
    await createTest({ name: 'taken' });
    expect(await call(create, { path: '/api/v1/ab-tests', body: definition({ name: 'taken' }) })).toEqual({
      status: 400,
      json: error('RESOURCE_ALREADY_EXISTS', /already exists/),
    });
    expect((await call(create, { path: '/api/v1/ab-tests', body: definition(), token: tokens.viewer })).status).toBe(
      403,
    );
  });
});

describe('POST /api/v1/ab-tests/{id}/assign', () => {
  it('answers {variant, version} by hash, the same every time', async () => {
    const id = await createTest({
      variants: [
        { version: 2, weight: 30 },
        { version: 3, weight: 70 },
      ],
    });
    for (const unit of ['alice', 'bob', 42]) {
      const expected = [
        { variant: 'A', version: 2 },
        { variant: 'B', version: 3 },
      ][assignVariant(id, String(unit), [30, 70])];
      for (let i = 0; i < 3; i++)
        expect(await call(assign, { path: assignPath(id), id, body: { unit_id: unit } })).toEqual({
          status: 200,
          json: expected,
        });
    }
    const read = await call(results, {
      method: 'GET',
      path: `/api/v1/ab-tests/${id}/results`,
      id,
      token: tokens.viewer,
    });
    expect((read.json.variants as { assigned: number }[]).reduce((s, v) => s + v.assigned, 0)).toBe(3);
  });

  it('answers 400 without a usable unit id, 404 for an unknown test or another project’s token, 403 to a viewer', async () => {
    const id = await createTest();
    for (const body of [{}, { unit_id: '' }, { unit_id: 'x'.repeat(201) }, { unit_id: { nested: true } }]) {
      expect(await call(assign, { path: assignPath(id), id, body })).toEqual({
        status: 400,
        json: error('INVALID_PARAMETER_VALUE', /'unit_id'/),
      });
    }
    expect((await call(assign, { path: assignPath(id), id, body: '{"unit_id": ' })).status).toBe(400);
    const missing = '00000000-0000-4000-8000-000000000000';
    expect(await call(assign, { path: assignPath(missing), id: missing, body: { unit_id: 'u' } })).toEqual({
      status: 404,
      json: error('RESOURCE_DOES_NOT_EXIST', /not found/),
    });
    expect((await call(assign, { path: assignPath('probe'), id: 'probe', body: { unit_id: 'u' } })).status).toBe(404);
    expect((await call(assign, { path: assignPath(id), id, body: { unit_id: 'u' }, token: tokens.other })).status).toBe(
      404,
    );
    expect(
      (await call(assign, { path: assignPath(id), id, body: { unit_id: 'u' }, token: tokens.viewer })).status,
    ).toBe(403);
  });
});

describe('POST /api/v1/ab-tests/{id}/events and GET …/results', () => {
  it('takes a batch and reports per metric and variant n, mean, sd, lifts with CIs, the test, p-value and SRM', async () => {
    const id = await createTest();
    const units = Array.from({ length: 60 }, (_, i) => `shopper-${i}`);
    for (const u of units) await call(assign, { path: assignPath(id), id, body: { unit_id: u } });
    const batch = units.flatMap((u, i) => [
      { unit_id: u, metric: 'revenue', value: 10 + (i % 5) },
      { unit_id: u, metric: 'latency_ms', value: 100 + (i % 3), timestamp: Date.now() - 1000 },
    ]);
    expect(await call(events, { path: eventsPath(id), id, body: batch })).toEqual({
      status: 200,
      json: { accepted: 120, units: 60 },
    });

    const res = await call(results, {
      method: 'GET',
      path: `/api/v1/ab-tests/${id}/results`,
      id,
      token: tokens.viewer,
    });
    expect(res.status).toBe(200);
    const lift = {
      estimate: expect.any(Number),
      se: expect.any(Number),
      ci_lower: expect.any(Number),
      ci_upper: expect.any(Number),
    };
    const treatment = {
      variant: 'B',
      version: 2,
      n: expect.any(Number),
      mean: expect.any(Number),
      sd: expect.any(Number),
      mean_ci_half_width: expect.any(Number),
      test: 'welch_t',
      statistic: expect.any(Number),
      df: expect.any(Number),
      p_value: expect.any(Number),
      significant: expect.any(Boolean),
      absolute: lift,
      relative: lift,
      verdict: expect.stringMatching(/^(better|worse|inconclusive)$/),
      note: null,
    };
    expect(res.json).toEqual({
      id,
      name: expect.any(String),
      model: 'ranker',
      status: 'running',
      started_at: expect.any(String),
      stopped_at: null,
      shipped_variant: null,
      alpha: 0.05,
      control: 'A',
      variants: [expect.objectContaining({ key: 'A', weight: 50 }), expect.objectContaining({ key: 'B', weight: 50 })],
      srm: {
        chi2: expect.any(Number),
        df: 1,
        p_value: expect.any(Number),
        flagged: false,
        enough_traffic: true,
        note: null,
      },
      metrics: [
        {
          name: 'revenue',
          kind: 'continuous',
          direction: 'increase',
          guardrail: false,
          primary: true,
          variants: [
            expect.objectContaining({ variant: 'A', version: 1, test: null, p_value: null }),
            { ...treatment, guardrail_failed: null },
          ],
        },
        expect.objectContaining({
          name: 'latency_ms',
          guardrail: true,
          primary: false,
          variants: [expect.anything(), expect.objectContaining({ guardrail_failed: expect.any(Boolean) })],
        }),
      ],
    });
    const arms = (res.json.metrics as { variants: { n: number }[] }[])[0]!.variants;
    expect(arms[0]!.n + arms[1]!.n).toBe(60);
  });

  it('refuses a bad batch with 400 naming the row and field, and a viewer with 403; nothing is stored', async () => {
    const id = await createTest();
    const bad = [
      { unit_id: 'a', metric: 'revenue', value: 1 },
      { unit_id: 'b', metric: 'revenu', value: 1 },
    ];
    expect(await call(events, { path: eventsPath(id), id, body: bad })).toEqual({
      status: 400,
      json: {
        error_code: 'INVALID_PARAMETER_VALUE',
        message: "Event 1 field 'metric': 'revenu' is not a metric of this test (it has revenue, latency_ms)",
      },
    });
    const tooMany = Array.from({ length: 10_001 }, (_, i) => ({ unit_id: `u${i}`, metric: 'revenue', value: 1 }));
    expect(await call(events, { path: eventsPath(id), id, body: tooMany })).toEqual({
      status: 400,
      json: error('INVALID_PARAMETER_VALUE', /at most 10,000/),
    });
    expect(
      (
        await call(events, {
          path: eventsPath(id),
          id,
          body: [{ unit_id: 'a', metric: 'revenue', value: 1 }],
          token: tokens.viewer,
        })
      ).status,
    ).toBe(403);
    expect(
      await call(events, { path: eventsPath(id), id, body: [{ unit_id: 'a', metric: 'revenue', value: 1e155 }] }),
    ).toEqual({
      status: 400,
      json: error('INVALID_PARAMETER_VALUE', /Event 0 field 'value': must lie within ±1\.34e154/),
    });
    const read = await call(results, { method: 'GET', path: `/api/v1/ab-tests/${id}/results`, id });
    expect((read.json.metrics as { variants: { n: number }[] }[])[0]!.variants.map((v) => v.n)).toEqual([0, 0]);
  });

  it('counts every assigned unit in the denominators: a unit with no event is a 0', async () => {
    const id = await createTest();
    const units = Array.from({ length: 40 }, (_, i) => `visitor-${i}`);
    for (const u of units) await call(assign, { path: assignPath(id), id, body: { unit_id: u } });
    const buyers = units.filter((_, i) => i % 4 === 0);
    expect(
      (
        await call(events, {
          path: eventsPath(id),
          id,
          body: buyers.map((u) => ({ unit_id: u, metric: 'revenue', value: 20 })),
        })
      ).status,
    ).toBe(200);
    const read = await call(results, { method: 'GET', path: `/api/v1/ab-tests/${id}/results`, id });
    const assigned = (read.json.variants as { assigned: number }[]).map((v) => v.assigned);
    const revenue = (read.json.metrics as { variants: { n: number; mean: number }[] }[])[0]!.variants;
    expect(revenue.map((v) => v.n)).toEqual(assigned);
    const buyersIn = (key: string) => buyers.filter((u) => ['A', 'B'][assignVariant(id, u, [50, 50])] === key).length;
    expect(revenue[0]!.mean).toBeCloseTo((20 * buyersIn('A')) / assigned[0]!, 12);
    expect(revenue[1]!.mean).toBeCloseTo((20 * buyersIn('B')) / assigned[1]!, 12);
  });

  it('answers 404 for results of an unknown test and to another project’s token', async () => {
    const id = await createTest();
    expect((await call(results, { method: 'GET', path: '/api/v1/ab-tests/probe/results', id: 'probe' })).status).toBe(
      404,
    );
    const foreign = await call(results, {
      method: 'GET',
      path: `/api/v1/ab-tests/${id}/results`,
      id,
      token: tokens.other,
    });
    expect(foreign).toEqual({ status: 404, json: error('RESOURCE_DOES_NOT_EXIST', /not found/) });
  });
});
