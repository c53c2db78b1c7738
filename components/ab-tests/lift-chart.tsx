'use client';

import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { CHART_CLASSES } from '@/components/tracking/chart-format';
import { type EmptyAction, EmptyState } from '@/components/ui/empty-state';
import type { LiftPoint } from '@/lib/ab-tests/lift-series';
import { variantColor } from '@/components/charts/theme';
import { formatDay } from '@/lib/format';

type Row = Record<string, string | number | [number, number] | null>;

const pct = (v: number) => `${v > 0 ? '+' : ''}${v.toFixed(1)}%`;

function LiftTooltip({
  active,
  payload,
  treatments,
}: {
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: unknown }>;
  treatments: string[];
}) {
  const row = payload?.[0]?.payload as Row | undefined;
  if (!active || !row) return null;
  return (
    <div className="rounded-md border border-zinc-300 bg-white px-3 py-2 text-xs shadow-md dark:border-zinc-600 dark:bg-zinc-900">
      <p className="font-semibold">
        {formatDay(String(row.day))} · {Number(row.units).toLocaleString('en-US')} units so far
      </p>
      {treatments.map((t) => {
        const band = row[`${t} band`] as [number, number] | null;
        return (
          <p key={t}>
            {t} vs A:{' '}
            {row[t] === null
              ? 'not measurable yet'
              : `${pct(Number(row[t]))} (95% CI ${pct(band![0])} to ${pct(band![1])})`}
          </p>
        );
      })}
    </div>
  );
}

/** Cumulative relative lift of each treatment over the control, with its 95% confidence band, day by day. */
export function LiftChart({
  metric,
  points,
  treatments,
  minUnits,
  emptyAction,
}: {
  metric: string;
  points: LiftPoint[];
  treatments: string[];
  minUnits: number;
  emptyAction?: EmptyAction;
}) {
  if (points.length === 0)
    return (
      <EmptyState
        title="No outcomes yet"
        hint="Send events to POST /api/v1/ab-tests/{id}/events; the lift appears here day by day."
        action={emptyAction}
      />
    );
  const rows: Row[] = points.map((p) => {
    const row: Row = { day: p.day, units: p.units };
    for (const t of treatments) {
      const l = p.lifts[t];
      row[t] = l ? l.lift : null;
      row[`${t} band`] = l ? [l.lower, l.upper] : null;
    }
    return row;
  });
  return (
    <figure aria-label={`Cumulative relative lift of ${metric} over time`} className="w-full">
      <div className="h-72 w-full">
        <ResponsiveContainer>
          <ComposedChart
            title={`Cumulative relative lift of ${metric} over time`}
            data={rows}
            margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
          >
            <CartesianGrid strokeDasharray="3 3" className={CHART_CLASSES.grid} />
            <XAxis
              dataKey="day"
              className={CHART_CLASSES.axis}
              stroke="currentColor"
              fontSize={12}
              minTickGap={24}
              tickFormatter={formatDay}
            />
            <YAxis className={CHART_CLASSES.axis} stroke="currentColor" fontSize={12} tickFormatter={pct} width={56} />
            <ReferenceLine y={0} stroke="currentColor" strokeOpacity={0.5} />
            <Tooltip content={<LiftTooltip treatments={treatments} />} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {treatments.map((t) => (
              <Area
                key={`${t} band`}
                dataKey={`${t} band`}
                name={`${t} 95% CI`}
                stroke="none"
                fill={variantColor(t)}
                fillOpacity={0.18}
                isAnimationActive={false}
                connectNulls
              />
            ))}
            {treatments.map((t) => (
              <Line
                key={t}
                dataKey={t}
                name={`${t} vs A`}
                stroke={variantColor(t)}
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
                connectNulls
              />
            ))}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-xs text-zinc-600 dark:text-zinc-400">
        Relative lift of {metric} against the control, cumulative up to each day (from the first day every variant has{' '}
        {minUnits} units, when there is one); the shaded band is the 95% confidence interval (delta method). A band that
        crosses 0 is not significant.
      </figcaption>
    </figure>
  );
}
