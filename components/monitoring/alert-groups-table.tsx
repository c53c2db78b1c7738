'use client';

import Link from 'next/link';
import { DataTable } from '@/components/ui/data-table';
import type { EmptyAction } from '@/components/ui/empty-state';
import { Flag } from '@/components/success-metrics/status-badge';
import { ALERT_KIND_LABELS } from '@/lib/monitoring/vocabulary';
import type { AlertGroup } from '@/lib/overview/health';

/** Unresolved alerts of every model, one row per model and kind; each model's page lists them one by one. */
export function AlertGroupsTable({
  project,
  groups,
  emptyAction,
}: {
  project: string;
  groups: AlertGroup[];
  emptyAction?: EmptyAction;
}) {
  return (
    <DataTable
      caption="Alerts by model and kind"
      exportName={`${project}-alerts-by-model`}
      rows={groups}
      rowKey={(g) => `${g.model}-${g.kind}`}
      empty={{
        title: 'No open or acknowledged alerts',
        hint: 'Scheduled and manual checks on a monitored model raise alerts here; resolved ones stay on the model’s page.',
        action: emptyAction,
      }}
      columns={[
        {
          key: 'model',
          header: 'Model',
          value: (g) => g.model,
          render: (g) => (
            <Link
              className="font-medium text-indigo-700 hover:underline dark:text-indigo-400"
              href={`/${project}/monitoring/${encodeURIComponent(g.model)}#alerts`}
            >
              {g.model}
            </Link>
          ),
        },
        { key: 'kind', header: 'Kind', value: (g) => ALERT_KIND_LABELS[g.kind] },
        {
          key: 'severity',
          header: 'Severity',
          value: (g) => g.severity,
          render: (g) => <Flag tone={g.severity === 'critical' ? 'red' : 'amber'}>{g.severity}</Flag>,
        },
        { key: 'count', header: 'Alerts', value: (g) => g.count },
        { key: 'open', header: 'Open', value: (g) => g.open },
        { key: 'acknowledged', header: 'Acknowledged', value: (g) => g.acknowledged },
        { key: 'subjects', header: 'Features or metrics', value: (g) => g.subjects.join(', ') },
        { key: 'last', header: 'Last seen', value: (g) => new Date(g.lastSeenAt) },
      ]}
    />
  );
}
