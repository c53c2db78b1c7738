// MLflow metric-history endpoints: metrics/get-history and metrics/get-history-bulk-interval.
import { getHistoryBulkInterval, getMetricHistory } from '@/db/queries/run-metrics';
import { getRunRow } from '@/db/queries/runs';
import { decodePageToken, encodePageToken, metricJson } from '@/lib/mlflow/json';
import { BULK_INTERVAL, getHistoryBulkIntervalRequest, getMetricHistoryRequest } from '@/lib/mlflow/schemas';
import { defineRoute } from '../api';

export const getMetricHistoryRoute = defineRoute('viewer', getMetricHistoryRequest, async ({ db, caller, input }) => {
  await getRunRow(db, caller.project.id, input.run_id);
  const offset = decodePageToken(input.page_token);
  // Without max_results MLflow returns the whole history in one response; with it, one more row says whether a page follows.
  const points = await getMetricHistory(db, input.run_id, input.metric_key, {
    offset,
    limit: input.max_results === undefined ? undefined : input.max_results + 1,
  });
  const more = input.max_results !== undefined && points.length > input.max_results;
  const page = more ? points.slice(0, input.max_results) : points;
  return {
    ...(page.length ? { metrics: page.map(metricJson) } : {}),
    ...(more ? { next_page_token: encodePageToken(offset + page.length) } : {}),
  };
});

export const getHistoryBulkIntervalRoute = defineRoute(
  'viewer',
  getHistoryBulkIntervalRequest,
  async ({ db, caller, input }) => {
    const runIds = [...new Set(input.run_ids)].sort();
    // Every run must be this project's: another project's run id is as unknown here as a made-up one.
    await Promise.all(runIds.map((id) => getRunRow(db, caller.project.id, id)));
    const points = await getHistoryBulkInterval(db, caller.project.id, runIds, input.metric_key, {
      startStep: input.start_step,
      endStep: input.end_step,
      maxResults: input.max_results ?? BULK_INTERVAL.maxResultsPerRun,
    });
    const metrics = points
      .sort((a, b) => (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : a.step - b.step || a.timestamp - b.timestamp))
      .map((p) => ({ ...metricJson(p), run_id: p.runId }));
    return metrics.length ? { metrics } : {};
  },
);
