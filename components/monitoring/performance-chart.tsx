'use client';

import { CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { type EmptyAction, EmptyState } from '@/components/ui/empty-state';
import type { PerformancePoint } from '@/lib/monitoring/chart-data';
import { AXIS, DRIFT_COLORS, GRID, fmt, timeAxis, timeTick } from '@/components/charts/theme';
import { alertDot } from './drift-score-chart';

function PointTooltip({
  active,
  payload,
  metric,
}: {
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: unknown }>;
  metric: string;
}) {
  const p = payload?.[0]?.payload as PerformancePoint | undefined;
  if (!active || !p) return null;
  return (
    <div className="rounded-md border border-zinc-300 bg-white px-3 py-2 text-xs text-zinc-900 shadow-md dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100">
      <p className="font-semibold">{p.window}</p>
      <p>
        {metric} {fmt(p.value)} on {p.n} labelled rows
      </p>
      <p>
        baseline {fmt(p.baseline)}, alert line {fmt(p.threshold)}
      </p>
      <p className={p.degraded ? 'font-semibold text-red-700 dark:text-red-400' : ''}>
        {p.degraded ? 'Degraded beyond noise: alert raised' : 'Within bounds'}
      </p>
    </div>
  );
}

/** A quality metric per check against its baseline and the 95% line (baseline ÷ 0.95 for losses). */
export function PerformanceChart({
  metric,
  label,
  higherIsBetter,
  points,
  emptyAction,
}: {
  metric: string;
  label: string;
  higherIsBetter: boolean;
  points: PerformancePoint[];
  emptyAction?: EmptyAction;
}) {
  if (points.length === 0)
    return (
      <EmptyState
        title={`No ${label} yet`}
        hint="Checks measure it once a window has 30 predictions with actuals (POST /api/v1/models/{name}/actuals)."
        action={emptyAction}
      />
    );
  const span = points.length > 1 ? points.at(-1)!.t - points[0]!.t : 0;
  return (
    <figure aria-label={`${label} over time`} className="w-full">
      <div className="h-64 w-full">
        <ResponsiveContainer>
          <ComposedChart title={`${label} over time`} data={points} margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
            <CartesianGrid {...GRID} />
            <XAxis {...timeAxis('t', timeTick(span))} padding={{ left: 12, right: 12 }} />
            <YAxis {...AXIS} domain={['auto', 'auto']} tickFormatter={(v: number) => fmt(v, 3)} />
            <Tooltip content={<PointTooltip metric={metric} />} />
            <Legend />
            <Line
              dataKey="value"
              name={label}
              stroke={DRIFT_COLORS.value}
              strokeWidth={2}
              dot={alertDot}
              activeDot={{ r: 5 }}
              isAnimationActive={false}
            />
            <Line
              dataKey="baseline"
              name="Baseline"
              stroke={DRIFT_COLORS.baseline}
              strokeDasharray="6 3"
              dot={false}
              isAnimationActive={false}
            />
            <Line
              dataKey="threshold"
              name={higherIsBetter ? '95% of baseline' : 'Baseline ÷ 0.95'}
              stroke={DRIFT_COLORS.significant}
              strokeDasharray="3 3"
              dot={false}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-xs text-zinc-600 dark:text-zinc-400">
        Red points: checks where the drop was beyond noise and raised or updated an alert.
      </figcaption>
    </figure>
  );
}
