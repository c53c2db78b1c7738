'use client';

import { useId, useState } from 'react';
import { Popover } from '@/components/ui/popover';
import { METRIC_AGGS, type MetricAgg } from '@/lib/tracking/runs-view';

type Keys = { params: string[]; metrics: string[]; tags: string[] };

const metricId = (key: string, agg: MetricAgg) => (agg === 'latest' ? `metrics.${key}` : `metrics.${key}@${agg}`);

/** Picks which params, metrics (latest, min and/or max) and tags are columns; the order of picking is kept. */
export function ColumnChooser({
  keys,
  columns,
  onChange,
  label = 'Columns',
  align = 'right',
}: {
  keys: Keys;
  columns: string[];
  onChange: (columns: string[]) => void;
  label?: string;
  align?: 'left' | 'right';
}) {
  const id = useId();
  const [search, setSearch] = useState('');
  const needle = search.trim().toLowerCase();
  const match = (k: string) => !needle || k.toLowerCase().includes(needle);
  const toggle = (col: string) =>
    onChange(columns.includes(col) ? columns.filter((c) => c !== col) : [...columns, col]);
  const box = (col: string, label: string, srLabel?: string) => (
    <label key={col} className="inline-flex items-center gap-1.5 text-sm">
      <input
        type="checkbox"
        checked={columns.includes(col)}
        onChange={() => toggle(col)}
        className="size-4 accent-indigo-600"
        aria-label={srLabel}
      />
      {label}
    </label>
  );
  const total = keys.params.length + keys.metrics.length + keys.tags.length;
  return (
    <Popover
      className="relative text-zinc-800 dark:text-zinc-200"
      summaryClassName="cursor-pointer select-none rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium dark:border-zinc-600 dark:bg-zinc-800"
      summary={`${label} (${columns.length} chosen)`}
    >
      <div
        className={`absolute ${align === 'right' ? 'right-0' : 'left-0'} z-20 mt-1 flex max-h-[28rem] w-[32rem] max-w-[90vw] flex-col gap-3 overflow-y-auto rounded-md border border-zinc-300 bg-white p-3 shadow-lg dark:border-zinc-600 dark:bg-zinc-900`}
      >
        {total === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            No params, metrics or tags logged yet: columns appear once runs log them.
          </p>
        ) : (
          <>
            <div className="flex flex-wrap items-center gap-2">
              <label htmlFor={`${id}-search`} className="text-sm">
                Find a key
              </label>
              <input
                id={`${id}-search`}
                type="search"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
                className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-600 dark:bg-zinc-900"
              />
              <button
                type="button"
                className="text-sm text-indigo-700 underline dark:text-indigo-400"
                onClick={() => onChange([])}
              >
                Clear all
              </button>
            </div>
            <fieldset>
              <legend className="mb-1 text-xs font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">
                Metrics — latest, min or max
              </legend>
              {keys.metrics.length === 0 && <p className="text-sm text-zinc-600 dark:text-zinc-400">None logged.</p>}
              <ul className="flex flex-col gap-1">
                {keys.metrics.filter(match).map((k) => (
                  <li key={k} className="flex flex-wrap items-center gap-3">
                    <span className="min-w-32 font-mono text-sm">{k}</span>
                    {METRIC_AGGS.map((agg) => box(metricId(k, agg), agg, `${k} ${agg}`))}
                  </li>
                ))}
              </ul>
            </fieldset>
            <fieldset>
              <legend className="mb-1 text-xs font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">
                Params
              </legend>
              {keys.params.length === 0 && <p className="text-sm text-zinc-600 dark:text-zinc-400">None logged.</p>}
              <div className="flex flex-wrap gap-x-4 gap-y-1 font-mono">
                {keys.params.filter(match).map((k) => box(`params.${k}`, k))}
              </div>
            </fieldset>
            <fieldset>
              <legend className="mb-1 text-xs font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">
                Tags
              </legend>
              {keys.tags.length === 0 && <p className="text-sm text-zinc-600 dark:text-zinc-400">None logged.</p>}
              <div className="flex flex-wrap gap-x-4 gap-y-1 font-mono">
                {keys.tags.filter(match).map((k) => box(`tags.${k}`, k))}
              </div>
            </fieldset>
          </>
        )}
      </div>
    </Popover>
  );
}
