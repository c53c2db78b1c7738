'use client';

import Link from 'next/link';
import { DataTable } from '@/components/ui/data-table';
import type { EmptyAction } from '@/components/ui/empty-state';
import { LocalTime } from '@/components/ui/local-time';
import { formatTimestamp } from '@/lib/format';
import { SCHEDULE_LABELS, type Schedule } from '@/lib/monitoring/windows';

export type MonitorRow = {
  id: string;
  model: string;
  stage: string;
  servingVersion: number | null;
  predictions: number;
  schedule: Schedule;
  /** The reference window, or what stands in for one ("Uploaded dataset", "Not set"). */
  reference: { from: Date; to: Date } | string;
  lastWindowEnd: Date | null;
  datasetDrift: boolean | null;
  /** Unresolved dataset-drift alerts: drift stays "yes" until someone resolves them, whatever the latest check says. */
  openDatasetDriftAlerts: number;
  drifted: string[];
  openAlerts: number;
};

function describeDatasetDrift(r: MonitorRow): string {
  const alert = r.openDatasetDriftAlerts > 0;
  if (r.datasetDrift) return alert ? 'Yes (alert open)' : 'Yes';
  if (alert) return r.datasetDrift === false ? 'Yes (alert open; latest check: no)' : 'Yes (alert open)';
  return r.datasetDrift === null ? '—' : 'No';
}

export function MonitorsTable({
  project,
  rows,
  emptyAction,
}: {
  project: string;
  rows: MonitorRow[];
  emptyAction: EmptyAction;
}) {
  return (
    <DataTable
      caption="Monitored models"
      exportName={`${project}-monitored-models`}
      rows={rows}
      rowKey={(r) => r.id}
      empty={{
        title: 'No model is monitored yet',
        hint: 'Log predictions with POST /api/v1/models/{name}/predictions (a project token), or start monitoring a registered model below.',
        action: emptyAction,
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
        {
          key: 'reference',
          header: 'Reference',
          value: (r) =>
            typeof r.reference === 'string'
              ? r.reference
              : `${formatTimestamp(r.reference.from.getTime())} – ${formatTimestamp(r.reference.to.getTime())}`,
          render: (r) =>
            typeof r.reference === 'string' ? (
              r.reference
            ) : (
              <>
                <LocalTime value={r.reference.from} /> – <LocalTime value={r.reference.to} />
              </>
            ),
        },
        { key: 'schedule', header: 'Schedule', value: (r) => SCHEDULE_LABELS[r.schedule] },
        { key: 'last', header: 'Last checked window ends', value: (r) => r.lastWindowEnd },
        {
          key: 'drift',
          header: 'Dataset drift',
          value: (r) => describeDatasetDrift(r),
          render: (r) =>
            r.datasetDrift || r.openDatasetDriftAlerts > 0 ? (
              <strong className="text-red-700 dark:text-red-400">{describeDatasetDrift(r)}</strong>
            ) : (
              describeDatasetDrift(r)
            ),
        },
        { key: 'drifted', header: 'Drifted features', value: (r) => r.drifted.join(', ') },
        { key: 'alerts', header: 'Open alerts', value: (r) => r.openAlerts },
      ]}
    />
  );
}
