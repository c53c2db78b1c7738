// API-token authentication is cached per instance and emptied at once, through the same Postgres NOTIFY that
// carries revocations to live streams, when an access change commits on any instance: a revoked token, a removed
// member, a changed role or a demoted administrator is refused on the next request. A cached call reads nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, DbHandle } from '@/db/client';
import { createExperiment } from '@/db/queries/experiments';
import { addMember, createProject, removeMember, setMemberRole } from '@/db/queries/projects';
import { createRun } from '@/db/queries/runs';
import { createApiToken, revokeApiToken } from '@/db/queries/tokens';
import { createUser, setUserAdmin } from '@/db/queries/users';
import { createTokenCache } from '@/server/token-cache';
import { openAppTestDb, openSecondInstance } from './helpers/app-db';

let app: Awaited<ReturnType<typeof openAppTestDb>>;
let other: DbHandle;
let otherInstance: Awaited<ReturnType<typeof openSecondInstance>>;
const owner = { id: '', isAdmin: false };
let projectId: string;
let experimentId: number;

beforeAll(async () => {
  app = await openAppTestDb();
  otherInstance = await openSecondInstance(app);
  other = otherInstance.handle;
  const db = app.handle.db;
  owner.id = (await createUser(db, null, { email: 'owner@cache.test', name: 'Olga', password: 'password-1' })).id;
  projectId = (await createProject(db, owner, { slug: 'cache', name: 'Cache', problemStatement: '' })).id;
  experimentId = (await createExperiment(db, owner, projectId, { name: 'E' })).id;
});
afterAll(async () => {
  await otherInstance.close();
  await app.cleanup();
});

/** The handle, with every query the cache's lookups start counted. */
function counting(handle: DbHandle) {
  const counter = { queries: 0 };
  const db = new Proxy(handle.db, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || !['select', 'update', 'execute', 'transaction'].includes(String(prop)))
        return value;
      return (...args: unknown[]) => {
        counter.queries++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as Db;
  return { handle: { db, listen: handle.listen }, counter };
}

let members = 0;
async function member(role: 'editor' | 'viewer' = 'editor') {
  const email = `member-${++members}@cache.test`;
  const user = await createUser(app.handle.db, null, { email, name: `Member ${members}`, password: 'password-1' });
  await addMember(app.handle.db, owner, projectId, email, role);
  return { id: user.id, isAdmin: false, email };
}

async function logBatch(token: string): Promise<number> {
  const router = await import('@/server/mlflow/router');
  const run = await createRun(app.handle.db, owner, projectId, { experimentId, runName: 'r', startTime: Date.now() });
  const res = await router.POST(
    new Request('http://localhost:3000/api/2.0/mlflow/runs/log-batch', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ run_id: run.id, metrics: [{ key: 'loss', value: 1, timestamp: 1, step: 0 }] }),
    }),
    { params: Promise.resolve({ path: ['runs', 'log-batch'] }) },
  );
  return res.status;
}

/** Repeats `probe` until it gives `want` (the NOTIFY travels asynchronously), for at most a second. */
async function soon<T>(probe: () => Promise<T>, want: T): Promise<T> {
  const until = Date.now() + 1000;
  let got = await probe();
  while (got !== want && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 10));
    got = await probe();
  }
  return got;
}

describe('token cache', () => {
  it('answers a cached token without a database query', async () => {
    const { token } = await createApiToken(app.handle.db, owner, projectId, 'hot');
    const { handle, counter } = counting(app.handle);
    const cache = createTokenCache(handle);
    try {
      expect((await cache.authenticate(token))?.role).toBe('owner');
      const afterFirst = counter.queries;
      expect(afterFirst).toBeGreaterThan(0);
      for (let i = 0; i < 5; i++) expect((await cache.authenticate(token))?.role).toBe('owner');
      expect(counter.queries).toBe(afterFirst);
      // Unknown and revoked tokens are never cached: each is looked up.
      expect(await cache.authenticate('rbt_not-a-token')).toBeNull();
      expect(await cache.authenticate('rbt_not-a-token')).toBeNull();
      expect(counter.queries).toBe(afterFirst + 2);
    } finally {
      await cache.close();
    }
  });

  it('expires entries after the TTL even without an event', async () => {
    const { token } = await createApiToken(app.handle.db, owner, projectId, 'ttl');
    let now = 1_000;
    const { handle, counter } = counting(app.handle);
    const cache = createTokenCache(handle, { ttlMs: 100, now: () => now });
    try {
      await cache.authenticate(token);
      const before = counter.queries;
      now += 50;
      await cache.authenticate(token);
      expect(counter.queries).toBe(before);
      now += 100;
      await cache.authenticate(token);
      expect(counter.queries).toBeGreaterThan(before);
    } finally {
      await cache.close();
    }
  });

  it('refuses a token revoked through another instance on the next call', async () => {
    const { token, row } = await createApiToken(app.handle.db, owner, projectId, 'doomed');
    const cache = createTokenCache(app.handle);
    try {
      expect(await cache.authenticate(token)).not.toBeNull();
      expect(cache.size()).toBe(1);
      await revokeApiToken(other.db, owner, projectId, row.id);
      expect(await soon(() => cache.authenticate(token), null)).toBeNull();
    } finally {
      await cache.close();
    }
  });

  it('follows a role change and a removal made through another instance', async () => {
    const user = await member('editor');
    const { token } = await createApiToken(app.handle.db, user, projectId, 'member');
    const cache = createTokenCache(app.handle);
    try {
      expect((await cache.authenticate(token))?.role).toBe('editor');
      await setMemberRole(other.db, owner, projectId, user.id, 'viewer');
      expect(await soon(async () => (await cache.authenticate(token))?.role, 'viewer')).toBe('viewer');
      await removeMember(other.db, owner, projectId, user.id);
      expect(await soon(() => cache.authenticate(token), null)).toBeNull();
    } finally {
      await cache.close();
    }
  });

  it('follows an administrator’s demotion made through another instance', async () => {
    const admin = await createUser(app.handle.db, null, {
      email: 'admin@cache.test',
      name: 'Ada',
      password: 'password-1',
      isAdmin: true,
    });
    const actor = { id: admin.id, isAdmin: true };
    const { token } = await createApiToken(app.handle.db, actor, projectId, 'admin, no membership');
    const cache = createTokenCache(app.handle);
    try {
      expect((await cache.authenticate(token))?.role).toBe('owner');
      await setUserAdmin(other.db, actor, owner.id, true); // keeps an administrator after the demotion
      await setUserAdmin(other.db, { id: owner.id, isAdmin: true }, admin.id, false);
      expect(await soon(() => cache.authenticate(token), null)).toBeNull();
    } finally {
      await cache.close();
    }
  });

  it('the API routes use it: a revoked token, a demoted editor and a removed member are refused', async () => {
    const user = await member('editor');
    const { token, row } = await createApiToken(app.handle.db, user, projectId, 'route');
    expect(await logBatch(token)).toBe(200);
    expect(await logBatch(token)).toBe(200);
    await setMemberRole(other.db, owner, projectId, user.id, 'viewer');
    expect(await soon(() => logBatch(token), 403)).toBe(403);
    await setMemberRole(other.db, owner, projectId, user.id, 'editor');
    expect(await soon(() => logBatch(token), 200)).toBe(200);
    await revokeApiToken(other.db, user, projectId, row.id);
    expect(await soon(() => logBatch(token), 401)).toBe(401);

    const leaving = await member('editor');
    const second = await createApiToken(app.handle.db, leaving, projectId, 'leaving');
    expect(await logBatch(second.token)).toBe(200);
    await removeMember(other.db, owner, projectId, leaving.id);
    expect(await soon(() => logBatch(second.token), 401)).toBe(401);
  });
});
