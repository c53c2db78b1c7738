import { modelVersionArtifactRoutes } from '@/server/artifacts/roots';

export const dynamic = 'force-dynamic';

/** One of the model version's files, raw; only raster images inline, everything else as an attachment. */
export const GET = modelVersionArtifactRoutes.file;
