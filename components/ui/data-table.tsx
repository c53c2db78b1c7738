'use client';

import type { ReactNode } from 'react';
import { Button } from './button';
import { downloadCsv } from './download-csv';
import { type EmptyAction, EmptyState } from './empty-state';
import { LocalTime } from './local-time';
import { ScrollArea } from './scroll-area';

export type Column<R> = {
  key: string;
  header: string;
  /** Plain value for sorting-free display and for CSV export. */
  value: (row: R) => unknown;
  render?: (row: R) => ReactNode;
};

/** A table with a CSV export of exactly what it lists, and an empty state that says what to do. */
export function DataTable<R>({
  caption,
  columns,
  rows,
  rowKey,
  exportName,
  empty,
  Row = PlainRow,
}: {
  caption: string;
  columns: Column<R>[];
  rows: R[];
  rowKey: (row: R) => string;
  exportName: string;
  empty: { title: string; hint: string; action?: EmptyAction };
  /** Draws each `<tr>` (a sortable row, for instance); the cells come as children. */
  Row?: (props: { row: R; children: ReactNode }) => ReactNode;
}) {
  if (rows.length === 0) return <EmptyState {...empty} />;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-center justify-between">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {rows.length} {rows.length === 1 ? 'row' : 'rows'}
        </p>
        <Button
          variant="secondary"
          onClick={() =>
            downloadCsv(
              `${exportName}.csv`,
              columns.map((c) => c.header),
              rows.map((r) => columns.map((c) => c.value(r))),
            )
          }
        >
          Export CSV
        </Button>
      </div>
      <ScrollArea label={caption} className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-700">
        <table className="min-w-full divide-y divide-zinc-200 text-sm dark:divide-zinc-700">
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-zinc-50 dark:bg-zinc-800/60">
            <tr>
              {columns.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  className="px-3 py-2 text-left font-semibold text-zinc-700 dark:text-zinc-200"
                >
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {rows.map((r) => (
              <Row key={rowKey(r)} row={r}>
                {columns.map((c) => (
                  <td key={c.key} className="px-3 py-2 align-top text-zinc-800 dark:text-zinc-200">
                    {c.render ? c.render(r) : formatCell(c.value(r))}
                  </td>
                ))}
              </Row>
            ))}
          </tbody>
        </table>
      </ScrollArea>
    </div>
  );
}

function PlainRow({ children }: { children: ReactNode }) {
  return <tr>{children}</tr>;
}

function formatCell(value: unknown): ReactNode {
  if (value == null || value === '') return <span className="text-zinc-600 dark:text-zinc-400">—</span>;
  if (value instanceof Date) return <LocalTime value={value} />;
  return String(value);
}
