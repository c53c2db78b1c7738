'use client';

import { memo, useMemo, useState } from 'react';
import { type PcValue, axisTicks, buildAxes, runSegments } from '@/lib/tracking/parallel-coords';
import { approachDash, approachLabel } from '@/lib/tracking/run-colors';
import { columnLabel, parseColumn } from '@/lib/tracking/runs-view';
import { type CompareRun, compareValue } from './compare-types';

const WIDTH = 1000;
const HEIGHT = 380;
const LAYOUT = { left: 70, width: WIDTH - 140, top: 48, height: HEIGHT - 90 };

const labelOf = (id: string) => {
  const ref = parseColumn(id);
  return ref && ref.type !== 'attribute' ? `${ref.type === 'metric' ? '' : `${ref.type} `}${columnLabel(ref)}` : id;
};

/**
 * Parallel coordinates drawn as SVG: an axis per chosen param or metric, a line per run through its
 * values. Hovering or focusing a run (Tab moves through them) brings it forward and dims the rest.
 */
export const ParallelCoordinates = memo(function ParallelCoordinates({
  runs,
  axes: axisIds,
}: {
  runs: CompareRun[];
  axes: string[];
}) {
  const [active, setActive] = useState<string | null>(null);
  const values = useMemo(
    () =>
      runs.map((r) => Object.fromEntries(axisIds.map((id) => [id, compareValue(r, id)])) as Record<string, PcValue>),
    [runs, axisIds],
  );
  const axes = useMemo(
    () =>
      buildAxes(
        axisIds.map((id) => ({ id, label: labelOf(id) })),
        values,
      ),
    [axisIds, values],
  );
  if (axes.length < 2)
    return <p className="text-sm text-zinc-600 dark:text-zinc-400">Choose at least two params or metrics as axes.</p>;
  const step = LAYOUT.width / (axes.length - 1);
  const describe = (r: CompareRun, i: number) =>
    `${r.name} (${approachLabel(r.approach)}): ${axes.map((a) => `${a.label} ${values[i]![a.id] ?? 'missing'}`).join(', ')}`;
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      className="h-auto w-full text-zinc-700 dark:text-zinc-300"
      role="group"
      aria-label={`Parallel coordinates of ${runs.length} runs over ${axes.map((a) => a.label).join(', ')}`}
    >
      {axes.map((axis, i) => (
        <line
          key={axis.id}
          aria-hidden="true"
          x1={LAYOUT.left + i * step}
          x2={LAYOUT.left + i * step}
          y1={LAYOUT.top}
          y2={LAYOUT.top + LAYOUT.height}
          className="stroke-zinc-400 dark:stroke-zinc-500"
        />
      ))}
      {runs.map((r, i) => {
        const dim = active !== null && active !== r.id;
        return (
          <g
            key={r.id}
            tabIndex={0}
            role="img"
            aria-label={describe(r, i)}
            onMouseEnter={() => setActive(r.id)}
            onMouseLeave={() => setActive(null)}
            onFocus={() => setActive(r.id)}
            onBlur={() => setActive(null)}
            className="cursor-pointer outline-none"
          >
            <title>{describe(r, i)}</title>
            {runSegments(axes, values[i]!, LAYOUT).map((points, j) => (
              <g key={j}>
                {/* A wide invisible twin makes thin lines easy to hover. */}
                <polyline points={points} fill="none" stroke="transparent" strokeWidth={10} />
                <polyline
                  points={points}
                  fill="none"
                  stroke={r.color}
                  strokeWidth={active === r.id ? 3.5 : 1.75}
                  strokeOpacity={dim ? 0.15 : 0.9}
                  strokeDasharray={approachDash(r.approach)}
                />
              </g>
            ))}
          </g>
        );
      })}
      {/* Labels last, so they sit above the lines. */}
      {axes.map((axis, i) => {
        const x = LAYOUT.left + i * step;
        return (
          <g key={axis.id} aria-hidden="true">
            <text x={x} y={LAYOUT.top - 24} textAnchor="middle" className="fill-current text-[13px] font-semibold">
              {axis.label.length > 22 ? `${axis.label.slice(0, 21)}…` : axis.label}
            </text>
            {axisTicks(axis).map((t) => (
              <text
                key={t.label}
                x={x - 6}
                y={LAYOUT.top + (1 - t.fraction) * LAYOUT.height + 4}
                textAnchor="end"
                paintOrder="stroke"
                strokeWidth={3}
                className="fill-current stroke-white text-[11px] dark:stroke-zinc-900"
              >
                {t.label.length > 12 ? `${t.label.slice(0, 11)}…` : t.label}
              </text>
            ))}
          </g>
        );
      })}
    </svg>
  );
});
