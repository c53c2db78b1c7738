// The three GET routes of an artifact root (a run's files, a model version's files), built once with the
// shared route wrapper: a member with the viewer role reads them with their session, `path` is validated.
import { z } from 'zod';
import type { Db } from '@/db/client';
import { artifactPathParam } from '@/lib/artifacts/path-param';
import { type Caller, type RouteHandler, defineRoute } from '@/server/api';
import type { ArtifactRoot } from './files';
import { listArtifactsResponse, rawArtifactResponse, zipArtifactsResponse } from './http';

type RootResolver = (
  db: Db,
  caller: Caller,
  params: Record<string, string | string[] | undefined>,
) => Promise<{ root: ArtifactRoot; name: string }>;

const pathOnly = z.object({ path: artifactPathParam });
const fileQuery = z.object({ path: artifactPathParam, download: z.enum(['0', '1']).default('0') });

export function artifactRoutes(resolveRoot: RootResolver): {
  list: RouteHandler;
  file: RouteHandler;
  zip: RouteHandler;
} {
  return {
    list: defineRoute(
      'viewer',
      pathOnly,
      async ({ db, caller, params, input }) =>
        listArtifactsResponse((await resolveRoot(db, caller, params)).root, input.path),
      { session: true },
    ),
    file: defineRoute(
      'viewer',
      fileQuery,
      async ({ db, caller, params, input }) =>
        rawArtifactResponse((await resolveRoot(db, caller, params)).root, input.path, input.download === '1'),
      { session: true },
    ),
    zip: defineRoute(
      'viewer',
      pathOnly,
      async ({ db, caller, params, input }) => {
        const { root, name } = await resolveRoot(db, caller, params);
        return zipArtifactsResponse(root, input.path, name);
      },
      { session: true },
    ),
  };
}
