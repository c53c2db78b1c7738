// Contract tests of the native API's entry points, as outside clients see them: status codes, JSON
// shapes and the MLflow-style error body `{ error_code, message }` — never a 500 for a bad credential.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { addMember, createProject } from '@/db/queries/projects';
import { createApiToken, revokeApiToken } from '@/db/queries/tokens';
import { createUser } from '@/db/queries/users';
import { GET as health } from '@/app/api/health/route';
import { GET as getProject } from '@/app/api/v1/project/route';
import { defineRoute } from '@/server/api';
import { openAppTestDb } from './helpers/app-db';
import { signInCookie } from './helpers/sessions';

let app: Awaited<ReturnType<typeof openAppTestDb>>;
let ownerToken: string;
let viewerToken: string;
let revokedToken: string;
let otherProjectToken: string;
const sessions = { owner: '', viewer: '', outsider: '' };

beforeAll(async () => {
  app = await openAppTestDb();
  const db = app.handle.db;
  const owner = await createUser(db, null, { email: 'owner@api.test', name: 'Olga Owner', password: 'long-enough-pw' });
  const viewer = await createUser(db, null, {
    email: 'viewer@api.test',
    name: 'Vic Viewer',
    password: 'long-enough-pw',
  });
  const project = await createProject(db, owner, { slug: 'fraud', name: 'Fraud detection', problemStatement: '' });
  const other = await createProject(db, owner, { slug: 'churn', name: 'Churn', problemStatement: '' });
  await addMember(db, owner, project.id, viewer.email, 'viewer');
  ownerToken = (await createApiToken(db, owner, project.id, 'owner')).token;
  viewerToken = (await createApiToken(db, viewer, project.id, 'viewer')).token;
  otherProjectToken = (await createApiToken(db, owner, other.id, 'other')).token;
  const revoked = await createApiToken(db, owner, project.id, 'revoked');
  await revokeApiToken(db, owner, project.id, revoked.row.id);
  revokedToken = revoked.token;
  await createUser(db, null, { email: 'outsider@api.test', name: 'Out Sider', password: 'long-enough-pw' });
  for (const who of ['owner', 'viewer', 'outsider'] as const)
    sessions[who] = await signInCookie(db, `${who}@api.test`, 'long-enough-pw');
});
afterAll(async () => {
  await app?.cleanup();
});

const noParams = { params: Promise.resolve({}) };
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

function projectRequest(authorization?: string, query = '') {
  const headers = new Headers(authorization === undefined ? {} : { authorization });
  return getProject(new Request(`http://localhost:3000/api/v1/project${query}`, { headers }), noParams);
}

describe('GET /api/health', () => {
  it('answers 200 with the database status, without credentials', async () => {
    const res = await health(new Request('http://localhost:3000/api/health'), noParams);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toEqual({
      status: 'ok',
      database: { status: 'ok', kind: app.handle.kind, latency_ms: expect.any(Number) },
    });
  });

  it('answers 503 TEMPORARILY_UNAVAILABLE (retryable, not 500) when the database cannot be reached', async () => {
    const g = globalThis as { runboardDb?: unknown };
    const saved = { handle: g.runboardDb, url: process.env.DATABASE_URL };
    // Port 1 refuses connections: the shared handle has to be opened again, and fails.
    g.runboardDb = undefined;
    process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:1/unreachable';
    try {
      const res = await health(new Request('http://localhost:3000/api/health'), noParams);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ error_code: 'TEMPORARILY_UNAVAILABLE', message: expect.any(String) });
    } finally {
      g.runboardDb = saved.handle;
      if (saved.url === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved.url;
    }
  });
});

describe('GET /api/v1/project', () => {
  const fraudAsOwner = {
    project: { slug: 'fraud', name: 'Fraud detection', stage: 'define' },
    role: 'owner',
    user: { name: 'Olga Owner', email: 'owner@api.test' },
  };

  it('accepts a Bearer token and names the token’s project, role and user', async () => {
    const res = await projectRequest(`Bearer ${ownerToken}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toEqual(fraudAsOwner);
  });

  it('accepts the token as the password of HTTP Basic, whatever the user name (MLflow clients send that)', async () => {
    for (const auth of [
      basic('anyone', ownerToken),
      basic('', ownerToken),
      `basic ${Buffer.from(`x:${ownerToken}`).toString('base64')}`,
    ]) {
      const res = await projectRequest(auth);
      expect(res.status, auth).toBe(200);
      expect(await res.json()).toEqual(fraudAsOwner);
    }
  });

  it('reports the role the token acts with, which is its creator’s', async () => {
    const res = await projectRequest(`bearer ${viewerToken}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ role: 'viewer', user: { email: 'viewer@api.test' } });
  });

  it('shows another project’s token only its own project', async () => {
    const body = await (await projectRequest(`Bearer ${otherProjectToken}`)).text();
    expect(JSON.parse(body)).toMatchObject({ project: { slug: 'churn' } });
    expect(body).not.toContain('fraud');
  });

  it('ignores unknown query parameters', async () => {
    const res = await projectRequest(`Bearer ${ownerToken}`, '?experiment_id=0&verbose=true');
    expect(res.status).toBe(200);
  });

  // Headers are built lazily: the tokens only exist once beforeAll has run.
  const refused: Array<[string, () => string | undefined]> = [
    ['no Authorization header', () => undefined],
    ['an empty Authorization header', () => ''],
    ['Bearer without a token', () => 'Bearer'],
    ['a garbage bearer token', () => 'Bearer rbt_garbage'],
    ['a token without the rbt_ prefix', () => 'Bearer abcdef0123456789'],
    ['a very long token', () => `Bearer rbt_${'a'.repeat(10_000)}`],
    ['a revoked token', () => `Bearer ${revokedToken}`],
    ['a revoked token as Basic password', () => basic('me', revokedToken)],
    ['Basic with a wrong password', () => basic('user', 'rbt_wrong')],
    ['Basic without a colon', () => `Basic ${Buffer.from('no-colon-here').toString('base64')}`],
    ['Basic with invalid base64', () => 'Basic %%%not-base64%%%'],
    ['an unknown scheme', () => `Token ${ownerToken}`],
  ];

  it.each(refused)('answers 401 UNAUTHENTICATED with the JSON error shape for %s', async (_label, header) => {
    const res = await projectRequest(header());
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toEqual({ error_code: 'UNAUTHENTICATED', message: expect.any(String) });
  });
});

// The shared wrapper itself, on routes shaped like the ones domains add: `/api/projects/[project]/…`.
describe('defineRoute on a project-scoped route', () => {
  const writeProbe = defineRoute('editor', z.object({ n: z.number().int() }), async ({ caller, input }) => ({
    role: caller.role,
    slug: caller.project.slug,
    n: input.n,
  }));
  const readProbe = defineRoute(
    'viewer',
    z.object({}).loose(),
    async ({ caller }) => ({ slug: caller.project.slug, email: caller.user.email }),
    { session: true },
  );
  const fraud = { params: Promise.resolve({ project: 'fraud' }) };

  const post = (headers: Record<string, string>, body: string) =>
    writeProbe(
      new Request('http://localhost:3000/api/projects/fraud/probe', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      }),
      fraud,
    );
  const get = (headers: Record<string, string>) =>
    readProbe(new Request('http://localhost:3000/api/projects/fraud/probe', { headers }), fraud);

  it('runs the body for a token with the role, with parsed input', async () => {
    const res = await post({ authorization: `Bearer ${ownerToken}` }, '{"n": 3, "unknown": true}');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ role: 'owner', slug: 'fraud', n: 3 });
  });

  it('answers 403 PERMISSION_DENIED to a token whose role is too low', async () => {
    const res = await post({ authorization: `Bearer ${viewerToken}` }, '{"n": 3}');
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error_code: 'PERMISSION_DENIED', message: expect.any(String) });
  });

  it('answers 404 to a valid token of another project, as if the project did not exist', async () => {
    const res = await post({ authorization: `Bearer ${otherProjectToken}` }, '{"n": 3}');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'Project not found.' });
  });

  it('answers 400, never 5xx, to a body that is not JSON or does not fit the schema', async () => {
    const broken = await post({ authorization: `Bearer ${ownerToken}` }, '{"n": ');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({ error_code: 'BAD_REQUEST', message: expect.any(String) });
    const invalid = await post({ authorization: `Bearer ${ownerToken}` }, '{"n": "three"}');
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({
      error_code: 'INVALID_PARAMETER_VALUE',
      message: expect.stringContaining("'n'"),
    });
  });

  it('never accepts a session cookie for a write', async () => {
    const res = await post({ cookie: sessions.owner }, '{"n": 3}');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error_code: 'UNAUTHENTICATED' });
  });

  it('lets a member read with their session cookie where the route allows it', async () => {
    const res = await get({ cookie: sessions.viewer });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ slug: 'fraud', email: 'viewer@api.test' });
  });

  it('answers a non-member’s session with 404, and no credentials with 401', async () => {
    const outsider = await get({ cookie: sessions.outsider });
    expect(outsider.status).toBe(404);
    expect(await outsider.text()).not.toContain('Fraud detection');
    expect((await get({})).status).toBe(401);
  });

  it('ignores session cookies on token-only routes', async () => {
    const res = await projectRequest(undefined);
    const withCookie = await getProject(
      new Request('http://localhost:3000/api/v1/project', { headers: { cookie: sessions.owner } }),
      noParams,
    );
    expect(res.status).toBe(401);
    expect(withCookie.status).toBe(401);
  });
});
