import { runArtifactRoutes } from '@/server/artifacts/roots';

export const dynamic = 'force-dynamic';

/** A folder of the run's artifacts (`?path=`, '' for the root): its files and folders with sizes. */
export const GET = runArtifactRoutes.list;
