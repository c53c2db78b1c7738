'use client';

import type { ReactNode } from 'react';
import { Area, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFigure } from '@/components/charts/chart-figure';
import type { BurnPoint } from '@/lib/board/burndown';
import { AXIS, BOARD_SERIES, TOOLTIP_STYLE, formatShortDay } from '@/components/charts/theme';

/** Points per sprint day: the frame both burn charts draw their lines in. */
function BurnChart({ series, title, children }: { series: BurnPoint[]; title: string; children: ReactNode }) {
  return (
    <ChartFigure label={title} className="h-64 w-full text-zinc-600 dark:text-zinc-400">
      <ComposedChart title={title} data={series} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.15} />
        <XAxis dataKey="day" tickFormatter={formatShortDay} {...AXIS} />
        <YAxis
          allowDecimals={false}
          {...AXIS}
          label={{ value: 'points', angle: -90, position: 'insideLeft', fill: 'currentColor', fontSize: 12 }}
        />
        <Tooltip labelFormatter={(d) => formatShortDay(String(d))} contentStyle={TOOLTIP_STYLE} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {children}
      </ComposedChart>
    </ChartFigure>
  );
}

/** The sprint's scope as steps, so added or dropped work shows as a jump. */
const scopeLine = (strokeWidth: number) => (
  <Line
    type="stepAfter"
    dataKey="scope"
    name="Scope"
    stroke={BOARD_SERIES.scope}
    strokeWidth={strokeWidth}
    dot={false}
    connectNulls={false}
    isAnimationActive={false}
  />
);

/** Remaining points against the ideal line, with the scope as its own line so added or dropped work shows. */
export function BurndownChart({ series, title }: { series: BurnPoint[]; title: string }) {
  return (
    <BurnChart series={series} title={title}>
      <Line
        type="linear"
        dataKey="ideal"
        name="Ideal"
        stroke={BOARD_SERIES.ideal}
        strokeDasharray="6 4"
        dot={false}
        isAnimationActive={false}
      />
      {scopeLine(1)}
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
    </BurnChart>
  );
}

/** Completed points climbing towards the scope line; the gap between them is the work left. */
export function BurnupChart({ series, title }: { series: BurnPoint[]; title: string }) {
  return (
    <BurnChart series={series} title={title}>
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
      {scopeLine(2)}
    </BurnChart>
  );
}
