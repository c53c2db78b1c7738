import { z } from 'zod';
import { getMetricSeries } from '@/db/queries/run-metrics';
import { listRunsByIds } from '@/db/queries/runs';
import { defineRoute } from '@/server/api';

export const dynamic = 'force-dynamic';

/** One metric for several runs at once (the compare page's overlaid chart), each downsampled to ≤ maxBuckets. */
export const GET = defineRoute(
  'viewer',
  z.object({
    key: z.string().min(1).max(250),
    runs: z
      .string()
      .max(100 * 65)
      .transform((s) => [...new Set(s.split(',').filter(Boolean))].slice(0, 100)),
    maxBuckets: z.coerce.number().int().min(10).max(1000).default(400),
  }),
  async ({ db, caller, input }) => {
    const found = await listRunsByIds(db, caller.project.id, input.runs);
    const series = await Promise.all(
      found.map(async (run) => ({
        ...(await getMetricSeries(db, run.id, input.key, { maxBuckets: input.maxBuckets })),
        status: run.status,
        startTime: run.startTime,
      })),
    );
    return { series };
  },
  { session: true },
);
