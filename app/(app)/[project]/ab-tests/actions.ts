'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { createAbTest, shipAbTestVariant, startAbTest, stopAbTest } from '@/db/queries/ab-tests';
import { formFieldFor, parseAbTestForm } from '@/lib/ab-tests/form';
import { DomainError } from '@/lib/errors';
import { checkbox, rowVersion } from '@/lib/forms';
import { defineAction, revalidateProject } from '@/server/action';

const testRef = { id: z.uuid('Unknown test'), version: rowVersion };
const reason = z.string().trim().max(1000, 'Use at most 1000 characters').default('');

/** The create form: versions with weights, a primary metric and guardrails; opens the new test's page. */
export const createAbTestAction = defineAction('editor', z.object({}).loose(), async ({ db, user, project, input }) => {
  const form = parseAbTestForm(input);
  if (!form.ok) return { ok: false, message: form.message, fieldErrors: form.fieldErrors };
  let id: string;
  try {
    id = (await createAbTest(db, user, project.id, form.def, { start: form.start })).id;
  } catch (err) {
    if (!(err instanceof DomainError) || !err.field) throw err;
    return {
      ok: false,
      message: err.message,
      fieldErrors: { [formFieldFor(err.field, form.versions, form.guardrails)]: [err.message] },
    };
  }
  revalidateProject(project.slug);
  redirect(`/${project.slug}/ab-tests/${id}`);
});

export const startAbTestAction = defineAction('editor', z.object(testRef), async ({ db, user, project, input }) => {
  await startAbTest(db, user, project.id, input.id, input.version);
  revalidateProject(project.slug);
  return { ok: true, data: undefined, message: 'The test is running: assignments and events are now recorded.' };
});

export const stopAbTestAction = defineAction(
  'editor',
  z.object({ ...testRef, reason }),
  async ({ db, user, project, input }) => {
    await stopAbTest(db, user, project.id, input.id, { expectedVersion: input.version, reason: input.reason });
    revalidateProject(project.slug);
    return { ok: true, data: undefined, message: 'Stopped. Everyone is served the control again.' };
  },
);

/** "Ship": the server re-checks SRM and guardrails and refuses without `confirm` when either warns. */
export const shipAbTestAction = defineAction(
  'editor',
  z.object({ ...testRef, variant: z.string().regex(/^[A-H]$/, 'Choose a variant'), confirm: checkbox, reason }),
  async ({ db, user, project, input }) => {
    const test = await shipAbTestVariant(db, user, project.id, input.id, {
      variant: input.variant,
      expectedVersion: input.version,
      confirm: input.confirm,
      reason: input.reason,
    });
    revalidateProject(project.slug);
    return {
      ok: true,
      data: undefined,
      message: `Shipped ${test.shippedVariant}: its model version is now in Production.`,
    };
  },
);
