'use client';

import Link from 'next/link';
import { Fragment, memo } from 'react';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { downloadCsv } from '@/components/ui/download-csv';
import { ScrollArea } from '@/components/ui/scroll-area';
import type { CompareValue, DiffRow } from '@/lib/tracking/compare-view';
import { formatMetric } from '@/lib/format';
import { ApproachBadge } from './badges';
import type { CompareRun } from './compare-types';

const SECTION_LABEL: Record<DiffRow['section'], string> = {
  params: 'Parameters',
  metrics: 'Metrics (latest)',
  tags: 'Tags',
};

const show = (v: CompareValue, metric: boolean) =>
  v === null ? null : metric && typeof v === 'number' ? formatMetric(v) : String(v);

/**
 * Params, metrics and tags of every compared run side by side; rows where the runs disagree are highlighted (and
 * can be the only rows shown). Runs hidden from the charts keep their column, marked as hidden.
 */
export const DiffTable = memo(function DiffTable({
  project,
  runs,
  hidden,
  rows,
  onlyDiff,
  onOnlyDiff,
}: {
  project: string;
  runs: CompareRun[];
  hidden: string[];
  rows: DiffRow[];
  onlyDiff: boolean;
  onOnlyDiff: (on: boolean) => void;
}) {
  const shown = onlyDiff ? rows.filter((r) => r.differs) : rows;
  const differing = rows.filter((r) => r.differs).length;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-4">
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={onlyDiff}
            onChange={(e) => onOnlyDiff(e.target.checked)}
            className="size-4 accent-indigo-600"
          />
          Only differences
        </label>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {differing} of {rows.length} values differ
        </p>
        <Button
          variant="secondary"
          className="ml-auto"
          onClick={() =>
            downloadCsv(
              `${project}-compare.csv`,
              ['section', 'key', 'differs', ...runs.map((r) => `${r.name} (${r.id})`)],
              shown.map((r) => [r.section, r.key, r.differs ? 'yes' : 'no', ...r.values]),
            )
          }
        >
          Export CSV
        </Button>
      </div>
      {shown.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-4 text-sm text-zinc-600 dark:border-zinc-600 dark:text-zinc-400">
          {rows.length === 0
            ? 'These runs logged no params, metrics or tags.'
            : 'No differences: these runs have the same params, latest metrics and tags. Untick "Only differences" to see them.'}
        </p>
      ) : (
        <ScrollArea
          label="Differences"
          className="max-h-[36rem] overflow-auto rounded-lg border border-zinc-200 dark:border-zinc-700"
        >
          <table className="min-w-full text-sm">
            <caption className="sr-only">Differences between the compared runs; highlighted rows differ</caption>
            <thead className="sticky top-0 z-10 bg-zinc-50 dark:bg-zinc-800">
              <tr>
                <th scope="col" className="px-3 py-2 text-left font-semibold">
                  Key
                </th>
                {runs.map((r) => (
                  <th key={r.id} scope="col" className="px-3 py-2 text-left align-top font-semibold">
                    <span className="flex items-center gap-1.5">
                      <span
                        aria-hidden="true"
                        className="inline-block size-2.5 rounded-full"
                        style={{ background: r.color }}
                      />
                      <Link
                        href={`/${project}/runs/${r.id}`}
                        className="whitespace-nowrap text-indigo-700 hover:underline dark:text-indigo-400"
                      >
                        {r.name}
                      </Link>
                    </span>
                    <span className="mt-1 block">
                      <ApproachBadge approach={r.approach} />
                    </span>
                    {hidden.includes(r.id) && (
                      <span className="mt-1 block text-xs font-normal text-zinc-600 dark:text-zinc-400">
                        hidden in the charts
                      </span>
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(['params', 'metrics', 'tags'] as const).map((section) => {
                const inSection = shown.filter((r) => r.section === section);
                if (inSection.length === 0) return null;
                return (
                  <Fragment key={section}>
                    <tr className="bg-zinc-100 dark:bg-zinc-800/70">
                      <th
                        scope="colgroup"
                        colSpan={runs.length + 1}
                        className="px-3 py-1 text-left text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-300"
                      >
                        {SECTION_LABEL[section]}
                      </th>
                    </tr>
                    {inSection.map((row) => (
                      <tr
                        key={`${section}.${row.key}`}
                        data-differs={row.differs || undefined}
                        className={cn(
                          'border-t border-zinc-100 dark:border-zinc-800',
                          row.differs && 'bg-amber-50 dark:bg-amber-950/40',
                        )}
                      >
                        <th scope="row" className="whitespace-nowrap px-3 py-1.5 text-left font-mono font-normal">
                          {section}.{row.key}
                          {row.differs && (
                            <span className="ml-2 rounded bg-amber-200 px-1.5 py-0.5 font-sans text-xs font-semibold text-amber-900 dark:bg-amber-800 dark:text-amber-100">
                              differs
                            </span>
                          )}
                        </th>
                        {row.values.map((v, i) => (
                          <td
                            key={runs[i]!.id}
                            className={cn('max-w-xs truncate px-3 py-1.5 font-mono', row.differs && 'font-semibold')}
                            title={v === null ? undefined : String(v)}
                          >
                            {show(v, section === 'metrics') ?? (
                              <span className="font-sans font-normal text-zinc-600 dark:text-zinc-400">—</span>
                            )}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </ScrollArea>
      )}
    </div>
  );
});
