import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../client';

/** One Postgres channel for every live change; listeners filter by project. */
export const LIVE_CHANNEL = 'runboard_events';

// Small on purpose (NOTIFY payloads are capped at 8000 bytes): who changed is not sent, only what, so a
// client refetches through its own authorised reads. `token` (a revoked API token's id), `member` (the id of a
// user removed from the project) and `session` (the id of a user who signed out) are access changes: they close
// the streams they concern, on every instance.
export const liveEventSchema = z.object({
  projectId: z.uuid(),
  entity: z.enum(['task', 'sprint', 'board', 'token', 'member', 'session']),
  id: z.string().max(64),
  version: z.number().int().optional(),
});
export type LiveEvent = z.infer<typeof liveEventSchema>;

export const isAccessEvent = (event: LiveEvent) =>
  event.entity === 'token' || event.entity === 'member' || event.entity === 'session';

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
