// The A/B test server actions as the browser calls them: the create form's fields, and the decision forms,
// including the confirmation the server demands before shipping over an SRM flag or a failed guardrail.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createAbTestAction,
  shipAbTestAction,
  startAbTestAction,
  stopAbTestAction,
} from '@/app/(app)/[project]/ab-tests/actions';
import type { Db } from '@/db/client';
import { assignUnit, recordAbEvents } from '@/db/queries/ab-ingest';
import { getAbTestConfig, listAbTests } from '@/db/queries/ab-tests';
import { createProject } from '@/db/queries/projects';
import {
  createModelVersion,
  createRegisteredModel,
  getLatestVersions,
  transitionModelVersionStage,
} from '@/db/queries/registry';
import { createUser } from '@/db/queries/users';
import { assignVariant } from '@/lib/stats';
import type { ActionResult } from '@/server/action';
import { openAppTestDb } from './helpers/app-db';
import { actAs } from './helpers/next-request';
import { signInCookie } from './helpers/sessions';

vi.mock('next/headers', async () => (await import('./helpers/next-request')).nextHeadersModule);
vi.mock('next/cache', async () => (await import('./helpers/next-request')).nextCacheModule);

let app: Awaited<ReturnType<typeof openAppTestDb>>;
let db: Db;
let projectId: string;
let cookie: string;

beforeAll(async () => {
  app = await openAppTestDb();
  db = app.handle.db;
  const editor = await createUser(db, null, { email: 'ed@ab-actions.test', name: 'Ed', password: 'long-enough-pw' });
  projectId = (await createProject(db, editor, { slug: 'ranking', name: 'Ranking', problemStatement: '' })).id;
  await createRegisteredModel(db, editor, projectId, { name: 'ranker' });
  for (let i = 0; i < 2; i++) await createModelVersion(db, editor, projectId, { name: 'ranker' });
  await transitionModelVersionStage(db, editor, projectId, {
    name: 'ranker',
    version: 1,
    stage: 'Production',
    archiveExisting: true,
  });
  cookie = await signInCookie(db, 'ed@ab-actions.test', 'long-enough-pw');
});
afterAll(async () => {
  actAs(null);
  await app?.cleanup();
});

type Outcome = { redirect: string } | ActionResult<unknown>;

async function submit(
  action: (prev: unknown, payload: Record<string, unknown>) => Promise<ActionResult<unknown>>,
  payload: Record<string, unknown>,
): Promise<Outcome> {
  actAs(cookie);
  try {
    return await action(null, { project: 'ranking', ...payload });
  } catch (err) {
    const digest = (err as { digest?: unknown }).digest;
    if (typeof digest === 'string' && digest.startsWith('NEXT_REDIRECT'))
      return { redirect: digest.split(';')[2] ?? '' };
    throw err;
  } finally {
    actAs(null);
  }
}

const form = (over: Record<string, unknown> = {}) => ({
  name: 'ranker v2 vs v1',
  model: 'ranker',
  variants: ['1', '2'],
  control: '1',
  'weight.1': '50',
  'weight.2': '50',
  primaryName: 'converted',
  primaryKind: 'conversion',
  primaryDirection: 'increase',
  'guardrails.0.name': 'latency_ms',
  'guardrails.0.kind': 'continuous',
  'guardrails.0.direction': 'decrease',
  start: 'on',
  ...over,
});

describe('A/B test actions', () => {
  it('creates a test from the form and opens its page; bad input comes back under its field', async () => {
    const bad = await submit(createAbTestAction, form({ variants: '1', 'guardrails.0.kind': 'ratio' }));
    expect(bad).toMatchObject({
      ok: false,
      fieldErrors: { variants: ['Choose at least two model versions'], 'guardrails.0.kind': [expect.any(String)] },
    });
    const missing = await submit(createAbTestAction, form({ model: 'nope' }));
    expect(missing).toMatchObject({
      ok: false,
      fieldErrors: { model: [expect.stringMatching(/No registered model/)] },
    });

    const created = await submit(createAbTestAction, form());
    const [test] = await listAbTests(db, projectId);
    expect(created).toEqual({ redirect: `/ranking/ab-tests/${test!.id}` });
    expect(test).toMatchObject({
      status: 'running',
      primaryMetric: 'converted',
      variants: [expect.objectContaining({ key: 'A', version: 1 }), expect.objectContaining({ key: 'B', version: 2 })],
    });
    expect(await submit(createAbTestAction, form())).toMatchObject({
      ok: false,
      fieldErrors: { name: [expect.stringMatching(/already exists/)] },
    });
  });

  it('refuses to ship over a failed guardrail until the box is ticked, then promotes the version', async () => {
    const created = await submit(createAbTestAction, form({ name: 'guarded' }));
    const id = (created as { redirect: string }).redirect.split('/').at(-1)!;
    const events = Array.from({ length: 120 }, (_, i) => ({
      unit_id: `u${i}`,
      metric: 'latency_ms',
      value: (assignVariant(id, `u${i}`, [50, 50]) ? 140 : 100) + (i % 5),
    }));
    await recordAbEvents(db, projectId, id, events);
    const { test } = await getAbTestConfig(db, projectId, id);
    const refused = await submit(shipAbTestAction, { id, version: test.version, variant: 'B', reason: '' });
    expect(refused).toMatchObject({
      ok: false,
      fieldErrors: { confirm: [expect.stringMatching(/needs your confirmation: it fails the guardrail latency_ms/)] },
    });
    expect((await getLatestVersions(db, projectId, 'ranker', ['Production']))[0]!.version).toBe(1);

    const shipped = await submit(shipAbTestAction, {
      id,
      version: test.version,
      variant: 'B',
      confirm: 'on',
      reason: 'Latency fixed in v2.1',
    });
    expect(shipped).toMatchObject({ ok: true, message: 'Shipped B: its model version is now in Production.' });
    expect((await getLatestVersions(db, projectId, 'ranker', ['Production']))[0]!.version).toBe(2);
    expect(await submit(shipAbTestAction, { id, version: test.version, variant: 'A', confirm: 'on' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/changed since you opened it/),
    });
  });

  it('starts a draft and stops it; a stale version is refused', async () => {
    const created = await submit(createAbTestAction, form({ name: 'draft test', start: undefined }));
    const id = (created as { redirect: string }).redirect.split('/').at(-1)!;
    const { test } = await getAbTestConfig(db, projectId, id);
    expect(test.status).toBe('draft');
    expect(await submit(startAbTestAction, { id, version: test.version })).toMatchObject({ ok: true });
    await assignUnit(db, projectId, id, 'someone');
    expect(await submit(stopAbTestAction, { id, version: test.version, reason: 'stale' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/changed since/),
    });
    expect(await submit(stopAbTestAction, { id, version: test.version + 1, reason: 'Enough' })).toMatchObject({
      ok: true,
    });
    expect((await getAbTestConfig(db, projectId, id)).test).toMatchObject({
      status: 'stopped',
      decisionReason: 'Enough',
    });
  });
});
