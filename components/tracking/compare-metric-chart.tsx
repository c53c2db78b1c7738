'use client';

import { useQuery } from '@tanstack/react-query';
import { useId, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { type ChartView, X_AXIS_LABELS, toChartRows } from '@/lib/tracking/chart-view';
import { formatCount, formatMetric } from '@/lib/format';
import { approachDash } from '@/lib/tracking/run-colors';
import { CHART_CLASSES, formatX, metricXAxis, metricYAxis } from './chart-format';
import type { CompareRun } from './compare-types';
import { compareSeriesQuery } from './fetchers';

type Row = { x: number } & Record<string, number | null>;

function CompareTooltip({
  active,
  payload,
  label,
  runs,
  view,
}: {
  active?: boolean;
  payload?: ReadonlyArray<{ dataKey?: unknown; value?: unknown }>;
  label?: unknown;
  runs: CompareRun[];
  view: ChartView;
}) {
  if (!active || !payload?.length) return null;
  const byId = new Map(runs.map((r) => [r.id, r]));
  const entries = payload
    .filter((p) => typeof p.value === 'number')
    .map((p) => ({ run: byId.get(String(p.dataKey)), value: p.value as number }))
    .filter((e): e is { run: CompareRun; value: number } => !!e.run)
    .sort((a, b) => b.value - a.value);
  return (
    <div className="max-h-72 overflow-hidden rounded-md border border-zinc-300 bg-white px-3 py-2 text-xs shadow-md dark:border-zinc-600 dark:bg-zinc-900">
      <p className="mb-1 font-semibold">{formatX(view.x, Number(label))}</p>
      <ul>
        {entries.map(({ run, value }) => (
          <li key={run.id} className="flex items-center gap-2">
            <span aria-hidden="true" className="inline-block h-0.5 w-4" style={{ background: run.color }} />
            <span className="truncate">{run.name}</span>
            <span className="ml-auto pl-3 font-mono">{view.smoothing > 0 ? formatMetric(value) : String(value)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * One metric for many runs on shared axes: one colour per run, line pattern by approach. Series are
 * merged on x, so runs logged at different steps or times still line up.
 */
export function CompareMetricChart({
  project,
  runIds,
  runs,
  metricKey,
  view,
}: {
  project: string;
  runIds: string[];
  runs: CompareRun[];
  metricKey: string;
  view: ChartView;
}) {
  const headingId = useId();
  const query = useQuery(compareSeriesQuery(project, runIds, metricKey));
  const { rows, drawn, total } = useMemo(() => {
    const merged = new Map<number, Row>();
    let drawn = 0;
    let total = 0;
    for (const s of query.data?.series ?? []) {
      const { rows: pts } = toChartRows(s.buckets, view, s.startTime);
      drawn += pts.length;
      total += s.totalPoints;
      for (const p of pts) {
        const row = merged.get(p.x) ?? ({ x: p.x } as Row);
        row[s.runId] = p.y;
        merged.set(p.x, row);
      }
    }
    return { rows: [...merged.values()].sort((a, b) => a.x - b.x), drawn, total };
  }, [query.data, view]);
  const span = rows.length ? rows[rows.length - 1]!.x - rows[0]!.x : 0;
  const withData = new Set((query.data?.series ?? []).filter((s) => s.buckets.length).map((s) => s.runId));
  return (
    <figure
      aria-labelledby={headingId}
      className="rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-700 dark:bg-zinc-900"
    >
      <h3 id={headingId} className="mb-1 truncate font-mono text-sm font-semibold" title={metricKey}>
        {metricKey}
      </h3>
      <div className="h-64">
        {query.isError ? (
          <p role="alert" className="p-4 text-sm text-red-700 dark:text-red-400">
            Could not load this metric: {query.error.message}
          </p>
        ) : !query.data ? (
          <p className="p-4 text-sm text-zinc-600 dark:text-zinc-400">Loading…</p>
        ) : rows.length === 0 ? (
          <p className="p-4 text-sm text-zinc-600 dark:text-zinc-400">None of these runs logged {metricKey}.</p>
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            <LineChart
              title={`${metricKey} of ${runs.length} runs against ${X_AXIS_LABELS[view.x].toLowerCase()}`}
              data={rows}
              margin={{ top: 6, right: 12, bottom: 0, left: 0 }}
            >
              <CartesianGrid className={CHART_CLASSES.grid} strokeDasharray="3 3" />
              <XAxis {...metricXAxis(view.x, span)} />
              <YAxis {...metricYAxis(view.log)} />
              <Tooltip content={<CompareTooltip runs={runs} view={view} />} isAnimationActive={false} />
              {runs.map((r) => (
                <Line
                  key={r.id}
                  dataKey={r.id}
                  name={r.name}
                  stroke={r.color}
                  strokeDasharray={approachDash(r.approach)}
                  strokeWidth={1.5}
                  dot={false}
                  connectNulls
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        )}
      </div>
      {query.data && (
        <figcaption className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
          {withData.size} of {runIds.length} runs logged it · {formatCount(drawn)} of {formatCount(total)} points drawn
          {query.data.series.some((s) => s.status === 'RUNNING') && ' · live'}
        </figcaption>
      )}
    </figure>
  );
}
