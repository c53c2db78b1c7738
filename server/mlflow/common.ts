import type { Db } from '@/db/client';
import type { Actor } from '@/db/queries/activity';
import { getDefaultExperimentId } from '@/db/queries/experiment-search';
import type { ViewType } from '@/db/queries/experiments';
import { notFound } from '@/lib/errors';
import type { Caller } from '../api';

/** The token's user, recorded as the actor of every change made through the API. */
export const actorOf = (caller: Caller): Actor => ({ id: caller.user.id, isAdmin: caller.user.isAdmin });

/** MLflow clients that never chose an experiment send "0", MLflow's Default; each project has its own Default. */
export async function resolveExperimentId(db: Db, projectId: string, id: number | undefined): Promise<number> {
  if (id !== undefined && id !== 0) return id;
  const fallback = await getDefaultExperimentId(db, projectId);
  if (fallback === null) throw notFound(`Experiment with id '0'`);
  return fallback;
}

export { parseOrInvalid } from '@/lib/tracking/search-filter';

export const viewOf = (view: ViewType | undefined): ViewType => view ?? 'ACTIVE_ONLY';

/** Offset paging over a counted result: the next token exists while rows remain. */
export function nextOffset(offset: number, pageLength: number, total: number): number | null {
  const next = offset + pageLength;
  return pageLength > 0 && next < total ? next : null;
}
