import { z } from 'zod';
import { getBoardData } from '@/db/queries/board';
import { defineRoute } from '@/server/api';

export const dynamic = 'force-dynamic';

/** The kanban of one sprint (`?sprint=<id>`) or of the backlog (`?sprint=backlog`), refetched by the board on live events. */
export const GET = defineRoute(
  'viewer',
  z.object({ sprint: z.union([z.literal('backlog'), z.uuid('Unknown sprint')]).default('backlog') }),
  async ({ db, caller, input }) =>
    getBoardData(db, caller.project.id, input.sprint === 'backlog' ? null : input.sprint),
  { session: true },
);
