// The sign-in action under attack: failed attempts are counted per email and per client address in the database,
// the attempt after the limit is refused before the password is checked, and a success forgives the email.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Db, type DbHandle, dbConfigFromEnv, openDb, provideDbHandle } from '@/db/client';
import { createUser } from '@/db/queries/users';
import { signInAttempts } from '@/db/schema';
import { SIGN_IN_LIMITS } from '@/lib/sign-in-limit';
import type { ActionResult } from '@/server/action';
import { getAuthFor } from '@/server/auth';
import { openAppTestDb } from './helpers/app-db';

// By default the server sits behind one trusted proxy (10.0.0.2), which appends the client's address.
const client = vi.hoisted(() => ({ forwarded: '203.0.113.1', peer: '10.0.0.2' }));
vi.mock('next/headers', async () => {
  const { nextHeadersModule } = await import('./helpers/next-request');
  const { PEER_ADDRESS_HEADER } = await import('@/lib/sign-in-limit');
  return {
    ...nextHeadersModule,
    headers: async () => {
      const h = await nextHeadersModule.headers();
      h.set('x-forwarded-for', client.forwarded);
      h.set(PEER_ADDRESS_HEADER, client.peer);
      return h;
    },
  };
});
vi.mock('next/cache', async () => (await import('./helpers/next-request')).nextCacheModule);

const { signIn } = await import('@/app/(auth)/actions');

const PASSWORD = 'the-right-password-1';
const WRONG = 'a-wrong-password-1';
const backend = process.env.RUNBOARD_TEST_BACKEND === 'postgres' ? 'postgres' : 'pglite';
const LIMITED = /^Too many failed sign-in attempts\. Try again in (\d+) minutes?\.$/;

let app: Awaited<ReturnType<typeof openAppTestDb>>;
let db: Db;

type Outcome = { kind: 'redirect' } | { kind: 'refused'; message: string };

async function attempt(email: string, password: string, ip: string, peer = '10.0.0.2'): Promise<Outcome> {
  client.forwarded = ip;
  client.peer = peer;
  try {
    const result = (await signIn(null, { email, password })) as ActionResult;
    if (result.ok) throw new Error('signIn returned instead of redirecting');
    return { kind: 'refused', message: result.message };
  } catch (err) {
    const digest = (err as { digest?: unknown }).digest;
    if (typeof digest === 'string' && digest.startsWith('NEXT_REDIRECT')) return { kind: 'redirect' };
    throw err;
  }
}

async function failuresOf(key: string): Promise<number | null> {
  const [row] = await db.select().from(signInAttempts).where(eq(signInAttempts.key, key));
  return row ? row.failures : null;
}

async function sessionCount(email: string): Promise<number> {
  const rows = await db.execute(
    sql`select count(*) as n from sessions s join users u on u.id = s.user_id where u.email = ${email}`,
  );
  const [row] = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as { n: number | string }[];
  return Number(row!.n);
}

beforeAll(async () => {
  process.env.RUNBOARD_TRUSTED_PROXY_HOPS = '1';
  app = await openAppTestDb();
  db = app.handle.db;
  for (const name of ['alice', 'bob', 'carol', 'dave', 'erin']) {
    await createUser(db, null, { email: `${name}@limit.test`, name, password: PASSWORD });
  }
});

afterAll(async () => {
  delete process.env.RUNBOARD_TRUSTED_PROXY_HOPS;
  await app?.cleanup();
});

describe('sign-in rate limit', () => {
  it('refuses the sixth attempt for an email, even with the right password, without checking it', async () => {
    const auth = await getAuthFor(db);
    const check = vi.spyOn(auth.api, 'signInEmail');
    try {
      for (let i = 0; i < SIGN_IN_LIMITS.email; i++) {
        expect(await attempt('alice@limit.test', WRONG, '203.0.113.10')).toEqual({
          kind: 'refused',
          message: 'Wrong email or password.',
        });
      }
      expect(check).toHaveBeenCalledTimes(SIGN_IN_LIMITS.email);
      const sixth = await attempt('Alice@Limit.test', PASSWORD, '203.0.113.10');
      expect(sixth.kind === 'refused' && sixth.message).toMatch(LIMITED);
      expect(Number(LIMITED.exec((sixth as { message: string }).message)![1])).toBeGreaterThanOrEqual(14);
      // Another address does not help: the limit is the email's.
      expect((await attempt('alice@limit.test', PASSWORD, '198.51.100.20')).kind).toBe('refused');
      expect(check).toHaveBeenCalledTimes(SIGN_IN_LIMITS.email);
    } finally {
      check.mockRestore();
    }
    expect(await sessionCount('alice@limit.test')).toBe(0);
  });

  it('holds under a burst: of twelve parallel attempts on one email, exactly five reach the password check', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, () => attempt('frank@limit.test', WRONG, '203.0.113.16')),
    );
    const messages = outcomes.map((o) => (o.kind === 'refused' ? o.message : 'redirect'));
    expect(messages.filter((m) => m === 'Wrong email or password.')).toHaveLength(SIGN_IN_LIMITS.email);
    expect(messages.filter((m) => LIMITED.test(m))).toHaveLength(12 - SIGN_IN_LIMITS.email);
  });

  it('keeps the counters in the database, so instances on one database count together', async () => {
    for (let i = 0; i < 3; i++) await attempt('bob@limit.test', WRONG, '203.0.113.11');
    expect(await failuresOf('email:bob@limit.test')).toBe(3);
    expect(await failuresOf('ip:203.0.113.11')).toBe(3);
    // A second instance: its own connection pool on the same Postgres database. PGlite has one process by design,
    // so there the "other instance" is the same handle and the test shows only that the count lives in the table.
    const other: DbHandle = backend === 'postgres' ? await openDb(dbConfigFromEnv()) : app.handle;
    provideDbHandle(other);
    try {
      for (let i = 0; i < 2; i++)
        expect(await attempt('bob@limit.test', WRONG, '203.0.113.12')).toEqual({
          kind: 'refused',
          message: 'Wrong email or password.',
        });
      const sixth = await attempt('bob@limit.test', PASSWORD, '203.0.113.12');
      expect(sixth.kind === 'refused' && sixth.message).toMatch(LIMITED);
    } finally {
      provideDbHandle(app.handle);
      if (other !== app.handle) await other.close();
    }
    expect(await failuresOf('email:bob@limit.test')).toBe(SIGN_IN_LIMITS.email + 1);
    expect((await attempt('bob@limit.test', PASSWORD, '203.0.113.11')).kind).toBe('refused');
  });

  it('forgives the email’s failures on a successful sign-in; the address keeps counting failures only', async () => {
    const ip = '203.0.113.13';
    for (let i = 0; i < SIGN_IN_LIMITS.email - 1; i++) await attempt('carol@limit.test', WRONG, ip);
    expect(await attempt('carol@limit.test', PASSWORD, ip)).toEqual({ kind: 'redirect' });
    expect(await failuresOf('email:carol@limit.test')).toBeNull();
    expect(await failuresOf(`ip:${ip}`)).toBe(SIGN_IN_LIMITS.email - 1);
    // A fresh allowance: five more failures are answered as such, the sixth is refused.
    for (let i = 0; i < SIGN_IN_LIMITS.email; i++) {
      expect(await attempt('carol@limit.test', WRONG, ip)).toEqual({
        kind: 'refused',
        message: 'Wrong email or password.',
      });
    }
    expect((await attempt('carol@limit.test', PASSWORD, ip)).kind).toBe('refused');
  });

  it('refuses an address after thirty failures, whatever email it tries next', async () => {
    const ip = '203.0.113.14';
    for (let i = 0; i < SIGN_IN_LIMITS.ip; i++) {
      expect(await attempt(`nobody-${i}@limit.test`, WRONG, ip)).toEqual({
        kind: 'refused',
        message: 'Wrong email or password.',
      });
    }
    const next = await attempt('dave@limit.test', PASSWORD, ip);
    expect(next.kind === 'refused' && next.message).toMatch(LIMITED);
    expect(await sessionCount('dave@limit.test')).toBe(0);
    expect(await attempt('dave@limit.test', PASSWORD, '198.51.100.21')).toEqual({ kind: 'redirect' });
  });

  it('with no trusted proxy, counts the connection’s address: a made-up X-Forwarded-For per attempt does not help', async () => {
    process.env.RUNBOARD_TRUSTED_PROXY_HOPS = '0';
    try {
      const peer = '198.51.100.30';
      for (let i = 0; i < SIGN_IN_LIMITS.ip; i++) {
        expect(await attempt(`spoofer-${i}@limit.test`, WRONG, `203.0.113.${100 + i}`, peer)).toEqual({
          kind: 'refused',
          message: 'Wrong email or password.',
        });
      }
      expect(await failuresOf(`ip:${peer}`)).toBe(SIGN_IN_LIMITS.ip);
      const next = await attempt('dave@limit.test', PASSWORD, '203.0.113.200', peer);
      expect(next.kind === 'refused' && next.message).toMatch(LIMITED);
    } finally {
      process.env.RUNBOARD_TRUSTED_PROXY_HOPS = '1';
    }
  });

  it('behind one proxy, counts the address the proxy appended, not what the client wrote before it', async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.ip; i++) {
      await attempt(`chain-${i}@limit.test`, WRONG, `203.0.113.${100 + i}, 198.51.100.31`);
    }
    expect(await failuresOf('ip:198.51.100.31')).toBe(SIGN_IN_LIMITS.ip);
    const next = await attempt('erin@limit.test', PASSWORD, '203.0.113.250, 198.51.100.31');
    expect(next.kind === 'refused' && next.message).toMatch(LIMITED);
  });

  it('starts counting again once the window has passed, and deletes other keys’ expired rows', async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.email + 1; i++) await attempt('erin@limit.test', WRONG, '203.0.113.15');
    expect((await attempt('erin@limit.test', PASSWORD, '203.0.113.15')).kind).toBe('refused');
    await db
      .insert(signInAttempts)
      .values({ key: 'email:long-gone@limit.test', failures: 3, windowStartedAt: new Date(Date.now() - 3_600_000) });
    await db
      .update(signInAttempts)
      .set({ windowStartedAt: sql`now() - interval '16 minutes'` })
      .where(eq(signInAttempts.key, 'email:erin@limit.test'));
    expect(await attempt('erin@limit.test', PASSWORD, '198.51.100.22')).toEqual({ kind: 'redirect' });
    expect(await failuresOf('email:long-gone@limit.test')).toBeNull();
  });
});
