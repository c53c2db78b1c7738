'use client';

import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFigure } from '@/components/charts/chart-figure';
import { timeAxis } from '@/components/charts/theme';
import { formatUtcDay } from '@/lib/format';
import { COLOURS, formatValue } from '../success-metrics/chart-format';

/** Score and residual score after mitigation at each change, as steps (the server adds today's point). */
export function RiskScoreChart({
  title,
  points,
}: {
  title: string;
  points: Array<{ at: number; score: number; residual: number }>;
}) {
  return (
    <ChartFigure label={`Score history of ${title}`} className="h-56 w-full">
      <LineChart title={`Score history of ${title}`} data={points} margin={{ top: 8, right: 24, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.15} />
        <XAxis {...timeAxis('at', formatUtcDay)} />
        <YAxis domain={[0, 9]} ticks={[0, 3, 6, 9]} stroke="currentColor" fontSize={12} />
        <Tooltip
          labelFormatter={(v) => formatUtcDay(Number(v))}
          formatter={(v, key) => [formatValue(v), key === 'score' ? 'Score' : 'Residual']}
          contentStyle={{ fontSize: 12, color: '#18181b' }}
        />
        <Legend formatter={(key) => (key === 'score' ? 'Score (likelihood × impact)' : 'Residual after mitigation')} />
        <Line dataKey="score" type="stepAfter" stroke={COLOURS.score} strokeWidth={2} isAnimationActive={false} />
        <Line
          dataKey="residual"
          type="stepAfter"
          stroke={COLOURS.residual}
          strokeWidth={2}
          strokeDasharray="5 3"
          isAnimationActive={false}
        />
      </LineChart>
    </ChartFigure>
  );
}
