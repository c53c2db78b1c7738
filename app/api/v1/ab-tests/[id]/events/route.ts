import { z } from 'zod';
import { recordAbEvents } from '@/db/queries/ab-ingest';
import { defineRoute } from '@/server/api';

export const dynamic = 'force-dynamic';

/** A batch (≤ 10,000) of outcome events [{unit_id, metric, value, timestamp?}], stored all or nothing. */
export const POST = defineRoute('editor', z.unknown(), async ({ db, caller, params, input }) =>
  recordAbEvents(db, caller.project.id, String(params.id), input),
);
