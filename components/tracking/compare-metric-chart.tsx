'use client';

import { useQuery } from '@tanstack/react-query';
import { memo, useId, useMemo } from 'react';
import {
  Area,
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ComposedChart,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { type ChartView, X_AXIS_LABELS } from '@/lib/tracking/chart-view';
import {
  bandKey,
  type CompareChartData,
  compareChartData,
  isSingleValue,
  placeSeries,
} from '@/lib/tracking/compare-series';
import { countOf, formatCount, formatMetric } from '@/lib/format';
import { approachDash } from '@/lib/tracking/run-colors';
import { CHART_CLASSES, formatX, metricXAxis, metricYAxis } from './chart-format';
import type { ChartRun } from './compare-types';
import { compareSeriesQuery } from './fetchers';

type TooltipProps = {
  active?: boolean;
  payload?: ReadonlyArray<{ dataKey?: unknown; value?: unknown; payload?: unknown }>;
  label?: unknown;
};

const tooltipClass =
  'max-h-72 overflow-hidden rounded-md border border-zinc-300 bg-white px-3 py-2 text-xs shadow-md dark:border-zinc-600 dark:bg-zinc-900';

function TooltipRow({ run, value }: { run: ChartRun; value: string }) {
  return (
    <li className="flex items-center gap-2">
      <span aria-hidden="true" className="inline-block h-0.5 w-4" style={{ background: run.color }} />
      <span className="truncate">{run.name}</span>
      <span className="ml-auto pl-3 font-mono">{value}</span>
    </li>
  );
}

function LinesTooltip({
  active,
  payload,
  label,
  runs,
  x,
  smoothed,
}: TooltipProps & { runs: ChartRun[]; x: ChartView['x']; smoothed: boolean }) {
  if (!active || !payload?.length) return null;
  const byId = new Map(runs.map((r) => [r.id, r]));
  const entries = payload
    .filter((p) => typeof p.value === 'number')
    .map((p) => ({ run: byId.get(String(p.dataKey)), value: p.value as number }))
    .filter((e): e is { run: ChartRun; value: number } => !!e.run)
    .sort((a, b) => b.value - a.value);
  return (
    <div className={tooltipClass}>
      <p className="mb-1 font-semibold">{formatX(x, Number(label))}</p>
      <ul>
        {entries.map(({ run, value }) => (
          <TooltipRow key={run.id} run={run} value={smoothed ? formatMetric(value) : String(value)} />
        ))}
      </ul>
    </div>
  );
}

type ValueBar = { runId: string; name: string; value: number | null; raw: number };

function ValueTooltip({ active, payload, runs }: TooltipProps & { runs: ChartRun[] }) {
  const bar = payload?.[0]?.payload as ValueBar | undefined;
  const run = bar && runs.find((r) => r.id === bar.runId);
  if (!active || !bar || !run) return null;
  return (
    <div className={tooltipClass}>
      <ul>
        <TooltipRow run={run} value={String(bar.raw)} />
      </ul>
    </div>
  );
}

/** A bar's run name cut to the width of its band (about 7 px a character), the full name in its tooltip. */
function RunNameTick({
  x,
  y,
  payload,
  width,
  visibleTicksCount,
  names,
}: {
  x?: number;
  y?: number;
  payload?: { value: string };
  width?: number;
  visibleTicksCount?: number;
  names: ReadonlyMap<string, string>;
}) {
  const id = payload?.value ?? '';
  const name = names.get(id) ?? id;
  const fits = Math.max(3, Math.floor((width ?? 0) / Math.max(1, visibleTicksCount ?? 1) / 7));
  return (
    <text x={x} y={y} dy={12} textAnchor="middle" fontSize={12} fill="currentColor">
      <title>{name}</title>
      {name.length > fits ? `${name.slice(0, fits - 1)}…` : name}
    </text>
  );
}

/** The Recharts chart itself, returned as an element (ResponsiveContainer sizes its direct child). */
function chartElement(
  data: Exclude<CompareChartData, { kind: 'empty' }>,
  runs: ChartRun[],
  metricKey: string,
  { x, log, smoothed, banded }: { x: ChartView['x']; log: boolean; smoothed: boolean; banded: boolean },
) {
  if (data.kind === 'values') {
    const byId = new Map(runs.map((r) => [r.id, r]));
    const bars: ValueBar[] = data.values.flatMap((v) => {
      const run = byId.get(v.runId);
      if (!run) return [];
      const value = Number.isFinite(v.value) && !(log && v.value <= 0) ? v.value : null;
      return [{ runId: v.runId, name: run.name, value, raw: v.value }];
    });
    return (
      <BarChart
        title={`${metricKey}: one value for each of ${bars.length} runs`}
        data={bars}
        margin={{ top: 6, right: 12, bottom: 0, left: 0 }}
      >
        <CartesianGrid className={CHART_CLASSES.grid} strokeDasharray="3 3" vertical={false} />
        <XAxis
          dataKey="runId"
          tick={<RunNameTick names={new Map(runs.map((r) => [r.id, r.name]))} />}
          interval={0}
          className={CHART_CLASSES.axis}
        />
        <YAxis {...metricYAxis(log)} domain={log ? ['auto', 'auto'] : [(min: number) => Math.min(0, min), 'auto']} />
        <Tooltip content={<ValueTooltip runs={runs} />} cursor={false} isAnimationActive={false} />
        <Bar dataKey="value" isAnimationActive={false} maxBarSize={56}>
          {bars.map((b) => (
            <Cell key={b.runId} fill={byId.get(b.runId)!.color} />
          ))}
        </Bar>
      </BarChart>
    );
  }
  const span = data.rows.length ? data.rows[data.rows.length - 1]!.x - data.rows[0]!.x : 0;
  const dotted = new Set(data.dotted);
  return (
    <ComposedChart
      title={`${metricKey} of ${runs.length} runs against ${X_AXIS_LABELS[x].toLowerCase()}`}
      data={data.rows}
      margin={{ top: 6, right: 12, bottom: 0, left: 0 }}
    >
      <CartesianGrid className={CHART_CLASSES.grid} strokeDasharray="3 3" />
      <XAxis {...metricXAxis(x, span)} />
      <YAxis {...metricYAxis(log)} />
      <Tooltip content={<LinesTooltip runs={runs} x={x} smoothed={smoothed} />} isAnimationActive={false} />
      {banded &&
        runs.map((r) => (
          <Area
            key={bandKey(r.id)}
            dataKey={bandKey(r.id)}
            stroke="none"
            fill={r.color}
            fillOpacity={0.15}
            connectNulls
            isAnimationActive={false}
            activeDot={false}
            tooltipType="none"
          />
        ))}
      {runs.map((r) => (
        <Line
          key={r.id}
          dataKey={r.id}
          name={r.name}
          stroke={r.color}
          strokeDasharray={approachDash(r.approach)}
          strokeWidth={1.5}
          dot={dotted.has(r.id) ? { r: 4, fill: r.color, strokeWidth: 0 } : false}
          connectNulls
          isAnimationActive={false}
        />
      ))}
    </ComposedChart>
  );
}

/**
 * One metric for many runs on shared axes: one colour per run, line pattern by approach. Series are
 * merged on x, so runs logged at different steps or times still line up. A metric logged once per run
 * (a final score) is drawn as one bar per run instead, since a line through one point shows nothing.
 * Memoised, and the drawn chart only changes with its data, so moving the smoothing slider redraws the
 * line charts and leaves the bar charts alone.
 */
export const CompareMetricChart = memo(function CompareMetricChart({
  project,
  runIds,
  runs,
  metricKey,
  x,
  log,
  smoothing,
}: {
  project: string;
  runIds: string[];
  runs: ChartRun[];
  metricKey: string;
  x: ChartView['x'];
  log: boolean;
  smoothing: number;
}) {
  const headingId = useId();
  const query = useQuery(compareSeriesQuery(project, runIds, metricKey));
  const gridWidth = query.data?.gridWidth ?? 1;
  const placed = useMemo(() => placeSeries(query.data?.series ?? [], x), [query.data, x]);
  // Hidden runs are fetched with the rest (one request per metric) but neither drawn nor counted as drawn.
  const shown = useMemo(() => {
    const ids = new Set(runs.map((r) => r.id));
    return placed.filter((s) => ids.has(s.runId));
  }, [placed, runs]);
  const single = isSingleValue(shown);
  // Smoothing means nothing for one value per run: leaving it out keeps these charts still while the slider moves.
  const appliedSmoothing = single ? 0 : smoothing;
  const data = useMemo(() => compareChartData(shown, log, appliedSmoothing), [shown, log, appliedSmoothing]);
  const body = useMemo(
    () =>
      data.kind === 'empty' ? null : (
        <ResponsiveContainer width="100%" height="100%">
          {chartElement(data, runs, metricKey, { x, log, smoothed: appliedSmoothing > 0, banded: gridWidth > 1 })}
        </ResponsiveContainer>
      ),
    [data, runs, metricKey, x, log, appliedSmoothing, gridWidth],
  );
  const withData = new Set((query.data?.series ?? []).filter((s) => s.buckets.length).map((s) => s.runId));
  const caption =
    data.kind === 'values'
      ? `one value per run, drawn as bars · ${data.drawn} of ${countOf(data.logged, 'value')} drawn${
          data.drawn < data.logged ? ' (a log scale cannot show values ≤ 0)' : ''
        }`
      : data.kind !== 'lines'
        ? null
        : gridWidth > 1
          ? `${formatCount(data.total)} points in buckets of ${formatCount(gridWidth)} steps shared by every line: each line joins its buckets' last points, the band spans their min–max`
          : `${formatCount(data.drawn)} of ${formatCount(data.total)} points drawn`;
  return (
    <figure
      aria-labelledby={headingId}
      data-chart-kind={data.kind}
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
        ) : data.kind === 'empty' ? (
          <p className="p-4 text-sm text-zinc-600 dark:text-zinc-400">None of these runs logged {metricKey}.</p>
        ) : (
          body
        )}
      </div>
      {query.data && (
        <figcaption className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
          {withData.size} of {runIds.length} runs logged it{caption && ` · ${caption}`}
          {query.data.series.some((s) => s.status === 'RUNNING') && ' · live'}
        </figcaption>
      )}
    </figure>
  );
});
