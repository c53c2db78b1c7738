'use client';

import { memo } from 'react';
import { CartesianGrid, Cell, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMetric } from '@/lib/format';
import { approachLabel, approachShape } from '@/lib/tracking/run-colors';
import { RUN_APPROACHES, type RunApproach } from '@/lib/tracking/vocabulary';
import { CHART_CLASSES, yTickFormatter } from './chart-format';
import { type CompareRun, compareValue } from './compare-types';

type Point = { run: CompareRun; x: number | string; y: number };

function PointTooltip({
  active,
  payload,
  xLabel,
  yLabel,
}: {
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: unknown }>;
  xLabel: string;
  yLabel: string;
}) {
  const p = payload?.[0]?.payload as Point | undefined;
  if (!active || !p) return null;
  return (
    <div className="rounded-md border border-zinc-300 bg-white px-3 py-2 text-xs shadow-md dark:border-zinc-600 dark:bg-zinc-900">
      <p className="font-semibold">{p.run.name}</p>
      <p>{approachLabel(p.run.approach)}</p>
      <p>
        {xLabel}: <span className="font-mono">{String(p.x)}</span>
      </p>
      <p>
        {yLabel}: <span className="font-mono">{String(p.y)}</span>
      </p>
    </div>
  );
}

const asNumber = (v: string | number | null) =>
  v === null ? null : typeof v === 'number' ? v : v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null;

/** A param (or metric) against a metric, one point per run in its colour; the marker shape shows the approach. */
export const ParamScatter = memo(function ParamScatter({
  runs,
  x,
  y,
  xLabel,
  yLabel,
}: {
  runs: CompareRun[];
  x: string;
  y: string;
  xLabel: string;
  yLabel: string;
}) {
  const raw = runs.map((run) => ({ run, x: compareValue(run, x), y: asNumber(compareValue(run, y)) }));
  const present = raw.filter(
    (p): p is { run: CompareRun; x: string | number; y: number } =>
      p.x !== null && p.y !== null && Number.isFinite(p.y),
  );
  const numericX = present.every((p) => asNumber(p.x) !== null);
  const points: Point[] = present.map((p) => ({ ...p, x: numericX ? asNumber(p.x)! : String(p.x) }));
  const missing = runs.length - points.length;
  if (points.length === 0)
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        None of the shown runs has both {xLabel} and {yLabel}.
      </p>
    );
  const groups: (RunApproach | null)[] = [...RUN_APPROACHES, null];
  return (
    <figure>
      <div className="h-80">
        <ResponsiveContainer width="100%" height="100%">
          <ScatterChart
            title={`Scatter plot of ${yLabel} against ${xLabel} for ${points.length} runs; marker shape shows the approach`}
            margin={{ top: 10, right: 16, bottom: 16, left: 0 }}
          >
            <CartesianGrid className={CHART_CLASSES.grid} strokeDasharray="3 3" />
            <XAxis
              dataKey="x"
              type={numericX ? 'number' : 'category'}
              allowDuplicatedCategory={false}
              domain={numericX ? ['auto', 'auto'] : undefined}
              padding={{ left: 24, right: 24 }}
              name={xLabel}
              className={CHART_CLASSES.axis}
              tickFormatter={numericX ? (v: number) => formatMetric(v) : undefined}
              label={{
                value: xLabel,
                position: 'insideBottom',
                offset: -8,
                className: 'fill-zinc-600 text-xs dark:fill-zinc-400',
              }}
            />
            <YAxis
              dataKey="y"
              type="number"
              domain={['auto', 'auto']}
              padding={{ top: 12, bottom: 12 }}
              name={yLabel}
              tickFormatter={yTickFormatter}
              width={64}
              className={CHART_CLASSES.axis}
            />
            <Tooltip content={<PointTooltip xLabel={xLabel} yLabel={yLabel} />} isAnimationActive={false} />
            {groups.map((g) => {
              const data = points.filter((p) => p.run.approach === g);
              if (data.length === 0) return null;
              return (
                <Scatter
                  key={g ?? 'none'}
                  name={approachLabel(g)}
                  data={data}
                  shape={approachShape(g)}
                  isAnimationActive={false}
                >
                  {data.map((p) => (
                    <Cell key={p.run.id} fill={p.run.color} stroke={p.run.color} />
                  ))}
                </Scatter>
              );
            })}
          </ScatterChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
        Markers: ● model-centric, ▲ data-centric, ■ hybrid, ◆ not set.{' '}
        {missing > 0 && `${missing} run${missing === 1 ? '' : 's'} without both values left out.`}
      </figcaption>
    </figure>
  );
});
