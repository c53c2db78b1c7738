'use client';

import Link from 'next/link';
import { DataTable } from '@/components/ui/data-table';
import {
  KIND_LABELS,
  type MetricKind,
  type MetricSource,
  type MetricStatus,
  type MetricTarget,
  SOURCE_LABELS,
  STATUS_LABELS,
  describeTarget,
} from '@/lib/success-metrics/status';
import { formatValue } from './chart-format';
import { MetricSparkline } from '@/components/charts/lazy-charts';
import { Flag, MetricStatusBadge } from './status-badge';
import { formatDay } from '@/lib/format';

export type MetricRow = MetricTarget & {
  id: string;
  name: string;
  kind: MetricKind;
  unit: string;
  isPrimary: boolean;
  current: number | null;
  status: MetricStatus;
  deadline: string;
  ownerName: string | null;
  source: MetricSource;
  sourceKey: string | null;
  history: Array<{ at: number; value: number }>;
};

export function MetricsTable({ project, rows, canEdit }: { project: string; rows: MetricRow[]; canEdit: boolean }) {
  return (
    <DataTable
      caption="Success metrics"
      exportName={`${project}-success-metrics`}
      rows={rows}
      rowKey={(r) => r.id}
      empty={{
        title: 'No success metrics yet',
        hint: canEdit
          ? 'Choose “New success metric” at the top: what counts as success, its target and its deadline.'
          : 'An editor defines what counts as success here.',
        action: canEdit ? { href: '#new-metric', label: 'Define a success metric' } : undefined,
      }}
      columns={[
        {
          key: 'name',
          header: 'Metric',
          value: (r) => r.name,
          render: (r) => (
            <span className="flex flex-wrap items-center gap-1.5">
              <Link
                className="font-medium text-indigo-700 hover:underline dark:text-indigo-400"
                href={`/${project}/metrics/${r.id}`}
              >
                {r.name}
              </Link>
              {r.isPrimary && <Flag tone="indigo">Primary</Flag>}
            </span>
          ),
        },
        { key: 'kind', header: 'Kind', value: (r) => KIND_LABELS[r.kind] },
        { key: 'target', header: 'Target', value: (r) => describeTarget(r, r.unit) },
        {
          key: 'current',
          header: 'Current',
          value: (r) => (r.current === null ? '' : `${formatValue(r.current)}${r.unit ? ` ${r.unit}` : ''}`),
        },
        {
          key: 'status',
          header: 'Status',
          value: (r) => STATUS_LABELS[r.status],
          render: (r) => <MetricStatusBadge status={r.status} />,
        },
        {
          key: 'trend',
          header: 'Trend',
          value: (r) => r.history.map((h) => formatValue(h.value)).join(' '),
          render: (r) => (
            <MetricSparkline
              label={`${r.name} trend`}
              points={r.history}
              target={r.direction === 'higher_better' || r.direction === 'lower_better' ? r.target : null}
            />
          ),
        },
        { key: 'deadline', header: 'Deadline', value: (r) => r.deadline, render: (r) => formatDay(r.deadline) },
        { key: 'owner', header: 'Owner', value: (r) => r.ownerName },
        {
          key: 'source',
          header: 'Source',
          value: (r) => (r.source === 'manual' ? SOURCE_LABELS.manual : `${SOURCE_LABELS[r.source]}: ${r.sourceKey}`),
        },
      ]}
    />
  );
}
