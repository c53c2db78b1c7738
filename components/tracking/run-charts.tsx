'use client';

import { type FormEvent, useCallback, useDeferredValue, useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import {
  type ChartView,
  X_AXES,
  X_AXIS_LABELS,
  type XAxisKind,
  parseChartView,
  writeChartView,
} from '@/lib/tracking/chart-view';
import { MetricChart } from '@/components/charts/lazy-charts';
import { useUrlState } from './use-url-state';

const inputClass = 'rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-600 dark:bg-zinc-900';

/** Shared chart settings (in the URL) for every metric of a run, and a keyboard way to zoom. */
export function ChartControls({
  view,
  onChange,
  idPrefix,
  zoomable = true,
}: {
  view: ChartView;
  onChange: (patch: Partial<ChartView>) => void;
  idPrefix: string;
  zoomable?: boolean;
}) {
  const [from, setFrom] = useState(view.zoom ? String(view.zoom.from) : '');
  const [to, setTo] = useState(view.zoom ? String(view.zoom.to) : '');
  const zoom = (e: FormEvent) => {
    e.preventDefault();
    const a = Number(from);
    const b = Number(to);
    if (from !== '' && to !== '' && Number.isSafeInteger(a) && Number.isSafeInteger(b))
      onChange({ zoom: { from: Math.min(a, b), to: Math.max(a, b) } });
  };
  return (
    <div className="flex flex-wrap items-center gap-x-5 gap-y-2 text-sm text-zinc-800 dark:text-zinc-200">
      <label className="flex items-center gap-2">
        X axis
        <select className={inputClass} value={view.x} onChange={(e) => onChange({ x: e.target.value as XAxisKind })}>
          {X_AXES.map((x) => (
            <option key={x} value={x}>
              {X_AXIS_LABELS[x]}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          checked={view.log}
          onChange={(e) => onChange({ log: e.target.checked })}
          className="size-4 accent-indigo-600"
        />
        Log scale (y)
      </label>
      <div className="flex items-center gap-2">
        <label htmlFor={`${idPrefix}-smooth`}>Smoothing</label>
        <input
          id={`${idPrefix}-smooth`}
          type="range"
          min={0}
          max={0.99}
          step={0.01}
          value={view.smoothing}
          onChange={(e) => onChange({ smoothing: Number(e.target.value) })}
          aria-valuetext={view.smoothing === 0 ? 'off' : String(view.smoothing)}
          className="w-32 accent-indigo-600"
        />
        <output htmlFor={`${idPrefix}-smooth`} className="w-8 font-mono tabular-nums">
          {view.smoothing === 0 ? 'off' : view.smoothing.toFixed(2)}
        </output>
      </div>
      {zoomable && (
        <form onSubmit={zoom} className="flex flex-wrap items-center gap-2" aria-label="Zoom to a step range">
          <label htmlFor={`${idPrefix}-from`}>Steps</label>
          <input
            id={`${idPrefix}-from`}
            inputMode="numeric"
            className={`${inputClass} w-24`}
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            aria-label="Zoom from step"
          />
          <span aria-hidden="true">–</span>
          <input
            id={`${idPrefix}-to`}
            inputMode="numeric"
            className={`${inputClass} w-24`}
            value={to}
            onChange={(e) => setTo(e.target.value)}
            aria-label="Zoom to step"
          />
          <Button type="submit" variant="secondary">
            Zoom
          </Button>
          {view.zoom && (
            <Button
              variant="ghost"
              onClick={() => {
                setFrom('');
                setTo('');
                onChange({ zoom: null });
              }}
            >
              Reset zoom
            </Button>
          )}
        </form>
      )}
      {zoomable && (
        <p className="basis-full text-xs text-zinc-600 dark:text-zinc-400">
          Drag across a chart to zoom into those steps at full detail.
        </p>
      )}
    </div>
  );
}

export function RunCharts({ project, runId, metricKeys }: { project: string; runId: string; metricKeys: string[] }) {
  const id = useId();
  const [view, setView] = useUrlState(parseChartView, writeChartView);
  const [search, setSearch] = useState('');
  const set = useCallback((patch: Partial<ChartView>) => setView((current) => ({ ...current, ...patch })), [setView]);
  const zoomTo = useCallback((zoom: ChartView['zoom']) => set({ zoom }), [set]);
  // The controls show a change at once; the (memoised) charts redraw with it after, without holding up the slider.
  const chartView = useDeferredValue(view);
  const shown = metricKeys.filter((k) => k.toLowerCase().includes(search.trim().toLowerCase()));
  return (
    <div className="flex flex-col gap-4">
      <ChartControls
        key={view.zoom ? `${view.zoom.from}-${view.zoom.to}` : 'none'}
        view={view}
        onChange={set}
        idPrefix={id}
      />
      {metricKeys.length > 6 && (
        <label className="flex items-center gap-2 text-sm">
          Find a metric
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} className={inputClass} />
        </label>
      )}
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        {shown.map((k) => (
          <MetricChart key={k} project={project} runId={runId} metricKey={k} view={chartView} onZoom={zoomTo} />
        ))}
      </div>
    </div>
  );
}
