'use client';

import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { type EmptyAction, EmptyState } from '@/components/ui/empty-state';
import type { RankedFeature } from '@/lib/monitoring/chart-data';
import { TEST_LABELS } from '@/lib/monitoring/vocabulary';
import { AXIS, DRIFT_COLORS, GRID, TOOLTIP_STYLE, fmt } from '@/components/charts/theme';

const colorOf = (f: RankedFeature) =>
  f.band === 'significant'
    ? DRIFT_COLORS.significant
    : f.band === 'moderate'
      ? DRIFT_COLORS.moderate
      : DRIFT_COLORS.stable;

/** The latest check's features by PSI, drifted ones first; the 0.1 and 0.2 bands as lines. */
export function FeatureRankingChart({
  model,
  features,
  emptyAction,
}: {
  model: string;
  features: RankedFeature[];
  emptyAction?: EmptyAction;
}) {
  if (features.length === 0)
    return (
      <EmptyState
        title="No tested features yet"
        hint="Run a check on a window with at least 30 predictions."
        action={emptyAction}
      />
    );
  // Past PSI 2 the two band lines sit almost on the axis; their labels would overlap, the caption names them.
  const labelled = Math.max(...features.map((f) => f.psi)) <= 2;
  return (
    <figure aria-label={`Features of ${model} ranked by drift`} className="w-full">
      <div className="w-full" style={{ height: 64 + features.length * 30 }}>
        <ResponsiveContainer>
          <BarChart
            title={`Features of ${model} ranked by drift`}
            data={features}
            layout="vertical"
            margin={{ top: 22, right: 24, bottom: 8, left: 8 }}
          >
            <CartesianGrid {...GRID} horizontal={false} />
            <XAxis
              type="number"
              {...AXIS}
              domain={[0, (max: number) => Math.max(0.25, max)]}
              tickFormatter={(v: number) => fmt(v, 2)}
            />
            <YAxis
              type="category"
              dataKey="feature"
              {...AXIS}
              width={150}
              tickFormatter={(v: string) => (v.length > 22 ? `${v.slice(0, 21)}…` : v)}
            />
            <ReferenceLine
              x={0.1}
              stroke={DRIFT_COLORS.moderate}
              strokeDasharray="4 4"
              label={labelled ? { value: 'PSI 0.1', position: 'top', fill: 'currentColor', fontSize: 11 } : undefined}
            />
            <ReferenceLine
              x={0.2}
              stroke={DRIFT_COLORS.significant}
              strokeDasharray="4 4"
              label={labelled ? { value: '0.2', position: 'top', fill: 'currentColor', fontSize: 11 } : undefined}
            />
            <Tooltip
              contentStyle={TOOLTIP_STYLE}
              formatter={(v, _name, item) => {
                const f = item.payload as RankedFeature;
                return [
                  `PSI ${fmt(Number(v))} (${f.band ?? 'n/a'}) · ${TEST_LABELS[f.test]}: ${f.drifted ? 'drifted' : 'no drift'}`,
                  f.feature,
                ];
              }}
            />
            <Bar dataKey="psi" isAnimationActive={false}>
              {features.map((f) => (
                <Cell
                  key={f.feature}
                  fill={colorOf(f)}
                  stroke={f.drifted ? DRIFT_COLORS.alert : undefined}
                  strokeWidth={f.drifted ? 2 : 0}
                />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
        Bar length: PSI (green &lt; 0.1 stable, amber 0.1–0.2 moderate, red ≥ 0.2 significant); outlined bars: the
        feature’s test flagged drift.
      </figcaption>
    </figure>
  );
}
