'use client';

import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BurnPoint } from '@/lib/board/burndown';
import { AXIS, BOARD_SERIES, TOOLTIP_STYLE, formatDay } from '@/components/charts/theme';

/** Completed points climbing towards the scope line; the gap between them is the work left. */
export function BurnupChart({ series, title }: { series: BurnPoint[]; title: string }) {
  return (
    <figure aria-label={title} className="h-64 w-full text-zinc-600 dark:text-zinc-400">
      <ResponsiveContainer>
        <ComposedChart title={title} data={series} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.15} />
          <XAxis dataKey="day" tickFormatter={formatDay} {...AXIS} />
          <YAxis
            allowDecimals={false}
            {...AXIS}
            label={{ value: 'points', angle: -90, position: 'insideLeft', fill: 'currentColor', fontSize: 12 }}
          />
          <Tooltip labelFormatter={(d) => formatDay(String(d))} contentStyle={TOOLTIP_STYLE} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Area
            type="linear"
            dataKey="completed"
            name="Completed"
            stroke={BOARD_SERIES.completed}
            fill={BOARD_SERIES.completed}
            fillOpacity={0.2}
            connectNulls={false}
            isAnimationActive={false}
          />
          <Line
            type="stepAfter"
            dataKey="scope"
            name="Scope"
            stroke={BOARD_SERIES.scope}
            strokeWidth={2}
            dot={false}
            connectNulls={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
