'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export type GainRow = {
  iteration: string;
  'data-centric': number;
  'model-centric': number;
  hybrid: number;
  unspecified: number;
};

const SERIES = [
  { key: 'data-centric', colour: '#0891b2' },
  { key: 'model-centric', colour: '#7c3aed' },
  { key: 'hybrid', colour: '#d97706' },
  { key: 'unspecified', colour: '#a1a1aa' },
] as const;

/** Per iteration, the share of the metric's gain that came from data-centric, model-centric or hybrid runs. */
export function IterationGainsChart({ metric, rows }: { metric: string; rows: GainRow[] }) {
  return (
    <figure aria-label={`Share of ${metric} gains by approach per iteration`} className="h-56 w-full">
      <ResponsiveContainer>
        <BarChart
          title={`Share of ${metric} gains by approach per iteration`}
          data={rows}
          margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.15} />
          <XAxis dataKey="iteration" stroke="currentColor" fontSize={12} />
          <YAxis domain={[0, 100]} unit="%" stroke="currentColor" fontSize={12} />
          <Tooltip
            formatter={(v, key) => [`${Math.round(Number(v))}%`, key]}
            contentStyle={{ fontSize: 12, color: '#18181b' }}
          />
          <Legend />
          {SERIES.map((s) => (
            <Bar key={s.key} dataKey={s.key} stackId="gain" fill={s.colour} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
