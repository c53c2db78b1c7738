'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { createUser, setUserAdmin, setUserPassword } from '@/db/queries/users';
import { emailSchema, nameSchema, passwordSchema } from '@/lib/validation';
import { checkbox } from '@/lib/forms';
import { defineAction } from '@/server/action';

export const createUserAction = defineAction(
  'admin',
  z.object({ name: nameSchema(), email: emailSchema, password: passwordSchema, isAdmin: checkbox }),
  async ({ db, user, input }) => {
    await createUser(db, user, input);
    revalidatePath('/admin/users');
    return { ok: true, data: undefined, message: `User ${input.email} created.` };
  },
);

export const resetPasswordAction = defineAction(
  'admin',
  z.object({ email: emailSchema, password: passwordSchema }),
  async ({ db, user, input }) => {
    await setUserPassword(db, user, input.email, input.password);
    return { ok: true, data: undefined, message: `Password of ${input.email} reset.` };
  },
);

export const setAdminAction = defineAction(
  'admin',
  z.object({ userId: z.string().min(1).max(64), isAdmin: checkbox }),
  async ({ db, user, input }) => {
    await setUserAdmin(db, user, input.userId, input.isAdmin);
    revalidatePath('/admin/users');
    return { ok: true, data: undefined, message: 'Saved.' };
  },
);
