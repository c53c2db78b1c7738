'use client';

import {
  CartesianGrid,
  Cell,
  ComposedChart,
  ErrorBar,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { CHART_CLASSES } from '@/components/tracking/chart-format';
import { formatMetric } from '@/lib/format';
import { variantColor } from '@/components/charts/theme';

export type MeanPoint = { key: string; label: string; mean: number; halfWidth: number | null; n: number };

function MeanTooltip({ active, payload }: { active?: boolean; payload?: ReadonlyArray<{ payload?: unknown }> }) {
  const p = payload?.[0]?.payload as MeanPoint | undefined;
  if (!active || !p) return null;
  return (
    <div className="rounded-md border border-zinc-300 bg-white px-3 py-2 text-xs shadow-md dark:border-zinc-600 dark:bg-zinc-900">
      <p className="font-semibold">{p.label}</p>
      <p>
        mean {formatMetric(p.mean)}
        {p.halfWidth !== null && ` ± ${formatMetric(p.halfWidth)} (95% CI)`}
      </p>
      <p>{p.n.toLocaleString('en-US')} units</p>
    </div>
  );
}

/** Each variant's mean (a rate for conversion metrics) with its 95% confidence interval as an error bar. */
export function MeansChart({ metric, points }: { metric: string; points: MeanPoint[] }) {
  const data = points.filter((p) => p.n > 0).map((p) => ({ ...p, err: p.halfWidth ?? 0 }));
  if (data.length === 0) return null;
  return (
    <figure
      aria-label={`Mean of ${metric} per variant with 95% confidence intervals`}
      className="h-56 w-full max-w-2xl"
    >
      <ResponsiveContainer>
        <ComposedChart
          title={`Mean of ${metric} per variant with 95% confidence intervals`}
          data={data}
          margin={{ top: 12, right: 16, bottom: 8, left: 8 }}
        >
          <CartesianGrid strokeDasharray="3 3" className={CHART_CLASSES.grid} />
          <XAxis
            dataKey="label"
            type="category"
            allowDuplicatedCategory={false}
            padding={{ left: 48, right: 48 }}
            className={CHART_CLASSES.axis}
            stroke="currentColor"
            fontSize={12}
          />
          <YAxis
            dataKey="mean"
            domain={['auto', 'auto']}
            className={CHART_CLASSES.axis}
            stroke="currentColor"
            fontSize={12}
            tickFormatter={formatMetric}
            width={64}
          />
          <Tooltip content={<MeanTooltip />} cursor={false} />
          <Scatter dataKey="mean" name={metric} isAnimationActive={false}>
            {data.map((p) => (
              <Cell key={p.key} fill={variantColor(p.key)} />
            ))}
            <ErrorBar dataKey="err" width={12} strokeWidth={2} stroke="currentColor" direction="y" />
          </Scatter>
        </ComposedChart>
      </ResponsiveContainer>
      <figcaption className="text-xs text-zinc-600 dark:text-zinc-400">
        Dots are the variants’ means of {metric}; bars are 95% confidence intervals of each mean.
      </figcaption>
    </figure>
  );
}
