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

/**
 * One mean to draw: an A/B variant's with the half-width of its 95% confidence interval, or a group of runs'
 * with the lowest and highest run (`low`, `high`).
 */
export type MeanPoint = {
  /** Picks the colour (variants are A, B, …). */
  key: string;
  label: string;
  mean: number;
  n: number;
  halfWidth?: number | null;
  low?: number | null;
  high?: number | null;
};
type Spread = 'ci95' | 'range';

const WORDING: Record<Spread, { counted: string; bars: string; title: string }> = {
  ci95: {
    counted: 'units',
    bars: 'bars are 95% confidence intervals of each mean',
    title: 'with 95% confidence intervals',
  },
  range: { counted: 'runs', bars: 'bars run from the lowest to the highest run', title: 'with the range of its runs' },
};

function MeanTooltip({
  active,
  payload,
  spread,
}: {
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: unknown }>;
  spread: Spread;
}) {
  const p = payload?.[0]?.payload as MeanPoint | undefined;
  if (!active || !p) return null;
  return (
    <div className="rounded-md border border-zinc-300 bg-white px-3 py-2 text-xs shadow-md dark:border-zinc-600 dark:bg-zinc-900">
      <p className="font-semibold">{p.label}</p>
      <p>
        mean {formatMetric(p.mean)}
        {spread === 'ci95' && p.halfWidth != null && ` ± ${formatMetric(p.halfWidth)} (95% CI)`}
        {spread === 'range' &&
          p.low != null &&
          p.high != null &&
          ` (${formatMetric(p.low)} to ${formatMetric(p.high)})`}
      </p>
      <p>
        {p.n.toLocaleString('en-US')} {WORDING[spread].counted}
      </p>
    </div>
  );
}

/** Each point's mean (a rate for conversion metrics) with an error bar: a 95% CI, or the range of a group's runs. */
export function MeansChart({
  metric,
  points,
  spread = 'ci95',
  subject = 'the variants',
}: {
  metric: string;
  points: MeanPoint[];
  spread?: Spread;
  /** Whose means they are, for the caption. */
  subject?: string;
}) {
  const data = points
    .filter((p) => p.n > 0)
    .map((p) => ({
      ...p,
      err: spread === 'range' ? [p.mean - (p.low ?? p.mean), (p.high ?? p.mean) - p.mean] : (p.halfWidth ?? 0),
    }));
  if (data.length === 0) return null;
  const title = `Mean of ${metric} per ${spread === 'range' ? 'group' : 'variant'} ${WORDING[spread].title}`;
  return (
    <figure aria-label={title} className="w-full max-w-2xl">
      <div className="h-56 w-full">
        <ResponsiveContainer>
          <ComposedChart title={title} data={data} margin={{ top: 12, right: 16, bottom: 8, left: 8 }}>
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
            <Tooltip content={<MeanTooltip spread={spread} />} cursor={false} />
            <Scatter dataKey="mean" name={metric} isAnimationActive={false}>
              {data.map((p) => (
                <Cell key={p.key} fill={variantColor(p.key)} />
              ))}
              <ErrorBar dataKey="err" width={12} strokeWidth={2} stroke="currentColor" direction="y" />
            </Scatter>
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-xs text-zinc-600 dark:text-zinc-400">
        Dots are {subject}’ means of {metric}; {WORDING[spread].bars}.
      </figcaption>
    </figure>
  );
}
