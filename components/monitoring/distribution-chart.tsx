'use client';

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFigure } from '@/components/charts/chart-figure';
import { EmptyState } from '@/components/ui/empty-state';
import type { Distribution } from '@/lib/monitoring/distribution';
import { AXIS, DRIFT_COLORS, GRID, TOOLTIP_STYLE, pct } from '@/components/charts/theme';

/** Reference vs current shares: an equal-width histogram (numeric) or category bars (categorical). */
export function DistributionChart({ feature, distribution }: { feature: string; distribution: Distribution | null }) {
  if (!distribution || distribution.bins.length === 0)
    return (
      <EmptyState
        title={`No values of ${feature} in the latest check`}
        hint="The feature was missing from every row of both windows."
      />
    );
  return (
    <ChartFigure label={`Reference and current distribution of ${feature}`} className="h-72 w-full">
      <BarChart
        title={`Reference and current distribution of ${feature}`}
        data={distribution.bins}
        margin={{ top: 8, right: 16, bottom: distribution.kind === 'numeric' ? 48 : 16, left: 8 }}
      >
        <CartesianGrid {...GRID} vertical={false} />
        <XAxis
          dataKey="label"
          {...AXIS}
          interval={0}
          angle={distribution.kind === 'numeric' ? -35 : 0}
          textAnchor={distribution.kind === 'numeric' ? 'end' : 'middle'}
          height={distribution.kind === 'numeric' ? 56 : 30}
        />
        <YAxis {...AXIS} tickFormatter={pct} />
        <Tooltip
          contentStyle={TOOLTIP_STYLE}
          formatter={(v, name) => [pct(Number(v)), name === 'reference' ? 'Reference' : 'Current']}
        />
        <Legend formatter={(v: string) => (v === 'reference' ? 'Reference' : 'Current window')} />
        <Bar dataKey="reference" fill={DRIFT_COLORS.reference} isAnimationActive={false} />
        <Bar dataKey="current" fill={DRIFT_COLORS.current} isAnimationActive={false} />
      </BarChart>
    </ChartFigure>
  );
}
