'use client';

import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatSignificant } from '@/lib/format';
import type { ModelStage } from '@/lib/registry/vocabulary';

const STAGE_COLOURS: Record<ModelStage, string> = {
  None: '#71717a',
  Staging: '#d97706',
  Production: '#059669',
  Archived: '#a1a1aa',
};

/** One metric across the compared versions of a model, each bar coloured by the version's stage. */
export function VersionMetricChart({
  model,
  metric,
  data,
}: {
  model: string;
  metric: string;
  data: Array<{ name: string; value: number | null; stage: ModelStage }>;
}) {
  return (
    <figure aria-label={`${metric} across versions of ${model}`} className="h-56 w-full">
      <ResponsiveContainer>
        <BarChart
          title={`${metric} across versions of ${model}`}
          data={data}
          margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
        >
          <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.15} />
          <XAxis dataKey="name" stroke="currentColor" fontSize={12} />
          <YAxis stroke="currentColor" fontSize={12} domain={['auto', 'auto']} />
          <Tooltip formatter={(v) => [formatSignificant(Number(v), 6), metric]} contentStyle={{ fontSize: 12 }} />
          <Bar dataKey="value" isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.name} fill={STAGE_COLOURS[d.stage]} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
      <figcaption className="text-xs text-zinc-600 dark:text-zinc-400">
        Bar colour = stage (green Production, amber Staging, grey None/Archived).
      </figcaption>
    </figure>
  );
}
