import { z } from 'zod';
import { getDb } from '@/db/client';
import { columnLabel, parseColumn, parseRunsView } from '@/lib/tracking/runs-view';
import { defineRoute } from '@/server/api';
import { csvStreamResponse } from '@/server/csv-stream';
import { iterateRuns, loadDefaultColumns } from '@/server/runs-table';

export const dynamic = 'force-dynamic';

const query = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/** Every run matching the table's URL state (same params as the runs page), with its chosen columns, as CSV. */
export const GET = defineRoute(
  'viewer',
  query,
  async ({ caller, input }) => {
    const db = await getDb();
    const view = parseRunsView(input);
    const projectId = caller.project.id;
    const columns = view.columns ?? (await loadDefaultColumns(db, { projectId }));
    const header = [
      'run_id',
      'run_name',
      'experiment',
      'status',
      'approach',
      'start_time',
      'end_time',
      'duration_s',
      'user',
      ...columns.map((c) => {
        const ref = parseColumn(c)!;
        return ref.type === 'metric' ? `metrics.${columnLabel(ref)}` : c;
      }),
    ];
    async function* chunks() {
      for await (const rows of iterateRuns(db, view, { projectId }, columns)) {
        yield rows.map((r) => [
          r.id,
          r.name,
          r.experimentName,
          r.status,
          r.approach ?? '',
          new Date(r.startTime).toISOString(),
          r.endTime ? new Date(r.endTime).toISOString() : '',
          r.endTime ? (r.endTime - r.startTime) / 1000 : '',
          r.userId,
          ...columns.map((c) => r.values[c]),
        ]);
      }
    }
    return csvStreamResponse(`${caller.project.slug}-runs.csv`, header, chunks());
  },
  { session: true },
);
