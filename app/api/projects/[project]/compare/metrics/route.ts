import { z } from 'zod';
import { getSharedGridSeries } from '@/db/queries/run-metrics';
import { listRunsByIds } from '@/db/queries/runs';
import { defineRoute } from '@/server/api';

export const dynamic = 'force-dynamic';

/** One metric for several runs at once (the compare page's overlaid chart), all on one grid of ≤ maxBuckets buckets. */
export const GET = defineRoute(
  'viewer',
  z.object({
    key: z.string().min(1).max(250),
    runs: z
      .string()
      .max(100 * 65)
      .transform((s) => [...new Set(s.split(',').filter(Boolean))].slice(0, 100)),
    maxBuckets: z.coerce.number().int().min(10).max(1000).default(1000),
  }),
  async ({ db, caller, input }) => {
    const found = await listRunsByIds(db, caller.project.id, input.runs);
    const grid = await getSharedGridSeries(
      db,
      found.map((run) => run.id),
      input.key,
      input.maxBuckets,
    );
    return {
      gridWidth: grid.gridWidth,
      series: found.map((run, i) => ({ ...grid.series[i]!, status: run.status, startTime: run.startTime })),
    };
  },
  { session: true },
);
