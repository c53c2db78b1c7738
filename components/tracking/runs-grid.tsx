'use client';

import Link from 'next/link';
import { cn } from '@/components/ui/cn';
import { ScrollArea } from '@/components/ui/scroll-area';
import { formatDuration, formatMetric } from '@/lib/format';
import { LocalTime } from '@/components/ui/local-time';
import { DEFAULT_SORT, type Sort, columnLabel, parseColumn } from '@/lib/tracking/runs-view';
import type { RunRow } from '@/server/runs-table';
import { ApproachBadge, StatusBadge } from './badges';

type Props = {
  project: string;
  rows: RunRow[];
  columns: string[];
  sort: Sort | null;
  showExperiment: boolean;
  selected: string[];
  /** Each charted run's colour in the charts above, shown beside its name. */
  chartColors?: ReadonlyMap<string, string>;
  sortHref: (column: string) => string;
  onSelect: (ids: string[], on: boolean) => void;
};

const thClass = 'whitespace-nowrap px-3 py-2 text-left font-semibold text-zinc-700 dark:text-zinc-200';
const tdClass = 'whitespace-nowrap px-3 py-1.5 text-zinc-800 dark:text-zinc-200';
// The checkbox and run-name columns stay put while the table scrolls sideways; sticky cells need an opaque
// background, and the checkbox column a fixed width for the name column's offset.
const pinFirst = 'sticky left-0 z-10 w-10 min-w-10';
const pinName = 'sticky left-10 z-10 shadow-[inset_-1px_0_0] shadow-zinc-200 dark:shadow-zinc-700';
const headBg = 'bg-zinc-50 dark:bg-zinc-800';

function SortHeader({
  column,
  label,
  sort,
  href,
  title,
  className,
}: {
  column: string;
  label: string;
  sort: Sort | null;
  href: string;
  title?: string;
  className?: string;
}) {
  const active = (sort ?? DEFAULT_SORT).column === column ? (sort ?? DEFAULT_SORT) : null;
  const ariaSort = active ? (active.ascending ? 'ascending' : 'descending') : 'none';
  return (
    <th scope="col" aria-sort={ariaSort} className={cn(thClass, className)} title={title}>
      {/* No prefetch: each header's link is this page sorted another way, i.e. a whole search per column. */}
      <Link href={href} scroll={false} prefetch={false} className="inline-flex items-center gap-1 hover:underline">
        {label}
        <span
          aria-hidden="true"
          className={cn('text-xs', active ? 'text-indigo-600 dark:text-indigo-400' : 'text-zinc-400')}
        >
          {active ? (active.ascending ? '▲' : '▼') : '↕'}
        </span>
        <span className="sr-only">{active ? `, sorted ${ariaSort}; activate to reverse` : ', activate to sort'}</span>
      </Link>
    </th>
  );
}

function Cell({ value, metric }: { value: string | number | null | undefined; metric: boolean }) {
  if (value === null || value === undefined) return <span className="text-zinc-600 dark:text-zinc-400">—</span>;
  if (metric && typeof value === 'number') return <span className="tabular-nums">{formatMetric(value)}</span>;
  const text = String(value);
  return <span title={text.length > 40 ? text : undefined}>{text.length > 40 ? `${text.slice(0, 39)}…` : text}</span>;
}

/** The runs of one page; headers sort (through the URL), checkboxes select runs for Compare. */
export function RunsGrid({
  project,
  rows,
  columns,
  sort,
  showExperiment,
  selected,
  chartColors,
  sortHref,
  onSelect,
}: Props) {
  const pageIds = rows.map((r) => r.id);
  const allOnPage = pageIds.length > 0 && pageIds.every((id) => selected.includes(id));
  const someOnPage = pageIds.some((id) => selected.includes(id));
  return (
    <ScrollArea label="Runs" className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-700">
      <table className="min-w-full divide-y divide-zinc-200 text-sm dark:divide-zinc-700">
        <caption className="sr-only">Runs, sortable by any column header</caption>
        <thead className="bg-zinc-50 dark:bg-zinc-800/60">
          <tr>
            <th scope="col" className={cn(pinFirst, headBg, 'px-3 py-2')}>
              <input
                type="checkbox"
                aria-label="Select all runs on this page"
                checked={allOnPage}
                ref={(el) => {
                  if (el) el.indeterminate = someOnPage && !allOnPage;
                }}
                onChange={(e) => onSelect(pageIds, e.target.checked)}
                className="size-4 accent-indigo-600"
              />
            </th>
            <SortHeader
              column="attributes.run_name"
              label="Run"
              sort={sort}
              href={sortHref('attributes.run_name')}
              className={cn(pinName, headBg)}
            />
            {showExperiment && (
              <th scope="col" className={thClass}>
                Experiment
              </th>
            )}
            <SortHeader column="attributes.status" label="Status" sort={sort} href={sortHref('attributes.status')} />
            <th scope="col" className={thClass}>
              Approach
            </th>
            <SortHeader
              column="attributes.start_time"
              label="Started"
              sort={sort}
              href={sortHref('attributes.start_time')}
            />
            <th scope="col" className={thClass}>
              Duration
            </th>
            <SortHeader column="attributes.user_id" label="User" sort={sort} href={sortHref('attributes.user_id')} />
            {columns.map((c) => {
              const ref = parseColumn(c);
              if (!ref) return null;
              const kind = ref.type === 'metric' ? 'metric' : ref.type === 'param' ? 'param' : 'tag';
              return (
                <SortHeader
                  key={c}
                  column={c}
                  label={`${kind === 'metric' ? '' : kind === 'param' ? 'param ' : 'tag '}${columnLabel(ref)}`}
                  sort={sort}
                  href={sortHref(c)}
                  title={c}
                />
              );
            })}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 bg-white dark:divide-zinc-800 dark:bg-zinc-900">
          {rows.map((r) => {
            const checked = selected.includes(r.id);
            const pinnedBg = checked ? 'bg-indigo-50 dark:bg-indigo-950' : 'bg-white dark:bg-zinc-900';
            return (
              <tr
                key={r.id}
                className={cn(
                  'hover:bg-zinc-50 dark:hover:bg-zinc-800/50',
                  checked && 'bg-indigo-50/60 dark:bg-indigo-950/40',
                )}
              >
                <td className={cn(pinFirst, pinnedBg, 'px-3 py-1.5')}>
                  <input
                    type="checkbox"
                    aria-label={`Select run ${r.name}`}
                    checked={checked}
                    onChange={(e) => onSelect([r.id], e.target.checked)}
                    className="size-4 accent-indigo-600"
                  />
                </td>
                <td className={cn(tdClass, pinName, pinnedBg)}>
                  {chartColors?.has(r.id) && (
                    <span
                      aria-hidden="true"
                      title="Its colour in the charts"
                      className="mr-2 inline-block size-2.5 rounded-full align-middle"
                      style={{ background: chartColors.get(r.id) }}
                    />
                  )}
                  <Link
                    href={`/${project}/runs/${r.id}`}
                    className="font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-400"
                  >
                    {r.name}
                  </Link>
                </td>
                {showExperiment && (
                  <td className={tdClass}>
                    <Link href={`/${project}/experiments/${r.experimentId}`} className="hover:underline">
                      {r.experimentName}
                    </Link>
                  </td>
                )}
                <td className={tdClass}>
                  <StatusBadge status={r.status} />
                </td>
                <td className={tdClass}>
                  <ApproachBadge approach={r.approach} />
                </td>
                <td className={cn(tdClass, 'tabular-nums')}>{r.startTime ? <LocalTime value={r.startTime} /> : '—'}</td>
                <td className={cn(tdClass, 'tabular-nums')}>
                  {r.endTime ? formatDuration(r.endTime - r.startTime) : r.status === 'RUNNING' ? 'running' : '—'}
                </td>
                <td className={tdClass}>{r.userId || <span className="text-zinc-600 dark:text-zinc-400">—</span>}</td>
                {columns.map((c) => (
                  <td key={c} className={tdClass}>
                    <Cell value={r.values[c]} metric={c.startsWith('metrics.')} />
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollArea>
  );
}
