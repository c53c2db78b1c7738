import type { XAxisKind } from '@/lib/tracking/chart-view';
import { formatDuration, formatMetric, formatTimestamp } from '@/lib/format';

const pad = (n: number) => String(n).padStart(2, '0');

/** Axis ticks: steps as numbers, wall time as UTC clock (with the day when it spans days), relative as a duration. */
export function xTickFormatter(kind: XAxisKind, span: number) {
  return (v: number) => {
    if (kind === 'step') return Number.isInteger(v) ? v.toLocaleString('en-US') : v.toFixed(1);
    if (kind === 'relative') return formatDuration(v);
    const d = new Date(v);
    const clock = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
    return span > 86_400_000
      ? `${d.getUTCMonth() + 1}/${d.getUTCDate()} ${clock}`
      : `${clock}:${pad(d.getUTCSeconds())}`;
  };
}

export const yTickFormatter = (v: number) => formatMetric(v);
export const formatX = (kind: XAxisKind, v: number) =>
  kind === 'step' ? `step ${v.toLocaleString('en-US')}` : kind === 'relative' ? formatDuration(v) : formatTimestamp(v);

/** Recharts reads CSS colours; these follow the theme through the `dark` class on <html>. */
export const CHART_CLASSES = {
  grid: 'stroke-zinc-200 dark:stroke-zinc-700',
  axis: 'text-xs [&_.recharts-cartesian-axis-tick-value]:fill-zinc-600 dark:[&_.recharts-cartesian-axis-tick-value]:fill-zinc-400',
};

/** The x axis of a metric chart (steps, wall time or relative time), as the run and compare charts draw it. */
export const metricXAxis = (kind: XAxisKind, span: number) =>
  ({
    dataKey: 'x',
    type: 'number',
    domain: ['dataMin', 'dataMax'],
    tickFormatter: xTickFormatter(kind, span),
    className: CHART_CLASSES.axis,
    minTickGap: 24,
  }) as const;

/** The y axis of a metric chart, linear or log. */
export const metricYAxis = (log: boolean) =>
  ({
    scale: log ? 'log' : 'auto',
    domain: ['auto', 'auto'],
    allowDataOverflow: log,
    tickFormatter: yTickFormatter,
    width: 64,
    className: CHART_CLASSES.axis,
  }) as const;
