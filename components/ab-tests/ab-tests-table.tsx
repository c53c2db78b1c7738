'use client';

import Link from 'next/link';
import { DataTable } from '@/components/ui/data-table';
import { StatusBadge } from './status-badge';

export type AbTestRow = {
  id: string;
  name: string;
  modelName: string;
  variants: { key: string; version: number; weight: number }[];
  primaryMetric: string;
  status: 'draft' | 'running' | 'stopped';
  shippedVariant: string | null;
  assigned: number;
  startedAt: Date | null;
  stoppedAt: Date | null;
};

const split = (variants: AbTestRow['variants']) => {
  const total = variants.reduce((s, v) => s + v.weight, 0);
  return variants.map((v) => `${v.key} v${v.version} ${Math.round((v.weight / total) * 100)}%`).join(' · ');
};

export function AbTestsTable({ project, rows }: { project: string; rows: AbTestRow[] }) {
  return (
    <DataTable
      caption="A/B tests"
      exportName={`${project}-ab-tests`}
      rows={rows}
      rowKey={(r) => r.id}
      empty={{
        title: 'No A/B tests yet',
        hint: 'Choose “New A/B test” at the top (two or more versions of a registered model and a primary metric), or POST /api/v1/ab-tests with a project token.',
        action: { href: '#new-ab-test', label: 'New A/B test' },
      }}
      columns={[
        {
          key: 'name',
          header: 'Test',
          value: (r) => r.name,
          render: (r) => (
            <Link
              className="font-medium text-indigo-700 hover:underline dark:text-indigo-400"
              href={`/${project}/ab-tests/${r.id}`}
            >
              {r.name}
            </Link>
          ),
        },
        { key: 'model', header: 'Model', value: (r) => r.modelName },
        { key: 'split', header: 'Variants and split', value: (r) => split(r.variants) },
        { key: 'metric', header: 'Primary metric', value: (r) => r.primaryMetric },
        {
          key: 'status',
          header: 'Status',
          value: (r) => r.status,
          render: (r) => <StatusBadge status={r.status} shipped={r.shippedVariant} />,
        },
        { key: 'decision', header: 'Shipped', value: (r) => r.shippedVariant ?? '' },
        { key: 'assigned', header: 'Units assigned', value: (r) => r.assigned.toLocaleString('en-US') },
        { key: 'started', header: 'Started', value: (r) => r.startedAt },
        { key: 'stopped', header: 'Stopped', value: (r) => r.stoppedAt },
      ]}
    />
  );
}
