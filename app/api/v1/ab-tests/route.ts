import { createAbTest } from '@/db/queries/ab-tests';
import { abTestDefinitionSchema } from '@/lib/ab-tests/definition';
import { defineRoute } from '@/server/api';

export const dynamic = 'force-dynamic';

/** Defines a test of two or more versions of one registered model; it starts running at once. */
export const POST = defineRoute('editor', abTestDefinitionSchema, async ({ db, caller, input }) => {
  const test = await createAbTest(db, caller.user, caller.project.id, input);
  return { id: test.id };
});
