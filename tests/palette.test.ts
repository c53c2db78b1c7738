// The command palette's search route and the backlog's rank and undo actions, as the browser calls them:
// signed-out and outside callers learn nothing, bad input names the field, and results stay in the project.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import { listTasks } from '@/db/queries/board';
import { getExperimentByName } from '@/db/queries/experiments';
import { addMember, createProject } from '@/db/queries/projects';
import { createRegisteredModel } from '@/db/queries/registry';
import { createRisk } from '@/db/queries/risks';
import { createRun } from '@/db/queries/runs';
import { createTask } from '@/db/queries/tasks';
import { createUser } from '@/db/queries/users';
import { openAppTestDb } from './helpers/app-db';
import { actAs } from './helpers/next-request';
import { signInCookie } from './helpers/sessions';

vi.mock('next/headers', async () => (await import('./helpers/next-request')).nextHeadersModule);
vi.mock('next/cache', async () => (await import('./helpers/next-request')).nextCacheModule);

const board = await import('@/app/(app)/[project]/board/actions');
const { GET: search } = await import('@/app/api/projects/[project]/search/route');

let app: Awaited<ReturnType<typeof openAppTestDb>>;
let db: Db;
let projectId: string;
let editorCookie: string;
let viewerCookie: string;
let outsiderCookie: string;
const owner = { id: '', isAdmin: false };
const slug = 'palette';
const PASSWORD = 'password-123';

beforeAll(async () => {
  app = await openAppTestDb();
  db = app.handle.db;
  owner.id = (await createUser(db, null, { email: 'owner@palette.test', name: 'Olga Owner', password: PASSWORD })).id;
  for (const who of ['editor', 'viewer', 'outsider'])
    await createUser(db, null, { email: `${who}@palette.test`, name: who, password: PASSWORD });
  projectId = (await createProject(db, owner, { slug, name: 'Palette', problemStatement: '' })).id;
  const otherId = (await createProject(db, owner, { slug: 'elsewhere', name: 'Elsewhere', problemStatement: '' })).id;
  await addMember(db, owner, projectId, 'editor@palette.test', 'editor');
  await addMember(db, owner, projectId, 'viewer@palette.test', 'viewer');
  editorCookie = await signInCookie(db, 'editor@palette.test', PASSWORD);
  viewerCookie = await signInCookie(db, 'viewer@palette.test', PASSWORD);
  outsiderCookie = await signInCookie(db, 'outsider@palette.test', PASSWORD);

  const experimentId = (await getExperimentByName(db, projectId, 'Default')).id;
  await createRun(db, owner, projectId, { experimentId, runName: 'churn-gbm-100%' });
  await createRegisteredModel(db, owner, projectId, { name: 'churn-classifier' });
  await createRisk(db, owner, projectId, {
    title: 'Churn labels arrive late',
    description: '',
    category: 'data_quality',
    likelihood: 'High',
    impact: 'High',
    ownerId: null,
    response: 'mitigate',
    mitigationPlan: '',
    mitigationPct: 0,
    status: 'open',
    nextReviewDate: null,
  });
  await createTask(db, owner, projectId, {
    title: 'Retrain churn model',
    status: 'backlog',
    priority: 2,
    effort: 3,
    sprintId: null,
  });
  await createTask(db, owner, otherId, {
    title: 'Churn elsewhere',
    status: 'backlog',
    priority: 2,
    effort: 3,
    sprintId: null,
  });
});
afterAll(async () => {
  actAs(null);
  await app.cleanup();
});

async function searchAs(cookie: string | null, query: string, project = slug) {
  const req = new Request(`http://localhost:3000/api/projects/${project}/search?${query}`, {
    headers: cookie ? { cookie } : {},
  });
  return search(req, { params: Promise.resolve({ project }) });
}

describe('palette search route', () => {
  it('refuses the signed-out and hides the project from non-members', async () => {
    expect((await searchAs(null, 'q=churn')).status).toBe(401);
    const outsider = await searchAs(outsiderCookie, 'q=churn');
    expect(outsider.status).toBe(404);
    expect(await outsider.json()).toMatchObject({ message: 'Project not found.' });
  });

  it('names the missing or overlong field', async () => {
    const missing = await searchAs(viewerCookie, '');
    expect(missing.status).toBe(400);
    expect((await missing.json()).message).toMatch(/\(q\)|q/);
    const long = await searchAs(viewerCookie, `q=${'x'.repeat(201)}`);
    expect(long.status).toBe(400);
    expect((await long.json()).message).toMatch(/at most 200 characters \(q\)/);
  });

  it('finds runs, models, risks and tasks of this project only, with links to them', async () => {
    const res = await searchAs(viewerCookie, 'q=churn');
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: Array<{ kind: string; label: string; href: string }> };
    expect(results.map((r) => [r.kind, r.label])).toEqual([
      ['run', 'churn-gbm-100%'],
      ['model', 'churn-classifier'],
      ['risk', 'Churn labels arrive late'],
      ['task', 'T-1 Retrain churn model'],
    ]);
    expect(results.find((r) => r.kind === 'model')?.href).toBe('/palette/models/churn-classifier');
    expect(results.find((r) => r.kind === 'task')?.href).toMatch(/^\/palette\/board\/tasks\/[0-9a-f-]{36}$/);
  });

  it('matches % and _ literally and tasks by their reference', async () => {
    const percent = (await (await searchAs(viewerCookie, 'q=%25')).json()) as { results: Array<{ label: string }> };
    expect(percent.results.map((r) => r.label)).toEqual(['churn-gbm-100%']);
    const byRef = (await (await searchAs(viewerCookie, 'q=T-1')).json()) as { results: Array<{ label: string }> };
    expect(byRef.results.map((r) => r.label)).toEqual(['T-1 Retrain churn model']);
  });
});

async function as<T>(cookie: string, call: () => Promise<T>): Promise<T> {
  actAs(cookie);
  try {
    return await call();
  } finally {
    actAs(null);
  }
}

const backlogTitles = async () => (await listTasks(db, projectId, null)).map((t) => t.title);

describe('backlog rank and undo of prioritise', () => {
  it('ranks a task between new neighbours, and viewers may not', async () => {
    for (const [title, priority, effort] of [
      ['Small urgent', 1, 1],
      ['Big later', 4, 8],
    ] as const) {
      await createTask(db, owner, projectId, { title, status: 'backlog', priority, effort, sprintId: null });
    }
    const [first, , last] = await listTasks(db, projectId, null);
    const refused = await as(viewerCookie, () =>
      board.rankTaskAction(null, { project: slug, taskId: last!.id, beforeId: first!.id }),
    );
    expect(refused).toMatchObject({ ok: false, message: 'This needs the editor role in the project; you are viewer.' });
    const ranked = await as(editorCookie, () =>
      board.rankTaskAction(null, { project: slug, taskId: last!.id, beforeId: first!.id }),
    );
    expect(ranked.ok).toBe(true);
    expect(await backlogTitles()).toEqual(['Big later', 'Retrain churn model', 'Small urgent']);
  });

  it('undoes Prioritise: the order from before comes back', async () => {
    const before = await backlogTitles();
    const prioritised = await as(editorCookie, () => board.prioritiseAction(null, { project: slug, sprintId: '' }));
    if (!prioritised.ok) throw new Error(prioritised.message);
    expect(await backlogTitles()).toEqual(['Small urgent', 'Retrain churn model', 'Big later']);
    const previous = (prioritised.data as { previous: string[] }).previous;
    const undone = await as(editorCookie, () =>
      board.undoPrioritiseAction(null, { project: slug, sprintId: '', previous }),
    );
    expect(undone).toMatchObject({ ok: true, message: 'Restored the order of 3 tasks.' });
    expect(await backlogTitles()).toEqual(before);
  });

  it('names a bad undo list field instead of failing', async () => {
    const bad = await as(editorCookie, () =>
      board.undoPrioritiseAction(null, { project: slug, sprintId: '', previous: ['not-an-id'] }),
    );
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(Object.keys(bad.fieldErrors ?? {})[0]).toMatch(/^previous/);
  });
});
