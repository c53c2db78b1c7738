import { runArtifactRoutes } from '@/server/artifacts/roots';

export const dynamic = 'force-dynamic';

/** One of the run's artifact files, raw; only raster images inline, everything else as an attachment. */
export const GET = runArtifactRoutes.file;
