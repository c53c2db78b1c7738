import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDb, openTestDb } from '../test-db';
import { type Actor, listActivityEntityTypes, listProjectActivity, recordActivity } from './activity';
import { createProject } from './projects';
import { createUser } from './users';

let t: TestDb;
let ada: Actor;
let projectId: string;
let otherProjectId: string;

beforeAll(async () => {
  t = await openTestDb();
  const user = await createUser(t.db, null, {
    email: 'ada@example.test',
    name: 'Ada Lovelace',
    password: 'long-enough-pw',
  });
  ada = { id: user.id, isAdmin: false };
  projectId = (await createProject(t.db, ada, { slug: 'engine', name: 'Engine', problemStatement: '' })).id;
  otherProjectId = (await createProject(t.db, ada, { slug: 'loom', name: 'Loom', problemStatement: '' })).id;
});
afterAll(async () => {
  await t?.cleanup();
});

describe('recordActivity', () => {
  it('records who changed which entity, with old → new for the fields that changed only', async () => {
    await recordActivity(t.db, ada, {
      projectId,
      entityType: 'risk',
      entityId: 'risk-1',
      action: 'update',
      before: { title: 'Label noise', likelihood: 'Low', impact: 'High', reviewOn: new Date('2025-01-01T00:00:00Z') },
      after: { title: 'Label noise', likelihood: 'High', reviewOn: new Date('2025-02-01T00:00:00Z'), owner: 'ada' },
    });
    const [entry] = await listProjectActivity(t.db, projectId, { entityType: 'risk' });
    expect(entry).toMatchObject({
      entityType: 'risk',
      entityId: 'risk-1',
      action: 'update',
      userName: 'Ada Lovelace',
      userEmail: 'ada@example.test',
    });
    expect(entry!.createdAt).toBeInstanceOf(Date);
    expect(entry!.changes).toEqual({
      likelihood: { from: 'Low', to: 'High' },
      reviewOn: { from: '2025-01-01T00:00:00.000Z', to: '2025-02-01T00:00:00.000Z' },
      owner: { from: null, to: 'ada' },
    });
  });

  it('records an action without field changes, and a system action without a user', async () => {
    await recordActivity(t.db, ada, { projectId, entityType: 'sprint', entityId: 's-1', action: 'close' });
    await recordActivity(t.db, null, {
      projectId,
      entityType: 'alert',
      entityId: 'a-1',
      action: 'open',
      after: { kind: 'drift' },
    });
    const [system, closed] = await listProjectActivity(t.db, projectId, { limit: 2 });
    expect(system).toMatchObject({
      entityType: 'alert',
      action: 'open',
      userName: null,
      userEmail: null,
      changes: { kind: { from: null, to: 'drift' } },
    });
    expect(closed).toMatchObject({ entityType: 'sprint', action: 'close', userName: 'Ada Lovelace', changes: {} });
  });
});

describe('listProjectActivity', () => {
  it('shows a project’s entries newest first and never another project’s', async () => {
    await recordActivity(t.db, ada, {
      projectId: otherProjectId,
      entityType: 'risk',
      entityId: 'loom-risk',
      action: 'create',
      after: { title: 'Loom only' },
    });
    const entries = await listProjectActivity(t.db, projectId);
    expect(entries.map((e) => e.entityId)).not.toContain('loom-risk');
    const ids = entries.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(entries.at(-1)).toMatchObject({ entityType: 'project', action: 'create' });
    expect((await listProjectActivity(t.db, otherProjectId, { entityType: 'risk' })).map((e) => e.entityId)).toEqual([
      'loom-risk',
    ]);
  });

  it('filters by entity type', async () => {
    const risks = await listProjectActivity(t.db, projectId, { entityType: 'risk' });
    expect(risks.map((e) => e.entityId)).toEqual(['risk-1']);
    expect(await listProjectActivity(t.db, projectId, { entityType: 'model' })).toEqual([]);
  });

  it('pages backwards with `before` and `limit`', async () => {
    for (let i = 1; i <= 5; i++)
      await recordActivity(t.db, ada, { projectId, entityType: 'task', entityId: `t-${i}`, action: 'create' });
    const first = await listProjectActivity(t.db, projectId, { entityType: 'task', limit: 2 });
    expect(first.map((e) => e.entityId)).toEqual(['t-5', 't-4']);
    const next = await listProjectActivity(t.db, projectId, { entityType: 'task', limit: 2, before: first.at(-1)!.id });
    expect(next.map((e) => e.entityId)).toEqual(['t-3', 't-2']);
  });
});

describe('listActivityEntityTypes', () => {
  it('lists the distinct entity types of one project, sorted, for the filter menu', async () => {
    expect(await listActivityEntityTypes(t.db, projectId)).toEqual(['alert', 'project', 'risk', 'sprint', 'task']);
    expect(await listActivityEntityTypes(t.db, otherProjectId)).toEqual(['project', 'risk']);
  });
});
