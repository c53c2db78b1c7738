// Posting a project status update as the browser does: the field that is wrong is named, viewers are
// refused, and a posted update is in the history with its author and the activity log.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import { listProjectActivity } from '@/db/queries/activity';
import { addMember, createProject } from '@/db/queries/projects';
import { listStatusUpdates } from '@/db/queries/status-updates';
import { createUser } from '@/db/queries/users';
import type { ActionResult } from '@/server/action';
import { openAppTestDb } from './helpers/app-db';
import { actAs } from './helpers/next-request';
import { signInCookie } from './helpers/sessions';

vi.mock('next/headers', async () => (await import('./helpers/next-request')).nextHeadersModule);
vi.mock('next/cache', async () => (await import('./helpers/next-request')).nextCacheModule);

const { postStatusUpdateAction } = await import('@/app/(app)/[project]/actions');

const PASSWORD = 'correct-horse-battery-9';
const slug = 'status-updates';
let app: Awaited<ReturnType<typeof openAppTestDb>>;
let db: Db;
let projectId: string;
let editorCookie: string;
let viewerCookie: string;

async function post(cookie: string, payload: Record<string, unknown>) {
  actAs(cookie);
  try {
    return (await postStatusUpdateAction(null, { project: slug, ...payload })) as ActionResult<unknown>;
  } finally {
    actAs(null);
  }
}

beforeAll(async () => {
  app = await openAppTestDb();
  db = app.handle.db;
  const owner = await createUser(db, null, { email: 'owner@su.test', name: 'Olga Owner', password: PASSWORD });
  const editor = await createUser(db, null, { email: 'editor@su.test', name: 'Ed Editor', password: PASSWORD });
  await createUser(db, null, { email: 'viewer@su.test', name: 'Vi Viewer', password: PASSWORD });
  const actor = { id: owner.id, isAdmin: false };
  projectId = (await createProject(db, actor, { slug, name: 'Status updates', problemStatement: '' })).id;
  await addMember(db, actor, projectId, editor.email, 'editor');
  await addMember(db, actor, projectId, 'viewer@su.test', 'viewer');
  editorCookie = await signInCookie(db, editor.email, PASSWORD);
  viewerCookie = await signInCookie(db, 'viewer@su.test', PASSWORD);
});
afterAll(async () => {
  actAs(null);
  await app?.cleanup();
});

describe('postStatusUpdateAction', () => {
  it('names the field when the health is not one of the three or the body is empty or too long', async () => {
    const badHealth = await post(editorCookie, { health: 'great', body: 'Fine' });
    expect(badHealth.ok).toBe(false);
    if (!badHealth.ok)
      expect(badHealth.fieldErrors?.health).toEqual(['Choose the health: on track, at risk or off track']);
    const empty = await post(editorCookie, { health: 'at_risk', body: '   ' });
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.fieldErrors?.body).toEqual(['Write the update']);
    const long = await post(editorCookie, { health: 'at_risk', body: 'x'.repeat(5001) });
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.fieldErrors?.body).toEqual(['Use at most 5000 characters']);
    expect(await listStatusUpdates(db, projectId)).toEqual([]);
  });

  it('refuses a viewer and saves nothing', async () => {
    const res = await post(viewerCookie, { health: 'on_track', body: 'All good' });
    expect(res).toEqual({ ok: false, message: 'This needs the editor role in the project; you are viewer.' });
    expect(await listStatusUpdates(db, projectId)).toEqual([]);
  });

  it('posts an update an editor writes; the history lists it newest first with the author, and the log records it', async () => {
    expect(await post(editorCookie, { health: 'on_track', body: 'First week done' })).toMatchObject({ ok: true });
    expect(await post(editorCookie, { health: 'off_track', body: 'Accuracy **dropped** in production' })).toEqual({
      ok: true,
      data: undefined,
      message: 'Status update posted.',
    });
    const history = await listStatusUpdates(db, projectId);
    expect(history.map((u) => [u.health, u.body, u.authorName])).toEqual([
      ['off_track', 'Accuracy **dropped** in production', 'Ed Editor'],
      ['on_track', 'First week done', 'Ed Editor'],
    ]);
    const log = await listProjectActivity(db, projectId, { entityType: 'status_update' });
    expect(log).toHaveLength(2);
  });
});
