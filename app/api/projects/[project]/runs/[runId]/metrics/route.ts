import { z } from 'zod';
import { getMetricSeries } from '@/db/queries/run-metrics';
import { getRunRow } from '@/db/queries/runs';
import { defineRoute } from '@/server/api';

export const dynamic = 'force-dynamic';

const step = z.coerce.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);

/** One metric of one run, downsampled to ≤ maxBuckets with its min/max envelope; a step range zooms in at full detail. */
export const GET = defineRoute(
  'viewer',
  z.object({
    key: z.string().min(1).max(250),
    fromStep: step.optional(),
    toStep: step.optional(),
    maxBuckets: z.coerce.number().int().min(10).max(1000).default(1000),
  }),
  async ({ db, caller, params, input }) => {
    const run = await getRunRow(db, caller.project.id, String(params.runId));
    const series = await getMetricSeries(db, run.id, input.key, input);
    return { ...series, status: run.status, startTime: run.startTime };
  },
  { session: true },
);
