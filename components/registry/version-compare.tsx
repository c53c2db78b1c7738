'use client';

import { VersionMetricChart } from '@/components/charts/lazy-charts';
import { Button, buttonClass } from '@/components/ui/button';
import { downloadCsv } from '@/components/ui/download-csv';
import { EmptyState } from '@/components/ui/empty-state';
import { ScrollArea } from '@/components/ui/scroll-area';
import type { ModelStage } from '@/lib/registry/vocabulary';
import { registerVersionAction } from './empty-actions';
import { formatSignificant } from '@/lib/format';

type Version = { version: number; stage: ModelStage; metrics: Record<string, number>; params: Record<string, string> };

function rowsOf(versions: Version[], pick: (v: Version) => Record<string, string | number>) {
  const keys = [...new Set(versions.flatMap((v) => Object.keys(pick(v))))].sort();
  return keys.map((key) => {
    const values = versions.map((v) => pick(v)[key]);
    const differs = new Set(values.map((x) => String(x ?? ''))).size > 1;
    return { key, values, differs };
  });
}

export function VersionCompare({
  project,
  model,
  allVersions,
  selected,
  metric,
  versions,
}: {
  project: string;
  model: string;
  allVersions: number[];
  selected: number[];
  metric?: string;
  versions: Version[];
}) {
  if (versions.length === 0)
    return (
      <EmptyState
        title="Nothing to compare yet"
        hint="Register at least two versions of this model."
        action={registerVersionAction(project)}
      />
    );
  const metricKeys = [...new Set(versions.flatMap((v) => Object.keys(v.metrics)))].sort();
  const chosen = metric && metricKeys.includes(metric) ? metric : metricKeys[0];
  const chartData = versions.map((v) => ({
    name: `v${v.version}`,
    value: chosen ? (v.metrics[chosen] ?? null) : null,
    stage: v.stage,
  }));
  const sections = [
    { title: 'Metrics', rows: rowsOf(versions, (v) => v.metrics) },
    { title: 'Params', rows: rowsOf(versions, (v) => v.params) },
  ];
  return (
    <div className="flex flex-col gap-4">
      <form method="get" className="flex flex-wrap items-end gap-3 text-sm" aria-label="Choose versions to compare">
        <fieldset className="flex flex-wrap gap-3">
          <legend className="mb-1 font-medium">Versions</legend>
          {allVersions.map((v) => (
            <label key={v} className="flex items-center gap-1">
              <input type="checkbox" name="compare" value={v} defaultChecked={selected.includes(v)} /> v{v}
            </label>
          ))}
        </fieldset>
        {metricKeys.length > 0 && (
          <label className="flex flex-col gap-1">
            <span className="font-medium">Chart metric</span>
            <select
              name="metric"
              defaultValue={chosen}
              className="rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-600 dark:bg-zinc-900"
            >
              {metricKeys.map((k) => (
                <option key={k}>{k}</option>
              ))}
            </select>
          </label>
        )}
        <button type="submit" className={buttonClass('secondary')}>
          Compare
        </button>
      </form>
      {chosen && <VersionMetricChart model={model} metric={chosen} data={chartData} />}
      <Button
        variant="secondary"
        className="self-start"
        onClick={() =>
          downloadCsv(
            `${project}-${model}-compare.csv`,
            ['section', 'key', ...versions.map((v) => `v${v.version}`)],
            sections.flatMap((s) => s.rows.map((r) => [s.title, r.key, ...r.values])),
          )
        }
      >
        Export CSV
      </Button>
      <ScrollArea label={`Compare versions of ${model}`} className="overflow-x-auto">
        <table className="min-w-full text-sm" aria-label={`Compare versions of ${model}`}>
          <thead>
            <tr className="border-b border-zinc-200 dark:border-zinc-700">
              <th scope="col" className="px-2 py-1 text-left">
                Key
              </th>
              {versions.map((v) => (
                <th key={v.version} scope="col" className="px-2 py-1 text-left">
                  <a
                    className="text-indigo-700 hover:underline dark:text-indigo-400"
                    href={`/${project}/models/${encodeURIComponent(model)}/versions/${v.version}`}
                  >
                    v{v.version}
                  </a>
                </th>
              ))}
            </tr>
          </thead>
          {sections.map((s) => (
            <tbody key={s.title}>
              <tr>
                <th
                  colSpan={versions.length + 1}
                  scope="colgroup"
                  className="bg-zinc-50 px-2 py-1 text-left text-xs uppercase tracking-wide dark:bg-zinc-800"
                >
                  {s.title}
                </th>
              </tr>
              {s.rows.map((r) => (
                <tr
                  key={r.key}
                  data-differs={r.differs || undefined}
                  className="border-b border-zinc-100 data-[differs]:bg-amber-50 dark:border-zinc-800 dark:data-[differs]:bg-amber-950/40"
                >
                  <th scope="row" className="px-2 py-1 text-left font-mono text-xs">
                    {r.key}
                    {r.differs && <span className="sr-only"> (differs)</span>}
                  </th>
                  {r.values.map((v, i) => (
                    <td key={i} className="px-2 py-1 font-mono text-xs">
                      {v === undefined ? '—' : typeof v === 'number' ? formatSignificant(v, 6) : v}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </ScrollArea>
    </div>
  );
}
