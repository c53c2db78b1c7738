import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDb, openTestDb } from '../test-db';
import { activityLog, projectMembers, projects, stageChanges } from '../schema';
import type { Actor } from './activity';
import { listProjectActivity } from './activity';
import {
  addMember,
  changeProjectStage,
  createProject,
  getProjectAccess,
  getProjectBySlug,
  listMembers,
  listProjectsForUser,
  listStageChanges,
  removeMember,
  setMemberRole,
  updateProject,
} from './projects';
import { createUser } from './users';
import { rejection } from '@/tests/helpers/rejection';

let t: TestDb;
type Person = Actor & { email: string };
let admin: Person;
let ada: Person;
let bob: Person;
let cyd: Person;

beforeAll(async () => {
  t = await openTestDb();
  const make = async (key: string, isAdmin = false): Promise<Person> => {
    const u = await createUser(t.db, null, {
      email: `${key}@example.test`,
      name: key[0]!.toUpperCase() + key.slice(1),
      password: 'long-enough-pw',
      isAdmin,
    });
    return { id: u.id, isAdmin: u.isAdmin, email: u.email };
  };
  admin = await make('admin', true);
  ada = await make('ada');
  bob = await make('bob');
  cyd = await make('cyd');
});
afterAll(async () => {
  await t?.cleanup();
});

async function tableCounts() {
  const n = async (table: typeof projects | typeof projectMembers | typeof stageChanges | typeof activityLog) =>
    (await t.db.select({ n: count() }).from(table))[0]!.n;
  return {
    projects: await n(projects),
    members: await n(projectMembers),
    stages: await n(stageChanges),
    activity: await n(activityLog),
  };
}

let slugSerial = 0;
const newProject = (owner: Actor, name = 'Churn model') =>
  createProject(t.db, owner, { slug: `p-${++slugSerial}`, name, problemStatement: 'Predict who leaves next month' });

describe('createProject', () => {
  it('makes the creator its only member, as owner, in the define stage', async () => {
    const p = await newProject(ada);
    expect(p.stage).toBe('define');
    expect(p.version).toBe(1);
    expect(await listMembers(t.db, p.id)).toEqual([
      expect.objectContaining({ userId: ada.id, email: ada.email, role: 'owner' }),
    ]);
  });

  it('can name another user as owner (the admin CLI does), while recording the actor', async () => {
    const p = await createProject(t.db, admin, { slug: 'for-bob', name: 'For Bob', problemStatement: '' }, bob.id);
    expect((await listMembers(t.db, p.id)).map((m) => [m.userId, m.role])).toEqual([[bob.id, 'owner']]);
    expect((await listProjectActivity(t.db, p.id))[0]!.userEmail).toBe(admin.email);
  });

  it('records the initial stage change and an activity entry with every field set', async () => {
    const p = await newProject(ada, 'Fraud detector');
    expect(await listStageChanges(t.db, p.id)).toEqual([
      expect.objectContaining({ fromStage: null, toStage: 'define', reason: 'Project created', userName: 'Ada' }),
    ]);
    const [entry] = await listProjectActivity(t.db, p.id);
    expect(entry).toMatchObject({ entityType: 'project', entityId: p.id, action: 'create', userEmail: ada.email });
    expect(entry!.changes).toEqual({
      name: { from: null, to: 'Fraud detector' },
      slug: { from: null, to: p.slug },
      problemStatement: { from: null, to: 'Predict who leaves next month' },
      stage: { from: null, to: 'define' },
    });
  });

  it('rejects a slug that is taken, on the slug field, and writes nothing', async () => {
    const p = await newProject(ada);
    const before = await tableCounts();
    const err = await rejection(createProject(t.db, bob, { slug: p.slug, name: 'Squatter', problemStatement: '' }));
    expect(err).toMatchObject({ kind: 'exists', field: 'slug' });
    expect(await tableCounts()).toEqual(before);
    expect((await getProjectBySlug(t.db, p.slug))!.name).toBe('Churn model');
  });
});

describe('updateProject', () => {
  it('saves the change, bumps the version and records old → new of the changed fields only', async () => {
    const p = await newProject(ada);
    const after = await updateProject(t.db, ada, p.id, p.version, {
      name: 'Churn model v2',
      problemStatement: p.problemStatement,
    });
    expect(after).toMatchObject({ name: 'Churn model v2', version: p.version + 1 });
    const [entry] = await listProjectActivity(t.db, p.id);
    expect(entry).toMatchObject({ action: 'update', entityType: 'project', userEmail: ada.email });
    expect(entry!.changes).toEqual({ name: { from: 'Churn model', to: 'Churn model v2' } });
  });

  it('refuses a save based on a stale version with a conflict, and changes nothing', async () => {
    const p = await newProject(ada);
    await updateProject(t.db, bob, p.id, p.version, { name: 'Bob got there first' });
    const saved = await getProjectBySlug(t.db, p.slug);
    const before = await tableCounts();
    const err = await rejection(updateProject(t.db, ada, p.id, p.version, { name: 'Ada overwrites' }));
    expect(err.kind).toBe('conflict');
    expect(await getProjectBySlug(t.db, p.slug)).toEqual(saved);
    expect(await tableCounts()).toEqual(before);
  });

  it('reports an unknown project as not found', async () => {
    expect(
      (await rejection(updateProject(t.db, ada, '00000000-0000-4000-8000-000000000000', 1, { name: 'x' }))).kind,
    ).toBe('not_found');
  });
});

describe('changeProjectStage', () => {
  it('moves the stage, keeps from → to with the reason in the history, and logs it', async () => {
    const p = await newProject(ada);
    await changeProjectStage(t.db, bob, p.id, 'baseline', 'Data collected and versioned');
    await changeProjectStage(t.db, ada, p.id, 'evaluate', 'Baseline run finished');
    expect((await getProjectBySlug(t.db, p.slug))!.stage).toBe('evaluate');
    const history = await listStageChanges(t.db, p.id);
    expect(history.map((h) => [h.fromStage, h.toStage, h.reason, h.userName])).toEqual([
      ['baseline', 'evaluate', 'Baseline run finished', 'Ada'],
      ['define', 'baseline', 'Data collected and versioned', 'Bob'],
      [null, 'define', 'Project created', 'Ada'],
    ]);
    const [latest] = await listProjectActivity(t.db, p.id);
    expect(latest).toMatchObject({ action: 'change-stage', userEmail: ada.email });
    expect(latest!.changes).toEqual({
      stage: { from: 'baseline', to: 'evaluate' },
      reason: { from: null, to: 'Baseline run finished' },
    });
  });

  it('bumps the version, so a details form opened before the stage change conflicts', async () => {
    const p = await newProject(ada);
    await changeProjectStage(t.db, ada, p.id, 'collect_data', '');
    expect((await rejection(updateProject(t.db, bob, p.id, p.version, { name: 'Stale' }))).kind).toBe('conflict');
  });

  it('refuses to "change" to the current stage, recording nothing', async () => {
    const p = await newProject(ada);
    const before = await tableCounts();
    expect((await rejection(changeProjectStage(t.db, ada, p.id, 'define', 'again'))).kind).toBe('invalid');
    expect(await tableCounts()).toEqual(before);
  });
});

describe('members', () => {
  it('adds a member by email with a role, and logs it', async () => {
    const p = await newProject(ada);
    await addMember(t.db, ada, p.id, 'BOB@example.test', 'editor');
    expect((await listMembers(t.db, p.id)).map((m) => [m.email, m.role])).toEqual([
      [ada.email, 'owner'],
      [bob.email, 'editor'],
    ]);
    const [entry] = await listProjectActivity(t.db, p.id, { entityType: 'member' });
    expect(entry).toMatchObject({ action: 'add', entityId: bob.id, changes: { role: { from: null, to: 'editor' } } });
  });

  it('rejects an unknown email and a second membership on the email field', async () => {
    const p = await newProject(ada);
    await addMember(t.db, ada, p.id, bob.email, 'viewer');
    const before = await tableCounts();
    expect(await rejection(addMember(t.db, ada, p.id, 'ghost@example.test', 'viewer'))).toMatchObject({
      kind: 'not_found',
      field: 'email',
    });
    expect(await rejection(addMember(t.db, ada, p.id, bob.email, 'owner'))).toMatchObject({
      kind: 'exists',
      field: 'email',
    });
    expect(await tableCounts()).toEqual(before);
    expect((await getProjectAccess(t.db, p.slug, bob))!.role).toBe('viewer');
  });

  it('changes a role and logs old → new', async () => {
    const p = await newProject(ada);
    await addMember(t.db, ada, p.id, bob.email, 'viewer');
    await setMemberRole(t.db, ada, p.id, bob.id, 'editor');
    expect((await getProjectAccess(t.db, p.slug, bob))!.role).toBe('editor');
    const [entry] = await listProjectActivity(t.db, p.id, { entityType: 'member' });
    expect(entry).toMatchObject({
      action: 'update',
      entityId: bob.id,
      changes: { role: { from: 'viewer', to: 'editor' } },
    });
  });

  it('never leaves a project without an owner: the last owner can be neither demoted nor removed', async () => {
    const p = await newProject(ada);
    await addMember(t.db, ada, p.id, bob.email, 'editor');
    const before = await tableCounts();
    const demote = await rejection(setMemberRole(t.db, ada, p.id, ada.id, 'editor'));
    const remove = await rejection(removeMember(t.db, ada, p.id, ada.id));
    for (const err of [demote, remove])
      expect(err).toMatchObject({ kind: 'conflict', message: 'A project needs at least one owner.' });
    expect(await tableCounts()).toEqual(before);
    expect((await getProjectAccess(t.db, p.slug, ada))!.role).toBe('owner');
  });

  it('lets an owner step down once another owner exists', async () => {
    const p = await newProject(ada);
    await addMember(t.db, ada, p.id, bob.email, 'owner');
    await setMemberRole(t.db, ada, p.id, ada.id, 'viewer');
    expect((await getProjectAccess(t.db, p.slug, ada))!.role).toBe('viewer');
    // Bob is now the only owner again.
    expect((await rejection(removeMember(t.db, bob, p.id, bob.id))).message).toBe(
      'A project needs at least one owner.',
    );
  });

  it('removes a member, who then loses access, and logs it', async () => {
    const p = await newProject(ada);
    await addMember(t.db, ada, p.id, cyd.email, 'editor');
    await removeMember(t.db, ada, p.id, cyd.id);
    expect(await getProjectAccess(t.db, p.slug, cyd)).toBeNull();
    const [entry] = await listProjectActivity(t.db, p.id, { entityType: 'member' });
    expect(entry).toMatchObject({
      action: 'remove',
      entityId: cyd.id,
      changes: { role: { from: 'editor', to: null } },
    });
    expect((await rejection(removeMember(t.db, ada, p.id, cyd.id))).kind).toBe('not_found');
  });
});

describe('getProjectAccess', () => {
  it('hides a project from non-members, shows members their role, and makes admins owners', async () => {
    const p = await newProject(ada);
    await addMember(t.db, ada, p.id, bob.email, 'viewer');
    expect(await getProjectAccess(t.db, p.slug, cyd)).toBeNull();
    expect(await getProjectAccess(t.db, p.slug, bob)).toMatchObject({
      role: 'viewer',
      project: { id: p.id, slug: p.slug },
    });
    expect((await getProjectAccess(t.db, p.slug, ada))!.role).toBe('owner');
    expect((await getProjectAccess(t.db, p.slug, admin))!.role).toBe('owner');
  });

  it('returns null for a slug that does not exist, for admins too', async () => {
    expect(await getProjectAccess(t.db, 'no-such-project', admin)).toBeNull();
    expect(await getProjectAccess(t.db, 'no-such-project', ada)).toBeNull();
  });
});

describe('listProjectsForUser', () => {
  it('lists only the projects a user belongs to, with their role, sorted by name; admins see all', async () => {
    const fresh = await createUser(t.db, null, { email: 'dee@example.test', name: 'Dee', password: 'long-enough-pw' });
    const dee: Actor = { id: fresh.id, isAdmin: false };
    expect(await listProjectsForUser(t.db, dee)).toEqual([]);
    const zulu = await createProject(t.db, dee, { slug: 'zulu', name: 'Zulu', problemStatement: '' });
    const alpha = await newProject(ada, 'Alpha');
    await addMember(t.db, ada, alpha.id, fresh.email, 'viewer');
    await newProject(ada, 'Not for Dee');

    const mine = await listProjectsForUser(t.db, dee);
    expect(mine.map((p) => [p.slug, p.role])).toEqual([
      [alpha.slug, 'viewer'],
      [zulu.slug, 'owner'],
    ]);

    const all = await listProjectsForUser(t.db, admin);
    const [n] = await t.db.select({ n: count() }).from(projects);
    expect(all).toHaveLength(n!.n);
    expect(new Set(all.map((p) => p.role))).toEqual(new Set(['owner']));
  });
});
