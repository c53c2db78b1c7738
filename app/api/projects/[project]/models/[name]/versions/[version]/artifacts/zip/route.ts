import { modelVersionArtifactRoutes } from '@/server/artifacts/roots';

export const dynamic = 'force-dynamic';

/** The model version's folder (or a folder in it) as a streamed zip. */
export const GET = modelVersionArtifactRoutes.zip;
