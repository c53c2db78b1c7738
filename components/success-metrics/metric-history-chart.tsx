'use client';

import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFigure } from '@/components/charts/chart-figure';
import { timeAxis } from '@/components/charts/theme';
import { formatUtcDay } from '@/lib/format';
import { type EmptyAction, EmptyState } from '@/components/ui/empty-state';
import { COLOURS, formatValue } from './chart-format';

type Row = { at: number; actual?: number; planned?: number };

/**
 * A metric's recorded values against its target (a line, or a band for a range) and the planned straight
 * line from the start value to the target at the deadline. Data comes shaped from the server.
 */
export function MetricHistoryChart({
  name,
  unit,
  rows,
  target,
  range,
  stepped,
  emptyAction,
}: {
  name: string;
  unit: string;
  rows: Row[];
  target: number | null;
  range: [number, number] | null;
  stepped: boolean;
  emptyAction?: EmptyAction;
}) {
  if (!rows.some((r) => r.actual !== undefined)) {
    return (
      <EmptyState
        title="No values yet"
        hint="Check in a value, or link the metric to a run metric or the Production model."
        action={emptyAction}
      />
    );
  }
  const suffix = unit ? ` ${unit}` : '';
  return (
    <ChartFigure label={`${name} over time against its target`} className="h-72 w-full">
      <LineChart
        title={`${name} over time against its target`}
        data={rows}
        margin={{ top: 8, right: 24, bottom: 8, left: 8 }}
      >
        <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.15} />
        <XAxis {...timeAxis('at', formatUtcDay)} />
        <YAxis stroke="currentColor" fontSize={12} domain={['auto', 'auto']} tickFormatter={formatValue} />
        <Tooltip
          labelFormatter={(v) => formatUtcDay(Number(v))}
          formatter={(v, key) => [`${formatValue(v)}${suffix}`, key === 'actual' ? name : 'Planned']}
          contentStyle={{ fontSize: 12, color: '#18181b' }}
        />
        <Legend formatter={(key) => (key === 'actual' ? name : 'Planned line')} />
        {range && (
          <ReferenceArea
            y1={range[0]}
            y2={range[1]}
            fill={COLOURS.target}
            fillOpacity={0.12}
            ifOverflow="extendDomain"
            label={{ value: 'Target band', fontSize: 11, fill: COLOURS.target }}
          />
        )}
        {target !== null && (
          <ReferenceLine
            y={target}
            stroke={COLOURS.target}
            strokeDasharray="6 3"
            ifOverflow="extendDomain"
            label={{
              value: `Target ${formatValue(target)}${suffix}`,
              fontSize: 11,
              fill: COLOURS.target,
              position: 'insideTopRight',
            }}
          />
        )}
        <Line
          dataKey="planned"
          stroke={COLOURS.planned}
          strokeDasharray="4 4"
          dot={false}
          connectNulls
          isAnimationActive={false}
        />
        <Line
          dataKey="actual"
          type={stepped ? 'stepAfter' : 'linear'}
          stroke={COLOURS.actual}
          strokeWidth={2}
          connectNulls
          isAnimationActive={false}
        />
      </LineChart>
    </ChartFigure>
  );
}
