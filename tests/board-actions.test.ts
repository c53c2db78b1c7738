// The board's server actions as the browser calls them: bad input comes back as field messages (never
// a 500), a stale task save comes back as a conflict carrying the other person's values, and a refused
// drop leaves the board as it was.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import { getTaskDetail, getWipLimits } from '@/db/queries/board';
import { addMember, createProject } from '@/db/queries/projects';
import { createSprint } from '@/db/queries/sprints';
import { createTask, updateTask } from '@/db/queries/tasks';
import { createUser } from '@/db/queries/users';
import { openAppTestDb } from './helpers/app-db';
import { actAs } from './helpers/next-request';
import { signInCookie } from './helpers/sessions';

vi.mock('next/headers', async () => (await import('./helpers/next-request')).nextHeadersModule);
vi.mock('next/cache', async () => (await import('./helpers/next-request')).nextCacheModule);

const board = await import('@/app/(app)/[project]/board/actions');
const sprintActions = await import('@/app/(app)/[project]/sprints/actions');

let app: Awaited<ReturnType<typeof openAppTestDb>>;
let db: Db;
let projectId: string;
let editorCookie: string;
let viewerCookie: string;
const owner = { id: '', isAdmin: false };
const slug = 'actions-board';

beforeAll(async () => {
  app = await openAppTestDb();
  db = app.handle.db;
  owner.id = (
    await createUser(db, null, { email: 'owner@board.test', name: 'Olga Owner', password: 'password-123' })
  ).id;
  await createUser(db, null, { email: 'editor@board.test', name: 'Ed Editor', password: 'password-123' });
  await createUser(db, null, { email: 'viewer@board.test', name: 'Vi Viewer', password: 'password-123' });
  projectId = (await createProject(db, owner, { slug, name: 'Actions board', problemStatement: '' })).id;
  await addMember(db, owner, projectId, 'editor@board.test', 'editor');
  await addMember(db, owner, projectId, 'viewer@board.test', 'viewer');
  editorCookie = await signInCookie(db, 'editor@board.test', 'password-123');
  viewerCookie = await signInCookie(db, 'viewer@board.test', 'password-123');
});
afterAll(async () => {
  actAs(null);
  await app.cleanup();
});

async function as<T>(cookie: string, call: () => Promise<T>): Promise<T> {
  actAs(cookie);
  try {
    return await call();
  } finally {
    actAs(null);
  }
}

const form = (fields: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries({ project: slug, ...fields })) fd.append(k, v);
  return fd;
};

describe('board actions', () => {
  it('answer bad task input with a message under each field', async () => {
    const result = await as(editorCookie, () =>
      board.createTaskAction(null, form({ title: '  ', status: 'doing', priority: '9', effort: '-2', labels: '' })),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(['effort', 'priority', 'status', 'title']);
    expect(result.fieldErrors?.priority).toEqual(['Priorities run from 1 (most urgent) to 4']);
  });

  it('create a task from the form, labels cleaned up', async () => {
    const result = await as(editorCookie, () =>
      board.createTaskAction(
        null,
        form({
          title: 'Audit the labels',
          status: 'backlog',
          priority: '2',
          effort: '3',
          labels: 'Data, labelling, data',
          sprintId: '',
        }),
      ),
    );
    expect(result).toMatchObject({ ok: true, message: 'Created T-1.' });
  });

  it('merge a stale save that changed other fields, and answer a same-field clash with a conflict naming it', async () => {
    const task = await createTask(db, owner, projectId, {
      title: 'Write the model card',
      status: 'todo',
      priority: 3,
      effort: 2,
      sprintId: null,
    });
    const loaded = { title: 'Write the model card', description: '', status: 'todo', priority: '3', effort: '2' };
    const loadedForm = { ...loaded, assigneeId: '', labels: '', sprintId: '' };
    const save = (fields: Record<string, string>) =>
      as(editorCookie, () =>
        board.updateTaskAction(
          null,
          form({ taskId: task.id, version: '1', base: JSON.stringify(loadedForm), ...loadedForm, ...fields }),
        ),
      );
    // Someone else changes the title and the column first.
    await updateTask(db, owner, projectId, task.id, 1, {
      title: 'Write the model card v2',
      description: '',
      status: 'review',
      priority: 3,
      effort: 2,
      assigneeId: null,
      labels: [],
      sprintId: null,
    });
    // A save from the form opened at version 1 that changed only priority and labels lands beside theirs.
    const merged = await save({ priority: '1', labels: 'docs' });
    expect(merged).toMatchObject({ ok: true, data: { version: 3 } });
    expect((await getTaskDetail(db, projectId, task.id)).task).toMatchObject({
      title: 'Write the model card v2',
      status: 'review',
      priority: 1,
      labels: ['docs'],
    });
    // Another stale save that changes the title too: a conflict naming the field, with both values.
    const clash = await save({ title: 'Model card (final)', effort: '5' });
    expect(clash).toMatchObject({
      ok: false,
      message: expect.stringContaining('(title)'),
      fieldErrors: { title: [expect.stringContaining('same field')] },
      conflict: {
        version: 3,
        fields: [{ field: 'title', mine: 'Model card (final)', theirs: 'Write the model card v2' }],
      },
    });
    expect((await getTaskDetail(db, projectId, task.id)).task).toMatchObject({
      title: 'Write the model card v2',
      effort: 2,
      version: 3,
    });
  });

  it('refuse a viewer’s drop and leave the card where it was', async () => {
    const task = await createTask(db, owner, projectId, {
      title: 'Do not move me',
      status: 'todo',
      priority: 3,
      effort: 1,
      sprintId: null,
    });
    const result = await as(viewerCookie, () =>
      board.moveTaskAction(null, { project: slug, taskId: task.id, toStatus: 'done' }),
    );
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/needs the editor role/) });
    expect((await getTaskDetail(db, projectId, task.id)).task).toMatchObject({ status: 'todo', version: 1 });
  });

  it('store column limits, empty meaning none, and refuse a zero limit at its field', async () => {
    const bad = await as(editorCookie, () => board.setWipLimitsAction(null, form({ todo: '0', in_progress: '3' })));
    expect(bad).toMatchObject({ ok: false, fieldErrors: { todo: ['Use 1 or more, or leave empty for no limit'] } });
    const ok = await as(editorCookie, () =>
      board.setWipLimitsAction(
        null,
        form({ backlog: '', todo: '', in_progress: '3', review: '2', done: '', cancelled: '' }),
      ),
    );
    expect(ok.ok).toBe(true);
    expect(await getWipLimits(db, projectId)).toEqual({
      backlog: null,
      todo: null,
      in_progress: 3,
      review: 2,
      done: null,
      cancelled: null,
    });
  });
});

describe('sprint actions', () => {
  it('plan a two-week sprint by default, refuse an impossible date at its field, and close into the next planned sprint', async () => {
    const planned = await as(editorCookie, () =>
      sprintActions.createSprintAction(
        null,
        form({ name: 'Sprint 1', goal: '', startDate: '2026-03-02', endDate: '' }),
      ),
    );
    expect(planned).toMatchObject({ ok: true, message: 'Planned Sprint 1: 2 Mar 2026 to 15 Mar 2026.' });
    const badDate = await as(editorCookie, () =>
      sprintActions.createSprintAction(null, form({ name: 'Sprint 2', startDate: '2026-02-30' })),
    );
    expect(badDate).toMatchObject({ ok: false, fieldErrors: { startDate: ['Choose a real date'] } });
    const sprint = await createSprint(db, owner, projectId, { name: 'Sprint 0', goal: '', startDate: '2026-02-16' });
    expect(
      await as(editorCookie, () => sprintActions.startSprintAction(null, form({ sprintId: sprint.id }))),
    ).toMatchObject({ ok: true });
    // Sprint 1 is planned, so "next" works; the backlog always does.
    const closed = await as(editorCookie, () =>
      sprintActions.closeSprintAction(null, form({ sprintId: sprint.id, carryTo: 'next' })),
    );
    expect(closed).toMatchObject({ ok: true, message: 'Sprint 0 closed; 0 unfinished tasks moved to Sprint 1.' });
  });
});
