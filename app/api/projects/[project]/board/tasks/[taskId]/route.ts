import { z } from 'zod';
import { getBoardTask } from '@/db/queries/board';
import { defineRoute } from '@/server/api';

export const dynamic = 'force-dynamic';

/** One card as the board draws it (`task: null` once deleted): a watching board fetches only the card a live change names. */
export const GET = defineRoute(
  'viewer',
  z.object({}),
  async ({ db, caller, params }) => {
    const taskId = z.uuid().safeParse(params.taskId);
    return { task: taskId.success ? await getBoardTask(db, caller.project.id, taskId.data) : null };
  },
  { session: true },
);
