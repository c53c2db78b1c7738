import { runArtifactRoutes } from '@/server/artifacts/roots';

export const dynamic = 'force-dynamic';

/** A folder of the run's artifacts (or all of them) as a streamed zip. */
export const GET = runArtifactRoutes.zip;
