import { z } from 'zod';
import { defineRoute } from '@/server/api';

export const dynamic = 'force-dynamic';

/** The project a token belongs to and the role it acts with — what a client checks before logging. */
export const GET = defineRoute('viewer', z.object({}).loose(), async ({ caller }) => ({
  project: { slug: caller.project.slug, name: caller.project.name, stage: caller.project.stage },
  role: caller.role,
  user: { name: caller.user.name, email: caller.user.email },
}));
