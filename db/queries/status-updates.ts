import { desc, eq } from 'drizzle-orm';
import type { ProjectHealth } from '@/lib/overview/health';
import type { Db } from '../client';
import { projectStatusUpdates, users } from '../schema';
import { type Actor, recordActivity } from './activity';

/** Posts a status update and records it in the activity log, both or neither. */
export async function postStatusUpdate(
  db: Db,
  actor: Actor,
  projectId: string,
  input: { health: ProjectHealth; body: string },
) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(projectStatusUpdates)
      .values({ projectId, authorId: actor.id, health: input.health, body: input.body })
      .returning();
    await recordActivity(tx, actor, {
      projectId,
      entityType: 'status_update',
      entityId: row!.id,
      action: 'create',
      after: { health: input.health, body: input.body },
    });
    return row!;
  });
}

/** The project's status updates, newest first, with each author's name. */
export async function listStatusUpdates(db: Db, projectId: string, limit = 20) {
  return db
    .select({
      id: projectStatusUpdates.id,
      health: projectStatusUpdates.health,
      body: projectStatusUpdates.body,
      createdAt: projectStatusUpdates.createdAt,
      authorName: users.name,
    })
    .from(projectStatusUpdates)
    .leftJoin(users, eq(users.id, projectStatusUpdates.authorId))
    .where(eq(projectStatusUpdates.projectId, projectId))
    .orderBy(desc(projectStatusUpdates.createdAt), desc(projectStatusUpdates.id))
    .limit(limit);
}
