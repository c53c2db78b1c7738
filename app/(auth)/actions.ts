'use server';

import { isAPIError } from 'better-auth/api';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { notifySignedOut } from '@/db/queries/projects';
import { clearSignInFailures, recordSignInAttempt } from '@/db/queries/sign-in-attempts';
import { createFirstAdmin } from '@/db/queries/users';
import {
  SIGN_IN_WINDOW_SECONDS,
  clientIp,
  retryMessage,
  signInKeys,
  signInVerdict,
  trustedProxyHops,
} from '@/lib/sign-in-limit';
import { safeNextPath } from '@/lib/security/next-path';
import { emailSchema, nameSchema, passwordSchema } from '@/lib/validation';
import { type ActionResult, defineAction } from '@/server/action';
import { getAuthFor } from '@/server/auth';

const credentials = z.object({
  email: emailSchema,
  password: z.string().min(1, 'Required').max(128, 'Use at most 128 characters'),
});

/**
 * Signs in through better-auth, whose own rate limiter guards only its HTTP handler (not mounted here). The attempt
 * is counted first and refused, before the password is checked, once the email or the client address is over its limit.
 */
async function signInWithLimit(db: Db, email: string, password: string): Promise<ActionResult | null> {
  const requestHeaders = await headers();
  const keys = signInKeys(email, clientIp(requestHeaders, trustedProxyHops(process.env.RUNBOARD_TRUSTED_PROXY_HOPS)));
  const { counters, now } = await recordSignInAttempt(db, keys, SIGN_IN_WINDOW_SECONDS);
  const verdict = signInVerdict(counters);
  if (verdict.limited) return { ok: false, message: retryMessage(verdict.retryAt, now) };
  const auth = await getAuthFor(db);
  try {
    await auth.api.signInEmail({ body: { email, password }, headers: requestHeaders });
  } catch (err) {
    if (isAPIError(err) && err.statusCode < 500) return { ok: false, message: 'Wrong email or password.' };
    throw err;
  }
  await clearSignInFailures(db, keys);
  return null;
}

export const setupFirstAdmin = defineAction(
  'public',
  z.object({ name: nameSchema(), email: emailSchema, password: passwordSchema }),
  async ({ db, input }) => {
    await createFirstAdmin(db, input);
    const refused = await signInWithLimit(db, input.email, input.password);
    if (refused) return refused;
    redirect('/');
  },
);

export const signIn = defineAction(
  'public',
  credentials.extend({ next: z.string().optional() }),
  async ({ db, input }) => {
    const refused = await signInWithLimit(db, input.email, input.password);
    if (refused) return refused;
    redirect(safeNextPath(input.next));
  },
);

export const signOut = defineAction('signed-in', z.object({}), async ({ db, user }) => {
  const auth = await getAuthFor(db);
  await auth.api.signOut({ headers: await headers() });
  await notifySignedOut(db, user);
  redirect('/sign-in');
});
