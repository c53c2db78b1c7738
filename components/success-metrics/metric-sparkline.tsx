'use client';

import { Line, LineChart, ReferenceLine, YAxis } from 'recharts';
import { COLOURS, formatValue } from './chart-format';

/** A tiny trend of a metric's recorded values with its target as a dashed line. */
export function MetricSparkline({
  label,
  points,
  target,
}: {
  label: string;
  points: Array<{ at: number; value: number }>;
  target: number | null;
}) {
  if (points.length === 0) return <span className="text-xs text-zinc-500 dark:text-zinc-400">No values yet</span>;
  const last = points.at(-1)!;
  const data = points.length === 1 ? [points[0]!, { ...last, at: last.at + 1 }] : points;
  return (
    <figure
      aria-label={`${label}: ${points.length} values, latest ${formatValue(last.value)}`}
      role="img"
      className="inline-block"
    >
      <LineChart
        accessibilityLayer={false}
        width={120}
        height={36}
        data={data}
        margin={{ top: 4, right: 2, bottom: 4, left: 2 }}
      >
        <YAxis hide domain={['auto', 'auto']} />
        {target !== null && (
          <ReferenceLine y={target} stroke={COLOURS.target} strokeDasharray="3 3" ifOverflow="extendDomain" />
        )}
        <Line
          type="monotone"
          dataKey="value"
          stroke={COLOURS.actual}
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </figure>
  );
}
