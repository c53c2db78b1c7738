'use client';

import {
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { type EmptyAction, EmptyState } from '@/components/ui/empty-state';
import type { DriftPoint } from '@/lib/monitoring/chart-data';
import { TEST_LABELS } from '@/lib/monitoring/vocabulary';
import { AXIS, DRIFT_COLORS, GRID, fmt, timeAxis, timeTick } from '@/components/charts/theme';

function PointTooltip({ active, payload }: { active?: boolean; payload?: ReadonlyArray<{ payload?: unknown }> }) {
  const p = payload?.[0]?.payload as DriftPoint | undefined;
  if (!active || !p) return null;
  return (
    <div className="rounded-md border border-zinc-300 bg-white px-3 py-2 text-xs text-zinc-900 shadow-md dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100">
      <p className="font-semibold">{p.window}</p>
      <p>PSI {fmt(p.psi)}</p>
      <p>
        {TEST_LABELS[p.test]} {fmt(p.statistic)}
        {p.p_value !== null ? `, p = ${fmt(p.p_value, 2)}` : ''}
      </p>
      <p className={p.drifted ? 'font-semibold text-red-700 dark:text-red-400' : ''}>
        {p.drifted ? 'Drift: alert raised' : 'No drift'}
      </p>
    </div>
  );
}

/** A plain point, or a larger red one where the check's test flagged drift (an alert was raised or updated). */
export function alertDot(props: {
  cx?: number;
  cy?: number;
  index?: number;
  payload?: { drifted?: boolean; degraded?: boolean };
}) {
  const flagged = Boolean(props.payload?.drifted ?? props.payload?.degraded);
  if (props.cx === undefined || props.cy === undefined) return <g key={props.index} />;
  return flagged ? (
    <circle
      key={props.index}
      cx={props.cx}
      cy={props.cy}
      r={5}
      fill={DRIFT_COLORS.alert}
      stroke="white"
      strokeWidth={1.5}
    />
  ) : (
    <circle
      key={props.index}
      cx={props.cx}
      cy={props.cy}
      r={3}
      fill="white"
      stroke={DRIFT_COLORS.value}
      strokeWidth={1.5}
    />
  );
}

/** One feature's PSI per check with the 0.1 / 0.2 bands; red dots mark checks whose test flagged drift. */
export function DriftScoreChart({
  feature,
  points,
  emptyAction,
}: {
  feature: string;
  points: DriftPoint[];
  emptyAction?: EmptyAction;
}) {
  if (points.length === 0)
    return (
      <EmptyState
        title={`No checks of ${feature} yet`}
        hint="Each check adds a point; run one or wait for the schedule."
        action={emptyAction}
      />
    );
  const span = points.length > 1 ? points.at(-1)!.t - points[0]!.t : 0;
  const labelled = Math.max(...points.map((p) => p.psi ?? 0)) <= 2;
  return (
    <figure aria-label={`Drift of ${feature} over time`} className="w-full">
      <div className="h-64 w-full">
        <ResponsiveContainer>
          <ComposedChart
            title={`Drift of ${feature} over time`}
            data={points}
            margin={{ top: 8, right: 24, bottom: 8, left: 8 }}
          >
            <CartesianGrid {...GRID} />
            <XAxis {...timeAxis('t', timeTick(span))} padding={{ left: 12, right: 12 }} />
            <YAxis
              {...AXIS}
              domain={[0, (max: number) => Math.max(0.25, max)]}
              tickFormatter={(v: number) => fmt(v, 2)}
              label={{ value: 'PSI', angle: -90, position: 'insideLeft', fill: 'currentColor', fontSize: 12 }}
            />
            <ReferenceLine
              y={0.1}
              stroke={DRIFT_COLORS.moderate}
              strokeDasharray="4 4"
              label={
                labelled
                  ? { value: 'moderate 0.1', position: 'insideTopRight', fill: 'currentColor', fontSize: 11 }
                  : undefined
              }
            />
            <ReferenceLine
              y={0.2}
              stroke={DRIFT_COLORS.significant}
              strokeDasharray="4 4"
              label={
                labelled
                  ? { value: 'significant 0.2', position: 'insideTopRight', fill: 'currentColor', fontSize: 11 }
                  : undefined
              }
            />
            <Tooltip content={<PointTooltip />} />
            <Line
              type="monotone"
              dataKey="psi"
              stroke={DRIFT_COLORS.value}
              strokeWidth={2}
              dot={alertDot}
              activeDot={{ r: 5 }}
              isAnimationActive={false}
              name="PSI"
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      {!labelled && (
        <figcaption className="text-xs text-zinc-600 dark:text-zinc-400">
          Dashed lines: PSI 0.1 (moderate) and 0.2 (significant).
        </figcaption>
      )}
    </figure>
  );
}
