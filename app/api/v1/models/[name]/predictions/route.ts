import { z } from 'zod';
import { ingestPredictions } from '@/db/queries/predictions';
import { stageOrAliasOf } from '@/lib/monitoring/api-schemas';
import { modelNameParam } from '@/lib/monitoring/route-params';
import { defineRoute } from '@/server/api';

export const dynamic = 'force-dynamic';

/**
 * Logs a batch of up to 10,000 predictions `{id, timestamp, features, prediction, actual?}` against the
 * model version in `?stage=` / `?alias=` (Production by default). All or nothing; ids already logged are
 * counted as duplicates and left as they were.
 */
export const POST = defineRoute('editor', z.unknown(), async ({ db, req, params, input, caller }) =>
  ingestPredictions(db, caller.project.id, modelNameParam(params), stageOrAliasOf(req.url, input), input),
);
