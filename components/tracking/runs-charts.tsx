'use client';

import { useMemo } from 'react';
import { CompareMetricChart } from '@/components/charts/lazy-charts';
import { assignRunColors } from '@/lib/tracking/run-colors';
import { parseColumn } from '@/lib/tracking/runs-view';
import type { RunRow } from '@/server/runs-table';
import type { ChartRun } from './compare-types';

/** Runs charted when none is ticked: the first of the page, as W&B shows its first runs. */
const DEFAULT_CHARTED_RUNS = 10;

/** Whether the charts are folded away is remembered in this browser, as a person's layout choice. */
const FOLDED_KEY = 'runboard:runs-charts-folded';
const foldable = (el: HTMLDetailsElement | null) => {
  if (!el) return;
  if (window.localStorage.getItem(FOLDED_KEY) === '1') el.open = false;
  const remember = () => {
    if (el.open) window.localStorage.removeItem(FOLDED_KEY);
    else window.localStorage.setItem(FOLDED_KEY, '1');
  };
  el.addEventListener('toggle', remember);
  return () => el.removeEventListener('toggle', remember);
};

export type RunsChartsData = {
  /** One chart per metric key among the table's columns. */
  metricKeys: string[];
  /** The charted runs in table order, each with its colour. */
  runs: ChartRun[];
  /** How many of them are ticked (0: the page's first runs are charted). */
  ticked: number;
  /** Each charted run's colour, for the table's rows; none when there is no metric to chart. */
  colors?: ReadonlyMap<string, string>;
};

/** What the runs page charts: its metric columns, for the ticked runs of the page or else its first runs. */
export function useRunsCharts(rows: RunRow[], columns: string[], selected: string[]): RunsChartsData {
  const metricKeys = [
    ...new Set(
      columns.flatMap((id) => {
        const ref = parseColumn(id);
        return ref?.type === 'metric' ? [ref.key] : [];
      }),
    ),
  ];
  const ticked = rows.filter((r) => selected.includes(r.id));
  const chartedIds = (ticked.length ? ticked : rows.slice(0, DEFAULT_CHARTED_RUNS)).map((r) => r.id).join(',');
  const runs = useMemo((): ChartRun[] => {
    const ids = chartedIds.split(',');
    const colors = assignRunColors(ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [{ id, name: row.name, approach: row.approach, color: colors.get(id)! }] : [];
    });
  }, [chartedIds, rows]);
  const colors = useMemo(() => new Map(runs.map((r) => [r.id, r.color])), [runs]);
  return { metricKeys, runs, ticked: ticked.length, colors: metricKeys.length ? colors : undefined };
}

/**
 * The runs table's metric columns as charts, above the table: each metric's history for the ticked runs of the
 * page (or its first runs), one colour per run, or one bar per run for a metric logged once. The same charts as
 * the compare page, so a run looks the same in both.
 */
export function RunsCharts({ project, charts }: { project: string; charts: RunsChartsData }) {
  const { metricKeys, runs, ticked } = charts;
  const runIds = useMemo(() => runs.map((r) => r.id), [runs]);
  if (metricKeys.length === 0 || runs.length === 0) return null;
  return (
    <details
      open
      ref={foldable}
      className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-700 dark:bg-zinc-900"
    >
      <summary className="cursor-pointer text-base font-semibold">Charts</summary>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        {ticked
          ? `The ${ticked === 1 ? 'ticked run' : `${ticked} ticked runs`} of this page. `
          : `The first ${runs.length === 1 ? 'run' : `${runs.length} runs`} of this page; tick runs to chart those instead. `}
        One chart per metric column (choose them under Columns).
      </p>
      <ul aria-label="Charted runs" className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs">
        {runs.map((r) => (
          <li key={r.id} className="flex min-w-0 items-center gap-1.5">
            <span aria-hidden="true" className="inline-block h-0.5 w-4 shrink-0" style={{ background: r.color }} />
            <span className="[overflow-wrap:anywhere]">{r.name}</span>
          </li>
        ))}
      </ul>
      <div className="mt-3 grid gap-3 lg:grid-cols-2">
        {metricKeys.map((key) => (
          <CompareMetricChart
            key={key}
            project={project}
            runIds={runIds}
            runs={runs}
            metricKey={key}
            x="step"
            log={false}
            smoothing={0}
          />
        ))}
      </div>
    </details>
  );
}
