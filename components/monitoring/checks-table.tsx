'use client';

import { DataTable } from '@/components/ui/data-table';
import type { EmptyAction } from '@/components/ui/empty-state';
import { fmt } from '@/components/charts/theme';

export type CheckRow = {
  id: string;
  trigger: string;
  status: string;
  windowStart: Date;
  windowEnd: Date;
  currentRows: number | null;
  referenceRows: number | null;
  sampled: boolean;
  datasetDrift: boolean | null;
  driftShare: number | null;
  drifted: string[];
  degraded: string[];
  durationMs: number | null;
  error: string | null;
};

export function ChecksTable({
  project,
  model,
  rows,
  emptyAction,
}: {
  project: string;
  model: string;
  rows: CheckRow[];
  emptyAction?: EmptyAction;
}) {
  return (
    <DataTable
      caption={`Checks of ${model}`}
      exportName={`${project}-${model}-checks`}
      rows={rows}
      rowKey={(r) => r.id}
      empty={{
        title: 'No checks yet',
        hint: 'Set a reference, then run a check above or let the schedule run one when a window closes.',
        action: emptyAction,
      }}
      columns={[
        { key: 'start', header: 'Window start', value: (r) => r.windowStart },
        { key: 'end', header: 'Window end', value: (r) => r.windowEnd },
        { key: 'trigger', header: 'Trigger', value: (r) => r.trigger },
        {
          key: 'status',
          header: 'Status',
          value: (r) => (r.status === 'failed' ? `failed: ${r.error ?? ''}` : r.status),
        },
        {
          key: 'rows',
          header: 'Rows (cur / ref)',
          value: (r) => `${r.currentRows ?? '—'} / ${r.referenceRows ?? '—'}${r.sampled ? ' (sampled)' : ''}`,
        },
        {
          key: 'dataset',
          header: 'Dataset drift',
          value: (r) =>
            r.datasetDrift === null ? '' : r.datasetDrift ? `yes (${fmt((r.driftShare ?? 0) * 100, 3)}%)` : 'no',
        },
        { key: 'drifted', header: 'Drifted features', value: (r) => r.drifted.join(', ') },
        { key: 'degraded', header: 'Degraded metrics', value: (r) => r.degraded.join(', ') },
        { key: 'ms', header: 'Took', value: (r) => (r.durationMs === null ? '' : `${r.durationMs} ms`) },
      ]}
    />
  );
}
