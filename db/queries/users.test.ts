import { verifyPassword } from 'better-auth/crypto';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDb, openTestDb } from '../test-db';
import { accounts, activityLog, sessions, users } from '../schema';
import { countUsers, createFirstAdmin, createUser, getUserByEmail, setUserAdmin, setUserPassword } from './users';
import { rejection } from '@/tests/helpers/rejection';

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => {
  await t?.cleanup();
});

async function rowCounts() {
  const [u] = await t.db.select({ n: count() }).from(users);
  const [a] = await t.db.select({ n: count() }).from(accounts);
  const [l] = await t.db.select({ n: count() }).from(activityLog);
  return { users: u!.n, accounts: a!.n, activity: l!.n };
}

describe('createFirstAdmin', () => {
  it('creates exactly one administrator even when two setups race', async () => {
    const results = await Promise.allSettled([
      createFirstAdmin(t.db, { email: 'first@example.test', name: 'First', password: 'first-password' }),
      createFirstAdmin(t.db, { email: 'second@example.test', name: 'Second', password: 'second-password' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.status === 'rejected' && rejected.reason).toMatchObject({ kind: 'conflict' });
    expect(await countUsers(t.db)).toBe(1);
    const [admin] = await t.db.select().from(users);
    expect(admin!.isAdmin).toBe(true);
  });

  it('is refused once any user exists, and writes nothing', async () => {
    const before = await rowCounts();
    const err = await rejection(
      createFirstAdmin(t.db, { email: 'late@example.test', name: 'Late', password: 'late-password' }),
    );
    expect(err.kind).toBe('conflict');
    expect(err.message).toBe('An administrator already exists. Sign in instead.');
    expect(await rowCounts()).toEqual(before);
    expect(await getUserByEmail(t.db, 'late@example.test')).toBeNull();
  });
});

describe('createUser', () => {
  it('stores the email in lower case and a password hash that verifies, never the password', async () => {
    const user = await createUser(t.db, null, {
      email: 'Grace.Hopper@Example.TEST',
      name: 'Grace',
      password: 'cobol-forever-59',
    });
    expect(user.email).toBe('grace.hopper@example.test');
    expect(user.isAdmin).toBe(false);
    const [account] = await t.db.select().from(accounts).where(eq(accounts.userId, user.id));
    expect(account!.providerId).toBe('credential');
    expect(account!.password).not.toContain('cobol-forever-59');
    expect(await verifyPassword({ hash: account!.password!, password: 'cobol-forever-59' })).toBe(true);
    expect(await verifyPassword({ hash: account!.password!, password: 'cobol-forever-60' })).toBe(false);
  });

  it('records who created the user, without the password', async () => {
    const admin =
      (await getUserByEmail(t.db, 'first@example.test')) ?? (await getUserByEmail(t.db, 'second@example.test'));
    const user = await createUser(t.db, admin!, {
      email: 'alan@example.test',
      name: 'Alan',
      password: 'enigma-machine-1',
      isAdmin: true,
    });
    const [entry] = await t.db.select().from(activityLog).where(eq(activityLog.entityId, user.id));
    expect(entry).toMatchObject({ userId: admin!.id, entityType: 'user', action: 'create', projectId: null });
    expect(entry!.changes).toEqual({
      email: { from: null, to: 'alan@example.test' },
      name: { from: null, to: 'Alan' },
      isAdmin: { from: null, to: true },
    });
    expect(JSON.stringify(entry)).not.toContain('enigma-machine-1');
  });

  it('rejects a duplicate email, whatever its case, on the email field, and writes nothing', async () => {
    const before = await rowCounts();
    const err = await rejection(
      createUser(t.db, null, { email: 'GRACE.hopper@example.test', name: 'Impostor', password: 'another-password' }),
    );
    expect(err.kind).toBe('exists');
    expect(err.field).toBe('email');
    expect(await rowCounts()).toEqual(before);
    expect((await getUserByEmail(t.db, 'grace.hopper@example.test'))!.name).toBe('Grace');
  });
});

describe('setUserPassword', () => {
  it('replaces the credential so only the new password verifies', async () => {
    await setUserPassword(t.db, null, 'grace.hopper@example.test', 'brand-new-password');
    const grace = await getUserByEmail(t.db, 'grace.hopper@example.test');
    const [account] = await t.db.select().from(accounts).where(eq(accounts.userId, grace!.id));
    expect(await verifyPassword({ hash: account!.password!, password: 'brand-new-password' })).toBe(true);
    expect(await verifyPassword({ hash: account!.password!, password: 'cobol-forever-59' })).toBe(false);
  });

  it('ends every session of the user whose password was reset, and only theirs', async () => {
    const grace = await getUserByEmail(t.db, 'grace.hopper@example.test');
    const alan = await getUserByEmail(t.db, 'alan@example.test');
    const expiresAt = new Date(Date.now() + 86_400_000);
    await t.db.insert(sessions).values([
      { id: 'grace-laptop', token: 'grace-laptop-token', userId: grace!.id, expiresAt },
      { id: 'grace-phone', token: 'grace-phone-token', userId: grace!.id, expiresAt },
      { id: 'alan-laptop', token: 'alan-laptop-token', userId: alan!.id, expiresAt },
    ]);
    await setUserPassword(t.db, null, grace!.email, 'yet-another-password');
    expect((await t.db.select().from(sessions)).map((s) => s.id)).toEqual(['alan-laptop']);
  });

  it('reports an unknown email as not found', async () => {
    expect((await rejection(setUserPassword(t.db, null, 'nobody@example.test', 'whatever-password'))).kind).toBe(
      'not_found',
    );
  });
});

describe('setUserAdmin', () => {
  it('demotes an administrator while another remains, and records old → new', async () => {
    const admins = await t.db.select().from(users).where(eq(users.isAdmin, true)).orderBy(users.createdAt);
    expect(admins).toHaveLength(2);
    const [keeper, demoted] = admins;
    await setUserAdmin(t.db, keeper!, demoted!.id, false);
    expect((await t.db.select().from(users).where(eq(users.id, demoted!.id)))[0]!.isAdmin).toBe(false);
    const [entry] = await t.db.select().from(activityLog).where(eq(activityLog.action, 'update'));
    expect(entry).toMatchObject({
      entityId: demoted!.id,
      userId: keeper!.id,
      changes: { isAdmin: { from: true, to: false } },
    });
  });

  it('never demotes the last administrator', async () => {
    const [last, ...others] = await t.db.select().from(users).where(eq(users.isAdmin, true));
    expect(others).toEqual([]);
    const before = await rowCounts();
    const err = await rejection(setUserAdmin(t.db, last!, last!.id, false));
    expect(err.kind).toBe('conflict');
    expect((await t.db.select().from(users).where(eq(users.id, last!.id)))[0]!.isAdmin).toBe(true);
    expect(await rowCounts()).toEqual(before);
  });
});
