// Live-update streams follow access: a revoked token or a member's removal (committed through any instance,
// published through Postgres NOTIFY like every other change) ends the streams it concerns at once, and one
// caller cannot hold more than a handful of streams open.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { addMember, createProject, removeMember } from '@/db/queries/projects';
import { createApiToken, revokeApiToken } from '@/db/queries/tokens';
import { createUser } from '@/db/queries/users';
import { MAX_STREAMS_PER_CALLER } from '@/server/live';
import { openAppTestDb, openSecondInstance } from './helpers/app-db';
import { signInCookie } from './helpers/sessions';
import { actAs } from './helpers/next-request';
import { endsWithin, readFrames } from './helpers/sse';

vi.mock('next/headers', async () => (await import('./helpers/next-request')).nextHeadersModule);
vi.mock('next/cache', async () => (await import('./helpers/next-request')).nextCacheModule);

let app: Awaited<ReturnType<typeof openAppTestDb>>;
let other: DbHandle;
let otherInstance: Awaited<ReturnType<typeof openSecondInstance>>;
const owner = { id: '', isAdmin: false };
let projectId: string;
const PASSWORD = 'password-1';

beforeAll(async () => {
  app = await openAppTestDb();
  otherInstance = await openSecondInstance(app);
  other = otherInstance.handle;
  const db = app.handle.db;
  owner.id = (await createUser(db, null, { email: 'owner@live.test', name: 'Olga Owner', password: PASSWORD })).id;
  projectId = (await createProject(db, owner, { slug: 'access', name: 'Access', problemStatement: '' })).id;
});
afterAll(async () => {
  await otherInstance.close();
  await app.cleanup();
});

async function openStream(headers: Record<string, string>): Promise<Response> {
  const { GET } = await import('@/app/api/projects/[project]/events/route');
  const req = new Request('http://localhost:3000/api/projects/access/events', {
    headers: { accept: 'text/event-stream', ...headers },
  });
  return GET(req, { params: Promise.resolve({ project: 'access' }) });
}

async function openReady(headers: Record<string, string>): Promise<Response> {
  const res = await openStream(headers);
  expect(res.status).toBe(200);
  expect((await readFrames(res, (f) => f.startsWith('event: ready'))).at(-1)).toBe('event: ready\ndata: {}');
  return res;
}

let members = 0;
async function newMember() {
  const email = `member-${++members}@live.test`;
  const user = await createUser(app.handle.db, null, { email, name: `Member ${members}`, password: PASSWORD });
  await addMember(app.handle.db, owner, projectId, email, 'viewer');
  return { id: user.id, isAdmin: false, email };
}

describe('streams follow access', () => {
  it('ends a stream as soon as its token is revoked through another instance; other streams stay open', async () => {
    const revoked = await createApiToken(app.handle.db, owner, projectId, 'revoked soon');
    const kept = await createApiToken(app.handle.db, owner, projectId, 'kept');
    const doomed = await openReady({ authorization: `Bearer ${revoked.token}` });
    const staying = await openReady({ authorization: `Bearer ${kept.token}` });
    await revokeApiToken(other.db, owner, projectId, revoked.row.id);
    expect(await endsWithin(doomed, 2000)).toBe(true);
    expect(await endsWithin(staying, 300)).toBe(false);
    // The reconnect EventSource makes is refused.
    expect((await openStream({ authorization: `Bearer ${revoked.token}` })).status).toBe(401);
    await staying.body!.cancel();
  });

  it('ends a removed member’s streams, by token and by session, at once; other members’ stay open', async () => {
    const leaving = await newMember();
    const staying = await newMember();
    const token = (await createApiToken(app.handle.db, leaving, projectId, 'leaving')).token;
    const byToken = await openReady({ authorization: `Bearer ${token}` });
    const bySession = await openReady({ cookie: await signInCookie(app.handle.db, leaving.email, PASSWORD) });
    const bystander = await openReady({ cookie: await signInCookie(app.handle.db, staying.email, PASSWORD) });
    await removeMember(other.db, owner, projectId, leaving.id);
    expect(await endsWithin(byToken, 2000)).toBe(true);
    expect(await endsWithin(bySession, 2000)).toBe(true);
    expect(await endsWithin(bystander, 300)).toBe(false);
    expect((await openStream({ authorization: `Bearer ${token}` })).status).toBe(401);
    await bystander.body!.cancel();
  });

  it('ends a session’s streams when that user signs out; their token streams stay open', async () => {
    const leaving = await newMember();
    const cookie = await signInCookie(app.handle.db, leaving.email, PASSWORD);
    const bySession = await openReady({ cookie });
    const token = (await createApiToken(app.handle.db, leaving, projectId, 'script')).token;
    const byToken = await openReady({ authorization: `Bearer ${token}` });
    const { signOut } = await import('@/app/(auth)/actions');
    actAs(cookie);
    await expect(signOut(null, {})).rejects.toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT/) });
    expect(await endsWithin(bySession, 2000)).toBe(true);
    expect(await endsWithin(byToken, 300)).toBe(false);
    expect((await openStream({ cookie })).status).toBe(401);
    await byToken.body!.cancel();
  });
});

describe('streams per caller', () => {
  it(`refuses a caller's stream beyond ${MAX_STREAMS_PER_CALLER} with 429 and a message, until one closes`, async () => {
    const { token } = await createApiToken(app.handle.db, owner, projectId, 'many tabs');
    const auth = { authorization: `Bearer ${token}` };
    const open: Response[] = [];
    for (let i = 0; i < MAX_STREAMS_PER_CALLER; i++) open.push(await openReady(auth));
    const refused = await openStream(auth);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({
      error_code: 'TOO_MANY_STREAMS',
      message: `You already have ${MAX_STREAMS_PER_CALLER} live-update streams open on this server (the limit is ${MAX_STREAMS_PER_CALLER}); close some tabs or stop other clients, then retry.`,
    });
    // Another caller is not affected.
    const { token: second } = await createApiToken(app.handle.db, owner, projectId, 'other client');
    const unaffected = await openReady({ authorization: `Bearer ${second}` });
    await open.pop()!.body!.cancel();
    const again = await openReady(auth);
    for (const res of [...open, unaffected, again]) await res.body!.cancel();
  });
});
