import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../client';

/** One Postgres channel for every live change; listeners filter by project. */
export const LIVE_CHANNEL = 'runboard_events';

// Small on purpose (NOTIFY payloads are capped at 8000 bytes): who changed is not sent, only what, so a
// client refetches through its own authorised reads. `token` (a revoked API token's id), `member` (the id of a
// user removed from the project) and `session` (the id of a user who signed out) are access changes: they close
// the streams they concern, on every instance. `role` (a member's role changed), `user` (a user's administrator
// flag changed or the user was deleted; no project) and `project` (the project row changed) are access changes
// too: with `token` and `member` they empty every instance's API-token cache (server/token-cache.ts).
export const liveEventSchema = z.object({
  projectId: z.uuid().nullable(),
  entity: z.enum(['task', 'sprint', 'board', 'token', 'member', 'session', 'role', 'user', 'project']),
  id: z.string().max(64),
  version: z.number().int().optional(),
});
export type LiveEvent = z.infer<typeof liveEventSchema>;

const ACCESS_ENTITIES = new Set<LiveEvent['entity']>(['token', 'member', 'session', 'role', 'user', 'project']);
export const isAccessEvent = (event: LiveEvent) => ACCESS_ENTITIES.has(event.entity);

/** Events after which a cached API-token authentication (user, role, project) may be wrong. */
const TOKEN_ENTITIES = new Set<LiveEvent['entity']>(['token', 'member', 'role', 'user', 'project']);
export const invalidatesTokens = (event: LiveEvent) => TOKEN_ENTITIES.has(event.entity);

/**
 * Queues a notification in the caller's transaction: Postgres delivers it to every listening
 * connection, on every app instance, only if and when that transaction commits.
 */
export async function notifyLive(tx: Db, event: LiveEvent): Promise<void> {
  await tx.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(event)})`);
}

export function parseLiveEvent(payload: string): LiveEvent | null {
  try {
    const parsed = liveEventSchema.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
