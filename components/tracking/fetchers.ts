import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Bucket } from '@/lib/tracking/downsample';
import { type RunStatus, isLiveRunStatus } from '@/lib/tracking/vocabulary';
import { fetchJson } from '../live/fetch-json';
import { LIVE_SERIES_REFETCH_MS } from '../live/poll';

export type SeriesResponse = {
  runId: string;
  key: string;
  totalPoints: number;
  exact: boolean;
  buckets: Bucket[];
  status: RunStatus;
  startTime: number;
};

export const runMetricPath = (project: string, runId: string) =>
  `/api/projects/${encodeURIComponent(project)}/runs/${encodeURIComponent(runId)}/metrics`;

export function metricSeriesQuery(
  project: string,
  runId: string,
  key: string,
  zoom: { from: number; to: number } | null,
) {
  const qs = new URLSearchParams({ key });
  if (zoom) {
    qs.set('fromStep', String(zoom.from));
    qs.set('toStep', String(zoom.to));
  }
  return queryOptions({
    queryKey: ['metric-series', project, runId, key, zoom?.from ?? null, zoom?.to ?? null],
    queryFn: () => fetchJson<SeriesResponse>(`${runMetricPath(project, runId)}?${qs}`),
    refetchInterval: (q) => (isLiveRunStatus(q.state.data?.status) ? LIVE_SERIES_REFETCH_MS : false),
    placeholderData: keepPreviousData,
  });
}

export function compareSeriesQuery(project: string, runIds: string[], key: string) {
  const qs = new URLSearchParams({ key, runs: runIds.join(',') });
  return queryOptions({
    queryKey: ['compare-series', project, key, runIds.join(',')],
    queryFn: () =>
      fetchJson<{ gridWidth: number; series: SeriesResponse[] }>(
        `/api/projects/${encodeURIComponent(project)}/compare/metrics?${qs}`,
      ),
    refetchInterval: (q) =>
      q.state.data?.series.some((s) => isLiveRunStatus(s.status)) ? LIVE_SERIES_REFETCH_MS : false,
    placeholderData: keepPreviousData,
  });
}
