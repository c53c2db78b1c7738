import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Bucket } from '@/lib/tracking/downsample';
import type { RunStatus } from '@/lib/tracking/vocabulary';

export type SeriesResponse = {
  runId: string;
  key: string;
  totalPoints: number;
  exact: boolean;
  buckets: Bucket[];
  status: RunStatus;
  startTime: number;
};

/** RUNNING runs refetch every few seconds so their charts grow live; finished runs never poll. */
export const LIVE_REFETCH_MS = 3000;
const isLive = (status: RunStatus | undefined) => status === 'RUNNING' || status === 'SCHEDULED';

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store' });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { message?: string } | null;
    throw new Error(body?.message ?? `Request failed (${res.status}).`);
  }
  return (await res.json()) as T;
}

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
    queryFn: () => getJson<SeriesResponse>(`${runMetricPath(project, runId)}?${qs}`),
    refetchInterval: (q) => (isLive(q.state.data?.status) ? LIVE_REFETCH_MS : false),
    placeholderData: keepPreviousData,
  });
}

export function compareSeriesQuery(project: string, runIds: string[], key: string) {
  const qs = new URLSearchParams({ key, runs: runIds.join(',') });
  return queryOptions({
    queryKey: ['compare-series', project, key, runIds.join(',')],
    queryFn: () =>
      getJson<{ series: SeriesResponse[] }>(`/api/projects/${encodeURIComponent(project)}/compare/metrics?${qs}`),
    refetchInterval: (q) => (q.state.data?.series.some((s) => isLive(s.status)) ? LIVE_REFETCH_MS : false),
    placeholderData: keepPreviousData,
  });
}
