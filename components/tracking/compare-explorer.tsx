'use client';

import { useCallback, useDeferredValue, useId, useMemo } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyActionLink, logFromCodeAction } from '@/components/ui/empty-state';
import { Section } from '@/components/ui/page-header';
import {
  type CompareView,
  buildDiffRows,
  defaultAxes,
  parseCompareView,
  writeCompareView,
} from '@/lib/tracking/compare-view';
import { approachDash, approachLabel } from '@/lib/tracking/run-colors';
import { columnLabel, parseColumn } from '@/lib/tracking/runs-view';
import { ApproachBadge } from './badges';
import { ColumnChooser } from './column-chooser';
import { CompareMetricChart, ParamScatter } from '@/components/charts/lazy-charts';
import type { CompareRun } from './compare-types';
import { DiffTable } from './diff-table';
import { ParallelCoordinates } from './parallel-coordinates';
import { ChartControls } from './run-charts';
import { useUrlState } from './use-url-state';

const DEFAULT_CHARTS = 8;
const selectClass =
  'rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-600 dark:bg-zinc-900';
const label = (id: string) => {
  const ref = parseColumn(id);
  return ref && ref.type !== 'attribute' ? `${ref.type === 'metric' ? 'metric' : ref.type} ${columnLabel(ref)}` : id;
};

/**
 * Overlaid charts, parallel coordinates, a scatter and a diff of the runs in `?runs=`; every choice lives in the URL.
 * The sections are memoised on stable props, and the charts draw a deferred copy of the chart settings, so a
 * control (the smoothing slider above all) answers at once and only the charts it changes redraw, after it.
 */
export function CompareExplorer({
  project,
  runs,
  metricKeys,
  primaryMetric,
}: {
  project: string;
  runs: CompareRun[];
  metricKeys: string[];
  /** The run metric behind the project's primary success metric, charted first and always an axis by default. */
  primaryMetric: string | null;
}) {
  const id = useId();
  const [view, setView] = useUrlState(parseCompareView, writeCompareView);
  const set = useCallback((patch: Partial<CompareView>) => setView((current) => ({ ...current, ...patch })), [setView]);
  const setOnlyDiff = useCallback((onlyDiff: boolean) => set({ onlyDiff }), [set]);
  const chartX = useDeferredValue(view.x);
  const chartLog = useDeferredValue(view.log);
  const chartSmoothing = useDeferredValue(view.smoothing);
  const visible = useMemo(() => runs.filter((r) => !view.hidden.includes(r.id)), [runs, view.hidden]);
  const allRows = useMemo(() => buildDiffRows(runs), [runs]);
  const keys = useMemo(
    () => ({
      params: [...new Set(runs.flatMap((r) => Object.keys(r.params)))].sort(),
      metrics: metricKeys,
      tags: [...new Set(runs.flatMap((r) => Object.keys(r.tags)))].sort(),
    }),
    [runs, metricKeys],
  );
  const charts = useMemo(
    () =>
      view.metrics ??
      (primaryMetric && metricKeys.includes(primaryMetric)
        ? [primaryMetric, ...metricKeys.filter((k) => k !== primaryMetric)]
        : metricKeys
      ).slice(0, DEFAULT_CHARTS),
    [view.metrics, metricKeys, primaryMetric],
  );
  const defaults = useMemo(() => defaultAxes(allRows, primaryMetric), [allRows, primaryMetric]);
  const axes = view.axes ?? defaults;
  const xOptions = [...keys.params.map((k) => `params.${k}`), ...metricKeys.map((k) => `metrics.${k}`)];
  const yOptions = metricKeys.flatMap((k) => [`metrics.${k}`, `metrics.${k}@min`, `metrics.${k}@max`]);
  const scatterX = view.scatterX ?? axes.find((a) => a.startsWith('params.')) ?? xOptions[0] ?? null;
  const scatterY = view.scatterY ?? (metricKeys[0] ? `metrics.${metricKeys[0]}` : null);
  const allIds = useMemo(() => runs.map((r) => r.id), [runs]);
  const toggle = (runId: string) =>
    set({ hidden: view.hidden.includes(runId) ? view.hidden.filter((h) => h !== runId) : [...view.hidden, runId] });
  return (
    <>
      <Section
        title="Runs"
        description="Each run keeps its colour in every view; the line pattern and marker shape show its approach. Press a run to hide or show it in the charts; the differences table keeps every run."
      >
        <ul className="flex flex-wrap gap-2" aria-label="Compared runs">
          {runs.map((r) => {
            const shown = !view.hidden.includes(r.id);
            return (
              <li key={r.id}>
                <button
                  type="button"
                  aria-pressed={shown}
                  onClick={() => toggle(r.id)}
                  title={`${shown ? 'Hide' : 'Show'} ${r.name} (${approachLabel(r.approach)})`}
                  className="flex items-center gap-2 rounded-full border border-zinc-300 bg-white px-3 py-1 text-sm hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-indigo-500 aria-[pressed=false]:opacity-45 aria-[pressed=false]:line-through dark:border-zinc-600 dark:bg-zinc-900 dark:hover:bg-zinc-800"
                >
                  <svg width="22" height="8" aria-hidden="true">
                    <line
                      x1="0"
                      y1="4"
                      x2="22"
                      y2="4"
                      stroke={r.color}
                      strokeWidth="3"
                      strokeDasharray={approachDash(r.approach)}
                    />
                  </svg>
                  {r.name}
                  <ApproachBadge approach={r.approach} compact />
                </button>
              </li>
            );
          })}
        </ul>
        {view.hidden.length > 0 && (
          <Button variant="ghost" className="mt-2" onClick={() => set({ hidden: [] })}>
            Show all {runs.length} runs
          </Button>
        )}
      </Section>
      <Section title="Metrics">
        <div className="mb-4 flex flex-wrap items-start gap-4">
          <ChartControls view={view} onChange={set} idPrefix={id} zoomable={false} />
          <div className="ml-auto">
            <ColumnChooser
              label="Charts"
              keys={{ params: [], tags: [], metrics: metricKeys }}
              columns={charts.map((k) => `metrics.${k}`)}
              onChange={(cols) =>
                set({ metrics: [...new Set(cols.map((c) => parseColumn(c)?.key ?? '').filter(Boolean))] })
              }
            />
          </div>
        </div>
        {metricKeys.length === 0 ? (
          <div>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">None of these runs logged a metric yet.</p>
            <EmptyActionLink action={logFromCodeAction(project)} />
          </div>
        ) : charts.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No metric chosen: pick some under Charts.</p>
        ) : (
          <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
            {charts.map((k) => (
              <CompareMetricChart
                key={k}
                project={project}
                runIds={allIds}
                runs={visible}
                metricKey={k}
                x={chartX}
                log={chartLog}
                smoothing={chartSmoothing}
              />
            ))}
          </div>
        )}
      </Section>
      <Section
        title="Parallel coordinates"
        description="One axis per chosen param or metric; numeric values are scaled between the runs' min and max. Hover or Tab to a run to single it out."
      >
        <div className="mb-3">
          <ColumnChooser
            label="Axes"
            align="left"
            keys={keys}
            columns={axes}
            onChange={(cols) => set({ axes: cols })}
          />
        </div>
        <ParallelCoordinates runs={visible} axes={axes} />
      </Section>
      <Section title="Param vs metric">
        {scatterX && scatterY ? (
          <>
            <div className="mb-3 flex flex-wrap gap-4 text-sm">
              <label className="flex items-center gap-2">
                X
                <select className={selectClass} value={scatterX} onChange={(e) => set({ scatterX: e.target.value })}>
                  {xOptions.map((o) => (
                    <option key={o} value={o}>
                      {label(o)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="flex items-center gap-2">
                Y
                <select className={selectClass} value={scatterY} onChange={(e) => set({ scatterY: e.target.value })}>
                  {yOptions.map((o) => (
                    <option key={o} value={o}>
                      {label(o)}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <ParamScatter runs={visible} x={scatterX} y={scatterY} xLabel={label(scatterX)} yLabel={label(scatterY)} />
          </>
        ) : (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            These runs need at least one param and one metric for a scatter plot.
          </p>
        )}
      </Section>
      <Section title="Differences">
        <DiffTable
          project={project}
          runs={runs}
          hidden={view.hidden}
          rows={allRows}
          onlyDiff={view.onlyDiff}
          onOnlyDiff={setOnlyDiff}
        />
      </Section>
    </>
  );
}
