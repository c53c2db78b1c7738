// Live board updates end to end below the browser: a change committed through one app instance's
// connection reaches a stream served by another instance (Postgres LISTEN/NOTIFY), and the SSE route
// relays it to a signed-in member.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { createProject } from '@/db/queries/projects';
import { createTask, moveTask } from '@/db/queries/tasks';
import { createApiToken } from '@/db/queries/tokens';
import { createUser } from '@/db/queries/users';
import type { LiveEvent } from '@/db/queries/live-events';
import { createLiveHub, liveEventResponse } from '@/server/live';
import { openAppTestDb, openSecondInstance } from './helpers/app-db';
import { endsWithin, readFrames } from './helpers/sse';

let app: Awaited<ReturnType<typeof openAppTestDb>>;
let other: DbHandle;
let otherInstance: Awaited<ReturnType<typeof openSecondInstance>>;
let projectId: string;
let otherProjectId: string;
let token: string;
const actor = { id: '', isAdmin: false };

beforeAll(async () => {
  app = await openAppTestDb();
  otherInstance = await openSecondInstance(app);
  other = otherInstance.handle;
  const db = app.handle.db;
  actor.id = (await createUser(db, null, { email: 'live@example.com', name: 'Liv Live', password: 'password-1' })).id;
  projectId = (await createProject(db, actor, { slug: 'live', name: 'Live', problemStatement: '' })).id;
  otherProjectId = (await createProject(db, actor, { slug: 'elsewhere', name: 'Elsewhere', problemStatement: '' })).id;
  token = (await createApiToken(db, actor, projectId, 'viewer stream')).token;
});
afterAll(async () => {
  await otherInstance.close();
  await app.cleanup();
});

describe('live hub', () => {
  it('receives a move committed through another instance’s connection within 2 s, for its project only', async () => {
    const hub = createLiveHub(app.handle);
    const seen: LiveEvent[] = [];
    const unsubscribe = await hub.subscribe(projectId, (e) => seen.push(e));
    try {
      const card = await createTask(other.db, actor, projectId, {
        title: 'Retrain after drift',
        status: 'todo',
        priority: 1,
        effort: 3,
        sprintId: null,
      });
      await createTask(other.db, actor, otherProjectId, {
        title: 'Not for us',
        status: 'todo',
        priority: 1,
        effort: 1,
        sprintId: null,
      });
      const started = Date.now();
      await moveTask(other.db, actor, projectId, { taskId: card.id, toStatus: 'in_progress' });
      await expect.poll(() => seen.some((e) => e.version === 2), { timeout: 2000, interval: 20 }).toBe(true);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(seen).toEqual([
        { projectId, entity: 'task', id: card.id, version: 1 },
        { projectId, entity: 'task', id: card.id, version: 2 },
      ]);
    } finally {
      unsubscribe();
      await hub.close();
    }
  });
});

describe('events route', () => {
  const call = async (headers: Record<string, string>, signal?: AbortSignal) => {
    const { GET } = await import('@/app/api/projects/[project]/events/route');
    const req = new Request('http://localhost:3000/api/projects/live/events', { headers, signal });
    return GET(req, { params: Promise.resolve({ project: 'live' }) });
  };

  it('streams the project’s changes as Server-Sent Events and stops when the client leaves', async () => {
    const abort = new AbortController();
    const res = await call({ authorization: `Bearer ${token}`, accept: 'text/event-stream' }, abort.signal);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('cache-control')).toContain('no-transform');
    expect(await readFrames(res, (f) => f.startsWith('event: ready'))).toEqual([
      'retry: 2000',
      'event: ready\ndata: {}',
    ]);
    const card = await createTask(other.db, actor, projectId, {
      title: 'Watch me',
      status: 'todo',
      priority: 2,
      effort: 1,
      sprintId: null,
    });
    const frames = await readFrames(res, (f) => f.includes(card.id));
    expect(frames.at(-1)).toBe(
      `event: change\ndata: ${JSON.stringify({ projectId, entity: 'task', id: card.id, version: 1 })}`,
    );
    abort.abort();
    expect(await endsWithin(res, 2000)).toBe(true);
  });

  it('answers 406 to a caller that does not ask for an event stream, instead of hanging', async () => {
    const res = await call({ authorization: `Bearer ${token}` });
    expect(res.status).toBe(406);
    expect(await res.json()).toMatchObject({ error_code: 'NOT_ACCEPTABLE' });
  });

  it('sends a heartbeat comment while idle and ends at its maximum lifetime so EventSource re-authorises', async () => {
    const hub = createLiveHub(app.handle);
    const res = liveEventResponse(
      hub,
      projectId,
      new Request('http://localhost/events'),
      { userId: actor.id },
      {
        heartbeatMs: 50,
        maxMs: 400,
      },
    );
    const frames = await readFrames(res, () => false, 1500);
    expect(frames.filter((f) => f === ': heartbeat').length).toBeGreaterThanOrEqual(2);
    expect(await endsWithin(res, 1000)).toBe(true);
    await hub.close();
  });
});
