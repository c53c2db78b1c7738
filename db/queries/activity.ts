import { and, desc, eq, lt } from 'drizzle-orm';
import { diffFields } from '@/lib/activity-diff';
import type { Db } from '../client';
import { activityLog, users } from '../schema';

export type Actor = { id: string; isAdmin: boolean };

export type ActivityInput = {
  projectId: string | null;
  entityType: string;
  entityId: string;
  action: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown>;
};

/** The single way mutations are recorded: call it inside the mutation's transaction. */
export async function recordActivity(db: Db, actor: Actor | null, entry: ActivityInput): Promise<void> {
  const changes = entry.after ? diffFields(entry.before ?? null, entry.after) : {};
  await db.insert(activityLog).values({
    projectId: entry.projectId,
    userId: actor?.id ?? null,
    entityType: entry.entityType,
    entityId: entry.entityId,
    action: entry.action,
    changes,
  });
}

export async function listProjectActivity(
  db: Db,
  projectId: string,
  opts: { entityType?: string; before?: number; limit?: number } = {},
) {
  const where = [eq(activityLog.projectId, projectId)];
  if (opts.entityType) where.push(eq(activityLog.entityType, opts.entityType));
  if (opts.before) where.push(lt(activityLog.id, opts.before));
  return db
    .select({
      id: activityLog.id,
      entityType: activityLog.entityType,
      entityId: activityLog.entityId,
      action: activityLog.action,
      changes: activityLog.changes,
      createdAt: activityLog.createdAt,
      userName: users.name,
      userEmail: users.email,
    })
    .from(activityLog)
    .leftJoin(users, eq(users.id, activityLog.userId))
    .where(and(...where))
    .orderBy(desc(activityLog.id))
    .limit(opts.limit ?? 100);
}

export async function listActivityEntityTypes(db: Db, projectId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ entityType: activityLog.entityType })
    .from(activityLog)
    .where(eq(activityLog.projectId, projectId))
    .orderBy(activityLog.entityType);
  return rows.map((r) => r.entityType);
}
