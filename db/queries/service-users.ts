import { randomBytes } from 'node:crypto';
import { and, eq, notExists } from 'drizzle-orm';
import type { ProjectRole } from '@/lib/domain';
import type { Db } from '../client';
import { accounts, projectMembers, users } from '../schema';
import { notifyLive } from './live-events';

// A service user is an account with no credential (nobody can sign in as it) that exists only while a script
// acts on a project through its API, e.g. the demo seed logging runs with a project token. It must not outlive
// the script: while any user exists, the first-admin setup is closed.

export async function createServiceMember(
  db: Db,
  projectId: string,
  input: { email: string; name: string; role: ProjectRole },
) {
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ id: randomBytes(16).toString('hex'), email: input.email.toLowerCase(), name: input.name })
      .returning();
    await tx.insert(projectMembers).values({ projectId, userId: user!.id, role: input.role });
    return user!;
  });
}

/** Deletes the service user with this email (its memberships and tokens go with it); never an account that can sign in. */
export async function deleteServiceUser(db: Db, email: string): Promise<number> {
  return db.transaction(async (tx) => {
    const deleted = await tx
      .delete(users)
      .where(
        and(
          eq(users.email, email.toLowerCase()),
          notExists(tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.userId, users.id))),
        ),
      )
      .returning({ id: users.id });
    for (const { id } of deleted) await notifyLive(tx, { projectId: null, entity: 'user', id });
    return deleted.length;
  });
}
