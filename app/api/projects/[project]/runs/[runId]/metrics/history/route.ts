import { z } from 'zod';
import { getMetricHistory } from '@/db/queries/run-metrics';
import { getRunRow } from '@/db/queries/runs';
import { defineRoute } from '@/server/api';
import { csvStreamResponse } from '@/server/csv-stream';

export const dynamic = 'force-dynamic';

const CHUNK = 20_000;

/** The full, un-downsampled history of one metric as CSV (step, timestamp, value). */
export const GET = defineRoute(
  'viewer',
  z.object({ key: z.string().min(1).max(250) }),
  async ({ db, caller, params, input }) => {
    const run = await getRunRow(db, caller.project.id, String(params.runId));
    async function* chunks() {
      for (let offset = 0; ; offset += CHUNK) {
        const points = await getMetricHistory(db, run.id, input.key, { offset, limit: CHUNK });
        if (points.length === 0) return;
        yield points.map((p) => [p.step, p.timestamp, new Date(p.timestamp).toISOString(), p.value]);
        if (points.length < CHUNK) return;
      }
    }
    return csvStreamResponse(`${run.name}-${input.key}.csv`, ['step', 'timestamp_ms', 'time_utc', 'value'], chunks());
  },
  { session: true },
);
