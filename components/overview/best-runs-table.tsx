'use client';

import Link from 'next/link';
import { DataTable } from '@/components/ui/data-table';
import { formatValue } from '../success-metrics/chart-format';

type Row = {
  metricId: string;
  metricName: string;
  key: string;
  unit: string;
  value: number | null;
  run: { id: string; name: string } | null;
  achieved: boolean;
};

export function BestRunsTable({ project, rows }: { project: string; rows: Row[] }) {
  return (
    <DataTable
      caption="Best run per primary metric"
      exportName={`${project}-best-runs`}
      rows={rows}
      rowKey={(r) => r.metricId}
      empty={{
        title: 'No primary metric reads a run metric',
        hint: 'In Success metrics, set a primary metric’s value to come from the best run metric.',
        action: { href: `/${project}/metrics`, label: 'Open Success metrics' },
      }}
      columns={[
        {
          key: 'metric',
          header: 'Metric',
          value: (r) => r.metricName,
          render: (r) => (
            <Link
              className="text-indigo-700 hover:underline dark:text-indigo-400"
              href={`/${project}/metrics/${r.metricId}`}
            >
              {r.metricName}
            </Link>
          ),
        },
        { key: 'key', header: 'Run metric', value: (r) => r.key },
        {
          key: 'value',
          header: 'Best value',
          value: (r) =>
            r.value === null ? '' : `${formatValue(r.value)}${r.unit ? ` ${r.unit}` : ''}${r.achieved ? ' ✓' : ''}`,
        },
        {
          key: 'run',
          header: 'Run',
          value: (r) => r.run?.name ?? '',
          render: (r) =>
            r.run ? (
              <Link
                className="text-indigo-700 hover:underline dark:text-indigo-400"
                href={`/${project}/runs/${r.run.id}`}
              >
                {r.run.name}
              </Link>
            ) : (
              'No run has logged it yet'
            ),
        },
      ]}
    />
  );
}
