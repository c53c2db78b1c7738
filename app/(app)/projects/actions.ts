'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { createProject } from '@/db/queries/projects';
import { RESERVED_SLUGS } from '@/lib/domain';
import { nameSchema, slugSchema } from '@/lib/validation';
import { defineAction } from '@/server/action';

export const createProjectAction = defineAction(
  'signed-in',
  z.object({
    name: nameSchema(),
    slug: slugSchema.refine((s) => !RESERVED_SLUGS.includes(s), 'This slug is reserved; choose another'),
    problemStatement: z.string().trim().max(5000, 'Use at most 5000 characters').default(''),
  }),
  async ({ db, user, input }) => {
    const project = await createProject(db, user, input);
    redirect(`/${project.slug}`);
  },
);
