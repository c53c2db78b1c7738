'use client';

import Link from 'next/link';
import { MeansChart } from '@/components/charts/lazy-charts';
import { type Column, DataTable } from '@/components/ui/data-table';
import { formatCount, formatMetric } from '@/lib/format';
import { MAX_GROUPS, type RunGroup } from '@/lib/tracking/run-groups';
import { columnLabel, parseColumn } from '@/lib/tracking/runs-view';

const NOT_SET = '(not set)';

/**
 * The matching runs grouped by a param's or tag's value: a chart of the first metric's mean per group with the
 * range of its runs, and a table of every chosen metric's mean, min and max; a value opens its group's runs.
 */
export function RunGroupsSection({
  group,
  groups,
  columns,
  total,
  groupHref,
}: {
  /** The grouping column id, e.g. `params.model`. */
  group: string;
  groups: RunGroup[];
  /** The table's chosen columns; the metric ones are summarised. */
  columns: string[];
  total: number;
  /** Where a group's value leads: the runs filtered to it, or null where the filter cannot say it. */
  groupHref: (value: string | null) => string | null;
}) {
  const metrics = columns.flatMap((id) => {
    const ref = parseColumn(id);
    return ref?.type === 'metric' && groups.some((g) => g.metrics[id]) ? [{ id, label: columnLabel(ref) }] : [];
  });
  const charted = metrics.find((m) => groups.some((g) => (g.metrics[m.id]?.runs ?? 0) > 0));
  const label = (g: RunGroup) => g.value ?? NOT_SET;
  const summary = (id: string, part: 'mean' | 'min' | 'max') => (g: RunGroup) => g.metrics[id]?.[part] ?? null;
  const tableColumns: Column<RunGroup>[] = [
    {
      key: 'value',
      header: group,
      value: (g) => g.value ?? '',
      render: (g) => {
        const href = groupHref(g.value);
        const text = <span className="[overflow-wrap:anywhere]">{label(g)}</span>;
        return href ? (
          <Link href={href} className="font-medium text-indigo-700 hover:underline dark:text-indigo-400">
            {text}
          </Link>
        ) : (
          text
        );
      },
    },
    { key: 'runs', header: 'Runs', value: (g) => g.runs, render: (g) => formatCount(g.runs) },
    ...metrics.flatMap((m) =>
      (['mean', 'min', 'max'] as const).map((part) => ({
        key: `${m.id}-${part}`,
        header: `${m.label} ${part}`,
        value: summary(m.id, part),
        render: (g: RunGroup) => <span className="tabular-nums">{formatMetric(summary(m.id, part)(g))}</span>,
      })),
    ),
  ];
  return (
    <section
      aria-labelledby="run-groups-heading"
      className="flex flex-col gap-3 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-700 dark:bg-zinc-900"
    >
      <div>
        <h2 id="run-groups-heading" className="text-base font-semibold">
          Grouped by {group}
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {formatCount(groups.length)} {groups.length === 1 ? 'group' : 'groups'} over {formatCount(total)} matching{' '}
          {total === 1 ? 'run' : 'runs'}
          {groups.length >= MAX_GROUPS ? ` (the ${MAX_GROUPS} largest)` : ''}: each chosen metric’s mean, min and max
          over a group’s runs. Choose a value to see its runs.
        </p>
      </div>
      {charted && (
        <MeansChart
          metric={charted.label}
          spread="range"
          subject="the groups"
          points={groups.map((g, i) => {
            const m = g.metrics[charted.id];
            return {
              key: String.fromCharCode(65 + (i % 26)),
              label: label(g),
              mean: m?.mean ?? 0,
              low: m?.min,
              high: m?.max,
              n: m?.runs ?? 0,
            };
          })}
        />
      )}
      <DataTable
        caption={`Runs grouped by ${group}`}
        exportName={`runs-by-${group}`}
        rows={groups}
        rowKey={(g) => g.value ?? '\u0000'}
        empty={{
          title: 'No runs to group',
          hint: 'No run matches the filters; loosen them to see groups.',
        }}
        columns={tableColumns}
      />
    </section>
  );
}
