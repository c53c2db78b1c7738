import { z } from 'zod';
import { attachActuals } from '@/db/queries/predictions';
import { modelNameParam } from '@/lib/monitoring/route-params';
import { defineRoute } from '@/server/api';

export const dynamic = 'force-dynamic';

/** Attaches observed outcomes `[{id, actual}]` to logged predictions; every id must exist, or nothing changes. */
export const POST = defineRoute('editor', z.unknown(), async ({ db, params, input, caller }) =>
  attachActuals(db, caller.project.id, modelNameParam(params), input),
);
