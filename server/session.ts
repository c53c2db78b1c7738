import { cache } from 'react';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { Actor } from '@/db/queries/activity';
import { REQUEST_PATH_HEADER, signInPath } from '@/lib/security/next-path';
import { getAuth } from './auth';

export type SessionUser = Actor & { name: string; email: string };

/** The signed-in user for this request, or null. Cached per request. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers: await headers() });
  if (!session) return null;
  const { id, name, email, isAdmin } = session.user;
  return { id, name, email, isAdmin: Boolean(isAdmin) };
});

export async function requireSessionUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) return redirectToSignIn();
  return user;
}

/** To the sign-in page, which returns here (path and query) once signed in. */
export async function redirectToSignIn(): Promise<never> {
  redirect(signInPath((await headers()).get(REQUEST_PATH_HEADER)));
}
