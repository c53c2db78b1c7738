// Passwords, API tokens and session tokens never reach the logs: every console method is captured, as the
// terminal would render it, while sign-ins fail, tokens are refused, and queries fail with secrets among their parameters.
import { format } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import { createProject } from '@/db/queries/projects';
import { createApiToken, hashToken } from '@/db/queries/tokens';
import { createUser } from '@/db/queries/users';
import type { ActionResult } from '@/server/action';
import { openAppTestDb } from './helpers/app-db';
import { actAs } from './helpers/next-request';
import { signInCookie } from './helpers/sessions';

// A marker in the user agent: better-auth stores it with each new session, so it is among an insert's parameters.
const agent = vi.hoisted(() => ({ value: 'vitest' }));
vi.mock('next/headers', async () => {
  const { nextHeadersModule } = await import('./helpers/next-request');
  return {
    ...nextHeadersModule,
    headers: async () => {
      const h = await nextHeadersModule.headers();
      h.set('user-agent', agent.value);
      return h;
    },
  };
});
vi.mock('next/cache', async () => (await import('./helpers/next-request')).nextCacheModule);

const { signIn, signOut } = await import('@/app/(auth)/actions');
const router = await import('@/server/mlflow/router');

const EMAIL = 'secretive@log.test';
const PASSWORD = 'pw-never-logged-7f3a91';
const WRONG_PASSWORD = 'wrong-pw-never-logged-c4d2';
const FORGED_TOKEN = 'forged-token-never-logged-9e1b';
const AGENT = 'agent-param-never-logged-5a0c';

let app: Awaited<ReturnType<typeof openAppTestDb>>;
let db: Db;
let apiToken = '';
let cookie = '';
const output: string[] = [];
const METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/** The raw session token inside better-auth's signed cookie ("<token>.<signature>", URL-encoded). */
function sessionToken(cookieHeader: string): string {
  const value = cookieHeader
    .split('; ')
    .find((c) => c.startsWith('better-auth.session_token='))!
    .split('=')[1]!;
  return decodeURIComponent(value).split('.')[0]!;
}

async function searchExperiments(token: string) {
  const req = new Request('http://localhost/api/2.0/mlflow/experiments/search?max_results=10', {
    headers: { authorization: `Bearer ${token}` },
  });
  return router.GET(req, { params: Promise.resolve({ path: ['experiments', 'search'] }) });
}

async function callAction(
  action: (prev: unknown, payload: Record<string, unknown>) => Promise<unknown>,
  payload: Record<string, unknown>,
) {
  try {
    return (await action(null, payload)) as ActionResult;
  } catch (err) {
    if (String((err as { digest?: unknown }).digest).startsWith('NEXT_REDIRECT')) return 'redirect';
    throw err;
  }
}

/** Runs `fn` with a table renamed away, so the queries that touch it fail with their parameters attached. */
async function withTableMissing<T>(table: string, fn: () => Promise<T>): Promise<T> {
  await db.execute(sql.raw(`alter table ${table} rename to ${table}_hidden`));
  try {
    return await fn();
  } finally {
    await db.execute(sql.raw(`alter table ${table}_hidden rename to ${table}`));
  }
}

function expectNoSecrets(secrets: string[]) {
  const text = output.join('\n');
  for (const secret of secrets) expect(text, `the logs contain ${secret}`).not.toContain(secret);
}

beforeAll(async () => {
  app = await openAppTestDb();
  db = app.handle.db;
  const user = await createUser(db, null, { email: EMAIL, name: 'Secretive', password: PASSWORD });
  const project = await createProject(db, user, { slug: 'secretive', name: 'Secretive', problemStatement: '' });
  apiToken = (await createApiToken(db, user, project.id, 'logged?')).token;
  cookie = await signInCookie(db, EMAIL, PASSWORD);
});

afterAll(async () => {
  actAs(null);
  await app?.cleanup();
});

beforeEach(() => {
  output.length = 0;
  agent.value = 'vitest';
  for (const method of METHODS)
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void output.push(format(...args)));
});

afterEach(() => {
  vi.restoreAllMocks();
  actAs(null);
});

describe('secrets never reach the logs', () => {
  it('failed and rate-limited sign-ins log neither password', async () => {
    for (let i = 0; i < 6; i++) await callAction(signIn, { email: EMAIL, password: WRONG_PASSWORD });
    const limited = await callAction(signIn, { email: EMAIL, password: PASSWORD });
    expect(limited).toMatchObject({ ok: false, message: expect.stringMatching(/^Too many failed sign-in attempts/) });
    await callAction(signIn, { email: 'nobody@log.test', password: WRONG_PASSWORD });
    expect(output).toEqual([]);
    expectNoSecrets([PASSWORD, WRONG_PASSWORD]);
    await db.execute(sql`delete from sign_in_attempts`);
  });

  it('a refused API token is not logged', async () => {
    expect((await searchExperiments(FORGED_TOKEN)).status).toBe(401);
    expectNoSecrets([FORGED_TOKEN, hashToken(FORGED_TOKEN)]);
  });

  it('a query that fails with a token hash among its parameters logs the failure, not the token or its hash', async () => {
    const res = await withTableMissing('api_tokens', () => searchExperiments(apiToken));
    expect(res.status).toBe(500);
    expect(output.join('\n')).toContain('api route failed');
    expect(output.join('\n')).toMatch(/Failed query: select/);
    expectNoSecrets([apiToken, hashToken(apiToken)]);
  });

  it('a session lookup that fails with the session token among its parameters logs no token', async () => {
    actAs(cookie);
    const result = await withTableMissing('sessions', () => callAction(signOut, {}));
    expect(result).toMatchObject({ ok: false });
    expect(output.join('\n')).toMatch(/better-auth error|server action failed/);
    expectNoSecrets([sessionToken(cookie), cookie]);
  });

  it('a sign-in whose session insert fails logs neither the password nor the insert’s parameters', async () => {
    agent.value = AGENT;
    const result = await withTableMissing('sessions', () => callAction(signIn, { email: EMAIL, password: PASSWORD }));
    expect(result).toMatchObject({ ok: false, message: 'Something went wrong on our side; nothing was saved.' });
    expect(output.join('\n')).toContain('server action failed');
    expectNoSecrets([PASSWORD, AGENT]);
  });
});
