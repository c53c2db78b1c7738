'use client';

import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFigure } from '@/components/charts/chart-figure';
import type { VelocityPoint } from '@/lib/board/burndown';
import { AXIS, BOARD_SERIES, TOOLTIP_STYLE } from '@/components/charts/theme';

/** Committed against completed points per closed sprint, with the recent average as a reference line. */
export function VelocityChart({ points, average }: { points: VelocityPoint[]; average: number | null }) {
  return (
    <ChartFigure label="Velocity over the last sprints" className="h-64 w-full text-zinc-600 dark:text-zinc-400">
      <BarChart title="Velocity over the last sprints" data={points} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.15} />
        <XAxis dataKey="sprint" {...AXIS} />
        <YAxis
          allowDecimals={false}
          {...AXIS}
          label={{ value: 'points', angle: -90, position: 'insideLeft', fill: 'currentColor', fontSize: 12 }}
        />
        <Tooltip contentStyle={TOOLTIP_STYLE} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="committed" name="Committed" fill={BOARD_SERIES.committed} isAnimationActive={false} />
        <Bar dataKey="completed" name="Completed" fill={BOARD_SERIES.remaining} isAnimationActive={false} />
        {average !== null && (
          <ReferenceLine
            y={average}
            stroke={BOARD_SERIES.completed}
            strokeDasharray="6 4"
            label={{ value: `average ${average}`, position: 'insideTopRight', fill: 'currentColor', fontSize: 12 }}
          />
        )}
      </BarChart>
    </ChartFigure>
  );
}
