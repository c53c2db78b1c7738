// The registry's server actions as the run page and the model page call them: registering a run that already
// is a version of the model needs an explicit "anyway", and a promotion says when it leaves an alias behind.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import { createExperiment } from '@/db/queries/experiments';
import { createProject } from '@/db/queries/projects';
import { listRunModelVersions, setModelAlias } from '@/db/queries/registry';
import { createRun } from '@/db/queries/runs';
import { createUser } from '@/db/queries/users';
import { openAppTestDb } from './helpers/app-db';
import { actAs } from './helpers/next-request';
import { signInCookie } from './helpers/sessions';

vi.mock('next/headers', async () => (await import('./helpers/next-request')).nextHeadersModule);
vi.mock('next/cache', async () => (await import('./helpers/next-request')).nextCacheModule);

const registry = await import('@/app/(app)/[project]/models/actions');

let app: Awaited<ReturnType<typeof openAppTestDb>>;
let db: Db;
let projectId: string;
let cookie: string;
const owner = { id: '', isAdmin: false };
const slug = 'actions-registry';

beforeAll(async () => {
  app = await openAppTestDb();
  db = app.handle.db;
  owner.id = (
    await createUser(db, null, { email: 'owner@registry.test', name: 'Olga Owner', password: 'password-123' })
  ).id;
  projectId = (await createProject(db, owner, { slug, name: 'Actions registry', problemStatement: '' })).id;
  cookie = await signInCookie(db, 'owner@registry.test', 'password-123');
});
afterAll(async () => {
  actAs(null);
  await app.cleanup();
});

async function asOwner<T>(call: () => Promise<T>): Promise<T> {
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

describe('registry actions', () => {
  it('refuse to register a run again as a version of the same model unless asked to, and name the new version', async () => {
    const experiment = await createExperiment(db, owner, projectId, { name: 'register twice' });
    const run = await createRun(db, owner, projectId, { experimentId: experiment.id, runName: 'forest' });
    const first = await asOwner(() => registry.registerVersionAction(null, form({ name: 'churn', runId: run.id })));
    expect(first).toMatchObject({ ok: true, data: { name: 'churn', version: 1 } });

    const again = await asOwner(() => registry.registerVersionAction(null, form({ name: 'churn', runId: run.id })));
    expect(again.ok).toBe(false);
    if (again.ok) return;
    expect(again.message).toContain('This run is already churn version 1');
    expect(Object.keys(again.fieldErrors ?? {})).toEqual(['duplicate']);
    expect(await listRunModelVersions(db, projectId, run.id)).toHaveLength(1);

    const anyway = await asOwner(() =>
      registry.registerVersionAction(null, form({ name: 'churn', runId: run.id, duplicate: 'on' })),
    );
    expect(anyway).toMatchObject({ ok: true, data: { name: 'churn', version: 2 } });
    const other = await asOwner(() => registry.registerVersionAction(null, form({ name: 'upsell', runId: run.id })));
    expect(other).toMatchObject({ ok: true, data: { name: 'upsell', version: 1 } });
  });

  it('say when a promotion leaves an alias on the version it archived', async () => {
    const experiment = await createExperiment(db, owner, projectId, { name: 'promote' });
    for (const runName of ['one', 'two']) {
      const run = await createRun(db, owner, projectId, { experimentId: experiment.id, runName });
      await asOwner(() => registry.registerVersionAction(null, form({ name: 'ranker', runId: run.id })));
    }
    const promote = (version: string) =>
      asOwner(() =>
        registry.promoteAction(null, form({ name: 'ranker', version, stage: 'Production', archiveExisting: 'on' })),
      );
    expect(await promote('1')).toMatchObject({ ok: true, message: 'Version 1 is now in Production.' });
    await setModelAlias(db, owner, projectId, 'ranker', 'champion', 1);
    expect(await promote('2')).toMatchObject({
      ok: true,
      message: 'Version 2 is now in Production. @champion still points to archived version 1.',
    });
  });
});
