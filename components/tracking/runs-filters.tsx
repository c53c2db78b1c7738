'use client';

import { useId } from 'react';
import { DateInput } from '@/components/ui/date-input';
import { approachLabel } from '@/lib/tracking/run-colors';
import { type RunsView, TIME_PRESETS, type TimePreset } from '@/lib/tracking/runs-view';
import { RUN_APPROACHES, RUN_STATUSES, type RunApproach, type RunStatus } from '@/lib/tracking/vocabulary';

const PRESET_LABELS: Record<TimePreset, string> = {
  '1h': 'Last hour',
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
};
const selectClass =
  'rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm text-zinc-900 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100';

function toggle<T>(list: T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

function CheckGroup<T extends string>({
  legend,
  options,
  chosen,
  label,
  onChange,
}: {
  legend: string;
  options: readonly T[];
  chosen: T[];
  label: (v: T) => string;
  onChange: (next: T[]) => void;
}) {
  return (
    <fieldset className="flex flex-wrap items-center gap-x-3 gap-y-1">
      <legend className="sr-only">{legend}</legend>
      <span aria-hidden="true" className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
        {legend}:
      </span>
      {options.map((o) => (
        <label key={o} className="inline-flex items-center gap-1 text-sm">
          <input
            type="checkbox"
            checked={chosen.includes(o)}
            onChange={() => onChange(toggle(chosen, o))}
            className="size-4 accent-indigo-600"
          />
          {label(o)}
        </label>
      ))}
    </fieldset>
  );
}

/** Status, approach, start time, (across experiments) experiment and grouping; each change is a new URL. */
export function RunsFilters({
  view,
  experiments,
  groupKeys,
  onChange,
}: {
  view: RunsView;
  experiments?: { id: number; name: string }[];
  /** The param and tag keys runs can be grouped by. */
  groupKeys: { params: string[]; tags: string[] };
  onChange: (patch: Partial<RunsView>) => void;
}) {
  const id = useId();
  return (
    <div className="flex flex-col gap-2 text-zinc-800 dark:text-zinc-200">
      <CheckGroup<RunStatus>
        legend="Status"
        options={RUN_STATUSES}
        chosen={view.status}
        label={(s) => s.toLowerCase()}
        onChange={(status) => onChange({ status })}
      />
      <CheckGroup<RunApproach>
        legend="Approach"
        options={RUN_APPROACHES}
        chosen={view.approach}
        label={(a) => approachLabel(a)}
        onChange={(approach) => onChange({ approach })}
      />
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <label htmlFor={`${id}-since`} className="font-medium">
          Started
        </label>
        <select
          id={`${id}-since`}
          className={selectClass}
          value={view.since ?? ''}
          onChange={(e) => onChange({ since: (e.target.value || null) as TimePreset | null })}
        >
          <option value="">Any time</option>
          {(Object.keys(TIME_PRESETS) as TimePreset[]).map((p) => (
            <option key={p} value={p}>
              {PRESET_LABELS[p]}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-from`}>from (UTC day)</label>
        <DateInput
          id={`${id}-from`}
          label="the first day"
          className={selectClass}
          value={view.from ?? ''}
          onValueChange={(from) => onChange({ from: from || null })}
        />
        <label htmlFor={`${id}-to`}>to</label>
        <DateInput
          id={`${id}-to`}
          label="the last day"
          className={selectClass}
          value={view.to ?? ''}
          onValueChange={(to) => onChange({ to: to || null })}
        />
        {experiments && experiments.length > 1 && (
          <>
            <label htmlFor={`${id}-exp`} className="ml-2 font-medium">
              Experiment
            </label>
            <select
              id={`${id}-exp`}
              className={selectClass}
              value={view.experiments.length === 1 ? String(view.experiments[0]) : ''}
              onChange={(e) => onChange({ experiments: e.target.value ? [Number(e.target.value)] : [] })}
            >
              <option value="">All experiments</option>
              {experiments.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          </>
        )}
        {(groupKeys.params.length > 0 || groupKeys.tags.length > 0) && (
          <>
            <label htmlFor={`${id}-group`} className="ml-2 font-medium">
              Group by
            </label>
            <select
              id={`${id}-group`}
              className={selectClass}
              value={view.group ?? ''}
              onChange={(e) => onChange({ group: e.target.value || null })}
            >
              <option value="">No grouping</option>
              {(
                [
                  ['Params', 'params', groupKeys.params],
                  ['Tags', 'tags', groupKeys.tags],
                ] as const
              ).map(
                ([label, prefix, keys]) =>
                  keys.length > 0 && (
                    <optgroup key={prefix} label={label}>
                      {keys.map((k) => (
                        <option key={k} value={`${prefix}.${k}`}>
                          {k}
                        </option>
                      ))}
                    </optgroup>
                  ),
              )}
            </select>
          </>
        )}
      </div>
    </div>
  );
}
