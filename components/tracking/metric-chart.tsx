'use client';

import { useQuery } from '@tanstack/react-query';
import { memo, useId, useMemo, useRef, useState } from 'react';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceArea,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { MouseHandlerDataParam } from 'recharts';
import { type ChartRow, type ChartView, X_AXIS_LABELS, toChartRows } from '@/lib/tracking/chart-view';
import { formatCount, formatMetric, formatTimestamp, formatDuration } from '@/lib/format';
import { CHART_CLASSES, metricXAxis, metricYAxis } from './chart-format';
import { metricSeriesQuery, runMetricPath } from './fetchers';

const COLOR = '#4f46e5';

function SeriesTooltip({
  active,
  payload,
  smoothing,
}: {
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: unknown }>;
  smoothing: boolean;
}) {
  const row = payload?.[0]?.payload as ChartRow | undefined;
  if (!active || !row) return null;
  return (
    <div className="rounded-md border border-zinc-300 bg-white px-3 py-2 text-xs shadow-md dark:border-zinc-600 dark:bg-zinc-900">
      <p className="font-semibold">step {row.step.toLocaleString('en-US')}</p>
      <p className="text-zinc-600 dark:text-zinc-400">{formatTimestamp(row.timestamp)}</p>
      <p>
        value <span className="font-mono">{String(row.raw)}</span>
      </p>
      {smoothing && row.y !== null && (
        <p>
          smoothed <span className="font-mono">{formatMetric(row.y)}</span>
        </p>
      )}
      {row.count > 1 && (
        <p className="text-zinc-600 dark:text-zinc-400">
          {row.count} points here: min <span className="font-mono">{String(row.min)}</span>, max{' '}
          <span className="font-mono">{String(row.max)}</span>
        </p>
      )}
    </div>
  );
}

const indexOf = (s: MouseHandlerDataParam) =>
  s.activeTooltipIndex === undefined || s.activeTooltipIndex === null ? null : Number(s.activeTooltipIndex);

/** One metric of one run: line (optionally smoothed), min/max band, exact tooltip, drag to zoom into a step range. */
export const MetricChart = memo(function MetricChart({
  project,
  runId,
  metricKey,
  view,
  onZoom,
}: {
  project: string;
  runId: string;
  metricKey: string;
  view: ChartView;
  onZoom: (range: { from: number; to: number }) => void;
}) {
  const query = useQuery(metricSeriesQuery(project, runId, metricKey, view.zoom));
  // Recharts calls mouse handlers a frame late, with the closure of an earlier render: the drag lives in
  // a ref so a quick drag still sees its own start; the state copy only draws the selection.
  const dragRef = useRef<{ a: number; b: number } | null>(null);
  const [drag, setDrag] = useState<{ a: number; b: number } | null>(null);
  const moveDrag = (next: { a: number; b: number } | null) => {
    dragRef.current = next;
    setDrag(next);
  };
  const data = query.data;
  const { rows, hidden } = useMemo(
    () => (data ? toChartRows(data.buckets, view, data.startTime) : { rows: [], hidden: 0 }),
    [data, view],
  );
  const span = rows.length ? rows[rows.length - 1]!.x - rows[0]!.x : 0;
  const headingId = useId();
  const finishDrag = (s: MouseHandlerDataParam) => {
    const d = dragRef.current;
    const end = indexOf(s);
    const b = end ?? d?.b;
    if (d && b !== undefined && d.a !== b && rows[d.a] && rows[b]) {
      const [i, j] = [Math.min(d.a, b), Math.max(d.a, b)];
      onZoom({ from: rows[i]!.step, to: rows[j]!.step });
    }
    moveDrag(null);
  };
  return (
    <figure
      aria-labelledby={headingId}
      className="rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-700 dark:bg-zinc-900"
    >
      <div className="mb-1 flex items-baseline justify-between gap-2">
        <h3 id={headingId} className="truncate font-mono text-sm font-semibold" title={metricKey}>
          {metricKey}
        </h3>
        <a
          href={`${runMetricPath(project, runId)}/history?key=${encodeURIComponent(metricKey)}`}
          download
          className="shrink-0 text-xs text-indigo-700 underline dark:text-indigo-400"
          aria-label={`Download the full history of ${metricKey} as CSV`}
        >
          CSV
        </a>
      </div>
      <div className="h-56 select-none">
        {query.isError ? (
          <p role="alert" className="p-4 text-sm text-red-700 dark:text-red-400">
            Could not load this metric: {query.error.message}
          </p>
        ) : !data ? (
          <p className="p-4 text-sm text-zinc-600 dark:text-zinc-400">Loading…</p>
        ) : rows.length === 0 ? (
          <p className="p-4 text-sm text-zinc-600 dark:text-zinc-400">
            No points {view.zoom ? 'in this step range — reset the zoom' : 'logged yet'}.
          </p>
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart
              title={`Line chart of ${metricKey} against ${X_AXIS_LABELS[view.x].toLowerCase()}`}
              data={rows}
              margin={{ top: 6, right: 12, bottom: 0, left: 0 }}
              onMouseDown={(s) => {
                const i = indexOf(s);
                if (i !== null) moveDrag({ a: i, b: i });
              }}
              onMouseMove={(s) => {
                const i = indexOf(s);
                if (dragRef.current && i !== null) moveDrag({ a: dragRef.current.a, b: i });
              }}
              onMouseUp={finishDrag}
              onMouseLeave={() => moveDrag(null)}
            >
              <CartesianGrid className={CHART_CLASSES.grid} strokeDasharray="3 3" />
              <XAxis {...metricXAxis(view.x, span)} />
              <YAxis {...metricYAxis(view.log)} />
              <Tooltip content={<SeriesTooltip smoothing={view.smoothing > 0} />} isAnimationActive={false} />
              <Area
                dataKey="band"
                stroke="none"
                fill={COLOR}
                fillOpacity={0.15}
                isAnimationActive={false}
                activeDot={false}
              />
              {view.smoothing > 0 && (
                <Line
                  dataKey="rawY"
                  stroke={COLOR}
                  strokeOpacity={0.25}
                  dot={false}
                  isAnimationActive={false}
                  activeDot={false}
                />
              )}
              <Line dataKey="y" stroke={COLOR} strokeWidth={1.75} dot={rows.length === 1} isAnimationActive={false} />
              {drag && drag.a !== drag.b && rows[drag.a] && rows[drag.b] && (
                <ReferenceArea x1={rows[drag.a]!.x} x2={rows[drag.b]!.x} fill={COLOR} fillOpacity={0.12} />
              )}
            </ComposedChart>
          </ResponsiveContainer>
        )}
      </div>
      {data && (
        <figcaption className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
          {formatCount(data.buckets.length)} of {formatCount(data.totalPoints)}{' '}
          {data.totalPoints === 1 ? 'point' : 'points'}
          {data.exact
            ? ' (every point drawn)'
            : ' — each drawn point is the last of its bucket; the band spans the bucket’s min–max'}
          {view.zoom ? ` · steps ${formatCount(view.zoom.from)}–${formatCount(view.zoom.to)}` : ''}
          {hidden > 0 && ` · ${hidden} not drawn (NaN${view.log ? ' or ≤ 0 on the log scale' : ''})`}
          {data.status === 'RUNNING' && ' · live'}
          {view.x === 'relative' && rows.length > 0 && ` · ${formatDuration(span)} shown`}
        </figcaption>
      )}
    </figure>
  );
});
