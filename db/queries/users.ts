import { randomBytes } from 'node:crypto';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { hashPassword } from 'better-auth/crypto';
import { DomainError, notFound } from '@/lib/errors';
import type { Db } from '../client';
import { accounts, sessions, users } from '../schema';
import { type Actor, recordActivity } from './activity';
import { notifyLive } from './live-events';

export type NewUser = { email: string; name: string; password: string; isAdmin?: boolean };

const newId = () => randomBytes(16).toString('hex');

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

export async function getUserByEmail(db: Db, email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase()));
  return row ?? null;
}

export async function listUsers(db: Db) {
  return db
    .select({ id: users.id, name: users.name, email: users.email, isAdmin: users.isAdmin, createdAt: users.createdAt })
    .from(users)
    .orderBy(asc(users.createdAt));
}

/** Creates a user with a password credential (hashed by better-auth's own scrypt) in one transaction. */
export async function createUser(db: Db, actor: Actor | null, input: NewUser) {
  const email = input.email.toLowerCase();
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const existing = await getUserByEmail(tx, email);
    if (existing) throw new DomainError('exists', `A user with email ${email} already exists.`, 'email');
    const id = newId();
    const [user] = await tx
      .insert(users)
      .values({ id, email, name: input.name, isAdmin: input.isAdmin ?? false })
      .returning();
    await tx.insert(accounts).values({
      id: newId(),
      accountId: id,
      providerId: 'credential',
      userId: id,
      password: passwordHash,
    });
    await recordActivity(tx, actor ?? { id, isAdmin: true }, {
      projectId: null,
      entityType: 'user',
      entityId: id,
      action: 'create',
      after: { email, name: input.name, isAdmin: input.isAdmin ?? false },
    });
    return user!;
  });
}

/** The first admin may only be created while the instance has no users; the check and insert share a lock. */
export async function createFirstAdmin(db: Db, input: Omit<NewUser, 'isAdmin'>) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`lock table users in share row exclusive mode`);
    if ((await countUsers(tx)) > 0)
      throw new DomainError('conflict', 'An administrator already exists. Sign in instead.');
    return createUser(tx, null, { ...input, isAdmin: true });
  });
}

export async function setUserPassword(db: Db, actor: Actor | null, email: string, password: string) {
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const user = await getUserByEmail(tx, email);
    if (!user) throw notFound(`User ${email}`);
    const updated = await tx
      .update(accounts)
      .set({ password: passwordHash, updatedAt: new Date() })
      .where(and(eq(accounts.userId, user.id), eq(accounts.providerId, 'credential')))
      .returning({ id: accounts.id });
    if (updated.length === 0) {
      await tx
        .insert(accounts)
        .values({ id: newId(), accountId: user.id, providerId: 'credential', userId: user.id, password: passwordHash });
    }
    // A reset password ends every session of the old one.
    await tx.delete(sessions).where(eq(sessions.userId, user.id));
    await recordActivity(tx, actor, {
      projectId: null,
      entityType: 'user',
      entityId: user.id,
      action: 'reset-password',
    });
  });
}

export async function setUserAdmin(db: Db, actor: Actor, userId: string, isAdmin: boolean) {
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, userId));
    if (!before) throw notFound('User');
    if (!isAdmin && before.isAdmin) {
      const [admins] = await tx.select({ n: count() }).from(users).where(eq(users.isAdmin, true));
      if ((admins?.n ?? 0) <= 1) throw new DomainError('conflict', 'The last administrator cannot be demoted.');
    }
    await tx.update(users).set({ isAdmin, updatedAt: new Date() }).where(eq(users.id, userId));
    await recordActivity(tx, actor, {
      projectId: null,
      entityType: 'user',
      entityId: userId,
      action: 'update',
      before: { isAdmin: before.isAdmin },
      after: { isAdmin },
    });
    await notifyLive(tx, { projectId: null, entity: 'user', id: userId });
  });
}
