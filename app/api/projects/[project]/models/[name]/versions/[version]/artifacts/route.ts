import { modelVersionArtifactRoutes } from '@/server/artifacts/roots';

export const dynamic = 'force-dynamic';

/** A folder of the model version's files (its source in the artifact store). */
export const GET = modelVersionArtifactRoutes.list;
