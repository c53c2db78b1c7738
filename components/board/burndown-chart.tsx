'use client';

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BurnPoint } from '@/lib/board/burndown';
import { AXIS, BOARD_SERIES, TOOLTIP_STYLE, formatDay } from '@/components/charts/theme';

/** Remaining points against the ideal line, with the scope as its own line so added or dropped work shows. */
export function BurndownChart({ series, title }: { series: BurnPoint[]; title: string }) {
  return (
    <figure aria-label={title} className="h-64 w-full text-zinc-600 dark:text-zinc-400">
      <ResponsiveContainer>
        <LineChart title={title} data={series} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.15} />
          <XAxis dataKey="day" tickFormatter={formatDay} {...AXIS} />
          <YAxis
            allowDecimals={false}
            {...AXIS}
            label={{ value: 'points', angle: -90, position: 'insideLeft', fill: 'currentColor', fontSize: 12 }}
          />
          <Tooltip labelFormatter={(d) => formatDay(String(d))} contentStyle={TOOLTIP_STYLE} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line
            type="linear"
            dataKey="ideal"
            name="Ideal"
            stroke={BOARD_SERIES.ideal}
            strokeDasharray="6 4"
            dot={false}
            isAnimationActive={false}
          />
          <Line
            type="stepAfter"
            dataKey="scope"
            name="Scope"
            stroke={BOARD_SERIES.scope}
            dot={false}
            connectNulls={false}
            isAnimationActive={false}
          />
          <Line
            type="linear"
            dataKey="remaining"
            name="Remaining"
            stroke={BOARD_SERIES.remaining}
            strokeWidth={2}
            dot={{ r: 2 }}
            connectNulls={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
