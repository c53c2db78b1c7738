'use server';

import { z } from 'zod';
import { postStatusUpdate } from '@/db/queries/status-updates';
import { PROJECT_HEALTHS, STATUS_UPDATE_MAX } from '@/lib/overview/health';
import { defineAction, revalidateProject } from '@/server/action';

/** A written project update: the health the author judges the project to be in, and why. */
export const postStatusUpdateAction = defineAction(
  'editor',
  z.object({
    health: z.enum(PROJECT_HEALTHS, 'Choose the health: on track, at risk or off track'),
    body: z
      .string('Write the update')
      .trim()
      .min(1, 'Write the update')
      .max(STATUS_UPDATE_MAX, `Use at most ${STATUS_UPDATE_MAX} characters`),
  }),
  async ({ db, user, project, input }) => {
    await postStatusUpdate(db, user, project.id, input);
    revalidateProject(project.slug);
    return { ok: true, data: undefined, message: 'Status update posted.' };
  },
);
