'use client';

import Link from 'next/link';
import { DataTable } from '@/components/ui/data-table';
import { SCHEDULE_LABELS, type Schedule } from '@/lib/monitoring/windows';

export type MonitorRow = {
  id: string;
  model: string;
  stage: string;
  servingVersion: number | null;
  predictions: number;
  schedule: Schedule;
  reference: string;
  lastWindowEnd: Date | null;
  datasetDrift: boolean | null;
  drifted: string[];
  openAlerts: number;
};

export function MonitorsTable({ project, rows }: { project: string; rows: MonitorRow[] }) {
  return (
    <DataTable
      caption="Monitored models"
      exportName={`${project}-monitored-models`}
      rows={rows}
      rowKey={(r) => r.id}
      empty={{
        title: 'No model is monitored yet',
        hint: 'Log predictions with POST /api/v1/models/{name}/predictions (a project token), or start monitoring a registered model below.',
        action: { href: '#start-monitoring', label: 'Start monitoring' },
      }}
      columns={[
        {
          key: 'model',
          header: 'Model',
          value: (r) => r.model,
          render: (r) => (
            <Link
              className="font-medium text-indigo-700 hover:underline dark:text-indigo-400"
              href={`/${project}/monitoring/${encodeURIComponent(r.model)}`}
            >
              {r.model}
            </Link>
          ),
        },
        {
          key: 'serving',
          header: 'Serving',
          value: (r) => (r.servingVersion ? `v${r.servingVersion} (${r.stage})` : `none in ${r.stage}`),
        },
        { key: 'predictions', header: 'Predictions', value: (r) => r.predictions.toLocaleString('en-US') },
        { key: 'reference', header: 'Reference', value: (r) => r.reference },
        { key: 'schedule', header: 'Schedule', value: (r) => SCHEDULE_LABELS[r.schedule] },
        { key: 'last', header: 'Last checked window ends', value: (r) => r.lastWindowEnd },
        {
          key: 'drift',
          header: 'Dataset drift',
          value: (r) => (r.datasetDrift === null ? '' : r.datasetDrift ? 'yes' : 'no'),
          render: (r) =>
            r.datasetDrift === null ? (
              '—'
            ) : r.datasetDrift ? (
              <strong className="text-red-700 dark:text-red-400">Yes</strong>
            ) : (
              'No'
            ),
        },
        { key: 'drifted', header: 'Drifted features', value: (r) => r.drifted.join(', ') },
        { key: 'alerts', header: 'Open alerts', value: (r) => r.openAlerts },
      ]}
    />
  );
}
