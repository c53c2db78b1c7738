import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import type { ProjectRole } from '@/lib/domain';
import { notFound } from '@/lib/errors';
import type { Db } from '../client';
import { apiTokens, projectMembers, projects, users } from '../schema';
import { type Actor, recordActivity } from './activity';
import { notifyLive } from './live-events';

const TOKEN_PREFIX = 'rbt_';
// Writing last_used_at on every call would put a write on the hot ingest path; once a minute is enough to show.
const LAST_USED_RESOLUTION_MS = 60_000;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createApiToken(db: Db, actor: Actor, projectId: string, name: string, userId = actor.id) {
  const token = TOKEN_PREFIX + randomBytes(24).toString('base64url');
  const row = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({ projectId, userId, name, tokenHash: hashToken(token), prefix: token.slice(0, TOKEN_PREFIX.length + 6) })
      .returning();
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'token',
      entityId: row!.id,
      action: 'create',
      after: { name, prefix: row!.prefix },
    });
    return row!;
  });
  return { token, row };
}

export async function listApiTokens(db: Db, projectId: string, onlyUserId?: string) {
  const where = [eq(apiTokens.projectId, projectId)];
  if (onlyUserId) where.push(eq(apiTokens.userId, onlyUserId));
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      userId: apiTokens.userId,
      userName: users.name,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
      createdAt: apiTokens.createdAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(...where))
    .orderBy(desc(apiTokens.createdAt));
}

export async function revokeApiToken(db: Db, actor: Actor, projectId: string, tokenId: string, onlyUserId?: string) {
  await db.transaction(async (tx) => {
    const where = [eq(apiTokens.id, tokenId), eq(apiTokens.projectId, projectId), isNull(apiTokens.revokedAt)];
    if (onlyUserId) where.push(eq(apiTokens.userId, onlyUserId));
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date(), updatedAt: new Date() })
      .where(and(...where))
      .returning();
    if (!row) throw notFound('Active token');
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'token',
      entityId: tokenId,
      action: 'revoke',
      after: { name: row.name },
    });
    await notifyLive(tx, { projectId, entity: 'token', id: tokenId });
  });
}

export type TokenCaller = {
  tokenId: string;
  user: Actor & { name: string; email: string };
  project: typeof projects.$inferSelect;
  role: ProjectRole;
};

/** Resolves a raw token to its project and the creator's current role there; revoked tokens and ex-members get null. */
export async function authenticateApiToken(db: Db, token: string): Promise<TokenCaller | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const [row] = await db
    .select({ token: apiTokens, project: projects, user: users, role: projectMembers.role })
    .from(apiTokens)
    .innerJoin(projects, eq(projects.id, apiTokens.projectId))
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .leftJoin(
      projectMembers,
      and(eq(projectMembers.projectId, apiTokens.projectId), eq(projectMembers.userId, apiTokens.userId)),
    )
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)));
  if (!row) return null;
  const role: ProjectRole | null = row.user.isAdmin ? 'owner' : row.role;
  if (!role) return null;
  const now = new Date();
  if (!row.token.lastUsedAt || now.getTime() - row.token.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(apiTokens.id, row.token.id),
          or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(now.getTime() - LAST_USED_RESOLUTION_MS))),
        ),
      );
  }
  return {
    tokenId: row.token.id,
    user: { id: row.user.id, isAdmin: row.user.isAdmin, name: row.user.name, email: row.user.email },
    project: row.project,
    role,
  };
}
