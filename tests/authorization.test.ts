// Route-by-route and action-by-action authorization. Every `app/**/actions.ts` and `app/**/route.ts` is
// discovered from the filesystem (and every MLflow endpoint from the router's table), so a new action or
// route is covered the moment it exists: it must be built with the shared wrapper (defineAction /
// defineRoute), and is then probed as every kind of caller its access rule must turn away — anonymous,
// forged session, non-member, removed member, lower role, revoked or foreign token, session cookie on a
// write — checking each time that the refusal wrote nothing, and that the least-privileged allowed caller
// does get through (so the refusals are not an artefact of bad input).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import { getProjectBySlug, addMember, createProject, removeMember } from '@/db/queries/projects';
import { authenticateApiToken, createApiToken, revokeApiToken } from '@/db/queries/tokens';
import { createUser } from '@/db/queries/users';
import { PROJECT_ROLES, type ProjectRole } from '@/lib/domain';
import type { ActionAccess, ActionResult } from '@/server/action';
import type { RouteAccess } from '@/server/api';
import { type ActionEntry, type RouteEntry, loadActions, loadRoutes, mlflowEndpoints } from './helpers/app-modules';
import { openAppTestDb } from './helpers/app-db';
import { snapshotDatabase } from './helpers/db-snapshot';
import { actAs, revalidatedPaths } from './helpers/next-request';
import { signInCookie } from './helpers/sessions';

vi.mock('next/headers', async () => (await import('./helpers/next-request')).nextHeadersModule);
vi.mock('next/cache', async () => (await import('./helpers/next-request')).nextCacheModule);

const actions = await loadActions('app');
// Routes under a `[project]` segment are probed on the project whose tokens and members the tests hold.
const ALPHA_SLUG = 'alpha-secret';
const routes = await loadRoutes('app', (param) => (param === 'project' ? ALPHA_SLUG : 'probe'));

const PASSWORD = 'correct-horse-battery-9';
const MSG = {
  signedOut: 'Your session has ended. Sign in again.',
  notAdmin: 'Only instance administrators can do this.',
  notFound: 'Project not found.',
  role: /^This needs the (viewer|editor|owner) role in the project/,
};
const isRole = (a: ActionAccess | RouteAccess | undefined): a is ProjectRole =>
  PROJECT_ROLES.includes(a as ProjectRole);
const rolesBelow = (a: ProjectRole) => PROJECT_ROLES.slice(0, PROJECT_ROLES.indexOf(a));
const withArticle = (role: string) => (/^[aeiou]/.test(role) ? `an ${role}` : `a ${role}`);

type UserKey = 'admin' | 'owner' | 'editor' | 'viewer' | 'outsider' | 'target' | 'leaver';
type Person = { id: string; email: string };
type ProjectFixture = {
  id: string;
  slug: string;
  tokens: Record<'viewer' | 'editor' | 'owner', { token: string; id: string }>;
};

let app: Awaited<ReturnType<typeof openAppTestDb>>;
let db: Db;
const people = {} as Record<UserKey, Person>;
const cookies = {} as Record<UserKey, string>;
let alpha: ProjectFixture;
let betaToken: string;
let revokedToken: string;
let leaverToken: string;
let serial = 0;

/** A project where owner, editor and viewer hold exactly those roles, each with an API token. */
async function seedProject(slug: string, name: string): Promise<ProjectFixture> {
  const owner = { id: people.owner.id, isAdmin: false };
  const project = await createProject(db, owner, { slug, name, problemStatement: `What ${name} is about` });
  await addMember(db, owner, project.id, people.editor.email, 'editor');
  await addMember(db, owner, project.id, people.viewer.email, 'viewer');
  const tokenOf = async (who: 'viewer' | 'editor' | 'owner') => {
    const { token, row } = await createApiToken(db, { id: people[who].id, isAdmin: false }, project.id, `${who} token`);
    return { token, id: row.id };
  };
  return {
    id: project.id,
    slug,
    tokens: { viewer: await tokenOf('viewer'), editor: await tokenOf('editor'), owner: await tokenOf('owner') },
  };
}

beforeAll(async () => {
  app = await openAppTestDb();
  db = app.handle.db;
  for (const key of ['admin', 'owner', 'editor', 'viewer', 'outsider', 'target', 'leaver'] as const) {
    const user = await createUser(db, null, {
      email: `${key}@authz.test`,
      name: `The ${key}`,
      password: PASSWORD,
      isAdmin: key === 'admin',
    });
    people[key] = { id: user.id, email: user.email };
    cookies[key] = await signInCookie(db, user.email, PASSWORD);
  }
  alpha = await seedProject(ALPHA_SLUG, 'Alpha Secret Project');
  // Beta belongs to the outsider alone: a signed-in user with full rights somewhere else.
  const outsider = { id: people.outsider.id, isAdmin: false };
  const betaRow = await createProject(db, outsider, { slug: 'beta', name: 'Beta', problemStatement: '' });
  betaToken = (await createApiToken(db, outsider, betaRow.id, 'beta token')).token;

  const owner = { id: people.owner.id, isAdmin: false };
  const revoked = await createApiToken(db, owner, alpha.id, 'revoked token');
  await revokeApiToken(db, owner, alpha.id, revoked.row.id);
  revokedToken = revoked.token;
  // The leaver was a viewer with a token and a live session, then was removed from the project.
  await addMember(db, owner, alpha.id, people.leaver.email, 'viewer');
  leaverToken = (await createApiToken(db, { id: people.leaver.id, isAdmin: false }, alpha.id, 'leaver token')).token;
  await removeMember(db, owner, alpha.id, people.leaver.id);
});

afterAll(async () => {
  actAs(null);
  await app?.cleanup();
});

// ---------------------------------------------------------------------------------------------------
// Calling actions

type Outcome = { kind: 'result'; result: ActionResult<unknown> } | { kind: 'redirect'; to: string };

/** Calls an action as the browser holding `cookie` (null = anonymous); a thrown Next redirect counts as allowed. */
async function callAction(
  entry: ActionEntry,
  cookie: string | null,
  payload: Record<string, unknown>,
): Promise<Outcome> {
  actAs(cookie);
  try {
    return { kind: 'result', result: await entry.fn!(null, payload) };
  } catch (err) {
    const digest = (err as { digest?: unknown }).digest;
    if (typeof digest === 'string' && digest.startsWith('NEXT_REDIRECT'))
      return { kind: 'redirect', to: digest.split(';')[2] ?? '' };
    throw err;
  } finally {
    actAs(null);
  }
}

function refusalMessage(outcome: Outcome): string | null {
  return outcome.kind === 'result' && !outcome.result.ok ? outcome.result.message : null;
}

const isAuthRefusal = (message: string | null) =>
  message !== null &&
  (message === MSG.signedOut || message === MSG.notAdmin || message === MSG.notFound || MSG.role.test(message));

type SampleCtx = { slug: string; version: number; viewerTokenId: string };

/**
 * Valid input for known actions, so that a refusal proves authorization stopped a request that would
 * otherwise have written, and the allowed caller is shown to succeed. Actions without a sample are still
 * probed, with `{ project }` alone.
 */
const SAMPLES: Record<string, (c: SampleCtx) => Record<string, unknown>> = {
  'app/(app)/[project]/runs/actions.ts#saveRunViewAction': (c) => ({
    project: c.slug,
    experimentId: '',
    name: 'Authorised view',
    query: 'col=metrics.acc',
  }),
  'app/(app)/[project]/settings/actions.ts#updateProjectDetails': (c) => ({
    project: c.slug,
    version: c.version,
    name: 'Renamed by caller',
    problemStatement: 'Changed',
  }),
  'app/(app)/[project]/settings/actions.ts#changeStageAction': (c) => ({
    project: c.slug,
    stage: 'deploy',
    reason: 'Caller says so',
  }),
  'app/(app)/[project]/settings/actions.ts#addMemberAction': (c) => ({
    project: c.slug,
    email: people.outsider.email,
    role: 'owner',
  }),
  'app/(app)/[project]/settings/actions.ts#setMemberRoleAction': (c) => ({
    project: c.slug,
    userId: people.viewer.id,
    role: 'owner',
  }),
  'app/(app)/[project]/settings/actions.ts#removeMemberAction': (c) => ({ project: c.slug, userId: people.editor.id }),
  'app/(app)/[project]/settings/actions.ts#createTokenAction': (c) => ({ project: c.slug, name: 'caller token' }),
  'app/(app)/[project]/settings/actions.ts#revokeTokenAction': (c) => ({ project: c.slug, tokenId: c.viewerTokenId }),
  'app/(app)/[project]/metrics/actions.ts#createMetricAction': (c) => ({
    project: c.slug,
    name: 'latency',
    kind: 'guardrail',
    direction: 'lower_better',
    startValue: '200',
    target: '100',
    deadline: '2099-01-01',
    source: 'manual',
  }),
  'app/(app)/[project]/risks/actions.ts#createRiskAction': (c) => ({
    project: c.slug,
    title: 'Data quality issues',
    category: 'data_quality',
    likelihood: 'High',
    impact: 'High',
    response: 'mitigate',
    mitigationPct: '0',
    status: 'open',
  }),
  'app/(app)/[project]/problem/actions.ts#createSubProblemAction': (c) => ({
    project: c.slug,
    title: 'Identify churn indicators',
  }),
  'app/(app)/[project]/report/actions.ts#saveNarrativeAction': (c) => ({
    project: c.slug,
    section: 'results',
    version: '0',
    body: 'Caller wrote this',
  }),
  'app/(app)/admin/users/actions.ts#createUserAction': () => ({
    name: 'New Person',
    email: `new-${++serial}@authz.test`,
    password: 'long-enough-pw',
    isAdmin: 'on',
  }),
  'app/(app)/admin/users/actions.ts#resetPasswordAction': () => ({
    email: people.target.email,
    password: 'another-long-pw',
  }),
  'app/(app)/admin/users/actions.ts#setAdminAction': () => ({ userId: people.target.id, isAdmin: 'on' }),
  'app/(app)/projects/actions.ts#createProjectAction': () => ({
    name: 'Made by caller',
    slug: `made-${++serial}`,
    problemStatement: '',
  }),
  'app/(auth)/actions.ts#signOut': () => ({}),
  'app/(auth)/actions.ts#signIn': () => ({ email: people.viewer.email, password: PASSWORD }),
};

const keyOf = (e: { file: string; name: string }) => `${e.file}#${e.name}`;

async function payloadFor(entry: ActionEntry, project: ProjectFixture): Promise<Record<string, unknown>> {
  const sample = SAMPLES[keyOf(entry)];
  if (!sample) return { project: project.slug };
  const row = await getProjectBySlug(db, project.slug);
  return sample({ slug: project.slug, version: row!.version, viewerTokenId: project.tokens.viewer.id });
}

/** Runs `call` and asserts it was refused for authorization, with `expected` as message, and wrote nothing at all. */
async function expectRefusedWithoutWrites(call: () => Promise<Outcome>, expected: string | RegExp) {
  const before = await snapshotDatabase(db);
  const outcome = await call();
  expect(outcome.kind, 'a refused action must not redirect').toBe('result');
  if (typeof expected === 'string') expect(refusalMessage(outcome)).toBe(expected);
  else expect(refusalMessage(outcome)).toMatch(expected);
  expect(await snapshotDatabase(db)).toEqual(before);
}

describe('discovery', () => {
  it('finds the app’s actions and routes (an empty walk would make every other test vacuous)', () => {
    expect(actions.map(keyOf)).toEqual(
      expect.arrayContaining([
        'app/(app)/[project]/settings/actions.ts#addMemberAction',
        'app/(auth)/actions.ts#signIn',
      ]),
    );
    expect(routes.map(keyOf)).toEqual(
      expect.arrayContaining(['app/api/health/route.ts#GET', 'app/api/v1/project/route.ts#GET']),
    );
  });

  it('flags exports written without the shared wrapper', async () => {
    const fixtureActions = await loadActions('tests/fixtures/unwrapped-app');
    const fixtureRoutes = await loadRoutes('tests/fixtures/unwrapped-app');
    expect(fixtureActions.filter((e) => !e.access).map((e) => e.name)).toEqual(['deleteEverything']);
    expect(fixtureActions.find((e) => e.name === 'wrappedAction')?.access).toBe('owner');
    expect(fixtureRoutes.filter((e) => !e.access).map((e) => e.name)).toEqual(['GET']);
    expect(fixtureRoutes.map((e) => e.urlPath)).toEqual(['/api/leaky', '/api/leaky']);
  });

  it('keeps a sample payload only for actions that still exist', () => {
    const known = new Set(actions.map(keyOf));
    expect(Object.keys(SAMPLES).filter((k) => !known.has(k))).toEqual([]);
  });

  it('keeps the documented access level of existing actions and routes (lowering one must be deliberate)', () => {
    const access = Object.fromEntries([...actions, ...routes].map((e) => [keyOf(e), e.access]));
    expect(access).toMatchObject({
      'app/(auth)/actions.ts#setupFirstAdmin': 'public',
      'app/(auth)/actions.ts#signIn': 'public',
      'app/(auth)/actions.ts#signOut': 'signed-in',
      'app/(app)/projects/actions.ts#createProjectAction': 'signed-in',
      'app/(app)/admin/users/actions.ts#createUserAction': 'admin',
      'app/(app)/admin/users/actions.ts#resetPasswordAction': 'admin',
      'app/(app)/admin/users/actions.ts#setAdminAction': 'admin',
      'app/(app)/[project]/settings/actions.ts#updateProjectDetails': 'editor',
      'app/(app)/[project]/settings/actions.ts#changeStageAction': 'editor',
      'app/(app)/[project]/settings/actions.ts#addMemberAction': 'owner',
      'app/(app)/[project]/settings/actions.ts#setMemberRoleAction': 'owner',
      'app/(app)/[project]/settings/actions.ts#removeMemberAction': 'owner',
      'app/(app)/[project]/settings/actions.ts#createTokenAction': 'viewer',
      'app/(app)/[project]/settings/actions.ts#revokeTokenAction': 'viewer',
      'app/api/health/route.ts#GET': 'public',
      'app/api/v1/project/route.ts#GET': 'viewer',
    });
  });
});

describe.each(actions.map((e) => [`${e.file} › ${e.name}`, e] as const))('action %s', (_label, entry) => {
  it('is built with defineAction, so it has an access rule', () => {
    expect(entry.fn, `${keyOf(entry)} must export a function`).not.toBeNull();
    expect(
      entry.access,
      `${keyOf(entry)} is not registered in actionRegistry: wrap it with defineAction`,
    ).toBeDefined();
  });

  const access = entry.access;
  if (!access) return;

  if (access !== 'public') {
    it('refuses an anonymous caller and writes nothing', async () => {
      const payload = await payloadFor(entry, alpha);
      await expectRefusedWithoutWrites(() => callAction(entry, null, payload), MSG.signedOut);
    });

    it('refuses a cookie whose session does not exist', async () => {
      const payload = await payloadFor(entry, alpha);
      await expectRefusedWithoutWrites(
        () => callAction(entry, 'better-auth.session_token=forged.c2lnbmF0dXJl', payload),
        MSG.signedOut,
      );
    });
  }

  if (access === 'admin') {
    it('refuses a signed-in user who is not an instance admin (even a project owner) and writes nothing', async () => {
      const payload = await payloadFor(entry, alpha);
      await expectRefusedWithoutWrites(() => callAction(entry, cookies.owner, payload), MSG.notAdmin);
    });
  }

  if (isRole(access)) {
    it('answers a signed-in non-member exactly as for a missing project, and writes nothing', async () => {
      const payload = await payloadFor(entry, alpha);
      await expectRefusedWithoutWrites(() => callAction(entry, cookies.outsider, payload), MSG.notFound);
      await expectRefusedWithoutWrites(
        () => callAction(entry, cookies.owner, { ...payload, project: 'no-such-project' }),
        MSG.notFound,
      );
    });

    it('refuses a removed member whose session is still live', async () => {
      const payload = await payloadFor(entry, alpha);
      await expectRefusedWithoutWrites(() => callAction(entry, cookies.leaver, payload), MSG.notFound);
    });

    for (const lower of rolesBelow(access)) {
      it(`refuses ${withArticle(lower)} (needs ${access}) and writes nothing`, async () => {
        const payload = await payloadFor(entry, alpha);
        await expectRefusedWithoutWrites(
          () => callAction(entry, cookies[lower], payload),
          new RegExp(`^This needs the ${access} role in the project; you are ${lower}`),
        );
      });
    }
  }

  it('lets the least-privileged allowed caller through', async () => {
    // A fresh project and a fresh session, because a successful call may change either (e.g. signOut).
    const project = await seedProject(`allowed-${++serial}`, 'Allowed');
    const who: UserKey | null =
      access === 'public' ? null : access === 'signed-in' ? 'outsider' : access === 'admin' ? 'admin' : access;
    const cookie = who ? await signInCookie(db, people[who].email, PASSWORD) : null;
    const outcome = await callAction(entry, cookie, await payloadFor(entry, project));
    expect(isAuthRefusal(refusalMessage(outcome)), `refused: ${refusalMessage(outcome)}`).toBe(false);
    if (SAMPLES[keyOf(entry)]) {
      expect(
        outcome.kind === 'redirect' || outcome.result.ok,
        `valid input should succeed: ${refusalMessage(outcome)}`,
      ).toBe(true);
    }
  });
});

describe('actions: rules beyond the role check', () => {
  const settings = () =>
    actions.find((e) => e.file === 'app/(app)/[project]/settings/actions.ts' && e.name === 'revokeTokenAction')!;
  const auth = (name: string) => actions.find((e) => e.file === 'app/(auth)/actions.ts' && e.name === name)!;

  it('a viewer cannot revoke another member’s token; the token keeps working', async () => {
    const project = await seedProject(`revoke-${++serial}`, 'Revoke');
    const before = await snapshotDatabase(db);
    const outcome = await callAction(settings(), cookies.viewer, {
      project: project.slug,
      tokenId: project.tokens.owner.id,
    });
    expect(refusalMessage(outcome)).toBe('Active token not found.');
    expect(await snapshotDatabase(db)).toEqual(before);
    expect(await authenticateApiToken(db, project.tokens.owner.token)).not.toBeNull();
  });

  it('an owner can revoke any member’s token, which then stops authenticating', async () => {
    const project = await seedProject(`revoke-${++serial}`, 'Revoke');
    const outcome = await callAction(settings(), cookies.owner, {
      project: project.slug,
      tokenId: project.tokens.viewer.id,
    });
    expect(outcome).toMatchObject({ kind: 'result', result: { ok: true } });
    expect(await authenticateApiToken(db, project.tokens.viewer.token)).toBeNull();
    // The settings page re-renders without the token.
    expect(revalidatedPaths.at(-1)).toBe(`/${project.slug}`);
  });

  it('setupFirstAdmin is refused once an administrator exists, and writes nothing', async () => {
    const before = await snapshotDatabase(db);
    const outcome = await callAction(auth('setupFirstAdmin'), null, {
      name: 'Intruder',
      email: 'intruder@authz.test',
      password: 'long-enough-pw',
    });
    expect(refusalMessage(outcome)).toBe('An administrator already exists. Sign in instead.');
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('signIn with a wrong password is refused without saying which part was wrong, and opens no session', async () => {
    const before = await snapshotDatabase(db);
    const wrongPassword = await callAction(auth('signIn'), null, {
      email: people.viewer.email,
      password: 'not-the-password',
    });
    const unknownEmail = await callAction(auth('signIn'), null, {
      email: 'nobody@authz.test',
      password: 'not-the-password',
    });
    expect(refusalMessage(wrongPassword)).toBe('Wrong email or password.');
    expect(refusalMessage(unknownEmail)).toBe('Wrong email or password.');
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('signIn never redirects off-site', async () => {
    const outcome = await callAction(auth('signIn'), null, {
      email: people.viewer.email,
      password: PASSWORD,
      next: '//evil.example/phish',
    });
    expect(outcome).toEqual({ kind: 'redirect', to: '/' });
  });
});

// ---------------------------------------------------------------------------------------------------
// Calling routes

async function callRoute(entry: RouteEntry, credentials: { authorization?: string; cookie?: string } = {}) {
  const headers = new Headers();
  if (credentials.authorization) headers.set('authorization', credentials.authorization);
  if (credentials.cookie) headers.set('cookie', credentials.cookie);
  const hasBody = entry.name !== 'GET' && entry.name !== 'HEAD';
  if (hasBody) headers.set('content-type', 'application/json');
  const req = new Request(`http://localhost:3000${entry.urlPath}`, {
    method: entry.name,
    headers,
    body: hasBody ? '{}' : undefined,
  });
  const res = await entry.fn!(req, { params: Promise.resolve(entry.params) });
  const text = await res.text();
  return { status: res.status, text, json: (): unknown => JSON.parse(text) };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const alphaSecrets = () => [alpha.id, alpha.slug, 'Alpha Secret Project', people.viewer.email];

/** The authorization tests every route gets, from its access rule alone. */
function describeRouteAuthorization(entry: RouteEntry) {
  it('is built with defineRoute, so it has an access rule', () => {
    expect(entry.fn, `${keyOf(entry)} must export a function`).not.toBeNull();
    expect(entry.access, `${keyOf(entry)} is not registered in routeRegistry: wrap it with defineRoute`).toBeDefined();
  });

  const access = entry.access;
  if (!access) return;

  if (access === 'public') {
    it('answers an anonymous caller', async () => {
      const res = await callRoute(entry);
      expect(res.status).not.toBe(401);
      expect(res.status).toBeLessThan(500);
    });
    return;
  }

  it('answers 401 UNAUTHENTICATED without a usable token, and writes nothing', async () => {
    const before = await snapshotDatabase(db);
    const unusable: Array<[string, string | undefined]> = [
      ['no Authorization header', undefined],
      ['an unknown scheme', 'Token abc'],
      ['a garbage bearer token', `Bearer rbt_not-a-real-token`],
      ['a revoked token', `Bearer ${revokedToken}`],
      ['the token of a removed member', `Bearer ${leaverToken}`],
      ['a revoked token sent as HTTP Basic password', `Basic ${Buffer.from(`x:${revokedToken}`).toString('base64')}`],
    ];
    for (const [label, authorization] of unusable) {
      const res = await callRoute(entry, { authorization });
      expect(res.status, label).toBe(401);
      expect(res.json(), label).toEqual({ error_code: 'UNAUTHENTICATED', message: expect.any(String) });
    }
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  for (const lower of rolesBelow(access)) {
    it(`answers 403 PERMISSION_DENIED to ${withArticle(lower)}'s token (needs ${access}), and writes nothing`, async () => {
      const before = await snapshotDatabase(db);
      const res = await callRoute(entry, bearer(alpha.tokens[lower].token));
      expect(res.status).toBe(403);
      expect(res.json()).toEqual({ error_code: 'PERMISSION_DENIED', message: expect.any(String) });
      expect(await snapshotDatabase(db)).toEqual(before);
    });

    it(`gives ${withArticle(lower)}'s session cookie no more than their token`, async () => {
      const before = await snapshotDatabase(db);
      const res = await callRoute(entry, { cookie: cookies[lower] });
      expect([401, 403]).toContain(res.status);
      expect(await snapshotDatabase(db)).toEqual(before);
    });
  }

  // (Another project's owner may legitimately write to their own project here, so only the answer is checked.)
  it('never shows this project’s data to another project’s token or to a non-member’s session', async () => {
    for (const credentials of [bearer(betaToken), { cookie: cookies.outsider }]) {
      const res = await callRoute(entry, credentials);
      // A route that names the project in its URL must refuse; others answer about the caller's own project.
      if (entry.params.project) expect(res.status, JSON.stringify(credentials)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      for (const secret of alphaSecrets()) expect(res.text).not.toContain(secret);
    }
  });

  if (entry.name !== 'GET') {
    it('never accepts a session cookie for a write (CSRF): 401, nothing written', async () => {
      const before = await snapshotDatabase(db);
      const res = await callRoute(entry, { cookie: cookies.owner });
      expect(res.status).toBe(401);
      expect(await snapshotDatabase(db)).toEqual(before);
    });
  }

  it(`lets ${withArticle(access)}'s token through`, async () => {
    const res = await callRoute(entry, bearer(alpha.tokens[access].token));
    expect([401, 403]).not.toContain(res.status);
    expect(res.status).toBeLessThan(500);
  });
}

describe.each(routes.map((e) => [`${e.name} ${e.urlPath} (${e.file})`, e] as const))('route %s', (_label, entry) =>
  describeRouteAuthorization(entry),
);

// Each MLflow endpoint carries its own access rule and is probed through the mounted catch-all route.
describe.each(mlflowEndpoints(routes).map((e) => [`${e.name} ${e.urlPath}`, e] as const))(
  'MLflow endpoint %s',
  (_label, entry) => describeRouteAuthorization(entry),
);
