import { notFound } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/db/client';
import { type ProjectAccess, getProjectAccess } from '@/db/queries/projects';
import type { SessionUser } from './session';
import { requireSessionUser } from './session';

/** For pages: the signed-in user and their access to the project; a non-member gets the same 404 as a missing project. */
export const requireProjectAccess = cache(async (slug: string): Promise<ProjectAccess & { user: SessionUser }> => {
  const user = await requireSessionUser();
  const access = await getProjectAccess(await getDb(), slug, user);
  if (!access) notFound();
  return { ...access, user };
});
