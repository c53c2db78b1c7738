'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { createFirstAdmin } from '@/db/queries/users';
import { emailSchema, nameSchema, passwordSchema, safeNextPath } from '@/lib/validation';
import { defineAction } from '@/server/action';
import { getAuthFor } from '@/server/auth';

const credentials = z.object({ email: emailSchema, password: z.string().min(1, 'Required').max(128, 'Use at most 128 characters') });

export const setupFirstAdmin = defineAction(
  'public',
  z.object({ name: nameSchema(), email: emailSchema, password: passwordSchema }),
  async ({ db, input }) => {
    await createFirstAdmin(db, input);
    const auth = await getAuthFor(db);
    await auth.api.signInEmail({ body: { email: input.email, password: input.password }, headers: await headers() });
    redirect('/');
  },
);

export const signIn = defineAction('public', credentials.extend({ next: z.string().optional() }), async ({ db, input }) => {
  const auth = await getAuthFor(db);
  try {
    await auth.api.signInEmail({ body: { email: input.email, password: input.password }, headers: await headers() });
  } catch {
    return { ok: false, message: 'Wrong email or password.' };
  }
  redirect(safeNextPath(input.next));
});

export const signOut = defineAction('signed-in', z.object({}), async ({ db }) => {
  const auth = await getAuthFor(db);
  await auth.api.signOut({ headers: await headers() });
  redirect('/sign-in');
});
